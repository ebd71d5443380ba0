#include "io/xml_stream.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

constexpr std::size_t kBlock = 1 << 20;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::uint64_t code_points(std::string_view s) {
  std::uint64_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

std::string decode_entities(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    auto semi = v.find(';', i);
    if (semi == std::string_view::npos) {
      out += v.substr(i);
      break;
    }
    auto ent = v.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else {
      out += v.substr(i, semi - i + 1);  // character references are not expected here
    }
    i = semi;
  }
  return out;
}

}  // namespace

std::string_view XmlStream::Tag::local_name() const {
  std::string_view n = name;
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string XmlStream::Tag::attribute(std::string_view attr) const {
  std::string_view t = text;
  std::size_t i = 1 + name.size();
  while (i < t.size()) {
    while (i < t.size() && is_space(t[i])) {
      ++i;
    }
    std::size_t name_start = i;
    while (i < t.size() && t[i] != '=' && !is_space(t[i]) && t[i] != '>' && t[i] != '/') {
      ++i;
    }
    auto n = t.substr(name_start, i - name_start);
    while (i < t.size() && is_space(t[i])) {
      ++i;
    }
    if (i >= t.size() || t[i] != '=') {
      if (n.empty()) {
        ++i;
      }
      continue;
    }
    ++i;
    while (i < t.size() && is_space(t[i])) {
      ++i;
    }
    if (i >= t.size() || (t[i] != '"' && t[i] != '\'')) {
      break;
    }
    char q = t[i];
    auto close = t.find(q, i + 1);
    if (close == std::string_view::npos) {
      break;
    }
    if (n == attr) {
      return decode_entities(t.substr(i + 1, close - i - 1));
    }
    i = close + 1;
  }
  return {};
}

XmlStream::XmlStream(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
  fill();
  auto head = std::string_view(buf_).substr(0, 4);
  bool utf16 = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF" ||
               (head.size() >= 2 &&
                ((head[0] == '<' && head[1] == '\0') || (head[0] == '\0' && head[1] == '<')));
  bool utf8_bom = head.substr(0, 3) == "\xEF\xBB\xBF";
  bool legacy = false;
  if (!utf16) {
    // The declaration, if any, is at the start of the first block.
    std::string_view first = std::string_view(buf_).substr(utf8_bom ? 3 : 0);
    auto close = first.find("?>");
    if (first.substr(0, 6) == "<?xml " && close != std::string_view::npos) {
      Tag t;
      t.name = "?xml";
      t.text = std::string(first.substr(0, close));
      std::string enc = t.attribute("encoding");
      for (char& c : enc) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      legacy = !enc.empty() && enc != "utf-8" && enc != "utf8" && enc != "utf-16" &&
               enc != "utf16" && enc != "us-ascii" && enc != "ascii";
    }
  }
  if (utf16 || legacy) {
    // UTF-16 and legacy encodings are rare and their files small (a CAT tool's export):
    // decode them whole, to UTF-8 with a declaration that says so.
    buf_ = text::decode_xml(text::read_whole(in_, name_, std::move(buf_), utf16 ? "utf-16" : ""),
                            name_);
    eof_ = true;
    return;
  }
  if (utf8_bom) {
    pos_ = 3;
  }
  streaming_ = true;
  check_nul(0);
}

void XmlStream::check_nul(std::size_t from) const {
  if (const void* z = std::memchr(buf_.data() + from, 0, buf_.size() - from)) {
    std::size_t at = base_ + static_cast<std::size_t>(static_cast<const char*>(z) - buf_.data());
    throw Error(ErrorKind::unicode,
                "NUL byte at byte " + std::to_string(at) +
                    "; is this UTF-16 without a byte-order mark, or binary?",
                location(at));
  }
}

bool XmlStream::fill() {
  if (eof_) {
    return false;
  }
  if (streaming_) {
    // What is before the cursor, or before the element being taken, is not needed any more.
    drop_before(std::min(pos_, keep_));
    check_held(base_ + buf_.size());
  }
  std::size_t old = buf_.size();
  buf_.resize(old + kBlock);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(kBlock));
  auto got = static_cast<std::size_t>(in_.gcount());
  buf_.resize(old + got);
  if (got < kBlock) {
    if (in_.bad()) {
      throw Error(ErrorKind::io, "cannot read " + quoted(name_));
    }
    eof_ = true;
  }
  if (streaming_) {
    check_nul(old);
  }
  return got > 0 || !eof_;
}

