#pragma once

// Reading and writing term bases: TBX v2 (ISO 30042:2008, <martif>), TBX v3 (ISO 30042:2019,
// TBX-Basic, DCA style), CSV/TSV with a header row, and OmegaT's glossary TSV.
//
// CSV/TSV: a header row names the columns. `id`; one column per language holding terms (`en`,
// `ko`, `ja`, any BCP 47 tag); optional `note`, `definition`, `domain`, `status`, `type`,
// `pos`, and per-language `en_status`, `ko_type`, `en_pos`, `ko_note` ... Several rows with
// the same id are the synonyms of one concept (the rows need not be adjacent); each row may
// hold one term per language. UTF-8 (a BOM is skipped; UTF-16 with BOM is decoded), RFC 4180
// quoting, LF or CRLF. TSV uses the same rules with a tab as separator.
//
// Duplicate ids (several rows, or several TBX entries with one id) are merged into one
// concept: terms and notes are united; a term given twice with the same text and language is
// kept once. Conflicting data is a bad entry (see OnBadEntry): a second, different domain or
// definition for one concept, or one term with two different statuses, types or parts of
// speech. With OnBadEntry::warn or skip, the first value is kept.

#include <iosfwd>
#include <string>
#include <string_view>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/format.hpp"

namespace termbridge::io {

struct TermBaseReadOptions {
  OnBadEntry on_bad_entry = OnBadEntry::fail;  // what to do with a ragged row, a bad tag ...
  Diagnostics* diagnostics = nullptr;          // receives warnings with OnBadEntry::warn
  std::string src_lang, tgt_lang;              // omegat-tsv: languages of its two columns
};

struct TermBaseWriteOptions {
  // omegat-tsv: the languages of the source and target columns (default: the first two
  // languages of the term base, sorted). TBX: the xml:lang of the root (default: src_lang,
  // else "en" when the term base has English, else its first language).
  std::string src_lang, tgt_lang;
};

// Reads a term base held in `data` in the given format (tsv, csv, tbx2, tbx3, omegat_tsv; a
// TBX of either version is read whatever of tbx2/tbx3 is given, by its root element).
// `source_name` is used in errors and diagnostics. Throws Error(parse) with file:line:column
// for a broken file (not well-formed XML, another root element or TBX dialect, a header
// naming an unknown column) and, with OnBadEntry::fail, for the first bad entry;
// Error(invalid_argument) for a format that holds no term base.
glossary::TermBase read_termbase(std::string_view data, Format format, std::string_view source_name,
                                 const TermBaseReadOptions& options = {});

// Reads a term base file ("-" = stdin). The format is `format_name` when given (as
// parse_format takes it), else the content when it is XML, else the extension.
// Throws Error(io) when the file cannot be read, and as read_termbase.
glossary::TermBase read_termbase_file(const std::string& path, std::string_view format_name = {},
                                      const TermBaseReadOptions& options = {});

// Writes a term base: TBX v2 and v3 valid by the ISO core-structure schemas, CSV with CRLF
// row ends, TSV with LF. CSV/TSV and TBX keep every concept, term, type, status, part of
// speech and note; OmegaT TSV keeps one language pair, without statuses, and leaves out
// deprecated and forbidden terms. Concept ids that are not XML names ("42") are written to
// TBX with a leading "_" ("_42"). Throws Error(invalid_argument) for a format that holds no
// term base, or a concept without terms written to TBX (which requires one).
void write_termbase(const glossary::TermBase& tb, std::ostream& out, Format format,
                    const TermBaseWriteOptions& options = {});

// True for the formats read_termbase and write_termbase handle.
bool is_termbase_format(Format format);

}  // namespace termbridge::io

namespace termbridge::io {

// Edits one concept in the text of a term-base file (TBX v2/v3, CSV or TSV, UTF-8), leaving
// every other byte as it was: the concept's entry or rows are replaced by `replacement`, or
// removed when it is null; an id not in the file is added (CSV/TSV: at its sorted place when
// the rows are sorted by id, else at the end; TBX: at the end of <body>). New CSV/TSV rows use
// the file's header and line ends; new TBX entries the file's indentation. Throws
// Error(invalid_argument) when the id to remove is not there, when the header has no column
// for some of the concept's data ("add a ja column"), or for other formats; Error(parse) for
// a broken file.
std::string edit_termbase_text(std::string_view data, Format format, std::string_view source_name,
                               std::string_view id, const glossary::Concept* replacement);

}  // namespace termbridge::io
