#pragma once

// Small ASCII-only helpers for names, tags and keys that are ASCII by definition (format
// names, XML names, language subtags). Text in any script goes through ICU instead
// (normalize.hpp).

#include <string>
#include <string_view>

namespace termbridge::text {

// Lower-cases ASCII letters; every other byte is kept.
std::string ascii_lower(std::string_view s);

// Collapses runs of ASCII white space (space, tab, CR, LF) into one space and trims both
// ends: "  a \t b\n" -> "a b".
std::string collapse_spaces(std::string_view s);

}  // namespace termbridge::text