void XmlStream::check_held(std::size_t end) const {
  std::size_t anchor = std::min(pos_, keep_);
  const std::uint64_t max = text::read_limits().max_line;
  if (end - anchor > max) {
    std::string limit = text::format_size(max) + "; --max-line raises it";
    if (keep_ != std::string::npos) {
      fail(keep_, "<" + keep_name_ + "> is larger than the limit of " + limit);
    }
    fail(anchor, "a tag or a run of text longer than the limit of " + limit);
  }
}

void XmlStream::compact() {
  drop_before(pos_);
}

void XmlStream::drop_before(std::size_t pos) {
  std::size_t drop = pos - base_;
  if (drop < kBlock) {
    return;
  }
  std::string_view gone(buf_.data(), drop);
  auto newlines = static_cast<std::uint64_t>(std::count(gone.begin(), gone.end(), '\n'));
  auto nl = gone.rfind('\n');
  if (nl == std::string_view::npos) {
    column_carry_ += code_points(gone);
  } else {
    column_carry_ = code_points(gone.substr(nl + 1));
  }
  lines_before_ += newlines;
  buf_.erase(0, drop);
  base_ = pos;
}

SourceLocation XmlStream::location(std::size_t pos) const {
  std::size_t rel = std::min(pos - std::min(pos, base_), buf_.size());
  std::string_view head(buf_.data(), rel);
  auto newlines = static_cast<std::uint64_t>(std::count(head.begin(), head.end(), '\n'));
  auto nl = head.rfind('\n');
  std::uint64_t column = nl == std::string_view::npos ? column_carry_ + code_points(head) + 1
                                                      : code_points(head.substr(nl + 1)) + 1;
  return SourceLocation{name_, lines_before_ + newlines + 1, column, pos};
}

void XmlStream::fail(std::size_t pos, const std::string& message) const {
  throw Error(ErrorKind::parse, message, location(pos));
}

std::size_t XmlStream::find(std::size_t from, std::string_view needle) {
  std::size_t search = from;
  while (true) {
    std::string_view view(buf_);
    auto hit = view.find(needle, search - base_);
    if (hit != std::string_view::npos) {
      return hit + base_;
    }
    std::size_t end = base_ + buf_.size();
    search = std::max(from, end >= needle.size() ? end - needle.size() + 1 : base_);
    if (!fill()) {
      return std::string::npos;
    }
  }
}

std::size_t XmlStream::tag_end(std::size_t from, bool doctype) {
  char quote = 0;
  int depth = 0;
  std::size_t i = from;
  while (true) {
    std::size_t end = base_ + buf_.size();
    for (; i < end; ++i) {
      char c = buf_[i - base_];
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (doctype && c == '[') {
        ++depth;
      } else if (doctype && c == ']') {
        --depth;
      } else if (c == '>' && depth <= 0) {
        return i;
      } else if (c == '<' && !doctype) {
        fail(i, "not well-formed XML: '<' inside a tag (a tag started at " +
                    location(from).to_string() + " is not closed)");
      }
    }
    if (!fill()) {
      return std::string::npos;
    }
  }
}

void XmlStream::check_declaration(std::string_view decl, std::size_t pos) const {
  Tag t;
  t.name = "?xml";
  t.text = std::string(decl);
  std::string enc = t.attribute("encoding");
  for (char& c : enc) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!enc.empty() && enc != "utf-8" && enc != "utf8" && enc != "utf-16" && enc != "us-ascii" &&
      enc != "ascii") {
    fail(pos, "unsupported encoding " + quoted(enc) + " (expected UTF-8 or UTF-16)");
  }
}

