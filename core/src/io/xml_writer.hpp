#pragma once

// A small XML writer that appends to a buffer and flushes it to a stream in blocks, so a
// writer's memory does not grow with the document. Private to core/src/io.
//
// It writes exactly what it is told: no indentation of its own, since whitespace inside
// mixed content (a segment with inline codes) is content.
//
// Characters XML 1.0 cannot hold (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
// are never written raw, since the output would not be well-formed and no reader could open
// it. Writing one is Error(invalid_argument) naming the character, so the caller stops
// before a file is replaced, unless the format has a way to spell it: XLIFF 2 content turns
// on controls_as_cp() and gets <cp hex="1B"/>, which its reader turns back into the
// character.

#include <ostream>
#include <string>
#include <string_view>

#include "termbridge/base/error.hpp"

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
  // Whether text() writes a character XML cannot hold as an XLIFF 2 <cp hex="..."/>
  // instead of failing; returns the previous setting.
  bool controls_as_cp(bool on) {
    bool was = cp_;
    cp_ = on;
    return was;
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
        continue;
      }
      // The characters XML does not allow: a C0 control other than tab, LF and CR (CR is
      // always escaped above), or U+FFFE / U+FFFF (EF BF BE / EF BF BF).
      unsigned cp = 0;
      std::size_t len = 1;
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
        cp = static_cast<unsigned char>(c);
      } else if (c == '\xEF' && i + 2 < s.size() && s[i + 1] == '\xBF' &&
                 (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
        cp = s[i + 2] == '\xBE' ? 0xFFFE : 0xFFFF;
        len = 3;
      } else {
        continue;
      }
      if (!cp_ || in_attr) {
        throw Error(
            ErrorKind::invalid_argument,
            "cannot write " + code_point(cp) + " to XML: XML 1.0 does not allow this character");
      }
      buf_.append(s.data() + start, i - start);
      buf_ += "<cp hex=\"";
      buf_ += code_point(cp).substr(2);
      buf_ += "\"/>";
      i += len - 1;
      start = i + 1;
    }
    buf_.append(s.data() + start, s.size() - start);
  }

  // "U+001B".
  static std::string code_point(unsigned cp) {
    static const char* digits = "0123456789ABCDEF";
    std::string h = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) {
      h += digits[(cp >> shift) & 0xF];
    }
    return h;
  }

  std::ostream& out_;
  std::string buf_;
  bool cp_ = false;
};

}  // namespace termbridge::io
