#pragma once

// Sentence segmentation by SRX 2.0 rules, or by ICU's sentence rules for languages the
// built-in SRX rules are not written for.
//
// An SRX file holds named rule sets (languagerules) and a language map (maprules) that picks
// the rule sets for a language code. Each rule says break="yes" or break="no" at a position
// where its beforebreak regular expression matches the text before and its afterbreak
// expression the text after; the first rule, in map order, that matches decides. Positions
// where no rule matches are not breaks. Expressions are ICU regular expressions.
//
//   auto segmenter = termbridge::segment::Segmenter::builtin();
//   for (Span s : segmenter.split("Sen. Kim arrived. He spoke.", "en")) ...
//   // -> "Sen. Kim arrived." and "He spoke."

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::segment {

// How a Segmenter splits a language.
enum class Method {
  srx,  // its SRX rules (rule_sets() names them)
  icu,  // ICU's sentence BreakIterator for the language's locale
};

class Segmenter {  // immutable once built; split() is const and thread-safe
 public:
  // termbridge's own rules (core/data/srx/termbridge.srx, compiled into the library) for the
  // languages they are written for: ko, en, ja, zh, de, fr, es and ru; ICU's sentence rules
  // (with ICU's abbreviation exceptions where ICU has them) for every other language.
  static Segmenter builtin();

  // Loads SRX 2.0 (SRX 1.0 language maps are read too). `source_name` names the file in
  // errors. Throws Error(parse) with file:line:col for malformed XML, a missing element or
  // an invalid regular expression. Every language is split by the file's rules.
  static Segmenter from_srx(std::string_view xml, std::string_view source_name);

  // How split() segments `lang` (BCP 47, as for split()); the one place that decides. The
  // built-in segmenter uses its SRX rules when a language map written for the language
  // matches it (a map that does not also match the empty code, as the catch-all ".*" does),
  // and for empty and "und"; ICU otherwise. A segmenter from from_srx() always uses SRX.
  Method method(std::string_view lang) const;

  // Sentences of one paragraph of valid UTF-8 in language `lang` (BCP 47: "ko", "en-US";
  // empty or "und" selects what the map gives for no language). Spans are byte ranges of
  // `paragraph`, trimmed of surrounding white space, in order, never empty. Decomposed
  // Hangul segments as its composed form does. Memory does not grow with the paragraph
  // beyond the result: long paragraphs are worked through in windows.
  // Throws Error(unicode) for invalid UTF-8.
  std::vector<Span> split(std::string_view paragraph, std::string_view lang) const;

  // The names of the rule sets used for `lang`, in the order they are applied; none when
  // method(lang) is Method::icu.
  std::vector<std::string> rule_sets(std::string_view lang) const;

  struct Impl;

 private:
  explicit Segmenter(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

// The clauses of one sentence (valid UTF-8) that a translation may well give as sentences of
// their own: the sentence is cut after a ';' or ':' followed by white space and an uppercase
// letter or a quotation mark ("... last spring; Stirring the ...", "... said: \u201cThe ...").
// Spans are byte ranges of `sentence` as split() gives them; one span, the whole trimmed
// sentence, when there is no such place; none for a blank sentence. An invalid byte is
// neither a cut nor an error (split() has refused such text already): it stays in its clause.
std::vector<Span> clauses(std::string_view sentence);

}  // namespace termbridge::segment
