#include "termbridge/glossary/matcher.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <utility>

#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "glossary/korean.hpp"
#include "glossary/stem_key.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/stemmer.hpp"
#include "termbridge/text/word_breaker.hpp"

namespace termbridge::glossary {

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool is_ascii_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

// Characters that separate the parts of a term and are ignored between them when
// ignore_spacing is on: white space and the hyphens and dashes people put between words.
bool is_separator(char32_t c) {
  if (c > U' ' && c < 0x80) {
    return c == U'-';
  }
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case 0x00A0:
    case 0x3000:
    case U'-':
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
    case 0xFE63:
      return true;
    default:
      return (c >= 0x2000 && c <= 0x200A);
  }
}

// Apostrophe variants all compare as ' (coup d’etat = coup d'etat).
char32_t unify(char32_t c) {
  if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) {
    return U'\'';
  }
  return c;
}

// Languages not written in Latin letters, whose texts carry Latin acronyms as they are.
bool non_latin_language(std::string_view lang) {
  static constexpr std::string_view kLangs[] = {"ko", "ja", "zh", "ru", "uk", "bg", "sr", "ar",
                                                "fa", "he", "th", "el", "hi", "ka", "hy", "mn"};
  return std::find(std::begin(kLangs), std::end(kLangs), lang) != std::end(kLangs);
}

// A term written in capitals: at least two letters, none lower case (NCG, U.N., ICBM).
bool written_in_capitals(std::string_view text) {
  int upper = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') {
      return false;
    }
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;  // acronyms in capitals are ASCII; others are words
    }
  }
  return upper >= 2;
}

// A term or text squeezed for matching: separators left out (each run noted as a gap before
// the next character), apostrophes unified.
struct Squeezed {
  std::u32string cps;
  std::vector<std::uint32_t> begin;  // byte offset in the key text where cps[i] starts
  std::vector<std::uint8_t> gap;     // 1 when a separator run comes right before cps[i]
  std::size_t gaps = 0;              // number of gaps inside (not before the first character)
};

// The characters of UTF-8 text (bytes that do not continue one), eight bytes at a time.
std::size_t count_chars(const std::uint8_t* p, std::size_t size) {
  std::size_t n = 0;
  std::size_t k = 0;
  for (; k + 8 <= size; k += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + k, 8);
    std::uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;  // 10xxxxxx
    n += 8 - ((cont * 0x0101010101010101ULL) >> 56);
  }
  for (; k < size; ++k) {
    n += (p[k] & 0xC0) != 0x80;
  }
  return n;
}

// A term's or a normalized text's key squeezed. (Most lines are squeezed as they are read, by
// Run::prepare_stable.)
void squeeze(std::string_view key, bool drop_separators, Squeezed& out) {
  // Sized once and written by index.
  out.cps.resize(key.size());
  out.begin.resize(key.size());
  out.gap.resize(key.size());
  out.gaps = 0;
  std::size_t m = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(key.data());
  auto n = static_cast<std::int32_t>(key.size());
  std::int32_t i = 0;
  bool pending_gap = false;
  while (i < n) {
    std::int32_t start = i;
    char32_t cp = p[i];
    if (cp < 0x80) {
      ++i;
    } else {
      UChar32 c = 0;
      U8_NEXT(p, i, n, c);
      cp = static_cast<char32_t>(c < 0 ? 0xFFFD : c);
    }
    if (is_separator(cp)) {
      if (drop_separators) {
        pending_gap = true;
        continue;
      }
      // Without spacing tolerance a run of separators is kept as one space or hyphen.
      if (pending_gap || (m > 0 && is_separator(out.cps[m - 1]))) {
        continue;
      }
      cp = (cp == U'-' || (cp >= 0x2010 && cp <= 0x2014)) ? U'-' : U' ';
    }
    if (pending_gap && m > 0) {
      ++out.gaps;
    }
    out.gap[m] = pending_gap ? 1 : 0;
    pending_gap = false;
    out.cps[m] = unify(cp);
    out.begin[m] = static_cast<std::uint32_t>(start);
    ++m;
  }
  out.cps.resize(m);
  out.begin.resize(m);
  out.gap.resize(m);
}

// The trie's nodes in an open-addressing table, each keyed by the hash of the key prefix it
// starts with (up to and including the first character of its label). A walk that has matched
// text[start, j) up to the end of a node finds the next one from the hash of text[start, j + 1),
// which the text's prefix hashes give without reading anything of the trie: one memory read
// per node, whose place is known a round ahead for prefetching, in a table a fraction of the
// size of a trie with child links and labels. A slot holds 32 bits of each hash, so a span of
// text can pass for a node by chance (about 2^-32 a lookup); that is why every hit is checked
// against its key before it is given out (Run::spelled).
struct Slot {
  std::uint32_t check = 0;      // of the hash of the prefix through the label's first character
  std::uint32_t end_check = 0;  // of the hash through its last character
  std::uint16_t len = 0;        // label length in characters
  std::uint8_t bits = 0;        // kChildren | kTerminal | kSeveral; 0: an empty slot
  std::uint8_t flags = 0;       // the EntryFlags of its first entry
  std::uint32_t entry = kNone;  // the node's first entry in Index::entries
};

class NodeTable {
 public:
  static constexpr std::uint8_t kChildren = 1;
  static constexpr std::uint8_t kTerminal = 2;
  static constexpr std::uint8_t kSeveral = 4;  // more than one entry: read Index::entries
  static constexpr std::size_t kMaxLabel = 0xFFFF;

  // Four slots, one cache line, field by field so that the four checks are compared at once.
  // Slots fill in order: a group is full when its last slot is.
  struct alignas(64) Group {
    std::uint32_t check[4];
    std::uint32_t end_check[4];
    std::uint32_t entry[4];
    std::uint16_t len[4];
    std::uint8_t bits[4];
    std::uint8_t flags[4];

    // Bit k set: slot k holds `c`.
    unsigned match(std::uint32_t c) const {
#if defined(__SSE2__)
      __m128i checks = _mm_load_si128(reinterpret_cast<const __m128i*>(check));
      auto eq = static_cast<unsigned>(_mm_movemask_ps(
          _mm_castsi128_ps(_mm_cmpeq_epi32(checks, _mm_set1_epi32(static_cast<int>(c))))));
      std::uint32_t b = 0;
      std::memcpy(&b, bits, sizeof b);
      auto empty = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_cmpeq_epi8(_mm_cvtsi32_si128(static_cast<int>(b)), _mm_setzero_si128())));
      return eq & ~empty & 0xFU;
#else
      unsigned m = 0;
      for (unsigned k = 0; k < 4; ++k) {
        m |= (bits[k] != 0 && check[k] == c) ? 1U << k : 0U;
      }
      return m;
#endif
    }
    bool full() const {
      return bits[3] != 0;
    }
  };
  // Where a node is: its group and slot.
  struct Place {
    const Group* group = nullptr;  // null: no such node
    unsigned lane = 0;
  };

  // Room for `nodes` nodes, a quarter to half full: a power of two of groups, so that a hash
  // finds its group with one multiplication.
  void reset(std::size_t nodes) {
    std::size_t groups = 1;
    shift_ = 64;
    while (groups * 2 < nodes) {
      groups *= 2;
      --shift_;
    }
    Group empty{};
    groups_.assign(groups, empty);
  }
  std::uint32_t group_of(std::uint64_t h) const {
    return shift_ == 64 ? 0 : static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  // Of the hash of a node's first character (to find it) and of its last (to check its label).
  static std::uint32_t check_of(std::uint64_t h) {
    return static_cast<std::uint32_t>(h) ^ static_cast<std::uint32_t>(h >> 32);
  }
  const Group& group(std::uint32_t i) const {
    return groups_[i];
  }
  void prefetch(std::uint32_t group) const {
    __builtin_prefetch(&groups_[group]);
  }

  // The node with `check` in the probe sequence from `group`.
  Place find(std::uint32_t group, std::uint32_t check) const {
    for (std::size_t g = group;; g = g + 1 == groups_.size() ? 0 : g + 1) {
      unsigned m = groups_[g].match(check);
      if (m != 0) {
        return Place{&groups_[g], static_cast<unsigned>(__builtin_ctz(m))};
      }
      if (!groups_[g].full()) {
        return Place{};
      }
    }
  }
  // False when a slot on the way has the same check: a lookup could not tell the two apart.
  bool insert(std::uint64_t h, Slot slot) {
    slot.check = check_of(h);
    for (std::size_t g = group_of(h);; g = g + 1 == groups_.size() ? 0 : g + 1) {
      Group& grp = groups_[g];
      if (grp.match(slot.check) != 0) {
        return false;
      }
      for (unsigned k = 0; k < 4; ++k) {
        if (grp.bits[k] == 0) {
          grp.check[k] = slot.check;
          grp.end_check[k] = slot.end_check;
          grp.entry[k] = slot.entry;
          grp.len[k] = slot.len;
          grp.bits[k] = slot.bits;
          grp.flags[k] = slot.flags;
          return true;
        }
      }
    }
  }

 private:
  std::vector<Group> groups_;
  unsigned shift_ = 64;
};

