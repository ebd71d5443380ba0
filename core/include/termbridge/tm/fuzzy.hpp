#pragma once

// Fuzzy matching as CAT tools show it: a match percentage from the edit distance over
// normalized tokens, and a word-level diff between a new sentence and a stored one.
//
// Token: a unit of comparison taken from the matching key (NFKC + case folding) of a text: a
// run of letters or digits of one script, or one punctuation character. Spaces separate
// tokens and are not tokens. How Korean runs are cut is a choice (KoreanTokens); see
// docs/DESIGN.md for the measurement behind the default.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::tm {

enum class KoreanTokens {
  eojeol,     // a Hangul run is one token: 핵협의그룹은 (particles stay attached)
  particles,  // a trailing particle is split off: 핵협의그룹 + 은; forms that follow the
              // sound before them share one key (은/는, 이/가, 을/를, 과/와, 으로/로)
  syllables,  // every Hangul syllable is a token: 핵 협 의 그 룹 은
};

// "eojeol", "particles", "syllables". Throws Error(invalid_argument) for anything else.
KoreanTokens parse_korean_tokens(std::string_view name);
std::string_view to_string(KoreanTokens mode);

struct Token {
  Span span;        // bytes of the original text the token came from
  std::string key;  // the normalized token (NFKC + case folding; 는 -> 은 and the like)
};

// The tokens of valid UTF-8 text, in order. Throws Error(unicode) for invalid UTF-8.
std::vector<Token> tokenize(std::string_view utf8, KoreanTokens mode = KoreanTokens::particles);

// The tokens as 32-bit hashes of their keys: what the memory stores and compares. Equal keys
// give equal hashes; different keys collide with probability about 2^-32.
std::vector<std::uint32_t> token_hashes(std::string_view utf8,
                                        KoreanTokens mode = KoreanTokens::particles);

// The token edit distance (insertions, deletions, substitutions, each cost 1).
std::size_t token_distance(const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b);

// The token edit distance from one sequence to many: the first is prepared once, then each
// distance of up to 64 query tokens is bit-parallel (Myers/Hyyro), one step per token of the
// other sequence. Longer queries fall back to the row-by-row table.
class TokenDistance {
 public:
  explicit TokenDistance(std::vector<std::uint32_t> query);
  std::size_t operator()(const std::uint32_t* tokens, std::size_t count) const;
  std::size_t operator()(const std::vector<std::uint32_t>& tokens) const {
    return (*this)(tokens.data(), tokens.size());
  }

 private:
  std::uint64_t mask_of(std::uint32_t token) const;
  std::vector<std::uint32_t> query_;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> masks_;  // token -> positions; sorted
};

// The match percentage from a token distance: 100 * (1 - distance / max(len_a, len_b)),
// in [0, 100]; two empty sequences score 100.
double score_from_distance(std::size_t distance, std::size_t len_a, std::size_t len_b);

// The match percentage of two texts. 100 only for byte-identical texts; texts whose tokens
// are all equal but that differ otherwise (case, width, spacing) score 99.
double fuzzy_score(std::string_view query, std::string_view match,
                   KoreanTokens mode = KoreanTokens::particles);

// One stretch of a word-level diff between a query and a match. Spans are bytes of the
// original texts and cover whole tokens (from the first token's start to the last one's end);
// an empty span stands where the other side's words would go.
struct DiffPart {
  enum class Kind {
    same,        // the same tokens on both sides
    changed,     // query words replace match words
    query_only,  // words in the query that the match lacks (the translation must add them)
    match_only,  // words in the match that the query lacks (the translation must drop them)
  };
  Kind kind = Kind::same;
  Span query;
  Span match;
};

std::string_view to_string(DiffPart::Kind kind);

// The word-level differences from `match` to `query`, in text order, adjacent parts of one
// kind merged. Throws Error(unicode) for invalid UTF-8.
std::vector<DiffPart> diff(std::string_view query, std::string_view match,
                           KoreanTokens mode = KoreanTokens::particles);

}  // namespace termbridge::tm
