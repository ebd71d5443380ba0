#pragma once

// Checking an interchange file against the rules termbridge knows: well-formedness (with line
// and column), the root element and version, required elements and attributes, language tags
// and that they agree (TMX srclang present and used by every unit; XLIFF target xml:lang
// matching target-language), units with fewer than two languages, duplicate ids. XLIFF
// also: unit ids missing, unknown states, an <ec> before its <sc> or without one, a target
// without segment markers in a segmented unit (each at its line and column; the reader
// finds them, see XliffReadOptions::diagnostics).

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/io/format.hpp"

namespace termbridge::io {

struct ValidationReport {
  Format format = Format::tmx;
  std::string version;               // "1.4", "1.2", "2.1"; empty for text formats
  std::uint64_t units = 0;           // units, trans-units, rows or concepts read
  std::vector<Diagnostic> problems;  // empty when the file is valid

  bool ok() const noexcept { return problems.empty(); }
};

// Validates `in` as `format`. A file that cannot be parsed at all gives one problem with
// its location; reading goes on past bad units so that all of them are listed. Throws
// Error(io) only when the stream cannot be read.
ValidationReport validate(std::istream& in, const std::string& name, Format format);

}  // namespace termbridge::io
