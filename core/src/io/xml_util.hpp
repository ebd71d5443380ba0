#pragma once

// Loading XML with pugixml and turning its errors into termbridge errors with line and column.
// Private to core/src/io.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "termbridge/base/error.hpp"

namespace termbridge::io {

// Line and column (1-based, column in code points) of byte `offset` in `data`.
SourceLocation location_of(std::string_view data, std::size_t offset, std::string_view file);

// The deepest element nesting a reader accepts. The readers walk inline markup recursively,
// one stack frame per level; a hostile file nested 30,000 deep would overflow the stack.
// Real files nest a handful of levels.
inline constexpr std::size_t kMaxXmlDepth = 1000;

// The offset (offset_debug) of the first element nested deeper than kMaxXmlDepth under
// `root`, or -1. Walks without recursion.
std::ptrdiff_t too_deep(const pugi::xml_node& root);
// The message for too_deep.
std::string too_deep_message();

// The offset of the first character reference in `xml` to a character XML 1.0 does not
// allow (U+0000, C0 controls other than tab, LF, CR, surrogates, U+FFFE, U+FFFF, beyond
// U+10FFFF), with its message; npos when there is none. pugixml would store &#0; as a NUL
// and silently cut the text there. Comments, CDATA and processing instructions are skipped.
std::size_t find_bad_char_ref(std::string_view xml, std::string& message);

// Parses a whole XML document held in `data`, in any encoding decode_xml knows (UTF-8,
// UTF-16, or one declared in the XML declaration). Entities declared in
// a DOCTYPE are never expanded (pugixml does not process DTDs): no "billion laughs", no
// network. Throws Error(parse) with file:line:column when the document is not well-formed.
// Invalid text in the encoding is Error(unicode) with its position. A character reference to
// a character XML does not allow, or elements nested deeper than kMaxXmlDepth, are
// Error(parse) at their position.
// `keep_whitespace`: keep text nodes that are only whitespace (the space between two inline
// codes); without it only a whitespace-only element content is kept.
pugi::xml_document load_xml(std::string_view data, std::string_view file,
                            bool keep_whitespace = false);

// Throws Error(invalid_argument) naming the character and the text it is in when a text or
// attribute under `root` holds a character XML 1.0 does not allow (a C0 control other than
// tab, LF and CR; U+FFFE, U+FFFF). pugixml would write it as a character reference that no
// XML 1.0 reader, ours included, accepts.
void check_writable(const pugi::xml_node& root);

}  // namespace termbridge::io