enum EntryFlags : std::uint8_t {
  kUnused = 1,         // free
  kStartsLatin = 2,    // first character ASCII letter or digit: needs a word boundary before
  kEndsLatin = 4,      // last character (of the inflected form) ASCII alnum: boundary after
  kHangul = 8,         // the term has Hangul: Korean rules apply
  kExactCase = 16,     // written in capitals: the surface must be too
  kInflected = 32,     // an inflected form, not the term as written
  kSingleHangul = 64,  // one Hangul syllable (핵): only at the start of a word
  kEnglish = 128,      // an English term: the rank-word rule applies
};
// One key in the trie: a term as written or one of its inflected forms.
struct Entry {
  std::uint32_t term = kNone;  // index into Index::terms
  std::uint32_t concept_index = kNone;
  std::uint32_t key = kNone;  // where its key starts in Index::key_chars
  std::uint8_t flags = 0;
  std::uint8_t term_gaps = 0;  // gaps inside the term as written (핵개발 계획: 1)
  std::uint8_t suffix = 0;     // for capitals: characters of plural 's' after the exact part
  std::uint8_t last = 0;       // the last entry of its node
};

// Kept small: a hit reads one of these at a random place among all terms.
struct TermRef {
  std::uint32_t term_index;
  std::uint32_t exact = kNone;  // for terms in capitals: index into Index::exact
};

// A possible hit: positions in the squeezed text [start, end).
struct Candidate {
  std::uint32_t start;
  std::uint32_t end;
  std::uint32_t entry;         // index into Index::entries
  std::uint32_t prev = kNone;  // the candidate found before it from the same start
  std::uint8_t flags = 0;      // the entry's, so that most rules need not read the entry
};

// All keys in one buffer: no allocation per key, and sorting reads them in place.
struct KeyList {
  std::u32string chars;
  std::vector<std::uint32_t> start{0};

  void push(std::u32string_view key) {
    chars.append(key);
    start.push_back(static_cast<std::uint32_t>(chars.size()));
  }
  std::size_t size() const { return start.size() - 1; }
  std::u32string_view operator[](std::size_t i) const {
    return std::u32string_view(chars).substr(start[i], start[i + 1] - start[i]);
  }
  // The first three characters packed so that most comparisons need not read the key.
  std::uint64_t head(std::size_t i) const {
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      std::uint64_t c = start[i] + k < start[i + 1] ? chars[start[i] + k] : 0;
      h = (h << 21) | c;
    }
    return h;
  }
};

// A node of the trie as it is built, one per character of a key, numbered in preorder: a
// node's first child is the next node.
struct Node {
  std::uint64_t hash = 0;       // of the key prefix that ends here
  std::uint32_t entry = kNone;  // first entry of a terminal node
  std::uint8_t fanout = 0;      // 0 leaf, 1 one child, 2 more
  std::uint8_t several = 0;     // more than one entry
};

// How keys start with a character or a pair: none does; some does; or only longer keys do,
// through a node that is a bare branch (no key ends there, its label is the one character),
// so that a walk can start at the node after it.
enum First : std::uint8_t { kNoKey = 0, kSomeKey = 1, kBranch = 2 };

// Pairs of characters and how keys start with them: a small open-addressing table.
class PairTable {
 public:
  static std::uint64_t pack(char32_t a, char32_t b) {
    return (std::uint64_t{a} << 21) | std::uint64_t{b};
  }
  void reset(std::size_t pairs) {
    std::size_t cap = 16;
    while (cap < pairs * 2) {
      cap *= 2;
    }
    keys_.assign(cap, kEmpty);
    values_.assign(cap, kNoKey);
  }
  void insert(char32_t a, char32_t b, First value) {
    std::uint64_t key = pack(a, b);
    std::size_t i = slot(key);
    while (keys_[i] != kEmpty && keys_[i] != key) {
      i = (i + 1) & (keys_.size() - 1);
    }
    keys_[i] = key;
    values_[i] = value;
  }
  First find(char32_t a, char32_t b) const {
    std::uint64_t key = pack(a, b);
    for (std::size_t i = slot(key);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) {
        return static_cast<First>(values_[i]);
      }
      if (keys_[i] == kEmpty) {
        return kNoKey;
      }
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  std::size_t slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & (keys_.size() - 1);
  }
  std::vector<std::uint64_t> keys_ = std::vector<std::uint64_t>(16, kEmpty);
  std::vector<std::uint8_t> values_ = std::vector<std::uint8_t>(16, kNoKey);
};

// Odd multipliers for the polynomial hash; the next is taken in the rare case that two nodes
// cannot be told apart in the table.
constexpr std::uint64_t kHashBases[] = {0x9FB21C651E98DF25ULL, 0xC2B2AE3D27D4EB4FULL,
                                        0x165667B19E3779F9ULL, 0xD6E8FEB86659FD93ULL};

}  // namespace

// How the words of a language are told apart beyond the Korean and English rules (see
// MatchOptions::language_words).
enum class Words : std::uint8_t {
  plain,       // Korean, English and languages without a rule: the rules of the squeezed text
  dictionary,  // Japanese, Chinese, Thai ...: a hit starts and ends on an ICU word boundary
  stems,       // a Snowball language: texts and terms are matched as keys of word stems
};

struct TermMatcher::Index {
  LangTag lang;
  MatchOptions options;
  Words words = Words::plain;
  std::vector<std::string> concept_ids;
  std::vector<TermRef> terms;
  std::vector<std::u32string> exact;  // terms in capitals: NFKC text squeezed, as written
  // The trie over squeezed keys. Chains of single children (the long tail of most keys) are
  // merged into one node whose label is compared with the text in one go, by hash.
  NodeTable nodes;
  std::vector<Entry> entries;        // a node's entries side by side, in term order
  std::u32string key_chars;          // every key, which a hit's span must spell
  std::uint64_t base = 0;            // of the hash: h(s + c) = h(s) * base + c, mod 2^64
  std::vector<std::uint64_t> power;  // base^k up to the longest key + 1
  // What the keys that start with a character below U+10000 look like: most starts need no
  // lookup, and many can skip the node of their first character.
  std::vector<std::uint8_t> first = std::vector<std::uint8_t>(0x10000, kNoKey);
  PairTable pairs;  // the same for the first two characters, where the first is a bare branch
  std::size_t key_count = 0;
  // First syllables that the glossary itself uses as prefixes: a term that is the syllable
  // followed by another term of two or more syllables (핵 in 핵무기 = 핵 + 무기).
  std::u32string prefixes;
  std::uint32_t longest = 0;  // longest key, in code points

  First pair_of(char32_t a, char32_t b) const { return pairs.find(a, b); }
  First first_of(char32_t c) const { return c < 0x10000 ? static_cast<First>(first[c]) : kSomeKey; }

  // The first characters: a key's hash of one character is the character.
  void note_first_characters(const KeyList& keys) {
    for (std::size_t k = 0; k < keys.size(); ++k) {
      char32_t c = keys[k].front();
      if (c < 0x10000) {
        first[c] = kSomeKey;
      }
    }
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (first[c] == kNoKey) {
        continue;
      }
      if (bare_branch(c)) {
        first[c] = kBranch;
      }
    }
    std::vector<std::uint64_t> starts;  // pairs after a bare branch, packed
    for (std::size_t k = 0; k < keys.size(); ++k) {
      std::u32string_view key = keys[k];
      if (key.size() >= 2 && first_of(key[0]) == kBranch) {
        starts.push_back(PairTable::pack(key[0], key[1]));
      }
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    pairs.reset(starts.size());
    for (std::uint64_t packed : starts) {
      auto a = static_cast<char32_t>(packed >> 21);
      auto b = static_cast<char32_t>(packed & 0x1FFFFF);
      pairs.insert(a, b, bare_branch(std::uint64_t{a} * base + b) ? kBranch : kSomeKey);
    }
  }

