#pragma once

// Turning bytes from files into checked UTF-8 text, and reading text line by line.
//
// termbridge works on UTF-8 inside. Other encodings are decoded once, at the edge:
// UTF-16 (with a byte-order mark) and the legacy Korean encodings CP949 / EUC-KR. Decoding is
// strict: a byte that is not valid in the declared encoding is an error with its position,
// never dropped or replaced.

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace termbridge::text {

enum class Encoding {
  auto_detect,  // UTF-8, or UTF-16 when the input starts with a UTF-16 byte-order mark
  utf8,
  utf16,  // byte order from the byte-order mark; little-endian without one
  cp949,  // Windows code page 949 (Unified Hangul Code), a superset of EUC-KR
  euc_kr,
};

// "auto", "utf-8"/"utf8", "utf-16"/"utf16", "cp949"/"uhc"/"ms949", "euc-kr"/"euckr", any case.
// Throws Error(invalid_argument) naming the value for anything else.
Encoding parse_encoding(std::string_view name);

// Decodes a whole input to UTF-8: strips a UTF-8 or UTF-16 byte-order mark, decodes, and
// checks the result (see check_utf8). `source_name` is used in error messages.
// Line ends are left as they are.
std::string decode_to_utf8(std::string_view bytes, Encoding encoding, std::string_view source_name);

// Throws Error(unicode) at the first invalid UTF-8 sequence or NUL byte, naming line, column
// (in code points, 1-based) and byte offset. `first_line` and `base_offset` say where `text`
// starts within its file.
void check_utf8(std::string_view text, std::string_view source_name, std::uint64_t first_line = 1,
                std::uint64_t base_offset = 0);

// Replaces CRLF and lone CR by LF.
std::string normalize_newlines(std::string_view text);

// Reads checked UTF-8 lines from a stream, whatever its line ends (LF, CRLF, CR) and
// whatever the byte-order mark. UTF-8 input is streamed (memory holds one line); UTF-16 and
// legacy encodings are decoded whole first.
class LineReader {
 public:
  LineReader(std::istream& in, std::string source_name, Encoding encoding = Encoding::auto_detect);

  // Puts the next line, without its line end, into `line`. Returns false at the end of the
  // input. Throws Error(unicode) for invalid text and Error(io) when the stream fails.
  bool next(std::string& line);

  // The 1-based number of the line last returned by next().
  std::uint64_t line_number() const noexcept { return line_no_; }
  // Bytes consumed so far (of the decoded UTF-8 for non-UTF-8 input); for progress display.
  std::uint64_t bytes_read() const noexcept { return consumed_; }
  const std::string& source_name() const noexcept { return name_; }

 private:
  bool fill();
  void start();

  std::istream& in_;
  std::string name_;
  Encoding encoding_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_no_ = 0;
  std::uint64_t consumed_ = 0;     // bytes before buf_[pos_]
  std::uint64_t file_offset_ = 0;  // file offset of buf_[0] (UTF-8 input)
  bool decoded_whole_ = false;     // buf_ holds the whole decoded input
};

}  // namespace termbridge::text
