#pragma once

// Which words of two texts translate each other, by a lexicon, laid out per sentence for the
// aligner's lexical coverage term. Private.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "termbridge/lexicon/lexicon.hpp"

namespace termbridge::align {

struct AlignOptions;

// One side: for each sentence, its distinct words that have a translation somewhere on the
// other side (its linkable words), each with a weight, and the links of those words.
struct LexSide {
  std::vector<std::uint32_t> begin;   // entries of sentence i: [begin[i], begin[i + 1])
  std::vector<std::uint32_t> link;    // link ids, sorted within a sentence
  std::vector<std::uint16_t> word;    // the linkable word (index within the sentence) of each
  std::vector<std::uint32_t> wbegin;  // weights of sentence i's words: [wbegin[i], wbegin[i + 1])
  std::vector<float> weight;
  std::vector<float> total;  // per sentence: the summed weight of its linkable words
  // Per sentence, one bit of 64 per link it has: two sentences whose bits do not meet share
  // no link, which most pairs of a band are, and the merge is skipped.
  std::vector<std::uint64_t> bits;
};

struct LexLinks {
  LexSide src, tgt;
  std::size_t links = 0;
};

// One lexicon whose pairs link words. Words in fewer than `min_sentences` sentences of their
// side link nothing by its learned pairs (a lexicon trained on the texts themselves pairs a
// word seen once with whatever the first alignment put beside it, and would only confirm that
// alignment); its fixed pairs (a term base's, a dictionary's) link whatever their count.
struct LexSource {
  const lexicon::Lexicon* lexicon = nullptr;
  std::uint32_t min_sentences = 1;
  bool fixed_only = false;  // every pair is fixed (a dictionary): no best-few lookups needed
};

// The links between the words of the two sides (`src_words[i]`: the words of source sentence
// i as lexicon::words gives them): pairs whose sqrt(p(t|s) p(s|t)) reaches
// options.lexicon_link in one of the lexicons, among each word's few best translations either
// way, and every fixed pair. A word's weight is its inverse document frequency on its side.
LexLinks link_words(const std::vector<std::vector<std::string>>& src_words,
                    const std::vector<std::vector<std::string>>& tgt_words,
                    std::span<const LexSource> lexicons, const AlignOptions& options);

// The weights of the linkable words of source sentence i covered by target sentence j, and
// of j's covered by i. `marks` is scratch space.
void cover(const LexLinks& l, std::size_t i, std::size_t j, float& src_covered, float& tgt_covered,
           std::vector<std::uint8_t>& marks);

}  // namespace termbridge::align