  // The node of the key prefix with hash `h` is a bare branch: no key ends there, and its
  // label is one character.
  bool bare_branch(std::uint64_t h) const {
    NodeTable::Place at = nodes.find(nodes.group_of(h), NodeTable::check_of(h));
    return at.group != nullptr && at.group->len[at.lane] == 1 &&
           at.group->bits[at.lane] == NodeTable::kChildren;
  }

  // Builds the trie from keys in sorted order, one node per character, with the hash of each
  // prefix, and returns each key's node (by key position).
  static std::vector<std::uint32_t> build(const KeyList& keys,
                                          const std::vector<std::uint32_t>& order,
                                          std::uint64_t base, std::vector<Node>& built) {
    built.assign(1, Node{});
    built.reserve(keys.chars.size() + 1);
    std::vector<std::uint32_t> node_of(keys.size(), 0);
    std::vector<std::uint32_t> path{0};  // path[d]: node at depth d of the previous key
    std::u32string_view prev;
    for (auto idx : order) {
      std::u32string_view key = keys[idx];
      std::size_t common = 0;
      while (common < key.size() && common < prev.size() && key[common] == prev[common]) {
        ++common;
      }
      path.resize(common + 1);
      for (std::size_t d = common; d < key.size(); ++d) {
        Node& parent = built[path[d]];
        parent.fanout = static_cast<std::uint8_t>(std::min(parent.fanout + 1, 2));
        Node fresh;
        fresh.hash = parent.hash * base + key[d];
        path.push_back(static_cast<std::uint32_t>(built.size()));
        built.push_back(fresh);
      }
      node_of[idx] = path.back();
      prev = key;
    }
    return node_of;
  }

  // The table from the built trie: a built node that ends a key or branches (or ends a chain
  // of kMaxLabel characters) becomes a node whose label is the chain leading to it. False when
  // two nodes collide in the table (try another base).
  bool fill(const std::vector<Node>& built) {
    std::size_t count = 0;
    auto ends = [&](std::size_t k, std::size_t chain) {
      return built[k].entry != kNone || built[k].fanout != 1 ||
             k - chain + 1 == NodeTable::kMaxLabel;
    };
    for (std::size_t k = 1, chain = 1; k < built.size(); ++k) {
      if (ends(k, chain)) {
        ++count;
        chain = k + 1;
      }
    }
    nodes.reset(count);
    for (std::size_t k = 1, chain = 1; k < built.size(); ++k) {
      if (!ends(k, chain)) {
        continue;
      }
      const Node& b = built[k];
      Slot slot;
      slot.len = static_cast<std::uint16_t>(k - chain + 1);
      slot.end_check = NodeTable::check_of(b.hash);
      slot.bits = static_cast<std::uint8_t>((b.fanout > 0 ? NodeTable::kChildren : 0) |
                                            (b.entry != kNone ? NodeTable::kTerminal : 0) |
                                            (b.several ? NodeTable::kSeveral : 0));
      slot.entry = b.entry;
      slot.flags = b.entry != kNone ? entries[b.entry].flags : 0;
      if (!nodes.insert(built[chain].hash, slot)) {
        return false;
      }
      chain = k + 1;
    }
    return true;
  }
};

namespace {

// English plural (and optionally verb) forms of the last word of a squeezed key.
std::vector<std::u32string> english_forms(const std::u32string& key, bool plurals, bool verbs) {
  std::vector<std::u32string> out;
  if (key.empty() || !is_ascii_letter(key.back())) {
    return out;
  }
  auto ends = [&](std::u32string_view s) {
    return key.size() > s.size() && std::u32string_view(key).substr(key.size() - s.size()) == s;
  };
  auto vowel = [](char32_t c) {
    return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u';
  };
  char32_t last = key.back();
  char32_t before = key.size() >= 2 ? key[key.size() - 2] : U' ';
  if (plurals) {
    if (last == U'y' && !vowel(before)) {
      out.push_back(key.substr(0, key.size() - 1) + U"ies");
    } else if (ends(U"man")) {
      out.push_back(key.substr(0, key.size() - 3) + U"men");
    } else if (last == U's' || last == U'x' || last == U'z' || ends(U"ch") || ends(U"sh")) {
      out.push_back(key + U"es");
    } else {
      out.push_back(key + U"s");
      if (last == U'o' && !vowel(before)) {
        out.push_back(key + U"es");
      }
    }
  }
  if (verbs) {
    if (last == U'e') {
      out.push_back(key + U"d");
      out.push_back(key.substr(0, key.size() - 1) + U"ing");
    } else if (last == U'y' && !vowel(before)) {
      out.push_back(key.substr(0, key.size() - 1) + U"ied");
      out.push_back(key + U"ing");
    } else {
      out.push_back(key + U"ed");
      out.push_back(key + U"ing");
    }
  }
  return out;
}

// korean::negation_follows on the squeezed text from position j: a gap is one space, and two
// words are enough.
bool negation_after(const Squeezed& s, std::size_t j) {
  char32_t buf[8];
  std::size_t len = 0;
  int words = 0;
  for (std::size_t k = j; k < s.cps.size() && len + 2 <= std::size(buf); ++k) {
    if (s.gap[k]) {
      if (++words == 2) {
        break;
      }
      buf[len++] = U' ';
    }
    buf[len++] = s.cps[k];
  }
  return korean::negation_follows(std::u32string_view(buf, len));
}

// True when the squeezed position i starts a word: nothing, a separator, or a character
// that is not a letter of the same kind comes before it.
bool hangul_word_start(const Squeezed& s, std::size_t i) {
  return i == 0 || s.gap[i] || !korean::is_hangul(s.cps[i - 1]);
}

// The syllables that start a Hangul term of three or more syllables whose rest is another
// term (핵무기 = 핵 + 무기): the glossary's own evidence that they are prefixes. `order` sorts
// the keys, so the rest is found by binary search.
std::u32string glossary_prefixes(const KeyList& keys, const std::vector<std::uint32_t>& order,
                                 const std::vector<Entry>& entries) {
  auto is_term = [&](std::u32string_view key) {
    auto it = std::lower_bound(order.begin(), order.end(), key,
                               [&](std::uint32_t k, std::u32string_view v) { return keys[k] < v; });
    return it != order.end() && keys[*it] == key && (entries[*it].flags & kHangul);
  };
  std::u32string out;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    std::u32string_view key = keys[k];
    if ((entries[k].flags & kHangul) && key.size() >= 3 && korean::is_hangul(key[0]) &&
        out.find(key[0]) == std::u32string::npos && is_term(key.substr(1))) {
      out.push_back(key[0]);
    }
  }
  return out;
}

}  // namespace

