#pragma once

// Term-pair extraction: candidate term pairs proposed from aligned units (a memory, an
// aligned article pair), each with its evidence, for a terminologist to accept or reject.
//
// Two sources of candidates:
// - Acronym definitions, on either side: "Nuclear Consultative Group (NCG)", "핵협의그룹(NCG)",
//   "NCG(핵협의그룹)"; the two sides' long forms of one acronym make a pair.
// - Association: Korean noun sequences (particles split off) and target n-grams that occur
//   in the same units more often than apart (Dice), whose words the lexicon links, ranked by
//   how much of a term the target looks (longer and less common words rank higher).
//
//   lexicon::ExtractOptions options;
//   options.known = &termbase;   // candidates it has are marked known, or conflict
//   for (const auto& c : lexicon::extract_terms(units, ko, en, options)) { ... }

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/lexicon/lexicon.hpp"

namespace termbridge::glossary {
class TermBase;
}

namespace termbridge::lexicon {

// How common English words are in general use: the size level of the SCOWL word lists in
// which a word first appears (10: the few thousand most common words, 20, 35, ... 95: rare).
// A word of level 10 ("government", "statement") is seldom a term; a word in no list is a
// name or a rare word.
class WordLevels {
 public:
  // Reads DIR/english-words.NN and DIR/american-words.NN (Debian's scowl package installs
  // them in /usr/share/dict/scowl). Throws Error(io) when DIR holds no such list.
  static WordLevels read_scowl(const std::string& dir);
  void add(std::string_view word, int level);  // keeps the lowest level given for a word
  void add_name(std::string_view word);        // a word listed capitalized (Baghdad)
  int level(std::string_view word) const;      // 0 for a word in no list
  // True for a word the lists know capitalized, as a name (Japan, Condoleezza, Bush).
  bool name(std::string_view word) const;
  bool empty() const noexcept { return levels_.empty(); }

 private:
  std::unordered_map<std::string, int> levels_;
  std::unordered_set<std::string> names_;
};

struct ExtractOptions {
  std::size_t min_frequency = 2;  // units that must hold both terms of an association pair
  std::size_t top = 200;          // candidates kept, best first (0: all)
  std::size_t max_words = 4;      // the longest candidate, in words
  // Candidates whose terms it has are marked known (same concept) or conflict.
  const glossary::TermBase* known = nullptr;
  // Word links that pair the two sides of an association; null: one is trained on the units.
  const Lexicon* lexicon = nullptr;
  // The compiled-in dictionary of the two languages (builtin_dictionary) links its pairs too.
  bool use_dictionary = true;
  const WordLevels* background = nullptr;  // general commonness of English words, if known
  std::function<void(std::size_t done, std::size_t total)> progress;  // units read, may be empty
};

enum class CandidateKind { acronym, association };
enum class CandidateStatus { proposed, known, conflict };
std::string_view to_string(CandidateKind kind);      // "acronym", "association"
std::string_view to_string(CandidateStatus status);  // "proposed", "known", "conflict"

struct TermCandidate {
  std::string source, target;  // base forms as most often written ("nuclear weapon")
  std::string acronym;         // the short form both sides define ("NCG"), if any
  CandidateKind kind = CandidateKind::association;
  CandidateStatus status = CandidateStatus::proposed;
  std::string concept_id;             // known or conflict: the term base's concept
  std::string known_translation;      // conflict: what the term base gives instead
  double score = 0;                   // for ranking; acronym definitions first
  std::size_t frequency = 0;          // units holding both terms (or the definition)
  std::vector<std::size_t> examples;  // up to two indices into the units, first ones first
  // Association: other renderings of the same source term that the units give (테러:
  // terrorism beside terror), best first; one candidate to review, not several.
  struct Alternative {
    std::string target;
    std::size_t frequency = 0;
    double score = 0;
  };
  std::vector<Alternative> alternatives;
};

// The candidates of the units, best first. Korean source or target text is cut into
// eojeols with their particles split off; other languages into words. Throws
// Error(invalid_argument) for empty languages.
std::vector<TermCandidate> extract_terms(std::span<const UnitPair> units, const LangTag& src,
                                         const LangTag& tgt, const ExtractOptions& options = {});

}  // namespace termbridge::lexicon
