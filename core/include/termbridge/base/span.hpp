#pragma once

#include <cstddef>
#include <string_view>

namespace termbridge {

// A half-open range [begin, end) of byte offsets into a UTF-8 string.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const noexcept { return end - begin; }
  bool empty() const noexcept { return begin == end; }
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace termbridge