TermMatcher::TermMatcher(const TermBase& terms, LangTag lang, MatchOptions options)
    : index_(std::make_unique<Index>()) {
  if (lang.empty()) {
    throw Error(ErrorKind::invalid_argument, "term matcher needs a language (e.g. 'ko' or 'en')");
  }
  if (options.window_threshold < (std::size_t{64} << 10)) {  // a 64th: 1 KiB of context
    throw Error(ErrorKind::invalid_argument, "term matcher window threshold of " +
                                                 std::to_string(options.window_threshold) +
                                                 " bytes is below the minimum of 65536");
  }
  Index& ix = *index_;
  ix.lang = std::move(lang);
  ix.options = options;
  const bool foreign_acronyms = options.foreign_acronyms && non_latin_language(ix.lang.language());
  const auto form = options.fold_case ? text::NormalForm::nfkc_cf : text::NormalForm::nfkc;
  const std::string language(ix.lang.language());
  std::unique_ptr<text::Stemmer> stemmer;
  if (options.language_words && language != "ko" && language != "en") {
    if (text::segments_by_dictionary(language)) {
      ix.words = Words::dictionary;
    } else if (text::has_stemmer(language)) {
      ix.words = Words::stems;
      stemmer = std::make_unique<text::Stemmer>(language);
    }
  }
  std::string stemmed;
  std::vector<std::uint32_t> stemmed_origin;

  // Pending (key, entry) pairs: all keys are inserted first, then entries grouped by node.
  KeyList keys;
  std::vector<Entry> key_entries;
  Squeezed sq;
  auto add_key = [&](const std::u32string& key, Entry entry) {
    if (key.empty()) {
      return;
    }
    if (!key.empty() && is_ascii_alnum(key.front())) {
      entry.flags |= kStartsLatin;
    }
    if (is_ascii_alnum(key.back())) {
      entry.flags |= kEndsLatin;
    }
    entry.key = static_cast<std::uint32_t>(keys.size());
    keys.push(key);
    key_entries.push_back(entry);
  };

  ix.concept_ids.reserve(terms.size());
  for (std::size_t ci = 0; ci < terms.concepts().size(); ++ci) {
    const Concept& c = terms.concepts()[ci];
    ix.concept_ids.push_back(c.id);
    for (std::size_t ti = 0; ti < c.terms.size(); ++ti) {
      const Term& t = c.terms[ti];
      if (!options.include_forbidden &&
          (t.status == TermStatus::forbidden || t.status == TermStatus::deprecated)) {
        continue;
      }
      if (!options.include_translation_only && is_translation_only(t)) {
        continue;
      }
      bool capitals = written_in_capitals(t.text) ||
                      ((t.type == TermType::acronym || t.type == TermType::abbreviation) &&
                       written_in_capitals(t.text));
      bool own_language = t.lang.matches(ix.lang);
      if (!own_language && !(foreign_acronyms && capitals)) {
        continue;
      }
      if (ix.words == Words::stems) {
        // Spaces stay in a stem key: they are where words start and end.
        stem_key(text::normalize(t.text, form), *stemmer, stemmed, stemmed_origin);
        squeeze(stemmed, false, sq);
      } else {
        squeeze(text::normalize(t.text, form), options.ignore_spacing, sq);
      }
      if (sq.cps.empty()) {
        continue;
      }
      Entry entry;
      entry.term = static_cast<std::uint32_t>(ix.terms.size());
      entry.concept_index = static_cast<std::uint32_t>(ci);
      entry.term_gaps = static_cast<std::uint8_t>(std::min<std::size_t>(sq.gaps, 255));
      TermRef ref{static_cast<std::uint32_t>(ti)};
      bool hangul = std::any_of(sq.cps.begin(), sq.cps.end(), korean::is_hangul);
      if (hangul) {
        entry.flags |= kHangul;
        if (sq.cps.size() == 1) {
          entry.flags |= kSingleHangul;
        }
      }
      bool english = t.lang.language() == "en";
      if (english && !capitals) {
        entry.flags |= kEnglish;
      }
      if (capitals && options.acronyms_exact_case) {
        entry.flags |= kExactCase;
        Squeezed exact;
        squeeze(text::normalize(t.text, text::NormalForm::nfkc), options.ignore_spacing, exact);
        ref.exact = static_cast<std::uint32_t>(ix.exact.size());
        ix.exact.push_back(exact.cps);
      }
      ix.terms.push_back(ref);
      std::u32string key = sq.cps;
      add_key(key, entry);
      ++ix.key_count;
      if (capitals && options.english_plurals && is_ascii_letter(key.back()) &&
          ix.words != Words::stems) {
        Entry plural = entry;
        plural.flags |= kInflected;
        plural.suffix = 1;
        add_key(key + U"s", plural);
        ++ix.key_count;
      } else if (english && !capitals) {
        for (auto& f : english_forms(key, options.english_plurals, options.english_verb_forms)) {
          Entry inflected = entry;
          inflected.flags |= kInflected;
          add_key(f, inflected);
          ++ix.key_count;
        }
      }
    }
  }
  std::vector<std::uint32_t> order(keys.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    order[k] = static_cast<std::uint32_t>(k);
  }
  std::vector<std::uint64_t> heads(keys.size());
  std::size_t longest = 0;
  for (std::size_t k = 0; k < heads.size(); ++k) {
    heads[k] = keys.head(k);
    longest = std::max(longest, keys[k].size());
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (heads[a] != heads[b]) {
      return heads[a] < heads[b];
    }
    int cmp = keys[a].compare(keys[b]);
    return cmp != 0 ? cmp < 0 : a < b;
  });
  // Entries by node (equal keys are adjacent in `order`), in term order so that ties go to the
  // earlier term.
  ix.entries.reserve(order.size());
  for (auto k : order) {
    ix.entries.push_back(key_entries[k]);
  }
  std::vector<Node> built;
  for (std::uint64_t base : kHashBases) {
    std::vector<std::uint32_t> node_of = Index::build(keys, order, base, built);
    for (std::size_t i = 0; i < order.size();) {
      std::uint32_t node = node_of[order[i]];
      std::size_t j = i;
      while (j < order.size() && node_of[order[j]] == node) {
        ++j;
      }
      built[node].entry = static_cast<std::uint32_t>(i);
      built[node].several = j - i > 1 ? 1 : 0;
      ix.entries[j - 1].last = 1;
      i = j;
    }
    ix.base = base;
    if (ix.fill(built)) {
      break;
    }
    ix.base = 0;
  }
  if (ix.base == 0) {
    throw Error(ErrorKind::invalid_argument,
                "term matcher: no hash base tells the glossary's keys apart");
  }
  if (ix.lang.language() == "ko") {
    ix.prefixes = glossary_prefixes(keys, order, key_entries);
  }
  ix.note_first_characters(keys);
  ix.longest = static_cast<std::uint32_t>(longest);
  ix.power.assign(longest + 2, 1);
  for (std::size_t k = 1; k < ix.power.size(); ++k) {
    ix.power[k] = ix.power[k - 1] * ix.base;
  }
  for (Entry& e : ix.entries) {
    e.key = keys.start[e.key];
  }
  ix.key_chars = std::move(keys.chars);
}

TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher&&) noexcept = default;
TermMatcher& TermMatcher::operator=(TermMatcher&&) noexcept = default;

std::size_t TermMatcher::key_count() const noexcept {
  return index_->key_count;
}
const LangTag& TermMatcher::lang() const noexcept {
  return index_->lang;
}

namespace {

// The matching key of a text and the way back to the caller's bytes.
struct Key {
  std::string_view text;
  const text::Normalized* map = nullptr;  // null: key byte i is input byte i

  Span original(Span key_span) const { return map ? map->original_span(key_span) : key_span; }
  std::size_t original_offset(std::size_t pos) const { return map ? map->to_original[pos] : pos; }
};

// One text of a batch with its buffers, reused from call to call on one thread.
struct Line {
  std::string_view utf8;
  std::string lowered;
  text::Normalized normalized;
  Key key;
  Squeezed s;
  std::vector<Candidate> cands;
  std::vector<std::uint32_t> last;    // by start: its longest candidate in cands, or kNone
  std::vector<std::uint64_t> prefix;  // prefix[k]: hash of the first k squeezed characters
  // latin_after[j]: a Latin letter or digit at j continues the word before it (no gap).
  std::vector<std::uint8_t> latin_after;
  std::vector<Candidate> chosen;
  text::Normalized stems;               // Words::stems: the stem key and its way back
  std::vector<std::uint8_t> word_edge;  // Words::dictionary: by key byte, 1 at a word boundary
};

// Most lines (ASCII, precomposed Hangul) are already in the key form once ASCII capitals are
// lowered; the key then needs no map.
void make_key(Line& line, bool fold_case) {
  std::string_view utf8 = line.utf8;
  std::string_view candidate = utf8;
  if (fold_case) {
    line.lowered.assign(utf8);
    for (char& ch : line.lowered) {
      if (ch >= 'A' && ch <= 'Z') {
        ch = static_cast<char>(ch - 'A' + 'a');
      }
    }
    candidate = line.lowered;
  }
  const auto form = fold_case ? text::NormalForm::nfkc_cf : text::NormalForm::nfkc;
  if (text::is_normalized(candidate, form)) {
    line.key = Key{candidate, nullptr};
    return;
  }
  line.normalized = text::normalize_with_map(utf8, form);
  line.key = Key{line.normalized.text, &line.normalized};
}

// A walk down the trie from one start position of one line, one node per round.
struct Walk {
  std::uint32_t start;
  std::uint32_t next;   // position where the next node's label begins
  std::uint32_t group;  // where that node's slot is looked up (prefetched) ...
  std::uint32_t check;  // ... and its check
};

struct Scratch {
  std::vector<Line> lines;
  Line window;                       // a window of a long text (see Run::find_long)
  std::vector<std::uint32_t> reach;  // find_long: the furthest candidate end up to a position
  std::vector<Walk> walks;
  std::vector<std::uint32_t> by_length, order, next_taken;
  // Made on first use for the language of the matcher at hand; one thread matches with
  // several matchers only in turn.
  std::unique_ptr<text::Stemmer> stemmer;
  std::unique_ptr<text::WordBreaker> breaker;
};

}  // namespace

// The matching of one batch of texts, line by line, with the index and the thread's buffers.
class TermMatcher::Run {
 public:
  Run(const Index& ix, Scratch& scratch) : ix_(ix), opt_(ix.options), scratch_(scratch) {}

