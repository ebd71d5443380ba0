#pragma once

// A small XML writer that appends to a buffer and flushes it to a stream in blocks, so a
// writer's memory does not grow with the document. Private to core/src/io.
//
// It writes exactly what it is told: no indentation of its own, since whitespace inside
// mixed content (a segment with inline codes) is content.

#include <ostream>
#include <string>
#include <string_view>

namespace termbridge::io {

class XmlWriter {
 public:
  explicit XmlWriter(std::ostream& out) : out_(out) { buf_.reserve(kFlushAt + 4096); }
  ~XmlWriter() = default;
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  // Raw markup, written as is.
  XmlWriter& raw(std::string_view s) {
    buf_ += s;
    return *this;
  }
  // "<name" (attributes follow, then close_start() or close_empty()).
  XmlWriter& open(std::string_view name) {
    buf_ += '<';
    buf_ += name;
    return *this;
  }
  // ' name="value"', the value escaped; nothing when `value` is empty and !always.
  XmlWriter& attr(std::string_view name, std::string_view value, bool always = false) {
    if (value.empty() && !always) {
      return *this;
    }
    buf_ += ' ';
    buf_ += name;
    buf_ += "=\"";
    escape(value, true);
    buf_ += '"';
    return *this;
  }
  XmlWriter& close_start() {
    buf_ += '>';
    return *this;
  }
  XmlWriter& close_empty() {
    buf_ += "/>";
    return *this;
  }
  XmlWriter& end(std::string_view name) {
    buf_ += "</";
    buf_ += name;
    buf_ += '>';
    return *this;
  }
  // Character data, escaped.
  XmlWriter& text(std::string_view s) {
    escape(s, false);
    return *this;
  }
  // <name>text</name> on one line.
  XmlWriter& element(std::string_view name, std::string_view value) {
    open(name).close_start().text(value).end(name);
    return *this;
  }
  XmlWriter& newline(int depth) {
    buf_ += '\n';
    buf_.append(static_cast<std::size_t>(depth) * 2, ' ');
    return *this;
  }
  // Hands the buffer to the stream when it is large; call after each unit.
  void maybe_flush() {
    if (buf_.size() >= kFlushAt) {
      flush();
    }
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;

  void escape(std::string_view s, bool in_attr) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const char* rep = nullptr;
      switch (c) {
        case '&':
          rep = "&amp;";
          break;
        case '<':
          rep = "&lt;";
          break;
        case '>':
          rep = "&gt;";
          break;
        case '"':
          rep = in_attr ? "&quot;" : nullptr;
          break;
        case '\n':
          rep = in_attr ? "&#10;" : nullptr;
          break;
        case '\r':
          rep = "&#13;";
          break;
        case '\t':
          rep = in_attr ? "&#9;" : nullptr;
          break;
        default:
          break;
      }
      if (rep != nullptr) {
        buf_.append(s.data() + start, i - start);
        buf_ += rep;
        start = i + 1;
      }
    }
    buf_.append(s.data() + start, s.size() - start);
  }

  std::ostream& out_;
  std::string buf_;
};

}  // namespace termbridge::io
