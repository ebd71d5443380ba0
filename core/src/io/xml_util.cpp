#include "io/xml_util.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

bool allowed_in_xml(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::string hex_code_point(std::uint32_t c) {
  static const char* digits = "0123456789ABCDEF";
  std::string h;
  do {
    h.insert(h.begin(), digits[c & 0xF]);
    c >>= 4;
  } while (c != 0);
  while (h.size() < 4) {
    h.insert(h.begin(), '0');
  }
  return "U+" + h;
}

}  // namespace

std::ptrdiff_t too_deep(const pugi::xml_node& root) {
  std::size_t depth = 0;
  pugi::xml_node n = root.first_child();
  while (n) {
    if (n.type() == pugi::node_element && depth + 1 > kMaxXmlDepth) {
      return n.offset_debug();
    }
    if (n.first_child()) {
      n = n.first_child();
      ++depth;
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      if (n == root) {
        return -1;
      }
      --depth;
    }
    if (n) {
      n = n.next_sibling();
    }
  }
  return -1;
}

std::string too_deep_message() {
  return "inline markup nested deeper than " + std::to_string(kMaxXmlDepth) + " levels";
}

std::size_t find_bad_char_ref(std::string_view xml, std::string& message) {
  // Bad references are rare: find each "&#" fast with memchr, and only for a bad one look
  // at the markup before it, to skip one inside a comment, CDATA section or processing
  // instruction (there it is text). `markup` is how far that look has gone; it only moves
  // forward, so the whole is linear.
  std::size_t markup = 0;
  auto covered = [&](std::size_t at) -> std::size_t {
    while (markup <= at) {
      auto lt = xml.find('<', markup);
      if (lt == std::string_view::npos || lt > at) {
        markup = lt == std::string_view::npos ? xml.size() + 1 : lt;
        return std::string_view::npos;
      }
      auto rest = xml.substr(lt);
      std::string_view close;
      if (rest.substr(0, 4) == "<!--") {
        close = "-->";
      } else if (rest.substr(0, 9) == "<![CDATA[") {
        close = "]]>";
      } else if (rest.substr(0, 2) == "<?") {
        close = "?>";
      } else {
        markup = lt + 1;
        continue;
      }
      auto e = xml.find(close, lt + 2);
      markup = e == std::string_view::npos ? xml.size() + 1 : e + close.size();
      if (at < markup) {
        return markup;
      }
    }
    return std::string_view::npos;
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    const void* hit = std::memchr(xml.data() + i, '&', xml.size() - i);
    if (hit == nullptr) {
      break;
    }
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - xml.data());
    auto rest = xml.substr(i);
    if (rest.size() < 3 || rest[1] != '#') {
      ++i;
      continue;
    }
    bool hex = rest[2] == 'x';
    std::size_t j = hex ? 3 : 2;
    std::uint64_t value = 0;
    std::size_t digits = 0;
    for (; j < rest.size(); ++j) {
      char c = rest[j];
      int d = -1;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      ++digits;
      value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
      if (value > 0x10FFFF) {
        value = 0x110000;  // saturate: only "too large" matters
      }
    }
    if (digits == 0 || j >= rest.size() || rest[j] != ';') {
      ++i;  // not a reference; the parser judges it
      continue;
    }
    if (allowed_in_xml(static_cast<std::uint32_t>(value))) {
      i += j + 1;
      continue;
    }
    if (auto end = covered(i); end != std::string_view::npos) {
      i = end;
      continue;
    }
    std::string ref(rest.substr(0, j + 1));
    message =
        "character reference " + ref +
        (value > 0x10FFFF ? std::string(" is beyond U+10FFFF")
                          : " refers to " + hex_code_point(static_cast<std::uint32_t>(value)) +
                                ", a character XML does not allow");
    return i;
  }
  return std::string_view::npos;
}

SourceLocation location_of(std::string_view data, std::size_t offset, std::string_view file) {
  if (offset > data.size()) {
    offset = data.size();
  }
  std::uint64_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (data[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::uint64_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return SourceLocation{std::string(file), line, column, offset};
}

pugi::xml_document load_xml(std::string_view data, std::string_view file, bool keep_whitespace) {
  // pugixml knows UTF-8, UTF-16/32 and Latin-1 only: everything else is decoded first, by
  // the byte-order mark or the declared encoding, and checked.
  std::string text = text::decode_xml(data, file);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") {
    // Kept, so that node offsets are offsets in `data` for the callers' locations.
    text.insert(0, "\xEF\xBB\xBF");
  }
  std::string bad;
  if (auto at = find_bad_char_ref(text, bad); at != std::string::npos) {
    throw Error(ErrorKind::parse, bad, location_of(text, at, file));
  }
  pugi::xml_document doc;
  unsigned options = pugi::parse_default |
                     (keep_whitespace ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
  auto result = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
  if (!result) {
    throw Error(ErrorKind::parse, std::string("not well-formed XML: ") + result.description(),
                location_of(text, static_cast<std::size_t>(result.offset), file));
  }
  if (auto deep = too_deep(doc); deep >= 0) {
    throw Error(ErrorKind::parse, too_deep_message(),
                location_of(text, static_cast<std::size_t>(deep), file));
  }
  return doc;
}

namespace {

void check_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      cp = c;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
                static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
      cp = static_cast<unsigned char>(s[i + 2]) == 0xBE ? 0xFFFE : 0xFFFF;
    } else {
      continue;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "U+%04X", cp);
    std::string excerpt(s.substr(0, std::min<std::size_t>(s.size(), 40)));
    for (char& e : excerpt) {
      if (static_cast<unsigned char>(e) < 0x20) {
        e = ' ';
      }
    }
    throw Error(ErrorKind::invalid_argument, std::string("cannot write ") + hex +
                                                 " to XML (in " + quoted(excerpt) +
                                                 "): XML 1.0 does not allow this character");
  }
}

}  // namespace

void check_writable(const pugi::xml_node& root) {
  // An iterative walk: depth is no limit here.
  pugi::xml_node n = root;
  while (n) {
    check_text(n.value());
    for (auto a : n.attributes()) {
      check_text(a.value());
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != root && !n.next_sibling()) {
      n = n.parent();
    }
    if (!n || n == root) {
      break;
    }
    n = n.next_sibling();
  }
}

}  // namespace termbridge::io