  std::vector<std::vector<TermHit>> find(std::span<const std::string_view> texts) {
    match(texts, true);
    std::vector<std::vector<TermHit>> out(texts.size());
    for (std::size_t t = 0; t < texts.size(); ++t) {
      if (texts[t].size() > opt_.window_threshold) {
        find_long(texts[t], [&](std::vector<TermHit>& h) {
          out[t].insert(out[t].end(), std::make_move_iterator(h.begin()),
                        std::make_move_iterator(h.end()));
        });
      } else {
        out[t] = hits(scratch_.lines[t]);
      }
    }
    return out;
  }

  void find_spans(std::span<const std::string_view> texts, std::vector<TermSpan>& out,
                  std::vector<std::size_t>& ends) {
    match(texts, false);
    out.clear();
    ends.clear();
    for (std::size_t t = 0; t < texts.size(); ++t) {
      if (texts[t].size() > opt_.window_threshold) {
        find_long(texts[t], [&](std::vector<TermHit>& h) {
          for (const TermHit& hit : h) {
            out.push_back(TermSpan{hit.span, static_cast<std::uint32_t>(hit.concept_index),
                                   static_cast<std::uint32_t>(hit.term_index)});
          }
        });
      } else {
        each_hit(scratch_.lines[t], [&](Span span, const Entry& e) {
          out.push_back(TermSpan{span, e.concept_index, ix_.terms[e.term].term_index});
        });
      }
      ends.push_back(out.size());
    }
  }

  void find_batches(std::string_view text, const std::function<void(std::vector<TermHit>&)>& sink) {
    if (text.size() > opt_.window_threshold) {
      find_long(text, sink);
      return;
    }
    std::string_view one[] = {text};
    auto all = find(one);
    sink(all.front());
  }

 private:
  // Prepares, walks and chooses each text of a batch that is not long (those are matched in
  // windows by find_long), then starts the reads its hits make: with `ids`, of their concept
  // ids too.
  void match(std::span<const std::string_view> texts, bool ids) {
    auto& lines = scratch_.lines;
    if (lines.size() < texts.size()) {
      lines.resize(texts.size());
    }
    // Each line is prepared, walked and chosen in one go, while its text is in cache.
    std::span<Line> batch(lines.data(), texts.size());
    for (std::size_t t = 0; t < texts.size(); ++t) {
      Line& line = lines[t];
      line.utf8 = texts[t].size() > opt_.window_threshold ? std::string_view() : texts[t];
      line.cands.clear();
      line.chosen.clear();
      line.s.cps.clear();
      if (line.utf8.empty()) {
        continue;
      }
      prepare(line);
      walk(line);
      choose(line);
    }
    // A hit reads its entry, then its key, concept and term, each at a random place in the
    // index: the reads of the whole batch are issued before any is waited for.
    for (const Line& line : batch) {
      for (const Candidate& c : line.chosen) {
        __builtin_prefetch(&ix_.entries[c.entry]);
      }
    }
    for (const Line& line : batch) {
      for (const Candidate& c : line.chosen) {
        const Entry& e = ix_.entries[c.entry];
        __builtin_prefetch(ix_.key_chars.data() + e.key);
        if (ids) {
          __builtin_prefetch(&ix_.concept_ids[e.concept_index]);
        }
        __builtin_prefetch(&ix_.terms[e.term]);
      }
    }
  }

  // A text longer than MatchOptions::window_threshold (4 MiB) is matched in windows, so that
  // the per-character arrays of a line (some 20 bytes a character) hold one window, not a
  // whole 1 GB line: a quarter of the threshold of new text per window, a 64th as context
  // on either side (1 MiB and 64 KiB by default).

