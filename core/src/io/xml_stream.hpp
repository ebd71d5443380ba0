#pragma once

// A forward-only view of an XML file as a sequence of tags, for reading huge files element
// by element: the caller takes one element (a TMX <tu>) as a chunk of bytes and parses it
// with pugixml, so memory holds one element. Comments, processing instructions, CDATA and
// the DOCTYPE (with its internal subset, unread: no entity is ever declared or expanded) are
// skipped. Private to core/src/io.
//
// Positions are byte offsets from the start of the (decoded) file. UTF-8 is streamed (a
// byte-order mark is skipped); UTF-16 and encodings declared in the XML declaration
// (windows-1252, EUC-KR, ...) are decoded to UTF-8 whole first, by text::decode_xml, within
// text::read_limits().max_input.
//
// Memory is bounded whatever the input: a NUL byte is an error as soon as it is read, and a
// tag, a run of text between tags or an element taken with element() longer than
// text::read_limits().max_line is an error naming where it starts and the limit. Input
// before the cursor (or before the element being taken) is dropped as reading goes on.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include "termbridge/base/error.hpp"

namespace termbridge::io {

class XmlStream {
 public:
  struct Tag {
    enum class Kind { start, end, empty };
    Kind kind = Kind::start;
    std::string name;       // as written, with any prefix
    std::string text;       // the whole tag, "<tu tuid='1'>"
    std::size_t begin = 0;  // offset of '<'
    std::size_t end = 0;    // offset after '>'

    std::string_view local_name() const;
    // An attribute's value (entity references decoded), or empty.
    std::string attribute(std::string_view attr) const;
  };
  struct Chunk {
    std::size_t begin = 0;
    std::size_t end = 0;
  };

  XmlStream(std::istream& in, std::string name);

  // The next start, end or empty-element tag; false at the end of the input.
  bool next_tag(Tag& tag);
  // The bytes of the element that `start` opens, up to its end tag; the cursor moves past
  // it. Throws Error(parse) when the input ends first.
  Chunk element(const Tag& start);
  // After the root's end tag: only comments, processing instructions and space may follow.
  void expect_end_of_document();

  // Writable bytes at `pos` (valid until the next compact()).
  char* data(std::size_t pos) { return buf_.data() + (pos - base_); }
  // Throws Error(unicode) with the location of the first invalid UTF-8 in [begin, end).
  void check_utf8(std::size_t begin, std::size_t end);
  // Drops consumed input; positions before the cursor become invalid.
  void compact();

  std::size_t position() const noexcept { return pos_; }
  std::uint64_t bytes_read() const noexcept { return pos_; }
  SourceLocation location(std::size_t pos) const;
  const std::string& name() const noexcept { return name_; }

 private:
  bool fill();
  void drop_before(std::size_t pos);
  // Offset of `needle` at or after `from`, reading more as needed; npos at the end.
  std::size_t find(std::size_t from, std::string_view needle);
  // Offset of the '>' closing a tag or declaration that starts at `from` (quotes and, for a
  // DOCTYPE, the [internal subset] are skipped); npos at the end.
  std::size_t tag_end(std::size_t from, bool doctype);
  [[noreturn]] void fail(std::size_t pos, const std::string& message) const;
  void check_nul(std::size_t from) const;  // from: an index into buf_
  // Throws when [the cursor or the element being taken, end) is longer than max_line.
  void check_held(std::size_t end) const;
  void check_declaration(std::string_view decl, std::size_t pos) const;

  std::istream& in_;
  std::string name_;
  std::string buf_;
  std::size_t base_ = 0;  // file offset of buf_[0]
  std::size_t pos_ = 0;   // the cursor, a file offset
  bool eof_ = false;
  bool streaming_ = false;  // UTF-8 read block by block: bounded and checked for NUL bytes
  // While element() runs: the start of the element, kept in memory, and its name.
  std::size_t keep_ = std::string::npos;
  std::string keep_name_;
  // Line accounting for the bytes dropped by compact().
  std::uint64_t lines_before_ = 0;  // newlines before base_
  std::uint64_t column_carry_ = 0;  // code points between the last dropped newline and base_
};

}  // namespace termbridge::io
