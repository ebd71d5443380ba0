#pragma once

// What the aligner looks at in one sentence: its length and its lexical anchors. Private.

#include <cstdint>
#include <string_view>
#include <vector>

namespace termbridge::align {

// The kind of an anchor, kept in the top byte of its hash so kinds never match each other.
enum class AnchorKind : std::uint8_t {
  number = 1,
  small_number = 2,
  latin = 3,
  concept_id = 4,
  learned = 5,  // a word pair learned from a first alignment of the same two texts
};

struct Features {
  std::uint32_t length = 0;  // code points other than white space
  // Anchors as (kind << 56 | hash), sorted; a repeated anchor appears repeatedly.
  std::vector<std::uint64_t> anchors;
  std::uint16_t quotes = 0;     // double quotation marks of any style
  std::uint16_t questions = 0;  // '?' and '!'
};

inline AnchorKind kind_of(std::uint64_t anchor) {
  return static_cast<AnchorKind>(anchor >> 56);
}

std::uint64_t make_anchor(AnchorKind kind, std::string_view key);

// Length, numbers (Korean units 만/억/조 and English million/billion resolved, thousands
// separators dropped, month names as numbers), Latin-script words (case-folded, two letters
// or more), quotation marks and question/exclamation marks of valid UTF-8 text.
Features extract_features(std::string_view utf8);

// Crude stems of the words of a sentence, hashed, sorted and without repeats: the first two
// syllables of a Hangul word (로도스섬에서 -> 로도), the first five letters of a Latin word of
// four letters or more, lower-cased (evacuated -> evacu). They only need to be stable within
// one text: the aligner pairs them with the other side's by how often they share a bead.
std::vector<std::uint64_t> word_stems(std::string_view utf8);

}  // namespace termbridge::align
