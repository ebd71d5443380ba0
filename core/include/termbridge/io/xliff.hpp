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

// v12 stands for XLIFF 1.0-1.2 on reading. v22 is read (its core is 2.x's), never written.
enum class XliffVersion { v12, v20, v21, v22 };

// "1.2", "2.0", "2.1", "2.2".
std::string_view xliff_version_name(XliffVersion version);

struct XliffReadOptions {
  bool keep_inline_codes = true;  // false: drop inline codes, keep the plain text
  // A unit without source or segment, a bad language tag: fail throws Error(parse), warn
  // skips the unit and adds a Diagnostic, skip drops it silently.
  OnBadEntry on_bad_entry = OnBadEntry::fail;
  // Receives, whatever the policy, what the schemas forbid but reading can live with (a
  // missing or duplicate unit id, an unknown state, an <ec> before its <sc>) and how it was
  // read (ids given, a target without segment markers taken for the whole unit).
  Diagnostics* diagnostics = nullptr;
  // Also report what the schemas require that reading does not need: <file> original and
  // datatype (1.2) or id (2.x), a target xml:lang other than the file's target-language,
  // targets without trgLang (`termbridge validate`).
  bool schema_checks = false;
};

// Reads an XLIFF 1.0-1.2 or 2.0-2.2 document held in `data` (UTF-8 or UTF-16 with a
// byte-order mark). Elements are matched by namespace and local name, whatever prefix the
// file gives them; elements of other namespaces are ignored (an XLIFF 1.2 <alt-trans> in a
// 2.x unit too). XLIFF without version or namespace is read as 1.x. Files of an XLIFF 1.2
// document may be in different language pairs (DocFile::src_lang; tm::select_pair keeps
// one). `version`, when not null, receives the version found. Throws Error(parse) with
// file:line:column for XML that is not well-formed, a root that is not <xliff>, or a version
// other than 1.x/2.0-2.2.
tm::Document read_xliff(std::string_view data, std::string_view name, XliffReadOptions options = {},
                        XliffVersion* version = nullptr);

// Reads a whole stream and calls the function above.
tm::Document read_xliff(std::istream& in, std::string_view name, XliffReadOptions options = {},
                        XliffVersion* version = nullptr);

// Writes `document` as XLIFF of `version` (1.2, 2.0 or 2.1). XLIFF 1.2 writes each file in
// its own language pair; XLIFF 2 has one pair per document. A segment whose target has no
// text is written as untranslated, whatever its state (in 1.2, a unit with such a segment
// is needs-review-translation when another segment is translated, else needs-translation).
// Throws Error(invalid_argument) when the document has no source language, when it holds
// several language pairs and `version` is 2.x, or for v22.
void write_xliff(std::ostream& out, const tm::Document& document, XliffVersion version);

}  // namespace termbridge::io
