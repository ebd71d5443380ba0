#pragma once

// TMX (Translation Memory eXchange) 1.4b: a streaming reader and a streaming writer.
//
// Reading accepts TMX 1.1-1.4 as OmegaT, Trados, memoQ, Okapi and translate-toolkit write it:
// `lang` (1.1-1.3) or `xml:lang`, language tags in any case, srclang="*all*", several target
// languages per unit, inline codes (bpt, ept, it, ph, hi, ut, sub), UTF-8 or UTF-16 with a
// byte-order mark. A DOCTYPE is skipped without reading it: entities declared there are never
// expanded and nothing is fetched. Memory holds one unit at a time (UTF-16 files, which are
// rare and small, are decoded whole first).

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::io {

// The <header> of a TMX file. On writing, empty fields get defaults (see TmxWriter).
struct TmxHeader {
  std::string version;        // the <tmx version>, e.g. "1.4"; written as "1.4"
  std::string creation_tool;  // creationtool
  std::string creation_tool_version;
  std::string seg_type;       // "sentence", "paragraph", "phrase", "block"
  std::string o_tmf;          // the tool's own format name
  std::string admin_lang;     // adminlang, e.g. "en-US"
  std::string src_lang;       // srclang as written: a tag or "*all*"
  std::string data_type;      // datatype, e.g. "plaintext", "html"
  std::string creation_date;  // 20251211T093000Z
  std::vector<tm::Prop> props;
  std::vector<std::string> notes;
  std::vector<tm::Prop> attrs;  // other <header> attributes as written (o-encoding, changedate...)

  // srclang as a tag; empty for "*all*" or when absent.
  LangTag source() const;
};

struct TmxReadOptions {
  bool keep_inline_codes = true;  // false: drop inline codes, keep the plain text
  // A unit with fewer than two variants, a bad language tag, a tuv without language or seg:
  // fail throws Error(parse); warn skips the unit and adds a Diagnostic; skip drops it.
  OnBadEntry on_bad_entry = OnBadEntry::fail;
  Diagnostics* diagnostics = nullptr;  // where warn puts its messages; may be null
  bool require_src_lang = false;       // a header without srclang is an error, not a warning
};

// Reads a TMX file unit by unit.
//
//   io::TmxReader reader(in, "memory.tmx");
//   tm::TranslationUnit unit;
//   while (reader.next(unit)) { ... }
//
// The constructor reads up to the end of <header>; throws Error(parse) with file:line:column
// when the input is not well-formed or not TMX, Error(io) when the stream fails.
class TmxReader {
 public:
  TmxReader(std::istream& in, std::string name, TmxReadOptions options = {});
  ~TmxReader();
  TmxReader(const TmxReader&) = delete;
  TmxReader& operator=(const TmxReader&) = delete;

  const TmxHeader& header() const noexcept;
  // Reads the next unit into `unit` (replacing its contents); false at the end of <body>.
  // The variant in the header's srclang comes first. Throws Error(parse) with location.
  bool next(tm::TranslationUnit& unit);
  // Bytes of input consumed so far, for progress.
  std::uint64_t bytes_read() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a whole TMX file, handing each unit to `consumer`; returns the header.
TmxHeader read_tmx(std::istream& in, const std::string& name,
                   const std::function<void(tm::TranslationUnit&&)>& consumer,
                   TmxReadOptions options = {});

// Writes TMX 1.4b unit by unit; memory does not grow with the number of units.
//
// Header defaults: creationtool "termbridge" and its version, segtype "sentence", o-tmf
// "termbridge", adminlang "en-US", datatype "plaintext", creationdate now. srclang is
// required. Each unit's variant in srclang is written first, tagged exactly as srclang.
class TmxWriter {
 public:
  // Writes the prolog and <header>. Throws Error(invalid_argument) without a srclang.
  TmxWriter(std::ostream& out, TmxHeader header);
  ~TmxWriter();
  TmxWriter(const TmxWriter&) = delete;
  TmxWriter& operator=(const TmxWriter&) = delete;

  // Writes one <tu>. Throws Error(invalid_argument) when the unit has no variant in the
  // source language (unless srclang is "*all*") or fewer than two variants.
  void write(const tm::TranslationUnit& unit);
  // Closes <body> and <tmx> and flushes. Without it the file is incomplete.
  void finish();
  std::uint64_t units_written() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace termbridge::io
