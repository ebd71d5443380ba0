#pragma once

// Term spotting: finding every occurrence of a glossary's terms in running text, the way a
// translator means it (국방부는 → 국방부, "nuclear tests" → nuclear test, 핵 in 핵심 →
// nothing). Korean and English have rules of their own; Japanese, Chinese and Thai hits
// start and end on ICU word boundaries (核 is not in 核心); the languages of the Snowball
// stemmers (German, French, Spanish, Russian, ...) are matched word by word through stems
// (Atomwaffe → Atomwaffen); any other language by its characters.
//
// TermHit: one occurrence, a span of the caller's text and the concept whose term it is.
// TermMatcher: the index built once from a TermBase for one language; find() then costs
// time in proportion to the text, not to the number of terms.
//
//   glossary::TermMatcher matcher(termbase, LangTag::parse("ko"));
//   for (const auto& hit : matcher.find("국방부는 핵협의그룹(NCG) 회의를 열었다")) { ... }

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/base/span.hpp"
#include "termbridge/glossary/termbase.hpp"

namespace termbridge::glossary {

struct MatchOptions {
  // "nuclear consultative group" and "NUCLEAR CONSULTATIVE GROUP" match Nuclear Consultative
  // Group (case folding after NFKC).
  bool fold_case = true;
  // A term written in capitals (at least two letters, no lower case: NCG, U.N.), or typed as
  // an acronym/abbreviation, only matches in capitals: "Scm" and "scm" are not SCM.
  bool acronyms_exact_case = true;
  // Korean: particles, endings and suffixes after a term stay outside the span (핵협의그룹은
  // → 핵협의그룹), and a space inserted into a term (핵 실험) only counts where the result
  // is still the term as a word, ending at the word end or before a particle.
  bool korean_particles = true;
  // No overlapping hits: the longest wins, on equal length the leftmost.
  bool longest_match_only = true;
  // Spaces and hyphens between the parts of a term are ignored: 핵 실험 = 핵실험,
  // "six party talks" = "six-party talks".
  bool ignore_spacing = true;
  // English: the regular plural of a term's last word matches ("nuclear tests", "allies");
  // an acronym may take a plural s ("ICBMs"). The span covers the inflected word.
  bool english_plurals = true;
  // English: -ed / -ing forms of the last word also match ("sanctioned"). Off by default:
  // "bombing" is not "bomb" and "denuclearizing" is not "denuclearization".
  bool english_verb_forms = false;
  // Korean: a term glued to other letters of its eojeol counts only as a part of a compound
  // noun (대북제재, 납치범), not as letters inside another word (리퍼 in 클리퍼, 핵 in 핵심,
  // 기지 in 모기지); a counter after a number starts no term (30대사이); a spacing variant
  // does not start right after a number (10년 전 차별 is no 전차). See DESIGN.md, "Term
  // spotting on open text".
  bool korean_word_rules = true;
  // English: a term right after a rank word (Assistant, Deputy, Under, Vice) names another
  // office ("Assistant Secretary of State" is not Secretary of State) and is skipped.
  bool skip_rank_prefixed = true;
  // Languages other than Korean and English: in Japanese, Chinese, Thai, Lao, Khmer and
  // Burmese a hit must start and end on a word boundary of ICU's dictionary segmentation
  // (核 is not in 核心; 核協議グループ is in 核協議グループの会合); in a language with a
  // Snowball stemmer (text::has_stemmer) texts and terms are compared word by word by their
  // stems, whole words only (arma nuclear → "armas nucleares"; Waffe is not in Atomwaffe),
  // and the span covers the words as written. Spacing tolerance does not apply there: a
  // hyphen or space separates words. Off: those languages are matched by their characters.
  bool language_words = true;
  // In a language not written in Latin letters (Korean), also spot the concept's Latin
  // acronyms from any language (UN, NATO, WMD in Korean text).
  bool foreign_acronyms = true;
  // Deprecated and forbidden terms are spotted too (a QA check wants to find them).
  bool include_forbidden = true;
  // Terms kept for translations only (is_translation_only: "security" for 안보) are left out:
  // found in a text of their language they mostly mean something else. A check of a
  // translation against its source turns this on for the target side.
  bool include_translation_only = false;
  // A text longer than this many bytes is matched in windows of a quarter of it, with a
  // 64th of it as context on either side, so that memory follows the window, not the text;
  // the hits are those of the text matched whole. At least 64 KiB (the context must hold
  // any term with its word); tests set it low to cross window cuts with short texts.
  std::size_t window_threshold = std::size_t{4} << 20;
};

struct TermHit {
  Span span;                      // bytes of the input given to find()
  std::string concept_id;         // Concept::id
  std::string_view surface;       // the span of that input, as written: valid while the input is
  std::size_t term_index;         // index of the matched term in its Concept::terms
  std::size_t concept_index = 0;  // index of its concept in TermBase::concepts() of the build
};

// A hit as find_spans() gives it: no strings, for a caller that holds the texts and the term
// base (a corpus has millions of hits; copying each concept id costs more than finding it).
struct TermSpan {
  Span span;                    // bytes of the text it was found in
  std::uint32_t concept_index;  // as TermHit::concept_index
  std::uint32_t term_index;     // as TermHit::term_index
};

class TermMatcher {  // immutable once built; find() is const and thread-safe
 public:
  // Builds the index for the terms of `lang` (matched as LangTag::matches does: "ko" takes
  // "ko-KR" terms too). Terms whose key is empty are left out. Throws Error(invalid_argument)
  // when `lang` is empty.
  TermMatcher(const TermBase& terms, LangTag lang, MatchOptions options = {});
  ~TermMatcher();
  TermMatcher(TermMatcher&&) noexcept;
  TermMatcher& operator=(TermMatcher&&) noexcept;

  // The occurrences in valid UTF-8 text, in order of their start. Spans are byte offsets
  // into `utf8`. Throws Error(unicode) on invalid UTF-8.
  std::vector<TermHit> find(std::string_view utf8) const;

  // The occurrences in each of several texts (lines of a file), exactly as find() gives them
  // for each text on its own, with one setup for the whole batch. (Within a text, the walks
  // from all its positions already overlap their memory reads.) Throws Error(unicode) on
  // invalid UTF-8 in any of the texts.
  std::vector<std::vector<TermHit>> find_each(std::span<const std::string_view> texts) const;

  // The occurrences find_each() gives, as spans, all in `hits` (cleared first): those of
  // texts[t] are hits[ends[t - 1], ends[t]) (from 0 for the first). No allocation per text
  // once the vectors have grown.
  void find_spans(std::span<const std::string_view> texts, std::vector<TermSpan>& hits,
                  std::vector<std::size_t>& ends) const;

  // The occurrences find() gives for `utf8`, handed to `sink` in order, a batch at a time
  // (a batch per megabyte of a long text), so that the hits of a 30 MB line with millions of
  // terms need not all be held at once. The batch may be moved from.
  void find_in_batches(std::string_view utf8,
                       const std::function<void(std::vector<TermHit>&)>& sink) const;

  // The number of term keys indexed (inflected variants included).
  std::size_t key_count() const noexcept;
  const LangTag& lang() const noexcept;

 private:
  struct Index;
  class Run;
  std::unique_ptr<Index> index_;
};

}  // namespace termbridge::glossary
