#pragma once

// Translation jobs: a new article pre-translated from the translation memory and the term
// base into a bilingual document (for XLIFF), and a returned document merged back into a
// target article and the memory.
//
//   auto job = job::pretranslate(paragraphs, "article.ko.txt", segmenter, memory, &terms, options);
//   io::write_xliff(out, job.document, io::XliffVersion::v21);

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/tm/document.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::job {

struct PretranslateOptions {
  LangTag src_lang;               // the article's language; required
  LangTag tgt_lang;               // the translation's language; required
  double fuzzy_threshold = 70.0;  // lowest match percentage offered
  std::size_t max_matches = 3;    // matches attached per segment
  bool repair = true;             // term-aware repair of fuzzy matches (needs a term base)
  std::string tm_name;            // the memory's name, recorded as the matches' origin
                                  // (", part of unit N" added for a part of a unit)
  // Called after each paragraph with the paragraphs done and their number (for a progress
  // bar); may be empty.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
};

// How a segment was pre-translated.
enum class MatchKind {
  exact,     // a 100% match: the target is filled, state translated
  repaired,  // a fuzzy match differing only in terms, repaired: filled, state needs-review
  fuzzy,     // a match at or above the threshold: offered, target left empty
  none,      // nothing found: a new segment
};

std::string_view to_string(MatchKind kind);  // "exact", "repaired", "fuzzy", "new"

struct SegmentReport {
  std::string unit_id;
  std::string segment_id;
  MatchKind kind = MatchKind::none;
  double score = 0;  // best score (the repaired score for repaired segments)
  std::size_t words = 0;
};

struct Summary {
  std::size_t segments = 0;
  std::size_t words = 0;
  std::size_t exact = 0, exact_words = 0;
  std::size_t repaired = 0, repaired_words = 0;
  // Fuzzy matches by band: 95-99, 85-94, 75-84, 70-74 (lower bands when the threshold is
  // lower fall into the last one).
  std::size_t fuzzy[4] = {0, 0, 0, 0};
  std::size_t fuzzy_words[4] = {0, 0, 0, 0};
  std::size_t fresh = 0, fresh_words = 0;  // no match
  std::size_t term_hints = 0;              // term hints attached, over all units
};

struct Pretranslation {
  tm::Document document;
  std::vector<SegmentReport> segments;  // in document order
  Summary summary;
};

// Pre-translates an article given as paragraphs (each is cut into sentences by
// `segmenter`): one unit per paragraph ("p1", "p2", ...), one segment per sentence ("s1",
// ...). Exact matches and repaired matches fill the target; the best matches are attached;
// the term base's hits in each paragraph are attached as term hints with their approved
// translations. `terms` may be null (no hints, no repair). `memory` may be null: a job of
// glossary hints only, every segment new.
Pretranslation pretranslate(const std::vector<std::string>& paragraphs, const std::string& original,
                            const segment::Segmenter& segmenter,
                            const tm::TranslationMemory* memory, const glossary::TermBase* terms,
                            const PretranslateOptions& options);
inline Pretranslation pretranslate(const std::vector<std::string>& paragraphs,
                                   const std::string& original, const segment::Segmenter& segmenter,
                                   const tm::TranslationMemory& memory,
                                   const glossary::TermBase* terms,
                                   const PretranslateOptions& options) {
  return pretranslate(paragraphs, original, segmenter, &memory, terms, options);
}

// The segments to translate that have no translation (tm::is_translatable, no text in the
// target: empty, spaces only), in document order, named "unit" or "unit#segment".
std::vector<std::string> untranslated_segments(const tm::Document& document);

// The translated article of a returned document: each unit's targets joined by a space
// (none between sentences of a Japanese, Chinese or Thai target, but around a source
// sentence kept in another language), units separated by a blank line ("\n\n"), a final
// line end. Segments of bare tags (no source text) are left out. Throws
// Error(invalid_argument) naming every untranslated segment unless `allow_untranslated`;
// then such a segment keeps its source text.
std::string merge_target(const tm::Document& document, bool allow_untranslated = false);

// Checks that a returned document still belongs to an article: the article, cut into
// paragraphs and sentences as pretranslate() did, must give the same sources, unit by unit
// (a unit read as one segment matches its paragraph's sentences joined).
// Throws Error(invalid_argument) naming the first unit that differs.
void check_against_source(const tm::Document& document, const std::vector<std::string>& paragraphs,
                          const segment::Segmenter& segmenter);

// The confirmed pairs of a document (targets in state translated, reviewed or final) as
// translation units for the memory, with the document's original name as x-document.
std::vector<tm::TranslationUnit> confirmed_units(const tm::Document& document);

}  // namespace termbridge::job