  static std::size_t char_floor(std::string_view text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
      --pos;
    }
    return pos;
  }

  // The hits of a long text, exactly as matching it whole gives them. Each window is matched
  // with `margin` bytes of context before the part kept and at least that after it, far more
  // than any term, particle, eojeol or rank word reaches. The part kept ends at a
  // character where no candidate of the window crosses: the longest-match
  // choice on either side of such a point is independent of the other side, so the windows'
  // choices add up to the whole text's. Text where no such point comes soon (a megabyte of
  // one repeated syllable that is a term) gets a wider window.
  void find_long(std::string_view text, const std::function<void(std::vector<TermHit>&)>& sink) {
    std::vector<TermHit> out;
    Line& line = scratch_.window;
    const std::size_t n = text.size();
    const std::size_t base_step = opt_.window_threshold / 4;
    const std::size_t margin = opt_.window_threshold / 64;
    std::size_t cut = 0;  // bytes before it are done
    std::size_t step = base_step;
    while (cut < n) {
      const std::size_t ws = cut < margin ? 0 : char_floor(text, cut - margin);
      const std::size_t target = cut + step;
      const bool last = target + 2 * margin >= n;
      const std::size_t we = last ? n : char_floor(text, target + 2 * margin);
      line.utf8 = text.substr(ws, we - ws);
      line.cands.clear();
      line.chosen.clear();
      line.s.cps.clear();
      prepare(line);
      walk(line);
      choose(line);
      std::size_t next = n;
      if (!last) {
        next = safe_cut(line, target - ws, we - margin - ws);
        if (next == 0) {
          step *= 2;  // no point without a candidate across it: a wider window
          continue;
        }
        next += ws;
      }
      out.clear();
      for (TermHit& h : hits(line)) {
        h.span.begin += ws;
        h.span.end += ws;
        if (h.span.begin >= cut && h.span.begin < next) {
          out.push_back(std::move(h));
        }
      }
      sink(out);
      cut = next;
      step = base_step;
    }
  }

  // The first character of the window at a byte offset in [from, to) that no candidate or
  // of the window crosses (starts before it and ends after it), as a byte offset
  // of the window; 0 when there is none.
  std::size_t safe_cut(const Line& line, std::size_t from, std::size_t to) const {
    const Squeezed& s = line.s;
    const std::size_t m = s.cps.size();
    auto& reach = scratch_.reach;
    reach.assign(m + 1, 0);
    for (const Candidate& c : line.cands) {
      reach[c.start] = std::max(reach[c.start], c.end);
    }
    std::uint32_t furthest = 0;  // the furthest end of a candidate starting before k
    for (std::size_t k = 0; k < m; ++k) {
      std::size_t at = line.key.original_offset(s.begin[k]);
      if (at >= to) {
        break;
      }
      if (at >= from && furthest <= k && at > 0) {
        return at;
      }
      furthest = std::max(furthest, reach[k]);
    }
    return 0;
  }

 public:
 private:
  // The key of the line, squeezed, with its prefix hashes.
  void prepare(Line& line) const {
    const auto form = opt_.fold_case ? text::NormalForm::nfkc_cf : text::NormalForm::nfkc;
    if (ix_.words == Words::stems) [[unlikely]] {
      prepare_stems(line);
    } else if (line.utf8.size() < INT32_MAX && prepare_stable(line, text::StableChars::of(form))) {
      line.key = Key{line.utf8, nullptr};  // the text is its own key once ASCII is lowered
    } else {
      text::check_utf8(line.utf8, "text");
      make_key(line, opt_.fold_case);
      squeeze(line.key.text, opt_.ignore_spacing, line.s);
      hash_prefixes(line);
    }
    const std::size_t n = line.s.cps.size();
    if (line.last.size() < n) {
      line.last.resize(n);
    }
    if (n > 0) {  // an empty line has no buffer yet: memset of a null pointer is undefined
      std::memset(line.last.data(), 0xFF, n * sizeof(std::uint32_t));  // kNone
    }
  }

  // The prefix hashes and latin_after of a squeezed line.
  void hash_prefixes(Line& line) const {
    const std::size_t n = line.s.cps.size();
    line.prefix.resize(n + 1);
    line.latin_after.resize(n + 1);
    std::uint64_t h = 0;
    line.prefix[0] = 0;
    for (std::size_t k = 0; k < n; ++k) {
      h = h * ix_.base + line.s.cps[k];
      line.prefix[k + 1] = h;
      line.latin_after[k] = !line.s.gap[k] && is_ascii_alnum(line.s.cps[k]) ? 1 : 0;
    }
    line.latin_after[n] = 0;
  }

  // A line of a Snowball language: its folded key turned into a stem key, whose map leads
  // back to the caller's bytes, so that a hit covers the words as written (Atomwaffen).
  void prepare_stems(Line& line) const {
    text::check_utf8(line.utf8, "text");
    make_key(line, opt_.fold_case);
    auto& stemmer = scratch_.stemmer;
    const std::string_view language = ix_.lang.language();
    if (!stemmer || stemmer->language() != language) {
      stemmer = std::make_unique<text::Stemmer>(language);
    }
    stem_key(line.key.text, *stemmer, line.stems.text, line.stems.to_original);
    for (std::uint32_t& at : line.stems.to_original) {
      at = static_cast<std::uint32_t>(line.key.original_offset(at));
    }
    line.key = Key{line.stems.text, &line.stems};
    squeeze(line.key.text, false, line.s);
    hash_prefixes(line);
  }

  // Words::dictionary: the word boundaries of a line that has candidates.
  void mark_word_edges(Line& line) const {
    auto& breaker = scratch_.breaker;
    const std::string_view language = ix_.lang.language();
    if (!breaker || breaker->language() != language) {
      breaker = std::make_unique<text::WordBreaker>(language);
    }
    breaker->boundaries(line.key.text, line.word_edge);
  }

  // A hit of a language with its own word rule covers whole words: in a stem key it starts
  // and ends at a space (or the line's ends); in a language of Words::dictionary both its
  // ends are ICU word boundaries. Inner boundaries need not agree: the dictionary may cut a
  // term in running text otherwise than alone.
  bool whole_words(const Line& line, std::size_t i, std::size_t j) const {
    const Squeezed& s = line.s;
    if (ix_.words == Words::stems) {
      return (i == 0 || s.cps[i - 1] == U' ') && (j == s.cps.size() || s.cps[j] == U' ');
    }
    const Span k = key_span(line, i, j);
    return line.word_edge[k.begin] != 0 && line.word_edge[k.end] != 0;
  }

  // squeeze() with a StableChars table and the prefix hashes and latin_after of the walk, in
  // one pass over most lines: ASCII and Hangul syllables are decoded here, the rest by ICU.
  // False, the line unfinished, at a character the normal form could change, a byte that is
  // not UTF-8 or a NUL.
  bool prepare_stable(Line& line, const text::StableChars& stable) const {
    const std::string_view text = line.utf8;
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto size = static_cast<std::int32_t>(text.size());
    // The arrays are sized to the characters, not the bytes: growing fills what it adds.
    const std::size_t chars = count_chars(p, text.size());
    Squeezed& out = line.s;
    out.cps.resize(chars);
    out.begin.resize(chars);
    out.gap.resize(chars);
    line.prefix.resize(chars + 1);
    line.latin_after.resize(chars + 1);
    char32_t* cps = out.cps.data();
    std::uint32_t* begin = out.begin.data();
    std::uint8_t* gap = out.gap.data();
    std::uint64_t* prefix = line.prefix.data();
    std::uint8_t* latin_after = line.latin_after.data();
    const std::uint64_t base = ix_.base;
    const bool drop = opt_.ignore_spacing;
    const bool lower = opt_.fold_case;
    std::uint64_t h = 0;
    prefix[0] = 0;
    std::size_t gaps = 0;
    std::size_t m = 0;
    bool pending_gap = false;
    std::int32_t i = 0;
    while (i < size) {
      const std::int32_t start = i;
      char32_t cp = p[i];
      bool plain = true;  // neither a separator nor an apostrophe variant
      if (cp < 0x80) {
        ++i;
        if (cp == 0) {
          return false;
        }
        if (lower && cp - U'A' < 26U) {
          cp += U'a' - U'A';
        }
        plain = cp > U' ' && cp != U'-';
      } else if (cp >= 0xEA && cp <= 0xED && i + 2 < size && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80 &&
                 (cp = ((cp & 0x0FU) << 12) | ((p[i + 1] & 0x3FU) << 6) | (p[i + 2] & 0x3FU),
                  cp >= 0xAC00 && cp <= 0xD7A3)) {
        i += 3;  // a Hangul syllable
        if (!stable.has(cp)) {
          return false;
        }
      } else {
        UChar32 c = 0;
        U8_NEXT(p, i, size, c);
        cp = static_cast<char32_t>(c < 0 ? 0xFFFD : c);
        if (c < 0 || !stable.has(cp)) {
          return false;
        }
        plain = false;
      }
      if (!plain) {
        if (is_separator(cp)) {
          if (drop) {
            pending_gap = true;
            continue;
          }
          // Without spacing tolerance a run of separators is kept as one space or hyphen.
          if (pending_gap || (m > 0 && is_separator(cps[m - 1]))) {
            continue;
          }
          cp = (cp == U'-' || (cp >= 0x2010 && cp <= 0x2014)) ? U'-' : U' ';
        }
        cp = unify(cp);
      }
      gaps += pending_gap && m > 0 ? 1 : 0;
      gap[m] = pending_gap ? 1 : 0;
      cps[m] = cp;
      begin[m] = static_cast<std::uint32_t>(start);
      h = h * base + cp;
      prefix[m + 1] = h;
      latin_after[m] = !pending_gap && is_ascii_alnum(cp) ? 1 : 0;
      pending_gap = false;
      ++m;
    }
    out.gaps = gaps;
    out.cps.resize(m);
    out.begin.resize(m);
    out.gap.resize(m);
    line.prefix.resize(m + 1);
    line.latin_after.resize(m + 1);
    line.latin_after[m] = 0;
    return true;
  }

  bool rank_word_before(const Line& line, std::size_t start) const {
    const Squeezed& s = line.s;
    if (start == 0 || !s.gap[start]) {
      return false;
    }
    std::size_t b = start;
    while (b > 0 && is_ascii_letter(s.cps[b - 1])) {
      --b;
      if (s.gap[b]) {
        break;
      }
    }
    std::u32string_view word(s.cps.data() + b, start - b);
    if (word == U"assistant" || word == U"deputy" || word == U"vice" || word == U"associate") {
      return true;
    }
    if (word == U"under") {
      // "Under Secretary" is a rank; "under Secretary of State Rice" is a preposition.
      auto first = static_cast<unsigned char>(line.utf8[line.key.original_offset(s.begin[b])]);
      return first >= 'A' && first <= 'Z';
    }
    return false;
  }

  // A term that starts or ends with a Latin letter or digit is not part of a longer Latin word.
  // [i, j) in squeezed positions.
  static bool latin_bounded(const Squeezed& s, std::size_t i, std::size_t j, std::uint8_t flags) {
    if ((flags & kStartsLatin) && i > 0 && !s.gap[i] && is_ascii_alnum(s.cps[i - 1])) {
      return false;
    }
    return !((flags & kEndsLatin) && j < s.cps.size() && !s.gap[j] && is_ascii_alnum(s.cps[j]));
  }

  // The bytes of the key text that squeezed positions [i, j) come from; the last character
  // ends where its UTF-8 lead byte says.
  static Span key_span(const Line& line, std::size_t i, std::size_t j) {
    std::uint32_t last = line.s.begin[j - 1];
    auto lead = static_cast<std::uint8_t>(line.key.text[last]);
    std::uint32_t size = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return Span{line.s.begin[i], last + size};
  }

  // The walk compares spans with the trie by hash; a chosen span is compared with its key
  // before it counts. The span has the length of the key: the walk adds up the labels on the
  // key's path.
  bool spelled(const Line& line, const Candidate& c) const {
    const std::size_t len = c.end - c.start;
    return std::u32string_view(ix_.key_chars.data() + ix_.entries[c.entry].key, len) ==
           std::u32string_view(line.s.cps.data() + c.start, len);
  }

  // The rules other than latin_bounded, which record() has applied. [i, j) in squeezed
  // positions.
  bool accept(const Line& line, const Candidate& c) const {
    if (careful_ && !spelled(line, c)) {
      return false;
    }
    const std::uint8_t flags = c.flags;
    const std::size_t i = c.start;
    const std::size_t j = c.end;
    const Squeezed& s = line.s;
    const std::size_t n = s.cps.size();
    if (ix_.words != Words::plain && !whole_words(line, i, j)) [[unlikely]] {
      return false;
    }
    if (flags & kExactCase) {
      const Entry& e = ix_.entries[c.entry];
      // The surface, NFKC without folding, must be the term as written (plus a lower-case s).
      const std::u32string& want = ix_.exact[ix_.terms[e.term].exact];
      Span orig = line.key.original(key_span(line, i, j));
      Squeezed surf;
      squeeze(text::normalize(orig.of(line.utf8), text::NormalForm::nfkc), opt_.ignore_spacing,
              surf);
      std::u32string_view got(surf.cps);
      if (e.suffix) {
        if (got.empty() || got.back() != U's') {
          return false;
        }
        got.remove_suffix(1);
      }
      if (got != want) {
        return false;
      }
    }
    if (flags & kHangul) {
      if (opt_.korean_word_rules && (flags & kSingleHangul) && !hangul_word_start(s, i)) {
        return false;
      }
      if (opt_.korean_word_rules && !compound_part(line, i, j)) {
        return false;
      }
      if (opt_.korean_word_rules && i > 0 && !s.gap[i] && s.cps[i - 1] >= U'0' &&
          s.cps[i - 1] <= U'9' && korean::is_counter(s.cps[i]) && j - i > 1) {
        return false;  // 30대사이: 대 counts the number before it; 대사 does not start there
      }
      if (opt_.korean_word_rules && s.cps[j - 1] == U'지' && !hangul_word_start(s, i) &&
          negation_after(s, j)) {
        return false;  // 숨기지 않았다: 기지 inside a verb, whose -지 is the negation's
      }
      std::size_t gaps = 0;
      for (std::size_t k = i + 1; k < j; ++k) {
        gaps += s.gap[k];
      }
      if (gaps > 0 && gaps > ix_.entries[c.entry].term_gaps && opt_.korean_particles) {
        // A space the term does not have: the result must still be the term as a word.
        if (!hangul_word_start(s, i) || (opt_.korean_word_rules && after_number(s, i))) {
          return false;
        }
        std::size_t k = j;
        while (k < n && !s.gap[k] && korean::is_hangul(s.cps[k])) {
          ++k;
        }
        if (!korean::is_noun_suffix(std::u32string_view(s.cps.data() + j, k - j))) {
          return false;
        }
      }
    }
    if ((flags & kEnglish) && opt_.skip_rank_prefixed && rank_word_before(line, i)) {
      return false;
    }
    return true;
  }

  // True when a term's candidate starts at b and ends at e (any end when e is 0). Like a
  // chosen hit, it must spell its key: a rule never trusts a hash alone.
  bool candidate_spans(const Line& line, std::size_t b, std::size_t e) const {
    for (std::uint32_t at = line.last[b]; at != kNone; at = line.cands[at].prev) {
      if ((e == 0 || line.cands[at].end == e) && spelled(line, line.cands[at])) {
        return true;
      }
    }
    return false;
  }

  // A Korean term glued to other Hangul of its eojeol is a part of a compound noun only where
  // the letters beside it can be words of their own (see DESIGN.md, "Term spotting on open
  // text"). After it: nothing, particles and endings, or a compound part: two or more
  // syllables before the particles (국경지역에서, 테러단체), a one-syllable head noun (납치범,
  // 폭격기) or another term. Before it: two or more syllables (대북제재, 국제테러), or one
  // that is a prefix (미대사, 핵전쟁) or another term. One syllable of anything else is a piece
  // of a longer word: 리퍼 in 클리퍼, 핵 in 핵심, 기지 in 모기지, 포로 in 공포로.
  bool compound_part(const Line& line, std::size_t i, std::size_t j) const {
    const Squeezed& s = line.s;
    const std::size_t n = s.cps.size();
    if (j < n && !s.gap[j] && korean::is_hangul(s.cps[j])) {
      // Particle stacks are short: a rest longer than kRest syllables is a noun of its own,
      // and the bound keeps a line of one endless word linear.
      constexpr std::size_t kRest = 12;
      std::size_t e = j + 1;
      while (e < n && e - j <= kRest && !s.gap[e] && korean::is_hangul(s.cps[e])) {
        ++e;
      }
      std::u32string_view rest(s.cps.data() + j, e - j);
      if (korean::noun_part(rest) == 1 && !korean::is_compound_head(rest[0]) &&
          !candidate_spans(line, j, 0)) {
        return false;
      }
    }
    if (!hangul_word_start(s, i) && hangul_word_start(s, i - 1)) {
      const char32_t before = s.cps[i - 1];
      return korean::is_noun_prefix(before) || ix_.prefixes.find(before) != std::u32string::npos ||
             candidate_spans(line, i - 1, i);
    }
    return true;
  }

  // True when the word before squeezed position i (which starts a word) is a number, with or
  // without its counter: 전 in "10년 전 차별" belongs to 10년 'ten years ago', so a spacing
  // variant starting there (전 차 = 전차 'tank') would bridge two phrases.
  static bool after_number(const Squeezed& s, std::size_t i) {
    std::size_t k = i;  // back over at most two syllables of counter (년, 개월)
    for (int syllables = 0; syllables < 2 && k > 0 && korean::is_hangul(s.cps[k - 1]);
         ++syllables) {
      if (k < i && s.gap[k]) {
        return false;  // the word before is Hangul from its start: no number
      }
      --k;
    }
    if (k < i && s.gap[k]) {
      return false;
    }
    return k > 0 && s.cps[k - 1] >= U'0' && s.cps[k - 1] <= U'9';
  }

  // Terminals are noted as they are reached; the rules run later, and on most lines only for
  // the few candidates that can still win (see choose_longest).
  // A walk finds its candidates shortest first; each is linked to the one before, so a
  // start's candidates can be read longest first without sorting.
  static void record(Line& line, std::uint32_t start, std::uint32_t end, std::uint32_t entry,
                     std::uint8_t flags) {
    if (latin_bounded(line.s, start, end, flags)) {
      line.cands.push_back(Candidate{start, end, entry, line.last[start], flags});
      line.last[start] = static_cast<std::uint32_t>(line.cands.size() - 1);
    }
  }

  // The walks from every start of a line run side by side, one node per round: a node's slot
  // is prefetched a round before it is read, so the cache misses of a large trie overlap
  // instead of following one another. Starts are taken in windows to bound memory.
  void walk(Line& line) {
    constexpr std::size_t kWindow = 8192;
    auto& walks = scratch_.walks;
    walks.clear();
    const Squeezed& s = line.s;
    for (std::size_t i = 0; i < s.cps.size(); ++i) {
      char32_t c = s.cps[i];
      First first = ix_.first_of(c);
      // A Latin term cannot start inside a Latin word.
      if (first == kNoKey ||
          (is_ascii_alnum(c) && i > 0 && !s.gap[i] && is_ascii_alnum(s.cps[i - 1]))) {
        continue;
      }
      // The hash of text[i, i + 1) is the character; past a bare branch (of one character or
      // two), the walk starts with the node after it.
      std::uint64_t h = c;
      std::size_t next = i;
      if (first == kBranch) {
        if (i + 1 == s.cps.size()) {
          continue;
        }
        First pair = ix_.pair_of(c, s.cps[i + 1]);
        if (pair == kNoKey) {
          continue;
        }
        h = h * ix_.base + s.cps[i + 1];
        next = i + 1;
        if (pair == kBranch) {
          if (i + 2 == s.cps.size()) {
            continue;
          }
          h = h * ix_.base + s.cps[i + 2];
          next = i + 2;
        }
      }
      std::uint32_t group = ix_.nodes.group_of(h);
      ix_.nodes.prefetch(group);
      walks.push_back(Walk{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(next), group,
                           NodeTable::check_of(h)});
      if (walks.size() >= kWindow) {
        rounds(line);
      }
    }
    rounds(line);
    if (ix_.words == Words::dictionary && !line.cands.empty()) [[unlikely]] {
      mark_word_edges(line);
    }
  }

  // One round moves every walk one node on. The step has few branches that depend on the
  // text: the four checks of a group are compared at once, the label and its hash are checked
  // whether or not the node was found, and a candidate or a walk is written and then kept or
  // not. Only nodes with several entries take a slower path.
  void rounds(Line& line) {
    auto& walks = scratch_.walks;
    auto& cands = line.cands;
    const std::uint64_t* power = ix_.power.data();
    const std::uint64_t* prefix = line.prefix.data();
    const std::uint8_t* latin_after = line.latin_after.data();
    std::uint32_t* last = line.last.data();  // record() only links into it, never resizes it
    const auto n = static_cast<std::uint32_t>(line.s.cps.size());
    const std::uint32_t longest = ix_.longest;
    while (!walks.empty()) {
      std::size_t count = cands.size();
      cands.resize(count + walks.size());
      std::size_t kept = 0;
      for (std::size_t k = 0; k < walks.size(); ++k) {
        const Walk w = walks[k];
        const NodeTable::Group* g = &ix_.nodes.group(w.group);
        unsigned match = g->match(w.check);
        if (match == 0 && g->full()) {
          NodeTable::Place at = ix_.nodes.find(w.group, w.check);  // in a later group, or none
          if (at.group == nullptr) {
            continue;
          }
          g = at.group;
          match = 1U << at.lane;
        }
        const unsigned lane = static_cast<unsigned>(__builtin_ctz(match | 0x10U)) & 3U;
        const std::uint32_t reach = w.next + g->len[lane];
        const bool fits = match != 0 && reach <= n && reach - w.start <= longest;
        const std::uint32_t end = fits ? reach : w.start;
        const std::uint64_t span_hash = prefix[end] - prefix[w.start] * power[end - w.start];
        const bool ok = fits && g->end_check[lane] == NodeTable::check_of(span_hash);
        const std::uint8_t bits = ok ? g->bits[lane] : 0;
        const std::uint8_t flags = g->flags[lane];
        if (bits & NodeTable::kSeveral) [[unlikely]] {
          cands.resize(count);
          record_all(line, w.start, end, g->entry[lane]);
          count = cands.size();
          cands.resize(count + walks.size() - k);
        } else {
          // A term that ends with a Latin letter or digit does not end inside a word. (One that
          // starts with one does not start inside a word: walk() starts no walk there.)
          const bool take =
              (bits & NodeTable::kTerminal) && !((flags & kEndsLatin) && latin_after[end]);
          cands[count] = Candidate{w.start, end, g->entry[lane], last[w.start], flags};
          last[w.start] = take ? static_cast<std::uint32_t>(count) : last[w.start];
          count += take ? 1 : 0;
        }
        const bool more = (bits & NodeTable::kChildren) && end < n;
        const std::uint64_t h = span_hash * ix_.base + line.s.cps[more ? end : 0];
        const std::uint32_t group = ix_.nodes.group_of(h);
        ix_.nodes.prefetch(group);
        walks[kept] = Walk{w.start, end, group, NodeTable::check_of(h)};
        kept += more ? 1 : 0;
      }
      cands.resize(count);
      walks.resize(kept);
    }
  }

  // The entries of a node with several.
  void record_all(Line& line, std::uint32_t start, std::uint32_t end, std::uint32_t entry) const {
    for (std::uint32_t k = entry;; ++k) {
      const Entry& e = ix_.entries[k];
      record(line, start, end, k, e.flags);
      if (e.last) {
        break;
      }
    }
  }

  // The chosen spans of one line, in order of their start.
  void choose(Line& line) {
    line.chosen.clear();
    if (opt_.longest_match_only) {
      choose_longest(line);
    } else {
      choose_every(line);
    }
    std::sort(line.chosen.begin(), line.chosen.end(), [](const Candidate& a, const Candidate& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
  }

  // The hits of one line. A chosen span that does not spell its key (two strings with one
  // hash, which real text all but never shows) may have kept others out: the line is then
  // chosen again with every candidate checked.
  template <class F>
  void each_hit(Line& line, F&& f) {
    bool all_spelled = std::all_of(line.chosen.begin(), line.chosen.end(),
                                   [&](const Candidate& c) { return spelled(line, c); });
    if (!all_spelled) {
      careful_ = true;
      choose(line);
      careful_ = false;
    }
    for (const Candidate& c : line.chosen) {
      f(line.key.original(key_span(line, c.start, c.end)), ix_.entries[c.entry]);
    }
  }

  std::vector<TermHit> hits(Line& line) {
    std::vector<TermHit> hits;
    hits.reserve(line.chosen.size());
    each_hit(line, [&](Span span, const Entry& e) {
      hits.push_back(TermHit{span, ix_.concept_ids[e.concept_index], span.of(line.utf8),
                             ix_.terms[e.term].term_index, e.concept_index});
    });
    return hits;
  }

  // On one span, the surface written exactly as the term goes before an inflected form, then
  // the earlier term (one span is one key, whose entries are in term order).
  static bool better_entry(const Candidate& a, const Candidate& b) {
    bool ia = (a.flags & kInflected) != 0;
    bool ib = (b.flags & kInflected) != 0;
    return ia != ib ? !ia : a.entry < b.entry;
  }

  // Longest match: of the candidates that pass the rules, the longest is taken first (then
  // the leftmost), and one that overlaps a taken hit is dropped. The rules only run for spans
  // that are still free when their turn comes; a glossary of many short n-grams finds several
  // candidates at almost every position, and nearly all of them lose to a longer one.
  void choose_longest(Line& line) {
    const auto n = static_cast<std::uint32_t>(line.s.cps.size());
    const auto& raw = line.cands;
    if (raw.empty()) {
      return;
    }
    // Longest first, then leftmost: a counting sort by length of the candidates read start by
    // start. The candidates of one span (synonyms, inflected forms) end up side by side.
    auto& slot = scratch_.by_length;
    std::uint32_t longest = 0;
    for (const Candidate& c : raw) {
      longest = std::max(longest, c.end - c.start);
    }
    slot.assign(longest + 1, 0);
    for (const Candidate& c : raw) {
      ++slot[c.end - c.start];
    }
    for (std::uint32_t len = longest, sum = 0; len > 0; --len) {
      std::uint32_t k = slot[len];
      slot[len] = sum;
      sum += k;
    }
    auto& order = scratch_.order;
    order.resize(raw.size());
    for (std::uint32_t start = 0; start < n; ++start) {
      for (std::uint32_t at = line.last[start]; at != kNone; at = raw[at].prev) {
        order[slot[raw[at].end - raw[at].start]++] = at;
      }
    }
    // next_taken[p]: the first position at or after p inside a taken hit, or n.
    auto& next_taken = scratch_.next_taken;
    next_taken.assign(n, n);
    auto& chosen = line.chosen;
    for (std::size_t k = 0; k < order.size();) {
      const Candidate& first = raw[order[k]];
      std::size_t span_end = k + 1;
      while (span_end < order.size() && raw[order[span_end]].start == first.start &&
             raw[order[span_end]].end == first.end) {
        ++span_end;
      }
      if (next_taken[first.start] >= first.end) {
        std::uint32_t best = kNone;
        for (std::size_t m = k; m < span_end; ++m) {
          const Candidate& c = raw[order[m]];
          if ((best == kNone || better_entry(c, raw[best])) && accept(line, c)) {
            best = order[m];
          }
        }
        if (best != kNone) {
          for (std::uint32_t p = first.start; p < first.end; ++p) {
            next_taken[p] = p;
          }
          for (std::uint32_t p = first.start; p > 0 && next_taken[p - 1] > first.start; --p) {
            next_taken[p - 1] = first.start;
          }
          chosen.push_back(raw[best]);
        }
      }
      k = span_end;
    }
  }

  // Every hit (--all): each candidate that passes the rules, once per span and concept.
  void choose_every(Line& line) {
    auto& chosen = line.chosen;
    for (const Candidate& c : line.cands) {
      if (accept(line, c)) {
        chosen.push_back(c);
      }
    }
    // Longest first, then leftmost; on one span the surface written exactly as the term,
    // then the earlier term: the first of a span and concept is kept.
    std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) {
      auto la = a.end - a.start;
      auto lb = b.end - b.start;
      if (la != lb) {
        return la > lb;
      }
      if (a.start != b.start) {
        return a.start < b.start;
      }
      return better_entry(a, b);
    });
    std::size_t kept = 0;
    std::size_t span_begin = 0;  // first kept candidate of the current span
    for (const Candidate& c : chosen) {
      if (kept > 0 && (chosen[span_begin].start != c.start || chosen[span_begin].end != c.end)) {
        span_begin = kept;
      }
      std::uint32_t concept_index = ix_.entries[c.entry].concept_index;
      bool seen = std::any_of(
          chosen.begin() + static_cast<std::ptrdiff_t>(span_begin),
          chosen.begin() + static_cast<std::ptrdiff_t>(kept),
          [&](const Candidate& o) { return ix_.entries[o.entry].concept_index == concept_index; });
      if (!seen) {
        chosen[kept++] = c;
      }
    }
    chosen.resize(kept);
  }

  const Index& ix_;
  const MatchOptions& opt_;
  Scratch& scratch_;
  bool careful_ = false;  // accept() checks that a candidate spells its key
};

std::vector<TermHit> TermMatcher::find(std::string_view utf8) const {
  std::string_view one[] = {utf8};
  return std::move(find_each(one).front());
}

namespace {
// Buffers reused between calls on one thread; the matcher itself stays const and reentrant.
Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}
}  // namespace

void TermMatcher::find_in_batches(std::string_view utf8,
                                  const std::function<void(std::vector<TermHit>&)>& sink) const {
  Run run(*index_, thread_scratch());
  run.find_batches(utf8, sink);
}

std::vector<std::vector<TermHit>> TermMatcher::find_each(
    std::span<const std::string_view> texts) const {
  return Run(*index_, thread_scratch()).find(texts);
}

void TermMatcher::find_spans(std::span<const std::string_view> texts, std::vector<TermSpan>& hits,
                             std::vector<std::size_t>& ends) const {
  Run(*index_, thread_scratch()).find_spans(texts, hits, ends);
}

}  // namespace termbridge::glossary
