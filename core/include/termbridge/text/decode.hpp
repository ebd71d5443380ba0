#pragma once

// Turning bytes from files into checked UTF-8 text, and reading text line by line.
//
// termbridge works on UTF-8 inside. Other encodings are decoded once, at the edge: UTF-16,
// the legacy Korean encodings CP949 / EUC-KR, and any encoding ICU's converters know
// (windows-125x, ISO-8859-x, Shift_JIS, GB18030, Big5, ...). Decoding is strict: a byte that
// is not valid in the encoding is an error with its position, never dropped or replaced.

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

#include "termbridge/base/error.hpp"

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

// Text decoded by decode_text: checked UTF-8 without a byte-order mark, line ends as they
// were; the encoding it was decoded from ("utf-8", "utf-16le", "cp949", or the name given);
// and whether that encoding was guessed from the bytes (the caller should say so).
struct Decoded {
  std::string text;
  std::string encoding;
  bool sniffed = false;
};

// Decodes a whole text input. `encoding` is any name ICU's converters know (cp949 means the
// Windows code page), or "" / "auto": a byte-order mark decides, else valid UTF-8 is taken as
// it is, else a guess that decodes cleanly — UTF-16 when NUL bytes say so, else CP949 — with
// `sniffed` set. Throws Error(unicode) with file, line, column and byte offset at the first
// byte invalid in the encoding (for "auto": the first invalid UTF-8, suggesting --encoding),
// and Error(invalid_argument) for an encoding name ICU does not know.
Decoded decode_text(std::string_view bytes, std::string_view encoding,
                    std::string_view source_name);

// Decodes an XML document to UTF-8 by its byte-order mark or, without one, by the XML
// declaration's encoding (UTF-16 without a byte-order mark is recognized by its NUL bytes),
// and rewrites the declaration to say UTF-8. A UTF-16 declaration on single-byte text (left
// by a reader that decoded the file) is read as UTF-8. Throws Error(unicode) for an unknown
// declared encoding (naming it, at line 1) and for bytes invalid in the encoding (with their
// position).
std::string decode_xml(std::string_view bytes, std::string_view source_name);

// Whether `name` is "auto", "" or an encoding decode_text can decode.
bool is_known_encoding(std::string_view name);

// Throws Error(unicode) at the first invalid UTF-8 sequence or NUL byte, naming line, column
// (in code points, 1-based) and byte offset. `first_line` and `base_offset` say where `text`
// starts within its file.
void check_utf8(std::string_view text, std::string_view source_name, std::uint64_t first_line = 1,
                std::uint64_t base_offset = 0);

// How much one read may hold in memory, so that no input (/dev/zero, a file without line
// ends, a never-ending pipe) makes termbridge grow until the machine runs out of memory.
// Process-wide: the command line sets them once (--max-line, --max-input) before reading.
struct ReadLimits {
  // The longest line of text, and the largest XML tag, TMX unit or run of text between tags
  // of a streamed XML file. 64 MiB: far beyond any real line, and a 30 MB line still reads.
  std::uint64_t max_line = std::uint64_t{64} << 20;
  // The largest input read whole: XLIFF, TBX and term-base files (loaded as one document),
  // and text that is not UTF-8 (decoded whole).
  std::uint64_t max_input = std::uint64_t{1} << 30;
};
ReadLimits read_limits() noexcept;
void set_read_limits(const ReadLimits& limits) noexcept;
// "64 MiB", "1 GiB", "1000 bytes": a limit as messages print it.
std::string format_size(std::uint64_t bytes);

// Reads a whole input that is loaded as one document. Throws Error(io) naming `source_name`
// when it is larger than read_limits().max_input, and Error(unicode) at the line and column
// of a NUL byte as soon as it arrives, unless the input starts like UTF-16 or UTF-32 (a
// byte-order mark, or NULs at one parity), where NUL bytes are part of the characters.
// `head` is bytes already taken from the stream, read first.
// `encoding` as for decode_text: a UTF-16 or UTF-32 name allows NUL bytes whatever the head.
// check_no_nul applies the same rule to bytes already read (the head of an input).
std::string read_whole(std::istream& in, std::string_view source_name, std::string head = {},
                       std::string_view encoding = "auto");
void check_no_nul(std::string_view data, std::string_view source_name,
                  std::string_view encoding = "auto");

// Replaces CRLF and lone CR by LF.
std::string normalize_newlines(std::string_view text);

// Reads checked UTF-8 lines from a stream, whatever its line ends (LF, CRLF, CR) and
// whatever the byte-order mark. UTF-8 input is streamed (memory holds one line); UTF-16 and
// legacy encodings are decoded whole first.
class LineReader {
 public:
  LineReader(std::istream& in, std::string source_name, Encoding encoding = Encoding::auto_detect);
  // `encoding` as for decode_text. With "auto", input that is not UTF-8 in the first 64-128 KiB
  // is decoded whole by decode_text (and may be guessed: see sniffed()).
  LineReader(std::istream& in, std::string source_name, std::string_view encoding);

  // Puts the next line, without its line end, into `line`. Returns false at the end of the
  // input. Throws Error(unicode) for invalid text and Error(io) when the stream fails.
  bool next(std::string& line);

  // The 1-based number of the line last returned by next().
  std::uint64_t line_number() const noexcept { return line_no_; }
  // Bytes consumed so far (of the decoded UTF-8 for non-UTF-8 input); for progress display.
  std::uint64_t bytes_read() const noexcept { return consumed_; }
  const std::string& source_name() const noexcept { return name_; }
  // After the first next(): the encoding the input was read in, and whether it was guessed.
  const std::string& encoding() const noexcept { return used_encoding_; }
  bool sniffed() const noexcept { return sniffed_; }
  // Called once, before the first line, with the encoding when it was guessed: a caller
  // says so to the user.
  void on_sniffed(std::function<void(const std::string& encoding)> fn) {
    on_sniffed_ = std::move(fn);
  }

 private:
  bool fill();
  void start();
  void check_new_bytes();
  void check_length(std::size_t line_bytes) const;
  [[noreturn]] void fail_at(std::size_t at, const Error& e) const;

  std::istream& in_;
  std::string name_;
  std::string encoding_;  // a name for decode_text; "auto" or "utf-8" stream
  bool guess_ = false;    // "auto" may guess a legacy encoding
  std::string used_encoding_;
  bool sniffed_ = false;
  std::function<void(const std::string&)> on_sniffed_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_no_ = 0;
  std::uint64_t consumed_ = 0;     // bytes before buf_[pos_]
  std::uint64_t file_offset_ = 0;  // file offset of buf_[0] (UTF-8 input)
  bool decoded_whole_ = false;     // buf_ holds the whole decoded input
  bool streaming_ = false;         // UTF-8 read chunk by chunk, checked as it arrives
  std::size_t checked_ = 0;        // buf_[0, checked_) is checked UTF-8 (streamed input)
};

}  // namespace termbridge::text
