#include "termbridge/base/error.hpp"

#include <cstdio>

namespace termbridge {

std::string SourceLocation::to_string() const {
  std::string out = file.empty() ? std::string("<stdin>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) {
      out += ':' + std::to_string(column);
    }
  }
  return out;
}

namespace {

std::string compose(const std::string& message, const SourceLocation& where) {
  if (where.file.empty() && where.line == 0) {
    return message;
  }
  return where.to_string() + ": " + message;
}

}  // namespace

Error::Error(ErrorKind kind, std::string message, SourceLocation where)
    : std::runtime_error(compose(message, where)),
      kind_(kind),
      where_(std::move(where)),
      message_(std::move(message)) {}

std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", byte);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

}  // namespace termbridge
