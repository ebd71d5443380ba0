#pragma once

// XLIFF 1.2 and XLIFF 2.0/2.1 readers and writers over the bilingual document model
// (tm::Document, see termbridge/tm/document.hpp).
//
// XLIFF 1.2: <file>/<body>/<trans-unit> (also inside <group>); a unit with several segments
// is written with <seg-source> and <mrk mtype="seg">; matches are <alt-trans> with
// match-quality; term hints are notes from "termbridge-terms"; unit props are a
// <context-group name="properties:N">. Output validates against the strict 1.2 schema.
// XLIFF 2.x: <file>/<unit>/<segment>; matches are mtc:matches, term hints gls:glossary (the
// concept id in tb:concept), props mda:metadata. Output validates against the 2.0/2.1 schemas
// with modules.
//
// Inline codes: 1.2 g, x, bx, ex, bpt, ept, ph, it (mrk and sub are read as text); 2.x ph,
// sc, ec, pc, with their original data (mrk, sm, em read as text). On writing, codes with
// native markup become 1.2 bpt/ept/ph/it and 2.x sc/ec/ph with <originalData>.

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/tm/document.hpp"

namespace termbridge::io {

enum class XliffVersion { v12, v20, v21 };

// "1.2", "2.0", "2.1".
std::string_view xliff_version_name(XliffVersion version);

struct XliffReadOptions {
  bool keep_inline_codes = true;  // false: drop inline codes, keep the plain text
  // A unit without id or source, a bad language tag: fail throws Error(parse), warn skips
  // the unit and adds a Diagnostic, skip drops it silently.
  OnBadEntry on_bad_entry = OnBadEntry::fail;
  Diagnostics* diagnostics = nullptr;
};

// Reads an XLIFF 1.0-1.2 or 2.0-2.1 document held in `data` (UTF-8 or UTF-16 with a
// byte-order mark). `version`, when not null, receives the version found. Throws
// Error(parse) with file:line:column for XML that is not well-formed, a root that is not
// <xliff>, or a version other than 1.x/2.0/2.1.
tm::Document read_xliff(std::string_view data, std::string_view name, XliffReadOptions options = {},
                        XliffVersion* version = nullptr);

// Reads a whole stream and calls the function above.
tm::Document read_xliff(std::istream& in, std::string_view name, XliffReadOptions options = {},
                        XliffVersion* version = nullptr);

// Writes `document` as XLIFF of `version`. Throws Error(invalid_argument) when the document
// has no source language.
void write_xliff(std::ostream& out, const tm::Document& document, XliffVersion version);

}  // namespace termbridge::io
