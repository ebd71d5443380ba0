#pragma once

// The file formats termbridge reads and writes, and how a file's format is decided:
// an explicit name (--from/--to), else the extension, else a look at the content.

#include <optional>
#include <string>
#include <string_view>

namespace termbridge::io {

enum class Format {
  tmx,         // TMX 1.4b (reads 1.1-1.4)
  xliff12,     // XLIFF 1.2
  xliff20,     // XLIFF 2.0
  xliff21,     // XLIFF 2.1
  tsv,         // tab-separated with a header row (bilingual text, or a term base)
  csv,         // RFC 4180 CSV with a header row
  tbx2,        // TBX v2, ISO 30042:2008, <martif>
  tbx3,        // TBX v3, ISO 30042:2019, <tbx type="TBX-Basic">
  omegat_tsv,  // OmegaT glossary: source<TAB>target<TAB>comment, no header
  srx,         // SRX 2.0 segmentation rules
};

// The command-line name of a format: "tmx", "xliff12", "omegat-tsv", ...
std::string_view format_name(Format format);

// Parses a command-line format name (also "xliff" = xliff12, "xliff2" = xliff21,
// "tbx" = tbx3, "omegat" = omegat_tsv). Throws Error(invalid_argument) listing the names.
Format parse_format(std::string_view name);

// The format an extension suggests: .tmx, .xlf/.xliff (XLIFF 1.2), .xlf2 (2.1), .tbx (TBX v3),
// .tsv/.tab/.txt (tsv), .csv, .srx. nullopt for anything else.
std::optional<Format> format_from_extension(std::string_view path);

// The format of a file's content, from its first bytes (a few KiB are enough): the XML root
// element, namespace and version; for text, tabs or commas in the first line.
// nullopt when it cannot tell.
std::optional<Format> sniff_format(std::string_view head);

// The format of an input file: `explicit_name` when given, else the content when it is XML
// (so a .xlf holding XLIFF 2 is read as XLIFF 2), else the extension. Throws
// Error(invalid_argument) naming the file when nothing tells.
Format input_format(std::string_view path, std::string_view head,
                    std::string_view explicit_name = {});

// The format of an output file: `explicit_name` when given, else the extension. Throws
// Error(invalid_argument) naming the file when the extension is unknown.
Format output_format(std::string_view path, std::string_view explicit_name = {});

}  // namespace termbridge::io
