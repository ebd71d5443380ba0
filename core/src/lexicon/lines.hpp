#pragma once

// The line loop of the lexicon's text formats (a lexicon file, a dictionary). Private.

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace termbridge::lexicon::detail {

// Calls fn(number, text) for each line of `in`, 1-based, without its line end (LF or CRLF)
// and, on the first line, without a UTF-8 byte order mark.
template <class Fn>
void for_each_line(std::istream& in, Fn&& fn) {
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    std::string_view text = line;
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") {
      text.remove_prefix(3);
    }
    fn(number, text);
  }
}

}  // namespace termbridge::lexicon::detail
