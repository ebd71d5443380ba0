#pragma once

// Loading XML with pugixml and turning its errors into termbridge errors with line and column.
// Private to core/src/io.

#include <cstddef>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "termbridge/base/error.hpp"

namespace termbridge::io {

// Line and column (1-based, column in code points) of byte `offset` in `data`.
SourceLocation location_of(std::string_view data, std::size_t offset, std::string_view file);

// Parses a whole XML document held in `data`, in any encoding decode_xml knows (UTF-8,
// UTF-16, or one declared in the XML declaration). Entities declared in
// a DOCTYPE are never expanded (pugixml does not process DTDs): no "billion laughs", no
// network. Throws Error(parse) with file:line:column when the document is not well-formed.
// Invalid text in the encoding is Error(unicode) with its position.
// `keep_whitespace`: keep text nodes that are only whitespace (the space between two inline
// codes); without it only a whitespace-only element content is kept.
pugi::xml_document load_xml(std::string_view data, std::string_view file,
                            bool keep_whitespace = false);

}  // namespace termbridge::io
