#pragma once

// Bilingual tables: one translation unit per row, source then target.
//
// tsv: "ko<TAB>en" header of language tags, then "source<TAB>target" rows.
// csv: the same as RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
// omegat-tsv: OmegaT's glossary/TM text form, no header: source<TAB>target[<TAB>comment].
// Inline codes are not kept (the text is written plain); tabs and line breaks inside a TSV
// field become spaces.

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::io {

struct BilingualLangs {
  LangTag src;
  LangTag tgt;
};

struct BilingualReadOptions {
  LangTag src_lang;  // for omegat-tsv, or to override the header; required without a header
  LangTag tgt_lang;
  // A row without two fields: fail throws Error(parse), warn skips it with a Diagnostic.
  OnBadEntry on_bad_entry = OnBadEntry::fail;
  Diagnostics* diagnostics = nullptr;
  // The text's encoding, as for text::decode_text; "auto" may guess (CP949, UTF-16), and
  // then calls `on_sniffed` with the encoding used, before the first row.
  std::string encoding = "auto";
  std::function<void(const std::string& encoding)> on_sniffed;
};

// Reads a bilingual table of `format` (tsv, csv or omegat_tsv) row by row; memory holds one
// row. The first row may be a header of two language tags ("ko<TAB>en"; with languages
// given, columns named the other way round are swapped) or, as `termbridge align --format
// tsv` writes it, "src<TAB>tgt[<TAB>score]". A third TSV column that is a number is an
// alignment score (prop x-align-score); otherwise, and in CSV and OmegaT, a note. A header
// of three language tags or more ("ko<TAB>en<TAB>ja") makes every row a unit in all of them
// (a variant per non-empty cell; the source and target, the first two columns unless given,
// come first). Units are numbered by row (id). The constructor reads the header; it throws
// Error(invalid_argument) when the languages are neither given nor in a header.
class BilingualReader {
 public:
  BilingualReader(std::istream& in, std::string name, Format format,
                  BilingualReadOptions options = {});
  ~BilingualReader();
  BilingualReader(const BilingualReader&) = delete;
  BilingualReader& operator=(const BilingualReader&) = delete;

  const BilingualLangs& langs() const noexcept;
  // The next row as a unit of two variants (more under a header of more languages); false
  // at the end. Throws Error(parse) naming file
  // and line for a bad row (unless options say to skip it).
  bool next(tm::TranslationUnit& unit);
  std::uint64_t bytes_read() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a bilingual table of `format` (tsv, csv or omegat_tsv), handing each row to
// `consumer` as a two-variant unit (id = row number); returns the languages. An omegat-tsv
// comment becomes a note. Throws Error(parse) naming file and line for a header that is not
// two language tags (and no languages were given) or a bad row.
BilingualLangs read_bilingual(std::istream& in, const std::string& name, Format format,
                              const std::function<void(tm::TranslationUnit&&)>& consumer,
                              BilingualReadOptions options = {});

// Writes translation units as a bilingual table, streaming.
// Whether `v` reads as the number a TSV score column holds (what align --format tsv writes).
bool is_alignment_score(const std::string& v);

class BilingualWriter {
 public:
  // Writes the header row (not for omegat_tsv). With `score_column` (tsv only) the header
  // names a third column "score", and each row gives the unit's x-align-score there (empty
  // when it has none), as align --format tsv --header writes it.
  BilingualWriter(std::ostream& out, Format format, LangTag src, LangTag tgt,
                  bool score_column = false);
  // Writes one row; units without both languages are left out (returns false).
  bool write(const tm::TranslationUnit& unit);

 private:
  void field(std::string_view value);
  std::ostream& out_;
  Format format_;
  LangTag src_;
  LangTag tgt_;
  bool score_column_ = false;
};

}  // namespace termbridge::io
