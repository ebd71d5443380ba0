#pragma once

// Reading and writing term bases: TBX v2 (ISO 30042:2008, <martif>), TBX v3 (ISO 30042:2019,
// TBX-Basic, DCA or DCT style), CSV/TSV with a header row, and OmegaT's glossary TSV.
//
// CSV/TSV: a header row names the columns. `id` (optional); one column per language holding
// terms (`en`, `ko`, `ja`, any BCP 47 tag); optional `note`, `definition`, `domain`, `status`,
// `type`, `pos`, per-language term attributes `en_status`, `ko_type`, `en_pos`, `ko_note` ...,
// and per-language concept data `en_definition`, `ko_lang_note` (a TBX langSet's definition
// and notes). Several rows with the same id are the synonyms of one concept (the rows need
// not be adjacent); each row may hold one term per language. Without an id column, a row's
// id is its first term in column order, white space runs made '-' ("핵 실험" -> "핵-실험").
// Any encoding (see TermBaseReadOptions::encoding: Excel's CP949 CSV and UTF-16 "Unicode
// text" included), RFC 4180 quoting, LF or CRLF. TSV uses the same rules with a tab.
//
// TBX: a definition or note inside a <langSet> belongs to that language
// (glossary::LanguageInfo); an empty <term> is kept empty (a note in the diagnostics), so a
// converted file keeps every term slot; the root's xml:lang is kept (TermBase::source_lang).
//
// Duplicate ids (several rows, or several TBX entries with one id) are merged into one
// concept: terms and notes are united; a term given twice with the same text and language is
// kept once. Conflicting data is a bad entry (see OnBadEntry): a second, different domain or
// definition for one concept, or one term with two different statuses, types or parts of
// speech. With OnBadEntry::warn or skip, the first value is kept.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/format.hpp"

namespace termbridge::io {

// Where a term was read, for messages that point into the file.
struct TermLocation {
  std::string concept_id;
  LangTag lang;
  std::string text;
  SourceLocation where;
};

struct TermBaseReadOptions {
  OnBadEntry on_bad_entry = OnBadEntry::fail;  // what to do with a ragged row, a bad tag ...
  Diagnostics* diagnostics = nullptr;          // receives warnings with OnBadEntry::warn
                                               // (and notes: an empty TBX term kept, an
                                               // encoding guessed) unless OnBadEntry::skip
  std::string src_lang, tgt_lang;              // omegat-tsv: languages of its two columns
  // CSV/TSV/OmegaT: the text's encoding, any name ICU knows ("cp949", "utf-16le"). "" or
  // "auto": a byte-order mark decides, else UTF-8, else a clean guess (CP949; UTF-16 by its
  // NUL bytes), noted in `diagnostics` as "read as cp949 (not UTF-8) ...". TBX follows its
  // XML declaration (UTF-16, windows-125x, ISO-8859-x, EUC-KR ...) and ignores this.
  std::string encoding;
  // When set, receives the place of every term read (the first, for a term given twice).
  std::vector<TermLocation>* term_locations = nullptr;
};

struct TermBaseWriteOptions {
  // omegat-tsv: the languages of the source and target columns (default: the first two
  // languages of the term base, sorted). TBX: the xml:lang of the root (default: src_lang,
  // else "en" when the term base has English, else its first language).
  std::string src_lang, tgt_lang;
  // TBX v3: write data categories as elements of the TBX-Basic/Min namespaces
  // (<min:partOfSpeech>, style="dct") instead of type attributes (style="dca").
  bool tbx_dct = false;
  // CSV/TSV/OmegaT: the encoding to write ("" = UTF-8), as decode_text names them: "cp949"
  // for a sheet Korean Excel opens, "utf-16le" for Excel's Unicode text (written with its
  // byte-order mark). A character the encoding lacks is an Error(invalid_argument) naming it.
  std::string encoding;
};

// Reads a term base held in `data` in the given format (tsv, csv, tbx2, tbx3, omegat_tsv; a
// TBX of either version is read whatever of tbx2/tbx3 is given, by its root element).
// `source_name` is used in errors and diagnostics. Throws Error(parse) with file:line:column
// for a broken file (not well-formed XML, another root element or TBX dialect, a header
// naming an unknown column) and, with OnBadEntry::fail, for the first bad entry;
// Error(invalid_argument) for a format that holds no term base.
glossary::TermBase read_termbase(std::string_view data, Format format, std::string_view source_name,
                                 const TermBaseReadOptions& options = {});

// Reads a term base from a stream (standard input, say): the format is `format_name` when
// given, else the content's (XML root, or a tab or comma in the first line).
glossary::TermBase read_termbase(std::istream& in, std::string_view format_name,
                                 std::string_view source_name,
                                 const TermBaseReadOptions& options = {});

// Reads a term base file. The format is `format_name` when given (as parse_format takes it),
// else the content when it is XML, else the extension. Throws Error(io) when the file cannot
// be read, Error(invalid_argument) for "-" (pass standard input as a stream), and as
// read_termbase.
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

// Edits one concept in the bytes of a term-base file (TBX v2/v3 in UTF-8; CSV or TSV in any
// encoding `encoding` names or, for "" / "auto", read_termbase finds), leaving every other
// byte as it was: the concept's entry or rows are replaced by `replacement`, or removed when
// it is null; an id not in the file is added (CSV/TSV: at its sorted place when the rows are
// sorted by id, else at the end; TBX: at the end of <body>). New CSV/TSV rows use the file's
// header and line ends; new TBX entries the file's indentation and style (DCA or DCT).
// A CSV/TSV file without an id column names each concept by its first term (see
// read_termbase); a concept needing a type, status, part-of-speech, note or definition
// column the header lacks gets it at the end of the header, and every other row an empty
// cell for it (a trailing separator). A CSV/TSV file in CP949 or UTF-16 is written back in
// its encoding (and byte-order mark); cells the edit did not change keep their code points
// (not NFC-normalized: a sheet's compatibility Hanja stay). Throws Error(invalid_argument)
// when the id to remove is not there, when the header lacks a language column for a term
// ("add a ja column"), when a character cannot be written in the file's encoding, when an
// encoding found by a guess would be guessed otherwise after the edit (see
// check_encoding_guessed_again), or for other formats; Error(parse) for a broken file.
std::string edit_termbase_text(std::string_view data, Format format, std::string_view source_name,
                               std::string_view id, const glossary::Concept* replacement,
                               std::string_view encoding = {});

// For a sheet whose encoding was guessed (decode_text's `sniffed`; CP949 has no byte-order
// mark to say it), written back as `bytes` in that `encoding`: throws Error(invalid_argument)
// naming `name` when reading `bytes` again would guess another encoding and so another text
// (they happen to be all valid UTF-8), which would misread every non-ASCII cell.
void check_encoding_guessed_again(std::string_view bytes, std::string_view encoding,
                                  std::string_view name);

}  // namespace termbridge::io
