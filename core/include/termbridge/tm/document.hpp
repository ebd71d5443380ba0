#pragma once

// A bilingual translation job, independent of its file format (XLIFF 1.2, XLIFF 2.x).
//
// Document: one job, made of files (source documents); usually in one language pair, but an
//   XLIFF 1.2 file may hold files in several (select_pair() keeps one).
// DocUnit: a paragraph of a source document; its segments (sentences) are translated one by
//   one, and the target paragraph is their targets joined in order (target_text()).
// DocSegment: one source sentence, its target, the state of its translation and the
//   translation-memory matches offered for it.
// TermHint: a term-base entry found in the paragraph, shown to the translator.
//
// Pre-translation fills a Document and a writer turns it into XLIFF; a reader turns what a
// translator returns into the same model for merging and QA.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::tm {

// How far the translation of a segment has come. XLIFF 2 states, plus needs_review, which
// XLIFF 1.2 tools set when a target must be checked again.
enum class SegmentState {
  initial,       // not translated (target empty or a draft)
  translated,    // translated, not reviewed
  needs_review,  // translated, but to be checked again (XLIFF 1.2 needs-review-*)
  reviewed,      // reviewed (XLIFF 1.2 signed-off)
  final,         // final: not to be changed
};

// "initial", "translated", "needs-review", "reviewed", "final".
std::string_view state_name(SegmentState state);

// A translation-memory match offered for a segment (XLIFF 1.2 alt-trans, XLIFF 2 mtc:match).
struct Match {
  TranslationUnit unit;  // the memory's unit: its source variant first, then the target
  double score = 0;      // similarity in percent, 0-100 (match-quality, matchQuality)
  std::string origin;    // where it came from: a memory's name, "mt", a tool
};

// A term-base entry found in a unit (XLIFF 2 gls:glossEntry, a note in XLIFF 1.2).
struct TermHint {
  std::string concept_id;   // the concept's id in the term base; may be empty
  std::string source_term;  // the term as the term base writes it in the source language
  std::string target_term;  // the approved translation; may be empty
  friend bool operator==(const TermHint&, const TermHint&) = default;
};

// A comment on a unit, by a tool or a translator.
struct Note {
  enum class About { unit, source, target };
  std::string text;
  About about = About::unit;  // what it comments on (XLIFF 1.2 annotates, 2.x appliesTo)
  std::string from;           // who wrote it (XLIFF 1.2 from, 2.x category); may be empty
  friend bool operator==(const Note&, const Note&) = default;
};

struct DocSegment {
  std::string id;  // unique in its unit; may be empty (writers then number segments)
  Segment source;
  Segment target;  // empty while untranslated
  SegmentState state = SegmentState::initial;
  std::vector<Match> matches;  // best first
};

struct DocUnit {
  std::string id;  // the paragraph's id, unique in its file
  std::vector<DocSegment> segments;
  std::vector<Note> notes;
  std::vector<TermHint> terms;
  std::vector<Prop> props;  // metadata: e.g. TMX tu properties, creation dates
  // The unit's variants in languages other than its file's pair (a TMX unit in more than
  // two languages), kept so that a conversion through XLIFF loses no language.
  std::vector<Variant> others;
};

struct DocFile {
  std::string id;        // unique in the document; may be empty (writers number files)
  std::string original;  // the source document's name, e.g. "ncg-2025.ko.txt"
  // The file's language pair when it differs from the document's (XLIFF 1.2 <file>
  // source-language/target-language); empty: the document's pair.
  LangTag src_lang;
  LangTag tgt_lang;
  std::vector<DocUnit> units;
};

struct Document {
  LangTag src_lang;  // the first file's pair, for callers that handle one pair
  LangTag tgt_lang;
  std::vector<DocFile> files;
};

// The language pair of a file: its own, else the document's.
const LangTag& source_lang(const Document& document, const DocFile& file);
const LangTag& target_lang(const Document& document, const DocFile& file);

// Keeps the files in one language pair and makes it the document's. `src` and `tgt` may be
// empty (any); a tag matches a more or less specific one ("en" and "en-US"), so the pair
// kept is the file's own. A document in one pair without a target language takes `tgt`.
// Returns how many files were left out. Throws Error(invalid_argument) listing the pairs
// found when no file is in the pair asked for, or when several pairs match.
std::size_t select_pair(Document& document, const LangTag& src, const LangTag& tgt);

// True when `segment` holds text other than white space (Unicode White_Space). A segment of
// inline codes and spaces has none: tools write a document's bare tags as such units
// (SDLXLIFF, memoQ), and a target of spaces is no translation.
bool has_text(const Segment& segment);

// A segment to translate: its source has text.
inline bool is_translatable(const DocSegment& segment) {
  return has_text(segment.source);
}

// A segment translatable and translated: its target has text too (whatever its state).
inline bool is_translated(const DocSegment& segment) {
  return is_translatable(segment) && has_text(segment.target);
}

// The target paragraph of a unit: the targets of its segments in order, joined by
// `separator`. Inline codes are dropped.
std::string target_text(const DocUnit& unit, std::string_view separator = " ");

// The segments of a unit joined into one Segment (source or target side), codes moved to
// their new offsets; segments are joined by `separator`.
Segment join_source(const DocUnit& unit, std::string_view separator = " ");
Segment join_target(const DocUnit& unit, std::string_view separator = " ");

// A translation unit for each translated segment (is_translated): source variant first,
// then target, in the file's language pair.
// Unit notes go on the translation unit (source/target notes on the variant), props too.
// The id is the unit id, with "#<segment id>" appended when a unit has several segments.
std::vector<TranslationUnit> to_translation_units(const Document& document);

// A document with one file (named `original`) holding one unit per translation unit, one
// segment each: the variant in `src` is the source, the one in `tgt` the target (state
// translated), or no target (state initial). Units without a `src` variant are skipped.
// Unit and variant notes and props are kept; creation and change dates become props
// "x-tmx-creationdate", "x-tmx-creationid", "x-tmx-changedate", "x-tmx-changeid".
Document from_translation_units(const std::vector<TranslationUnit>& units, const LangTag& src,
                                const LangTag& tgt, std::string original = {});

// One DocUnit for a translation unit, as from_translation_units() makes it; false when the
// unit has no `src` variant.
bool to_doc_unit(const TranslationUnit& unit, const LangTag& src, const LangTag& tgt, DocUnit& out);

}  // namespace termbridge::tm
