#pragma once

// The one exception type of termbridge, and where in a file an error was found.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace termbridge {

// What went wrong, coarse enough for a caller to decide what to do.
enum class ErrorKind {
  io,                // a file could not be opened, read or written
  parse,             // a file is not in the format it claims to be
  invalid_argument,  // a value given by the caller is not acceptable
  unicode,           // bytes that are not valid text in the declared encoding
};

// A place in an input. Lines and columns are 1-based; 0 means unknown. The column counts
// Unicode code points; byte_offset counts bytes from the start of the file.
struct SourceLocation {
  std::string file;        // the name as given by the user; "-" or empty for stdin
  std::uint64_t line = 0;  // 1-based, 0 = unknown
  std::uint64_t column = 0;
  std::uint64_t byte_offset = UINT64_MAX;  // UINT64_MAX = unknown

  // "file:line:column", leaving out what is unknown.
  std::string to_string() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, SourceLocation where = {});

  ErrorKind kind() const noexcept { return kind_; }
  const SourceLocation& where() const noexcept { return where_; }
  // The message without the location prefix.
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorKind kind_;
  SourceLocation where_;
  std::string message_;
};

// Quotes a value for an error message: 'value', with control characters escaped.
std::string quoted(std::string_view value);

}  // namespace termbridge
