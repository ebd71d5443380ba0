#include "termbridge/segment/paragraphs.hpp"

#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace termbridge::segment {

bool is_blank(std::string_view line) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(line.data());
  auto n = static_cast<std::int32_t>(line.size());
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) {
      return false;
    }
  }
  return true;
}

bool ParagraphReader::next(std::string& paragraph) {
  paragraph.clear();
  while (lines_.next(line_)) {
    if (is_blank(line_)) {
      if (!paragraph.empty()) {
        return true;
      }
      continue;
    }
    if (paragraph.empty()) {
      first_line_ = lines_.line_number();
      paragraph.swap(line_);  // a long single-line paragraph is not copied
    } else {
      paragraph += '\n';
      paragraph += line_;
    }
  }
  return !paragraph.empty();
}

}  // namespace termbridge::segment
