#pragma once

// Term-aware match repair: when a fuzzy match differs from the new sentence in glossary
// terms (the new sentence says SCM where the memory said NCG), the match's target gets the
// approved translation of the new term in place of the old one.
//
// The caller supplies the term hits of the three texts (from any term matcher), so repair
// does not depend on how terms are found:
//
//   RepairInput in; in.query = query; in.source = match.source; in.target = match.target;
//   in.query_terms = {{"SCM", {0, 3}}};  in.source_terms = {{"NCG", {0, 3}}};
//   in.target_terms = {{"NCG", {4, 7}}}; in.approved_targets = {{"SCM", "Security ..."}};
//   if (auto r = repair_match(in)) { use r->target, r->score }

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"
#include "termbridge/tm/fuzzy.hpp"

namespace termbridge::tm {

// A term found in a text: the concept it names and where (bytes of that text).
struct TermSpan {
  std::string concept_id;
  Span span;
};

struct RepairInput {
  std::string_view query;              // the new source sentence
  std::string_view source;             // the match's source sentence
  std::string_view target;             // the match's target sentence
  std::vector<TermSpan> query_terms;   // terms in `query`
  std::vector<TermSpan> source_terms;  // terms in `source`
  std::vector<TermSpan> target_terms;  // terms in `target`
  // The approved target-language term per concept id (for the concepts of `query_terms`).
  std::map<std::string, std::string, std::less<>> approved_targets;
  KoreanTokens korean_tokens = KoreanTokens::particles;
};

// One term put into the target.
struct Replacement {
  std::string old_concept;  // the concept the match had
  std::string new_concept;  // the concept the query has
  Span target_span;         // what was replaced, bytes of RepairInput::target
  std::string text;         // what it was replaced by (the approved term)
};

struct RepairedMatch {
  std::string target;  // the repaired target sentence
  // The match percentage once the replaced terms count as equal, less one point per
  // replacement (a repaired match is never mistaken for an exact one): a match that
  // differed only in terms scores 100 - replacements.
  double score = 0;
  bool only_terms_differed = false;  // nothing but the replaced terms differed
  std::vector<Replacement> replacements;
};

// Repairs a match, or returns nullopt when there is nothing to repair or it cannot be done
// safely: no term differs; a differing query term has no approved target; a differing match
// term is not found in the target exactly as often as in the source; or a term on one side
// stands against ordinary words (not a term) on the other. Spans must lie within their
// texts; throws Error(invalid_argument) otherwise.
std::optional<RepairedMatch> repair_match(const RepairInput& input);

}  // namespace termbridge::tm
