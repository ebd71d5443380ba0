#pragma once

// Word translation probabilities learned from aligned units (a memory, a TMX, the beads of an
// alignment): IBM Model 1 in both directions, with a prior that favours links near the
// diagonal of a unit as fast_align has it, and the term base's pairs as fixed entries.
//
// Example:
//   std::vector<lexicon::UnitPair> units = {{"국방부는 훈련을 발표했다.", "The Ministry of ..."}};
//   lexicon::Lexicon lex = lexicon::train(units, LangTag::parse("ko"), LangTag::parse("en"));
//   for (auto& [word, p] : lex.translations("국방부", 3)) { ... }   // ministry, defense
//
// The text file (write / read), UTF-8, one entry per line, fields separated by tabs:
//   termbridge-lexicon<TAB>1<TAB>SRC_LANG<TAB>TGT_LANG         the first line
//   # ...                                                       a comment
//   SRC<TAB>TGT<TAB>P(TGT|SRC)<TAB>P(SRC|TGT)[<TAB>term]
// SRC and TGT are words as words() gives them, or for a term pair its words joined by one
// space ("ministry of defense"); "term" marks a fixed pair from the term base. Lines are
// sorted by SRC and then TGT, so the file of the same training is the same byte for byte.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "termbridge/base/lang.hpp"

namespace termbridge::glossary {
class TermBase;
}

namespace termbridge::lexicon {

// The words a lexicon counts in a text: Korean eojeols with particles and endings split off
// (국방부는 → 국방부), English words case-folded; numbers and punctuation left out. Latin
// words inside Korean text (NCG, CNN) are words too, case-folded. `lang` decides whether
// Hangul is cut at its particles (Korean) or kept whole.
std::vector<std::string> words(std::string_view utf8, const LangTag& lang);

struct UnitPair {
  std::string source, target;
};

struct TrainOptions {
  int iterations = 5;  // EM iterations of each direction
  // Alignment prior of fast_align: a target word at relative position j/m links source word
  // i/n with weight exp(-tension |i/n - j/m|). Off: plain IBM Model 1.
  bool diagonal_prior = true;
  double diagonal_tension = 1;
  double null_probability = 0.08;  // a word's chance to translate nothing (function words)
  // Term pairs of the term base (source- and target-language terms of one concept, neither
  // deprecated nor forbidden) are fixed entries, and also train as units of their own.
  const glossary::TermBase* terms = nullptr;
  // Entries below this in both directions are dropped at the end (they decide nothing and
  // would make the file as large as the corpus).
  double min_probability = 0.01;
  // Called after each pass over the units with (pass, passes); may be empty.
  std::function<void(int, int)> progress;
};

class Lexicon {
 public:
  Lexicon() = default;
  Lexicon(LangTag src, LangTag tgt) : src_lang_(std::move(src)), tgt_lang_(std::move(tgt)) {}

  const LangTag& src_lang() const { return src_lang_; }
  const LangTag& tgt_lang() const { return tgt_lang_; }
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }  // pairs stored

  double forward(std::string_view src_word, std::string_view tgt_word) const;   // p(tgt | src)
  double backward(std::string_view tgt_word, std::string_view src_word) const;  // p(src | tgt)
  // The best translations of a source word by forward probability, best first (ties by word).
  std::vector<std::pair<std::string, double>> translations(std::string_view src_word,
                                                           std::size_t max) const;
  // The same the other way: source words of a target word by backward probability.
  std::vector<std::pair<std::string, double>> sources(std::string_view tgt_word,
                                                      std::size_t max) const;
  // True when the pair came from the term base.
  bool fixed(std::string_view src_word, std::string_view tgt_word) const;

  // The text format described at the top of this file.
  void write(std::ostream& out) const;
  // Throws Error(parse) naming `name` and the line for a bad header, field, number or a pair
  // given twice.
  static Lexicon read(std::istream& in, std::string_view name);

  // Sets one pair (replacing what was there). Probabilities in [0, 1].
  void set(std::string_view src_word, std::string_view tgt_word, double forward, double backward,
           bool fixed = false);

  struct Entry {
    std::uint32_t src, tgt;  // word ids
    float forward, backward;
    bool fixed;
  };

  // Word ids, for callers that look up many pairs of the same words (a unit's link matrix):
  // one hash of each word instead of one of each pair. kNoWord for a word not in the lexicon.
  static constexpr std::uint32_t kNoWord = 0xffffffffU;
  std::uint32_t src_id(std::string_view src_word) const;
  std::uint32_t tgt_id(std::string_view tgt_word) const;
  // The entry of two word ids, or nullptr (also when either is kNoWord).
  const Entry* entry(std::uint32_t src, std::uint32_t tgt) const;

  // Every pair, in the order it was set, and the words of the ids.
  const std::vector<Entry>& entries() const { return entries_; }
  // The indices into entries() of a word id's pairs, in the order they were set.
  const std::vector<std::uint32_t>& src_entries(std::uint32_t src) const { return of_src_[src]; }
  const std::vector<std::uint32_t>& tgt_entries(std::uint32_t tgt) const { return of_tgt_[tgt]; }
  const std::string& src_word(std::uint32_t id) const { return src_words_[id]; }
  const std::string& tgt_word(std::uint32_t id) const { return tgt_words_[id]; }

 private:
  const Entry* find(std::string_view src_word, std::string_view tgt_word) const;

  LangTag src_lang_, tgt_lang_;
  std::vector<std::string> src_words_, tgt_words_;
  struct WordHash {  // lookups by string_view without a copy of the word
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  using WordIds = std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>>;
  WordIds src_ids_, tgt_ids_;
  std::vector<Entry> entries_;
  std::unordered_map<std::uint64_t, std::uint32_t> pair_index_;  // src << 32 | tgt -> entry
  std::vector<std::vector<std::uint32_t>> of_src_, of_tgt_;      // entries of each word id
};

// A unit already cut into words (by words()), for callers that have them.
struct WordUnit {
  std::vector<std::string> source, target;
};

// Trains both directions on the units. Time and memory are linear in the corpus: each
// iteration visits every (source word, target word) pair of every unit once.
Lexicon train(std::span<const UnitPair> pairs, LangTag src, LangTag tgt,
              const TrainOptions& options = {});
Lexicon train(std::span<const WordUnit> units, LangTag src, LangTag tgt,
              const TrainOptions& options = {});

}  // namespace termbridge::lexicon
