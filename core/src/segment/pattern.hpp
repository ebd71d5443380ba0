#pragma once

// A reading of the common subset of ICU regular expressions used in SRX rules, for two
// shortcuts the segmenter takes before (or instead of) running ICU's matcher:
//  - prefix sets: which characters can stand at the first few positions of a match, so
//    that a position can be ruled out by looking at a character or two;
//  - a backward matcher: whether a beforebreak matches some text ending exactly at a
//    position, found by walking back from it. ICU can only answer that with a lookbehind,
//    which it retries once per length the expression allows.
// Private to core/src/segment.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <unicode/uniset.h>

namespace termbridge::segment::detail {

// A set of code points; Latin-1 (where most rule characters are) is a bitmap.
class CharSet {
 public:
  CharSet() = default;
  explicit CharSet(const icu::UnicodeSet& set);
  static CharSet all();

  bool contains(UChar32 c) const {
    if (c < 256) {
      return ((latin1_[static_cast<std::size_t>(c) >> 6] >> (c & 63)) & 1u) != 0;
    }
    return rest_.contains(c);
  }
  void add(const CharSet& other);
  bool is_all() const { return rest_.size() == 0x110000; }
  bool is_empty() const { return rest_.isEmpty(); }
  const icu::UnicodeSet& set() const { return rest_; }

 private:
  std::array<std::uint64_t, 4> latin1_{};
  icu::UnicodeSet rest_;  // the whole set; the bitmap repeats its Latin-1 part
};

struct Node {
  enum class Kind {
    chars,         // one code point of `set`
    seq,           // kids in order
    alt,           // one of kids
    repeat,        // kids[0], min..max times (max < 0: unbounded)
    boundary,      // \b (negated: \B)
    text_start,    // ^ or \A
    lookbehind,    // (?<=kids[0]) (negated: (?<!...))
    lookahead,     // (?=kids[0]) (negated: (?!...))
    other_assert,  // $, \z, \Z, \G: zero-width, not modelled
    any_text,      // a back reference: any text, not modelled
  };
  Kind kind = Kind::seq;
  bool negated = false;
  bool possessive = false;  // repeat: possessive quantifier or atomic group
  UChar32 anchor = 0;       // other_assert: '$', 'z', 'Z' or 'G'
  int min = 1;
  int max = 1;
  std::shared_ptr<const CharSet> set;
  // Set by BackwardMatcher::make where every match is non-empty: the code points a match
  // can end with, checked before walking into the node.
  std::shared_ptr<const CharSet> last;
  std::vector<Node> kids;
};

// Parses `regex`; nullopt for what this reading does not cover (flags, \Q, set operations,
// named back references, ...). Expressions are taken to be valid ICU syntax.
std::optional<Node> parse_pattern(std::string_view regex);

// Sets s[i] such that every match of `node` is longer than i and has its i-th code point in
// s[i]; at most `count` of them (fewer when matches can be shorter).
std::vector<CharSet> prefix_sets(const Node& node, int count);

// The sets of `first` followed by `second`, as prefix_sets of the two in sequence.
std::vector<CharSet> prefix_sets(const Node& first, const Node& second, int count);

// The code point starting at text[i] (i < n); i moves past it.
inline UChar32 next_code_point(const char16_t* text, std::int32_t& i, std::int32_t n) {
  UChar32 c = text[i++];
  if ((c & 0xFC00) == 0xD800 && i < n && (text[i] & 0xFC00) == 0xDC00) {
    c = (c << 10) + text[i++] - ((0xD800 << 10) + 0xDC00 - 0x10000);
  }
  return c;
}

// The code point ending at text[i - 1] (i > start); i moves to its start.
inline UChar32 previous_code_point(const char16_t* text, std::int32_t start, std::int32_t& i) {
  UChar32 c = text[--i];
  if ((c & 0xFC00) == 0xDC00 && i > start && (text[i - 1] & 0xFC00) == 0xD800) {
    c = (static_cast<UChar32>(text[--i]) << 10) + c - ((0xD800 << 10) + 0xDC00 - 0x10000);
  }
  return c;
}

// True when `sets` allow a match to start at UTF-16 index `pos` of text[0, n).
inline bool prefix_allows(const std::vector<CharSet>& sets, const char16_t* text, std::int32_t n,
                          std::int32_t pos) {
  for (const auto& s : sets) {
    if (pos >= n) {
      return false;  // every match is longer than what is left
    }
    if (!s.contains(next_code_point(text, pos, n))) {
      return false;
    }
  }
  return true;
}

// Decides whether an expression matches text that ends exactly at a position, by walking
// back from it. Immutable; thread-safe.
class BackwardMatcher {
 public:
  // nullptr when `node` uses what the walk does not cover (lookaheads, possessive
  // quantifiers, anchors other than ^ and \b).
  static std::unique_ptr<BackwardMatcher> make(Node node);

  // Whether a match lies in text[lo, pos) and ends at pos; assertions see all of
  // text[0, n). nullopt when the walk took too many steps (pathological nesting).
  std::optional<bool> ends_at(const char16_t* text, std::int32_t n, std::int32_t lo,
                              std::int32_t pos) const;

 private:
  explicit BackwardMatcher(Node node) : root_(std::move(node)) {}
  Node root_;
};

// Decides whether an expression matches text starting at a position (ICU's lookingAt).
// Immutable; thread-safe.
class ForwardMatcher {
 public:
  // nullptr when `node` uses what the walk does not cover (\G, back references,
  // possessive or atomic parts other than a run of one set, lookbehinds it cannot walk).
  static std::unique_ptr<ForwardMatcher> make(Node node);

  // Whether a match starts at pos in text[0, n); nullopt when the walk took too many steps.
  std::optional<bool> starts_at(const char16_t* text, std::int32_t n, std::int32_t pos) const;

 private:
  explicit ForwardMatcher(Node node) : root_(std::move(node)) {}
  Node root_;
};

}  // namespace termbridge::segment::detail
