#pragma once

// Terminology and consistency checks of translations: what a reviewer looks for first.
//
// Pair: one source text with its translation, from an XLIFF unit, a TMX unit or an aligned
//   TSV line. Finding: one problem in one pair, with the kind of problem and a message that
//   names the terms or numbers involved.

#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"

namespace termbridge::qa {

enum class FindingKind {
  missing_term,     // a source term's approved translation is not in the target
  forbidden_term,   // the target uses a forbidden or deprecated term
  inconsistent,     // the same source text was translated differently elsewhere
  number_mismatch,  // a number of the source is not in the target, or the other way round
  untranslated,     // the target is empty
  same_as_source,   // the target is a copy of the source
};

// "missing-term", "forbidden-term", ... as printed in reports.
std::string_view to_string(FindingKind kind);

struct Pair {
  std::string id;        // unit id, or the line number for TSV
  SourceLocation where;  // file and line of the unit, when known
  std::string source;
  std::string target;
};

struct Finding {
  FindingKind kind;
  std::string unit_id;
  SourceLocation where;
  std::string message;     // one line: what is wrong, quoting the terms or numbers
  std::string concept_id;  // for term findings, else empty
};

struct CheckOptions {
  bool terms = true;        // missing approved terms and forbidden terms
  bool numbers = true;      // numbers in source and target must agree
  bool consistency = true;  // one source text, one translation
  bool empty = true;        // untranslated targets and copies of the source
};

// Checks pairs against a term base. Built once (two term matchers); check() is const.
class Checker {
 public:
  Checker(const glossary::TermBase& terms, LangTag src_lang, LangTag tgt_lang,
          CheckOptions options = {});

  // The findings of all pairs, in pair order; within a pair in the order of FindingKind.
  std::vector<Finding> check(const std::vector<Pair>& pairs) const;

 private:
  void check_terms(const Pair& pair, std::vector<Finding>& out) const;
  void check_numbers(const Pair& pair, std::vector<Finding>& out) const;

  const glossary::TermBase& terms_;
  LangTag src_lang_;
  LangTag tgt_lang_;
  CheckOptions options_;
  glossary::TermMatcher src_matcher_;
  glossary::TermMatcher tgt_matcher_;
};

}  // namespace termbridge::qa
