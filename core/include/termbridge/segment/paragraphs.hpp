#pragma once

// Paragraphs of a text read line by line: a blank line (empty or only white space) ends a
// paragraph; several blank lines are one break.

#include <cstdint>
#include <string>

#include "termbridge/text/decode.hpp"

namespace termbridge::segment {

class ParagraphReader {
 public:
  explicit ParagraphReader(text::LineReader& lines) : lines_(lines) {}

  // Puts the next paragraph into `paragraph`: its lines joined by '\n', without line ends.
  // Returns false at the end of the input. Memory holds one paragraph. Throws what
  // text::LineReader throws.
  bool next(std::string& paragraph);

  // The 1-based line number where the paragraph last returned starts.
  std::uint64_t first_line() const noexcept { return first_line_; }
  // Bytes of the input consumed so far, for progress display.
  std::uint64_t bytes_read() const noexcept { return lines_.bytes_read(); }

 private:
  text::LineReader& lines_;
  std::string line_;
  std::uint64_t first_line_ = 0;
};

// True when `line` holds only white space (or nothing).
bool is_blank(std::string_view line);

}  // namespace termbridge::segment
