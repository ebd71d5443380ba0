#pragma once

// Paragraphs of a text read line by line: a blank line (empty or only white space) ends a
// paragraph; several blank lines are one break. So that memory stays bounded on files
// without blank lines (one sentence or paragraph per line), a paragraph that reaches
// `max_bytes` also ends at the end of its current line.

#include <cstddef>
#include <cstdint>
#include <string>

#include "termbridge/text/decode.hpp"

namespace termbridge::segment {

class ParagraphReader {
 public:
  explicit ParagraphReader(text::LineReader& lines, std::size_t max_bytes = kMaxBytes)
      : lines_(lines), max_bytes_(max_bytes) {}

  static constexpr std::size_t kMaxBytes = 1 << 20;

  // Puts the next paragraph into `paragraph`: its lines joined by '\n', without line ends.
  // Returns false at the end of the input. Memory holds one paragraph. Throws what
  // text::LineReader throws.
  bool next(std::string& paragraph);

  // True when the paragraph last returned was cut at max_bytes rather than ended by a
  // blank line: it continues the one before.
  bool continues() const noexcept { return continues_; }
  // The 1-based line number where the paragraph last returned starts.
  std::uint64_t first_line() const noexcept { return first_line_; }
  // Bytes of the input consumed so far, for progress display.
  std::uint64_t bytes_read() const noexcept { return lines_.bytes_read(); }

 private:
  text::LineReader& lines_;
  std::string line_;
  std::size_t max_bytes_;
  std::uint64_t first_line_ = 0;
  bool cut_ = false;        // the last paragraph was cut at max_bytes_
  bool continues_ = false;  // the current one follows a cut
};

// True when `line` holds only white space (or nothing).
bool is_blank(std::string_view line);

}  // namespace termbridge::segment
