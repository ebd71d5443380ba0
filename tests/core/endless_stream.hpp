#pragma once

// A stream that never ends, for tests of bounded reading: `head`, then `pattern` over and
// over (like /dev/zero), counting the bytes taken from it.

#include <cstdint>
#include <streambuf>
#include <string>

namespace termbridge::testing {

class Endless : public std::streambuf {
 public:
  explicit Endless(std::string pattern) : Endless(std::string(), std::move(pattern)) {}
  Endless(std::string head, const std::string& pattern) : head_(std::move(head)) {
    while (block_.size() < 4096) {
      block_ += pattern;
    }
    setg(head_.data(), head_.data(), head_.data() + head_.size());
  }
  std::uint64_t served = 0;

 protected:
  int_type underflow() override {
    served += block_.size();
    setg(block_.data(), block_.data(), block_.data() + block_.size());
    return traits_type::to_int_type(block_[0]);
  }

 private:
  std::string head_;
  std::string block_;
};

}  // namespace termbridge::testing
