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

// The adjective and demonym forms of an English term (language "en"), built by rule from its
// last word: a place name (capitalised) takes the demonym suffixes -n, -an, -ian, -ese, -i
// and -ish as English forms them (Korea → Korean, Japan → Japanese, Iraq → Iraqi, Britain →
// British, Turkey → Turkish, Lebanon → Lebanese); a term ending in "weapon" or "arms" gives
// the compound adjective "<first word>-armed" (nuclear weapon → nuclear-armed); a noun in
// -ation gives its verb (simulation → simulate, denuclearization → denuclearizing); "X
// Ministry" gives the title "X Minister" (통일부 장관 = Unification Minister). Forms that
// are no English word (Koreaese) are harmless: they are only looked for. Empty for other
// languages, acronyms and words written in lower case.
std::vector<std::string> term_forms(const glossary::Term& term);

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

// Checks pairs against a term base. Built once (three term matchers); check() is const.
//
// A source term counts as translated when the target shows one of the concept's allowed
// terms, or, in English, its adjective or demonym form: "North Korean counterpart" translates
// 북한, "Japanese" 일본, "nuclear-armed" 핵무기 (see term_forms). Such forms are no hits of
// their own: terms find and the forbidden-term check see only the terms as written.
class Checker {
 public:
  Checker(const glossary::TermBase& terms, LangTag src_lang, LangTag tgt_lang,
          CheckOptions options = {});

  // The findings of all pairs, in pair order; within a pair in the order of FindingKind.
  std::vector<Finding> check(const std::vector<Pair>& pairs) const;

 private:
  void check_terms(const Pair& pair, std::vector<Finding>& out) const;
  void check_numbers(const Pair& pair, std::vector<Finding>& out) const;
  static glossary::TermBase forms_of(const glossary::TermBase& terms, const LangTag& lang);

  const glossary::TermBase& terms_;
  LangTag src_lang_;
  LangTag tgt_lang_;
  CheckOptions options_;
  glossary::TermMatcher src_matcher_;
  glossary::TermMatcher tgt_matcher_;
  // Every target hit, also one inside a longer term's: "simulation" is there in "tabletop
  // simulation (TTS)" when the source's 모의 asks for it.
  glossary::TermMatcher tgt_every_matcher_;
  glossary::TermBase forms_;  // the target terms' adjective and demonym forms
  glossary::TermMatcher form_matcher_;
};

}  // namespace termbridge::qa
