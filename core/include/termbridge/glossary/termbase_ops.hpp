#pragma once

// Operations on a whole term base: checking it, merging another into it, looking terms up.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/glossary/termbase.hpp"

namespace termbridge::glossary {

// One problem found by validate(): the concept it is in (empty for file-wide ones) and what.
struct Problem {
  std::string concept_id;
  std::string message;  // "term 'NCG' (en) appears twice"
};

// Finds: a term twice in one concept; one term (same language and matching key) in two
// concepts; a concept without a usable term in one of the term base's languages; a forbidden
// or deprecated term whose key equals a preferred or admitted term of its concept; language
// tags whose language is not an ISO 639 code; empty terms; concepts without terms; ids that
// are not XML names (TBX writes them changed). Problems come in concept order.
std::vector<Problem> validate(const TermBase& tb);

// One term (same language, same matching key) that ends up in two concepts after a merge,
// as when a second file files 핵실험 under another id: likely one concept under two ids.
struct SharedTerm {
  LangTag lang;
  std::string first_text, second_text;  // as each concept writes it
  std::string first_concept;            // the concept that had it first
  bool first_from_into = true;          // whether that concept came from `into`
  std::string second_concept;           // the concept of `from` that brought it again
};

struct MergeReport {
  std::size_t added = 0;   // concepts new to the term base
  std::size_t merged = 0;  // concepts whose id was there: their terms and notes united
  std::size_t terms_added = 0;
  std::vector<Problem> conflicts;  // a different domain, definition or term attribute: the
                                   // receiving term base's value is kept
  std::vector<SharedTerm> shared;  // terms of `from` already under another concept
};

// Merges `from` into `into`: new ids are appended; for an id in both, new terms and notes are
// added, and differing domain, definition (concept-wide or per language) or term attributes
// are reported, keeping `into`'s. Terms `from` adds under one concept whose key a term of
// another concept has already are listed in `shared` (and merged all the same). Empty terms
// are neither.
MergeReport merge(TermBase& into, const TermBase& from);

struct SearchHit {
  const Concept* concept_ = nullptr;
  const Term* term = nullptr;  // the term that matched
  int rank = 0;                // 0 exact, 1 prefix, 2 contained, 3 fuzzy (edit distance)
  std::size_t distance = 0;    // code-point edit distance for fuzzy hits
};

// Looks `query` up in every term of every language, on matching keys (NFKC + case folding,
// spaces and hyphens ignored): exact, prefix and substring hits, then fuzzy hits within an
// edit distance of one per four characters (at least one). Best first, at most `limit`.
std::vector<SearchHit> search(const TermBase& tb, std::string_view query, std::size_t limit = 20);

}  // namespace termbridge::glossary