bool XmlStream::next_tag(Tag& tag) {
  while (true) {
    std::size_t lt = find(pos_, "<");
    if (lt == std::string::npos) {
      pos_ = base_ + buf_.size();
      return false;
    }
    while (buf_.size() - (lt - base_) < 9 && fill()) {
    }
    std::string_view at(buf_.data() + (lt - base_), buf_.size() - (lt - base_));
    if (at.substr(0, 4) == "<!--") {
      auto e = find(lt + 4, "-->");
      if (e == std::string::npos) {
        fail(lt, "not well-formed XML: comment not closed (expected -->)");
      }
      pos_ = e + 3;
      continue;
    }
    if (at.substr(0, 9) == "<![CDATA[") {
      auto e = find(lt + 9, "]]>");
      if (e == std::string::npos) {
        fail(lt, "not well-formed XML: CDATA section not closed (expected ]]>)");
      }
      pos_ = e + 3;
      continue;
    }
    if (at.substr(0, 2) == "<?") {
      auto e = find(lt + 2, "?>");
      if (e == std::string::npos) {
        fail(lt, "not well-formed XML: processing instruction not closed (expected ?>)");
      }
      std::string_view decl(buf_.data() + (lt - base_), e - lt);
      if (decl.substr(0, 6) == "<?xml ") {
        check_declaration(decl, lt);
      }
      pos_ = e + 2;
      continue;
    }
    if (at.substr(0, 2) == "<!") {
      auto e = tag_end(lt + 2, true);
      if (e == std::string::npos) {
        fail(lt, "not well-formed XML: declaration not closed (expected >)");
      }
      pos_ = e + 1;
      continue;
    }
    auto e = tag_end(lt + 1, false);
    if (e == std::string::npos) {
      fail(lt, "not well-formed XML: tag not closed (expected >)");
    }
    check_held(e + 1);
    std::string_view t(buf_.data() + (lt - base_), e - lt + 1);
    tag.begin = lt;
    tag.end = e + 1;
    tag.text.assign(t);
    std::size_t n = t[1] == '/' ? 2 : 1;
    std::size_t ne = n;
    while (ne < t.size() && !is_space(t[ne]) && t[ne] != '>' && t[ne] != '/') {
      ++ne;
    }
    tag.name.assign(t.substr(n, ne - n));
    if (tag.name.empty()) {
      fail(lt, "not well-formed XML: a tag without a name");
    }
    tag.kind =
        n == 2 ? Tag::Kind::end : (t[t.size() - 2] == '/' ? Tag::Kind::empty : Tag::Kind::start);
    pos_ = tag.end;
    return true;
  }
}

XmlStream::Chunk XmlStream::element(const Tag& start) {
  if (start.kind == Tag::Kind::empty) {
    return {start.begin, start.end};
  }
  int depth = 1;
  Tag tag;
  // The element's bytes stay in memory until the caller has parsed them.
  keep_ = start.begin;
  keep_name_ = start.name;
  struct Release {
    std::size_t& keep;
    ~Release() { keep = std::string::npos; }
  } release{keep_};
  while (next_tag(tag)) {
    if (tag.name == start.name) {
      if (tag.kind == Tag::Kind::start) {
        ++depth;
      } else if (tag.kind == Tag::Kind::end && --depth == 0) {
        return {start.begin, tag.end};
      }
    }
  }
  fail(start.begin, "not well-formed XML: <" + start.name + "> is not closed (expected </" +
                        start.name + "> before the end of the file)");
}

void XmlStream::expect_end_of_document() {
  Tag tag;
  std::size_t before = pos_;
  if (next_tag(tag)) {
    fail(tag.begin, "not well-formed XML: <" + tag.name + "> after the end of the root element");
  }
  (void)before;
}

void XmlStream::check_utf8(std::size_t begin, std::size_t end) {
  std::string_view view(buf_.data() + (begin - base_), end - begin);
  try {
    text::check_utf8(view, name_);
  } catch (const Error& e) {
    auto off = e.where().byte_offset == UINT64_MAX ? 0 : e.where().byte_offset;
    std::string message = e.message();
    if (auto at = message.rfind(" at byte "); at != std::string::npos) {
      message.erase(at);
    }
    std::size_t pos = begin + static_cast<std::size_t>(off);
    throw Error(ErrorKind::unicode, message + " at byte " + std::to_string(pos), location(pos));
  }
}

}  // namespace termbridge::io
