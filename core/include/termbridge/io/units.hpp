#pragma once

// One table of the formats that hold translation units: TMX, XLIFF 1.2/2.0/2.1, and
// bilingual tables (TSV, CSV, OmegaT TSV). A reader opens any of them and gives the
// languages, the units one by one and what the file says about itself (the TMX header, the
// XLIFF document); a writer writes units in any of them. Commands go through these, so a
// new format touches this file and its .cpp only.
//
// TMX and tables stream (memory holds one unit); XLIFF is a document read and written whole.

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/tm/document.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::io {

// Whether `format` holds translation units: tmx, xliff12/20/21, tsv, csv, omegat_tsv.
bool is_unit_format(Format format);
bool is_xliff(Format format);
bool is_table(Format format);
// The XLIFF version a format writes (xliff12 -> v12, ...). Throws for a non-XLIFF format.
XliffVersion xliff_version_of(Format format);

struct UnitReadOptions {
  bool keep_inline_codes = true;  // false: drop inline codes, keep the plain text
  // A bad unit or row: fail throws Error(parse), warn skips it with a Diagnostic, skip drops it.
  OnBadEntry on_bad_entry = OnBadEntry::fail;
  Diagnostics* diagnostics = nullptr;
  // Languages given by the user; they win over what the file says.
  LangTag src_lang;
  LangTag tgt_lang;
  // A source language the file does not declare (TMX srclang="*all*") is taken from the
  // first unit's first variant; else it stays empty and the caller asks for --src-lang.
  bool learn_src_lang = false;
  // Tables only (XML follows its byte-order mark or declaration): as for text::decode_text;
  // `on_sniffed` is called when "auto" guessed the encoding.
  std::string encoding = "auto";
  std::function<void(const std::string& encoding)> on_sniffed;
};

// Reads translation units from a file of any unit format.
//
//   io::UnitReader reader(in, "memory.tmx", io::Format::tmx);
//   tm::TranslationUnit unit;
//   while (reader.next(unit)) { ... }
//
// The constructor reads what tells the languages: the TMX header (and, when no target
// language is known, the first unit), the whole XLIFF document, or a table's header.
// Throws Error(parse) with file:line:column for input not in `format`, Error(invalid_argument)
// for a format that holds no units or a table without languages.
class UnitReader {
 public:
  UnitReader(std::istream& in, std::string name, Format format, UnitReadOptions options = {});
  ~UnitReader();
  UnitReader(const UnitReader&) = delete;
  UnitReader& operator=(const UnitReader&) = delete;

  Format format() const noexcept;
  const std::string& name() const noexcept;
  // The source language: given, else the file's (TMX srclang, XLIFF, table header), else
  // (learn_src_lang) the first unit's; may be empty.
  const LangTag& src_lang() const noexcept;
  // The target language: given, else the file's, else the first language other than the
  // source in the first unit; may be empty.
  const LangTag& tgt_lang() const noexcept;

  // What the file says about itself: the TMX header (null for other formats), the XLIFF
  // document (null for other formats; its units are what next() gives) and version.
  const TmxHeader* tmx_header() const noexcept;
  const tm::Document* document() const noexcept;
  XliffVersion xliff_version() const noexcept;

  // The next unit; false at the end. XLIFF gives a unit for each translated segment
  // (tm::to_translation_units), source variant first.
  bool next(tm::TranslationUnit& unit);
  // Bytes of input consumed so far, for progress (XLIFF: all of it).
  std::uint64_t bytes_read() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct UnitWriteOptions {
  LangTag src_lang;  // required
  // Tables: required. XLIFF: the target language; empty: every other language found, one
  // XLIFF 1.2 <file> each; XLIFF 2.x holds one pair: the first, with the units' other
  // languages kept in its tb:variants extension (tm::DocUnit::others), said in a note.
  // TMX: not used (every variant is written).
  LangTag tgt_lang;
  TmxHeader tmx_header;  // TMX: the header to write (srclang set from src_lang when empty)
  std::string original;  // XLIFF: the <file original> of units that have no document
  Diagnostics* diagnostics = nullptr;  // receives notes (other languages kept aside); may be null
};

// Writes translation units in any unit format. TMX and tables are written as units come;
// XLIFF is written by finish(), from the units gathered.
class UnitWriter {
 public:
  UnitWriter(std::ostream& out, Format format, UnitWriteOptions options);
  ~UnitWriter();
  UnitWriter(const UnitWriter&) = delete;
  UnitWriter& operator=(const UnitWriter&) = delete;

  // Writes (or gathers) one unit. Returns false when the unit is left out: a table row
  // without both languages, an XLIFF unit without the source language.
  bool write(const tm::TranslationUnit& unit);
  // Writes a whole XLIFF document: as it is to XLIFF (files, segments, states, matches),
  // as its translated units (tm::to_translation_units) to other formats.
  void write_document(const tm::Document& document);
  // Ends the file: closes TMX, writes XLIFF.
  void finish();
  std::uint64_t written() const noexcept;
  std::uint64_t left_out() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The languages of the variants other than each unit's source (its variant in `src`, or
// one of the same language), in the order first seen.
std::vector<LangTag> target_languages(const std::vector<tm::TranslationUnit>& units,
                                      const LangTag& src);

}  // namespace termbridge::io
