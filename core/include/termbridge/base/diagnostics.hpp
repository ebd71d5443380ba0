#pragma once

// Warnings collected while reading, for the caller to print (core never prints).

#include <string>
#include <vector>

#include "termbridge/base/error.hpp"

namespace termbridge {

// What a reader does with a bad entry (a ragged CSV row, a unit without text, ...).
enum class OnBadEntry {
  fail,  // throw Error at the first one (the default)
  warn,  // skip it and add a Diagnostic
  skip,  // skip it silently
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
};

class Diagnostics {
 public:
  void warn(SourceLocation where, std::string message) {
    items_.push_back({std::move(where), std::move(message)});
  }
  const std::vector<Diagnostic>& items() const noexcept { return items_; }
  bool empty() const noexcept { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace termbridge
