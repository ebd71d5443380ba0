#pragma once

// The sentence pairs inside a translation unit that holds several sentences on each side
// ("A. B." <-> "A'. B'."), as aligned articles, paragraph-based memories and other tools' TMX
// store them. The memory stores them as parts of the unit (tm::UnitPart), so a sentence of a
// new article finds the pair it belongs to.
//
// Each side is cut by the segmenter that cuts articles and the two are aligned by the aligner
// that aligns articles (align::align_sentences), with the term base's concepts as anchors when
// one is given. Only confident beads become parts (see SplitOptions).
//
//   job::UnitSplitter splitter(segment::Segmenter::builtin());
//   import_options.split = splitter.function();

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::job {

struct SplitOptions {
  // Lowest aligner confidence (align::Bead::score) for a 1-1 bead to become a part.
  double min_score_one = 0.5;
  // The same for a 1-2 or 2-1 bead: a merge is the aligner's usual way to hide a wrong
  // split, so it must be surer.
  double min_score_two = 0.75;
};

class UnitSplitter {
 public:
  // `terms` (may be null) must outlive the splitter.
  explicit UnitSplitter(segment::Segmenter segmenter, const glossary::TermBase* terms = nullptr,
                        SplitOptions options = {});
  ~UnitSplitter();
  UnitSplitter(const UnitSplitter&) = delete;
  UnitSplitter& operator=(const UnitSplitter&) = delete;

  // The parts of a unit: none unless both sides hold two sentences or more (the side with
  // fewer sentences is also cut after "; ", how translators often join two); then the 1-1
  // beads at min_score_one or above and the 1-2 / 2-1 beads at min_score_two or above, in
  // order, as the texts of their sentences (the unit's own text from the first sentence's
  // start to the last one's end). Swapped sentences: two neighbouring 1-1 beads that pair
  // clearly better crosswise, or a 2-2 bead, give the two crossed pairs when each pair's
  // lengths agree and one shares an anchor (a number, name, quotation, concept), else none.
  // Other 2-2 beads, beads of three sentences or more, sentences without counterpart and
  // pairs without a letter give none. A unit of one bead gives none.
  std::vector<tm::UnitPart> split(const LangTag& src_lang, std::string_view source,
                                  const LangTag& tgt_lang, std::string_view target) const;

  // False when a unit surely gives no parts: a side holds one sentence for the built-in
  // rules (no sentence mark, semicolon or line break with more words after it). A scan of
  // the bytes, without the segmenter: the memory asks it of every unit it imports and
  // splits only the others.
  static bool may_split(std::string_view source, std::string_view target);

  // split() as the memory's import takes it; the splitter must outlive it.
  tm::PartSplitter function() const;

 private:
  const glossary::TermMatcher* matcher(const LangTag& lang) const;

  segment::Segmenter segmenter_;
  const glossary::TermBase* terms_;
  SplitOptions options_;
  mutable std::map<std::string, std::unique_ptr<glossary::TermMatcher>> matchers_;
};

}  // namespace termbridge::job
