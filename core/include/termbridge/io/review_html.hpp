#pragma once

// The review page: one self-contained HTML file that shows a text and its translation side
// by side, row by row, the way alignment editors show them, with glossary terms highlighted,
// low-confidence beads marked and QA findings next to their segment. No network: styles and
// the one small script (the filters) are inline, fonts are the reader's own.
//
// Row: one bead of an alignment (its source and target sentences, bead type and confidence)
//   or one pair of a QA run (a unit's source and target).
//
//   std::vector<io::ReviewRow> rows = io::rows_from_beads(src, tgt, beads);
//   io::mark_terms(rows, termbase, src_matcher, tgt_matcher);
//   io::ReviewPage page{"Alignment", ko, en, "a.ko.txt", "a.en.txt", 0.5, true, rows};
//   io::write_review_html(out, page);

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/align/aligner.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/base/span.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/qa/check.hpp"

namespace termbridge::io {

// Beads whose confidence is below this are marked when the caller names no threshold: an
// article aligned against an unrelated one scores below 0.5 nearly everywhere.
inline constexpr double kLowConfidence = 0.5;

// A glossary term found in a sentence.
struct ReviewTerm {
  Span span;               // bytes of ReviewSentence::text
  std::string concept_id;  // glossary::Concept::id
  std::string other;       // the concept's usable terms in the other language, "; "-joined
  bool unmatched = false;  // the concept has a term in the other language, but the other side
                           // of the row names it by none (forbidden ones do not count)
  bool forbidden = false;  // the hit is a deprecated or forbidden term
};

struct ReviewSentence {
  std::string text;               // UTF-8
  std::size_t index = 0;          // 0-based number of the sentence in its text
  std::vector<ReviewTerm> terms;  // in order of their start, not overlapping
};

struct ReviewRow {
  std::string id;                        // "3" for the 3rd bead (1-based), or the unit id
  std::string kind;                      // bead type "1-2", "0-1" ...; empty for a QA pair
  std::string beads;                     // the bead as `align --format beads` writes it, or empty
  std::optional<double> score;           // alignment confidence 0..1, when known
  std::vector<ReviewSentence> src, tgt;  // empty for the missing side of a 1-0 / 0-1 bead
  std::vector<qa::Finding> findings;
  std::string where;  // the file of a QA pair when the page holds several files, else empty
};

struct ReviewPage {
  std::string title;                  // "Alignment", "QA": the heading's first word
  LangTag src_lang, tgt_lang;         // the lang attributes of the two columns
  std::string src_name, tgt_name;     // what the two texts are (file names), for the heading
  double low_score = kLowConfidence;  // rows whose score is below are marked low-confidence
  bool checked = false;               // a QA check ran: show the findings column and filter
  std::vector<ReviewRow> rows;
};

// One row per bead, in order: the bead's sentences (texts as given), its type and score.
std::vector<ReviewRow> rows_from_beads(const std::vector<align::Sentence>& src,
                                       const std::vector<align::Sentence>& tgt,
                                       const std::vector<align::Bead>& beads);

// Finds the terms of both sides of every row (replacing any found before) and marks, per row,
// a hit whose concept the other side does not name. `src_terms` and `tgt_terms` are matchers
// of `termbase` for the page's two languages. Throws Error(unicode) on invalid UTF-8.
void mark_terms(std::vector<ReviewRow>& rows, const glossary::TermBase& termbase,
                const glossary::TermMatcher& src_terms, const glossary::TermMatcher& tgt_terms);

// Puts each finding on the row whose id is its unit_id. Findings come in row order (as
// qa::Checker gives them), so among rows with the same id the next one at or after the
// previous finding's row is taken. Throws Error(invalid_argument) for a finding whose unit
// is no row.
void place_findings(std::vector<ReviewRow>& rows, const std::vector<qa::Finding>& findings);

// Text for HTML content or a quoted attribute value: & < > " ' as references, C0 control
// characters other than tab and line feed as their visible Control Pictures (U+2400...), so
// nothing a text holds can end an element, an attribute or the page's script.
std::string escape_html(std::string_view utf8);

// Writes the page: deterministic (no dates, no random ids), so the same input gives the same
// bytes. Readable without the script, which only adds the filters (low-confidence rows, rows
// with findings; also chosen by the URL fragment: #low, #findings, #low,findings).
void write_review_html(std::ostream& out, const ReviewPage& page);

}  // namespace termbridge::io
