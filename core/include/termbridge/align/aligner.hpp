#pragma once

// Sentence alignment of a text and its translation (Korean and English in particular).
//
// Words used here:
//   Sentence  one sentence of either side, with the paragraph it belongs to and the glossary
//             concepts found in it (the caller finds them, e.g. with glossary::TermMatcher).
//   Bead      a group of consecutive source sentences aligned with a group of consecutive
//             target sentences: 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, or one side empty (1-0 deletion,
//             0-1 insertion). An alignment is a list of beads that covers every sentence of
//             both sides once, in order (it is monotone: no crossing beads).
//
// Example:
//   std::vector<align::Sentence> ko = {{"미국은 1992년에 핵실험을 중지했다."}};
//   std::vector<align::Sentence> en = {{"The US stopped nuclear tests in 1992."}};
//   for (const align::Bead& b : align::align_sentences(ko, en)) { ... }

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/segment/segmenter.hpp"

namespace termbridge::lexicon {
class Lexicon;
}

namespace termbridge::align {

struct Sentence {
  std::string text;                   // UTF-8
  std::size_t paragraph = 0;          // paragraph number; used only when both sides have >1
  std::vector<std::string> concepts;  // glossary concept ids found in the sentence
  // A clause of the sentence before (segment::clauses): a bead that joins the two counts them
  // as one sentence for its type's cost.
  bool continues = false;
};

// [begin, end) ranges of sentence indices; an empty range is the empty side of a 1-0 or 0-1.
struct Bead {
  std::size_t src_begin = 0, src_end = 0;
  std::size_t tgt_begin = 0, tgt_end = 0;
  double score = 0;  // confidence 0..1 that this bead is right
};

// Scoring weights. Costs are in nats (negative log-probabilities); the defaults were tuned on
// Korean-English news (see docs/DESIGN.md, "Alignment").
struct AlignOptions {
  // Length model: target characters per source character and the variance of target
  // characters per source character. 0 = estimate from the two texts themselves.
  double length_ratio = 0;       // 0: total target length / total source length
  double length_variance = 0;    // 0: re-estimated from a first alignment pass
  double initial_variance = 20;  // variance (in source characters) for that first pass
  double fallback_variance = 4;  // the estimate's prior, for texts with few 1-1 beads

  // Bead-type costs, -log P(type) relative to 1-1, on top of the length and anchor terms.
  double cost_1_1 = 0;       // the reference
  double cost_1_2 = 2.9;     // 1-2 and 2-1
  double cost_2_2 = 7;       // 2-2 (mostly two crossing sentences)
  double cost_1_3 = 4;       // 1-3 and 3-1
  double cost_deletion = 4;  // 1-0 and 0-1, whatever the length (the length term is not used)

  // Anchor bonuses, per anchor shared by the two sides of a bead.
  double number_weight = 5;        // a number or date in both (1,000 = 1000, 12월 = December)
  double small_number_weight = 3;  // the same for integers below 32 (days, counts)
  double latin_weight = 2.5;       // a Latin-script word inside the source or target (NCG, CNN)
  double concept_weight = 3;       // a glossary concept in both (Sentence::concepts)
  double quote_weight = 2.5;       // both have quotation marks
  double question_weight = 0;      // both ask a question (?) or exclaim (!)
  // Word pairs learned from a first alignment of the same texts (see align_sentences): the
  // weight of one shared, and what makes a pair: beads in common and Dice association.
  double learned_weight = 3;
  unsigned learned_min_count = 2;
  double learned_min_dice = 0.5;
  // Word translations (see docs/DESIGN.md, "Alignment", "Lexical coverage"): the second
  // alignment scores how much of a bead's words on each side have a translation on the other
  // side. The lexicon is `lexicon` when given (it must outlive the call), else one trained
  // on the first alignment of the two texts themselves. Weight 0: not used.
  const lexicon::Lexicon* lexicon = nullptr;
  std::string src_lang = "ko", tgt_lang = "en";  // for the words, when no lexicon is given
  double lexicon_weight = 2;         // nats from no coverage to full coverage of both sides,
  double lexicon_given_weight = 5;   // the same with a given lexicon (it knows each word)
  double lexicon_center = 0.35;      // the coverage that costs nothing
  double lexicon_link = 0.1;         // sqrt(p(t|s) p(s|t)) that makes two words translations
  double lexicon_smoothing = 2;      // pseudo-weight of the centre in a side's coverage
  double lexicon_iterations = 3;     // EM iterations when the lexicon is trained on the texts,
  double lexicon_max_units = 2000;   // on at most this many beads of the first alignment,
  double lexicon_min_sentences = 2;  // and the sentences a word must be in to count then
  // The compiled-in dictionary of the language pair (lexicon::builtin_dictionary, ko-en):
  // the lexicon weight when it guides the alignments (0: not used).
  double dictionary_weight = 9;
  double dictionary_center = 0.25;  // lexicon_center then: a dictionary links more of the words
  // A bead of several sentences on a side also pays this weight times how far its least
  // covered sentence there falls below the centre: a sentence no word of the other side
  // translates is more likely a deletion than half of a 2-1 bead.
  double lexicon_part_weight = 8;
  // Penalty for a bead that starts at a paragraph start on one side only, or spans a
  // paragraph break; used only when both sides have more than one paragraph.
  double paragraph_weight = 4;

  // Search: half-width of the band of the dynamic programme. The first pass's band follows
  // the cheapest partial path row by row (so it needs no room for the path's drift from the
  // diagonal); the second pass's is a quarter as wide around the first path. A band is
  // doubled around the path found when that path touches its edge, so a too-small value costs
  // time, not accuracy.
  std::size_t band = 32;
  // A long pair (2,000 sentences or more) has its two sides prepared on two threads when the
  // machine has two cores; the beads are the same either way.
  bool parallel = true;
};

// Appends the sentences of one paragraph of raw text (number `paragraph`) as `termbridge align`
// reads it: the segmenter's sentences, each cut into its clauses (segment::clauses), the
// later clauses of a sentence marked as continuing it. Throws Error(unicode) for invalid
// UTF-8, as Segmenter::split.
void append_paragraph(std::vector<Sentence>& out, std::string_view text, std::size_t paragraph,
                      const segment::Segmenter& segmenter, std::string_view lang);

// Aligns two sentence lists; returns beads covering every sentence of both sides once, in
// order. Time and memory grow linearly with the number of sentences (for a band that is not
// widened). An empty side gives deletions (or insertions) with score 0. Throws nothing but
// std::bad_alloc.
std::vector<Bead> align_sentences(const std::vector<Sentence>& src,
                                  const std::vector<Sentence>& tgt,
                                  const AlignOptions& options = {});

// The bead in vecalign notation with 0-based indices: "[0]:[0]", "[1,2]:[3]", "[]:[4]",
// "[5]:[]".
std::string to_string(const Bead& bead);

}  // namespace termbridge::align
