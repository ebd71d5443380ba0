#include "segment/pattern.hpp"

#include <algorithm>
#include <string>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace termbridge::segment::detail {

CharSet::CharSet(const icu::UnicodeSet& set) : rest_(set) {
  for (UChar32 c = 0; c < 256; ++c) {
    if (set.contains(c)) {
      latin1_[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
    }
  }
}

CharSet CharSet::all() {
  return CharSet(icu::UnicodeSet(0, 0x10FFFF));
}

void CharSet::add(const CharSet& other) {
  for (std::size_t i = 0; i < latin1_.size(); ++i) {
    latin1_[i] |= other.latin1_[i];
  }
  rest_.addAll(other.rest_);
}

namespace {

constexpr int kUnbounded = -1;

// ICU's own definitions: \s is White_Space, \d Nd, \w as in ICU's regex engine.
icu::UnicodeSet property_set(const char16_t* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString(pattern), status);
  if (U_FAILURE(status)) {
    set.clear();
  }
  return set;
}

constexpr const char16_t* kWordPattern = u"[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200c\\u200d]";

const icu::UnicodeSet& word_set() {
  static const icu::UnicodeSet set = [] {
    auto s = property_set(kWordPattern);
    s.freeze();
    return s;
  }();
  return set;
}

class Parser {
 public:
  explicit Parser(std::string_view re) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(re.data());
    auto n = static_cast<std::int32_t>(re.size());
    for (std::int32_t i = 0; i < n;) {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < 0) {
        ok_ = false;
        return;
      }
      cps_.push_back(c);
    }
  }

  std::optional<Node> parse() {
    if (!ok_) {
      return std::nullopt;
    }
    auto node = alternation();
    if (!ok_ || i_ != cps_.size()) {
      return std::nullopt;
    }
    return node;
  }

 private:
  bool at_end() const { return i_ >= cps_.size(); }
  UChar32 peek(std::size_t ahead = 0) const {
    return i_ + ahead < cps_.size() ? cps_[i_ + ahead] : -1;
  }
  Node fail() {
    ok_ = false;
    return {};
  }

  Node alternation() {
    Node alt;
    alt.kind = Node::Kind::alt;
    alt.kids.push_back(sequence());
    while (ok_ && peek() == '|') {
      ++i_;
      alt.kids.push_back(sequence());
    }
    if (alt.kids.size() == 1) {
      return std::move(alt.kids[0]);
    }
    return alt;
  }

  Node sequence() {
    Node seq;
    seq.kind = Node::Kind::seq;
    while (ok_ && !at_end() && peek() != '|' && peek() != ')') {
      auto a = atom();
      if (!ok_) {
        break;
      }
      quantified(a);
      seq.kids.push_back(std::move(a));
    }
    return seq;
  }

  // Reads a quantifier after `a`, if any, and wraps `a` in a repeat.
  void quantified(Node& a) {
    int min = 0;
    int max = 0;
    UChar32 c = peek();
    if (c == '*') {
      min = 0, max = kUnbounded, ++i_;
    } else if (c == '+') {
      min = 1, max = kUnbounded, ++i_;
    } else if (c == '?') {
      min = 0, max = 1, ++i_;
    } else if (c == '{') {
      ++i_;
      min = number();
      max = min;
      if (peek() == ',') {
        ++i_;
        max = peek() == '}' ? kUnbounded : number();
      }
      if (!ok_ || peek() != '}') {
        fail();
        return;
      }
      ++i_;
    } else {
      return;
    }
    bool possessive = false;
    if (peek() == '?') {
      ++i_;  // lazy: the same matches exist
    } else if (peek() == '+') {
      ++i_;
      possessive = true;
    }
    if (a.kind != Node::Kind::chars && a.kind != Node::Kind::seq && a.kind != Node::Kind::alt &&
        a.kind != Node::Kind::repeat) {
      fail();  // a quantified assertion
      return;
    }
    Node r;
    r.kind = Node::Kind::repeat;
    r.min = min;
    r.max = max;
    r.possessive = possessive;
    r.kids.push_back(std::move(a));
    a = std::move(r);
    if (peek() == '*' || peek() == '+' || peek() == '?' || peek() == '{') {
      fail();
    }
  }

  int number() {
    int n = 0;
    int digits = 0;
    while (peek() >= '0' && peek() <= '9' && digits < 6) {
      n = n * 10 + (peek() - '0');
      ++i_;
      ++digits;
    }
    if (digits == 0 || digits == 6) {
      fail();
    }
    return n;
  }

  static Node chars(const icu::UnicodeSet& s) {
    Node n;
    n.kind = Node::Kind::chars;
    n.set = std::make_shared<const CharSet>(s);
    return n;
  }
  static Node chars(UChar32 c) { return chars(icu::UnicodeSet(c, c)); }

  Node atom() {
    UChar32 c = cps_[i_++];
    switch (c) {
      case '(':
        return group();
      case '[': {
        icu::UnicodeSet s;
        if (!set_body(s)) {
          return fail();
        }
        return chars(s);
      }
      case '.':
        return chars(
            icu::UnicodeSet(0, 0x10FFFF).remove(0x0A, 0x0D).remove(0x85).remove(0x2028, 0x2029));
      case '^': {
        Node n;
        n.kind = Node::Kind::text_start;
        return n;
      }
      case '$': {
        Node n;
        n.kind = Node::Kind::other_assert;
        n.anchor = '$';
        return n;
      }
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
        return fail();
      default:
        return chars(c);
    }
  }

  Node group() {
    Node wrap;
    wrap.kind = Node::Kind::seq;
    bool atomic = false;
    if (peek() == '?') {
      UChar32 a = peek(1);
      UChar32 b = peek(2);
      if (a == ':') {
        i_ += 2;
      } else if (a == '=' || a == '!') {
        wrap.kind = Node::Kind::lookahead;
        wrap.negated = a == '!';
        i_ += 2;
      } else if (a == '<' && (b == '=' || b == '!')) {
        wrap.kind = Node::Kind::lookbehind;
        wrap.negated = b == '!';
        i_ += 3;
      } else if (a == '>') {
        atomic = true;
        i_ += 2;
      } else {
        return fail();  // flags, named groups, comments
      }
    }
    auto inner = alternation();
    if (!ok_ || peek() != ')') {
      return fail();
    }
    ++i_;
    if (atomic) {
      Node r;
      r.kind = Node::Kind::repeat;
      r.possessive = true;
      r.kids.push_back(std::move(inner));
      return r;
    }
    if (wrap.kind == Node::Kind::seq) {
      return inner;
    }
    wrap.kids.push_back(std::move(inner));
    return wrap;
  }

  // An escape outside a set.
  Node escape() {
    if (at_end()) {
      return fail();
    }
    UChar32 e = peek();
    Node n;
    switch (e) {
      case 'b':
      case 'B':
        ++i_;
        n.kind = Node::Kind::boundary;
        n.negated = e == 'B';
        return n;
      case 'A':
        ++i_;
        n.kind = Node::Kind::text_start;
        return n;
      case 'z':
      case 'Z':
      case 'G':
        ++i_;
        n.kind = Node::Kind::other_assert;
        n.anchor = e;
        return n;
      default:
        break;
    }
    if (e >= '1' && e <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        ++i_;
      }
      n.kind = Node::Kind::any_text;
      return n;
    }
    icu::UnicodeSet s;
    if (!escape_set(s)) {
      return fail();
    }
    return chars(s);
  }

  // An escape standing for a set or one character (after the backslash), in or outside a
  // set. Returns false for escapes this reading does not cover.
  bool escape_set(icu::UnicodeSet& s, bool* one_char = nullptr) {
    if (one_char != nullptr) {
      *one_char = false;
    }
    UChar32 e = cps_[i_++];
    switch (e) {
      case 's':
      case 'S':
        s = property_set(u"[\\p{WhiteSpace}]");
        break;
      case 'd':
      case 'D':
        s = property_set(u"[\\p{Nd}]");
        break;
      case 'w':
      case 'W':
        s = property_set(kWordPattern);
        break;
      case 'p':
      case 'P': {
        std::u16string prop = u"[\\p{";
        if (peek() == '{') {
          ++i_;
          while (!at_end() && peek() != '}') {
            UChar32 c = cps_[i_++];
            if (c > 0xFFFF || c == '[' || c == ']' || c == '\\') {
              return false;
            }
            prop += static_cast<char16_t>(c);
          }
          if (at_end()) {
            return false;
          }
          ++i_;
        } else if (!at_end() && peek() < 0x80 && u_isalpha(peek())) {
          prop += static_cast<char16_t>(cps_[i_++]);
        } else {
          return false;
        }
        prop += u"}]";
        UErrorCode status = U_ZERO_ERROR;
        s.applyPattern(icu::UnicodeString(prop.data(), static_cast<std::int32_t>(prop.size())),
                       status);
        if (U_FAILURE(status)) {
          return false;
        }
        break;
      }
      case 'n':
        s = icu::UnicodeSet(0x0A, 0x0A);
        return one(one_char);
      case 't':
        s = icu::UnicodeSet(0x09, 0x09);
        return one(one_char);
      case 'r':
        s = icu::UnicodeSet(0x0D, 0x0D);
        return one(one_char);
      case 'f':
        s = icu::UnicodeSet(0x0C, 0x0C);
        return one(one_char);
      case 'a':
        s = icu::UnicodeSet(0x07, 0x07);
        return one(one_char);
      case 'e':
        s = icu::UnicodeSet(0x1B, 0x1B);
        return one(one_char);
      case 'u':
      case 'U':
      case 'x': {
        UChar32 v = 0;
        int want = e == 'u' ? 4 : e == 'U' ? 8 : 2;
        bool braced = e == 'x' && peek() == '{';
        if (braced) {
          ++i_;
          want = 6;
        }
        int got = 0;
        while (got < want && !at_end() && u_isxdigit(peek()) && peek() < 0x80) {
          v = v * 16 + static_cast<UChar32>(u_digit(cps_[i_++], 16));
          ++got;
        }
        if (braced) {
          if (peek() != '}' || got == 0) {
            return false;
          }
          ++i_;
        } else if (got != want) {
          return false;
        }
        if (v > 0x10FFFF) {
          return false;
        }
        s = icu::UnicodeSet(v, v);
        return one(one_char);
      }
      default:
        if (e < 0x80 && u_isalnum(e)) {
          return false;  // \h, \v, \R, \X, \N{...}, \Q, \k, \0, ...
        }
        s = icu::UnicodeSet(e, e);
        return one(one_char);
    }
    if (e == 'S' || e == 'D' || e == 'W' || e == 'P') {
      s.complement();
    }
    return true;
  }

  static bool one(bool* one_char) {
    if (one_char != nullptr) {
      *one_char = true;
    }
    return true;
  }

  // The body of a set after its '[', up to and including the ']'.
  bool set_body(icu::UnicodeSet& out) {
    out.clear();
    bool negate = false;
    if (peek() == '^') {
      negate = true;
      ++i_;
    }
    if (peek() == ']' || peek() == ':') {
      return false;  // "[]...]" and POSIX classes: left to ICU
    }
    bool first = true;
    while (!at_end() && peek() != ']') {
      if ((peek() == '&' && peek(1) == '&') || (peek() == '-' && peek(1) == '-')) {
        return false;  // set operations
      }
      icu::UnicodeSet item;
      UChar32 single = -1;
      UChar32 c = cps_[i_++];
      if (c == '[') {
        if (!set_body(item)) {
          return false;
        }
      } else if (c == '\\') {
        bool one_char = false;
        if (at_end() || !escape_set(item, &one_char)) {
          return false;
        }
        if (one_char) {
          single = item.charAt(0);
        }
      } else if (c == '-' && !first && peek() != ']') {
        return false;  // a range without a start
      } else {
        single = c;
        item.add(c);
      }
      if (single >= 0 && peek() == '-' && peek(1) != ']' && peek(1) != -1) {
        ++i_;
        UChar32 hi = cps_[i_++];
        if (hi == '[') {
          return false;
        }
        if (hi == '\\') {
          icu::UnicodeSet h;
          bool one_char = false;
          if (at_end() || !escape_set(h, &one_char) || !one_char) {
            return false;
          }
          hi = h.charAt(0);
        }
        if (hi < single) {
          return false;
        }
        item = icu::UnicodeSet(single, hi);
      }
      out.addAll(item);
      first = false;
    }
    if (at_end()) {
      return false;
    }
    ++i_;  // ']'
    if (negate) {
      out.complement();
    }
    return true;
  }

  std::vector<UChar32> cps_;
  std::size_t i_ = 0;
  bool ok_ = true;
};

// --- prefix sets ---

struct Prefix {
  std::vector<CharSet> at;  // size `count`; empty sets past the longest match
  int min = 0;
  int max = 0;  // kUnbounded: no bound
};

int add_len(int a, int b) {
  if (a == kUnbounded || b == kUnbounded) {
    return kUnbounded;
  }
  return std::min(a + b, 1 << 20);
}

Prefix empty_prefix(int count) {
  Prefix p;
  p.at.resize(static_cast<std::size_t>(count));
  return p;
}

Prefix concat(const Prefix& a, const Prefix& b, int count) {
  Prefix r = a;
  for (int i = 0; i < count; ++i) {
    int last = a.max == kUnbounded ? i : std::min(a.max, i);
    for (int len = a.min; len <= last; ++len) {
      r.at[static_cast<std::size_t>(i)].add(b.at[static_cast<std::size_t>(i - len)]);
    }
  }
  r.min = add_len(a.min, b.min);
  r.max = add_len(a.max, b.max);
  return r;
}

Prefix alt_of(const Prefix& a, const Prefix& b) {
  Prefix r = a;
  for (std::size_t i = 0; i < r.at.size(); ++i) {
    r.at[i].add(b.at[i]);
  }
  r.min = std::min(a.min, b.min);
  r.max = (a.max == kUnbounded || b.max == kUnbounded) ? kUnbounded : std::max(a.max, b.max);
  return r;
}

// With `reversed`, sequences are read from their end: the sets of a match's last
// characters.
Prefix prefix_of(const Node& n, int count, bool reversed = false) {
  using K = Node::Kind;
  Prefix p = empty_prefix(count);
  switch (n.kind) {
    case K::chars:
      if (count > 0) {
        p.at[0] = *n.set;
      }
      p.min = p.max = 1;
      return p;
    case K::seq:
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        const auto& k = n.kids[reversed ? n.kids.size() - 1 - i : i];
        p = concat(p, prefix_of(k, count, reversed), count);
      }
      return p;
    case K::alt: {
      p = prefix_of(n.kids[0], count, reversed);
      for (std::size_t i = 1; i < n.kids.size(); ++i) {
        p = alt_of(p, prefix_of(n.kids[i], count, reversed));
      }
      return p;
    }
    case K::repeat: {
      // Only the first `count` positions matter, and they come from at most `count`
      // non-empty repetitions, so at most `count` of each kind are unrolled.
      auto x = prefix_of(n.kids[0], count, reversed);
      int required = std::min(n.min, count);
      for (int i = 0; i < required; ++i) {
        p = concat(p, x, count);
      }
      auto optional = alt_of(x, empty_prefix(count));
      int extra = n.max == kUnbounded ? count : std::min(n.max - n.min, count);
      for (int i = 0; i < extra; ++i) {
        p = concat(p, optional, count);
      }
      constexpr long long kCap = 1 << 20;
      p.min = static_cast<int>(std::min<long long>(1LL * n.min * x.min, kCap));
      if (x.max == 0) {
        p.max = 0;
      } else if (n.max == kUnbounded || x.max == kUnbounded) {
        p.max = kUnbounded;
      } else {
        p.max = static_cast<int>(std::min<long long>(1LL * n.max * x.max, kCap));
      }
      return p;
    }
    case K::any_text:
      for (auto& s : p.at) {
        s = CharSet::all();
      }
      p.max = kUnbounded;
      return p;
    default:
      return p;  // assertions match no text (what they require is not used)
  }
}

// --- backward matching ---

// A reference to a callable bool(std::int32_t), without allocating.
class Next {
 public:
  template <class F>
  Next(const F& f)  // NOLINT: implicit on purpose
      : obj_(&f),
        fn_([](const void* o, std::int32_t p) { return (*static_cast<const F*>(o))(p); }) {}
  bool operator()(std::int32_t p) const { return fn_(obj_, p); }

 private:
  const void* obj_;
  bool (*fn_)(const void*, std::int32_t);
};

bool supported_backward(const Node& n) {
  using K = Node::Kind;
  switch (n.kind) {
    case K::lookahead:
    case K::other_assert:
    case K::any_text:
      return false;
    case K::repeat:
      if (n.possessive) {
        return false;
      }
      break;
    default:
      break;
  }
  return std::all_of(n.kids.begin(), n.kids.end(), supported_backward);
}

void annotate_last(Node& n) {
  for (auto& k : n.kids) {
    annotate_last(k);
  }
  if (n.kind == Node::Kind::seq || n.kind == Node::Kind::alt || n.kind == Node::Kind::repeat) {
    auto p = prefix_of(n, 1, true);
    if (p.min >= 1 && !p.at[0].is_all()) {
      n.last = std::make_shared<const CharSet>(p.at[0]);
    }
  }
}

bool supported_forward(const Node& n) {
  using K = Node::Kind;
  switch (n.kind) {
    case K::any_text:
      return false;
    case K::other_assert:
      return n.anchor != 'G';
    case K::repeat:
      if (n.possessive && n.kids[0].kind != K::chars) {
        return false;
      }
      break;
    case K::lookbehind:
      return supported_backward(n.kids[0]);
    default:
      break;
  }
  return std::all_of(n.kids.begin(), n.kids.end(), supported_forward);
}

bool is_line_end(UChar32 c) {
  return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool skipped_by_boundary(UChar32 c) {
  return c >= 0x80 &&
         (u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND) || u_charType(c) == U_FORMAT_CHAR);
}

bool is_word(UChar32 c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
  return word_set().contains(c);
}

struct Walk {
  const char16_t* text;
  std::int32_t n;
  std::int32_t lo;
  long steps = 0;
  int depth = 0;
  bool exhausted = false;

  static constexpr long kMaxSteps = 200000;
  static constexpr int kMaxDepth = 3000;  // nested calls, to keep within the stack

  struct Enter {
    Walk& w;
    explicit Enter(Walk& walk) : w(walk) { ++w.depth; }
    ~Enter() { --w.depth; }
  };
  bool too_far() {
    if (++steps > kMaxSteps || depth > kMaxDepth) {
      exhausted = true;
    }
    return exhausted;
  }

  // ICU's \b: the characters on either side differ in being word characters; marks and
  // format characters are passed over looking back, and a position before one is no
  // boundary.
  bool boundary(std::int32_t pos) const {
    bool here = false;
    if (pos < n) {
      std::int32_t i = pos;
      if ((text[i] & 0xFC00) == 0xDC00 && i > 0 && (text[i - 1] & 0xFC00) == 0xD800) {
        --i;  // inside a pair: the whole character
      }
      UChar32 c = next_code_point(text, i, n);
      if (skipped_by_boundary(c)) {
        return false;
      }
      here = is_word(c);
    }
    bool before = false;
    for (std::int32_t i = pos; i > 0;) {
      UChar32 c = previous_code_point(text, 0, i);
      if (!skipped_by_boundary(c)) {
        before = is_word(c);
        break;
      }
    }
    return here != before;
  }

  bool match(const Node& node, std::int32_t pos, Next next) {
    using K = Node::Kind;
    Enter enter(*this);
    if (too_far()) {
      return false;
    }
    if (node.last) {
      std::int32_t i = pos;
      if (pos <= lo || !node.last->contains(previous_code_point(text, lo, i))) {
        return false;
      }
    }
    switch (node.kind) {
      case K::chars: {
        if (pos <= lo) {
          return false;
        }
        std::int32_t i = pos;
        UChar32 c = previous_code_point(text, lo, i);
        if (i < lo || !node.set->contains(c)) {
          return false;
        }
        return next(i);
      }
      case K::seq:
        return seq(node, node.kids.size(), pos, next);
      case K::alt:
        for (const auto& k : node.kids) {
          if (match(k, pos, next)) {
            return true;
          }
          if (exhausted) {
            return false;
          }
        }
        return false;
      case K::repeat:
        return repeat(node, 0, pos, next);
      case K::boundary:
        return boundary(pos) != node.negated && next(pos);
      case K::text_start:
        return pos == 0 && next(pos);
      case K::lookbehind: {
        // The assertion may look before `lo`, as ICU's transparent bounds allow.
        auto saved = lo;
        lo = 0;
        bool found = match(node.kids[0], pos, [](std::int32_t) { return true; });
        lo = saved;
        if (exhausted) {
          return false;
        }
        return found != node.negated && next(pos);
      }
      default:
        exhausted = true;  // not reached: make() refuses these
        return false;
    }
  }

  // kids[0, count) of a sequence end at pos: the last one first.
  bool seq(const Node& node, std::size_t count, std::int32_t pos, Next next) {
    if (count == 0) {
      return next(pos);
    }
    return match(node.kids[count - 1], pos,
                 [&](std::int32_t p) { return seq(node, count - 1, p, next); });
  }

  // `done` repetitions matched so far, ending where the earlier ones must end: pos.
  bool repeat(const Node& node, int done, std::int32_t pos, Next next) {
    if (node.kids[0].kind == Node::Kind::chars) {
      // A run of one set's characters, without recursion: shortest first.
      const auto& set = *node.kids[0].set;
      for (int k = 0;; ++k) {
        if (k >= node.min && next(pos)) {
          return true;
        }
        if ((node.max != kUnbounded && k >= node.max) || pos <= lo || exhausted) {
          return false;
        }
        if (too_far()) {
          return false;
        }
        std::int32_t i = pos;
        if (!set.contains(previous_code_point(text, lo, i)) || i < lo) {
          return false;
        }
        pos = i;
      }
    }
    if (done >= node.min && next(pos)) {
      return true;
    }
    if (exhausted || (node.max != kUnbounded && done >= node.max)) {
      return false;
    }
    return match(node.kids[0], pos, [&](std::int32_t p) {
      if (p == pos) {
        // An empty repetition: more of them change nothing, so the count is as good as
        // reached; the remaining tries at `pos` were made above.
        return done < node.min && next(pos);
      }
      return repeat(node, done + 1, p, next);
    });
  }

  // --- forward, as ICU's lookingAt ---

  bool ahead(const Node& node, std::int32_t pos, Next next) {
    using K = Node::Kind;
    Enter enter(*this);
    if (too_far()) {
      return false;
    }
    switch (node.kind) {
      case K::chars: {
        if (pos >= n) {
          return false;
        }
        std::int32_t i = pos;
        return node.set->contains(next_code_point(text, i, n)) && next(i);
      }
      case K::seq:
        return ahead_seq(node, 0, pos, next);
      case K::alt:
        for (const auto& k : node.kids) {
          if (ahead(k, pos, next)) {
            return true;
          }
          if (exhausted) {
            return false;
          }
        }
        return false;
      case K::repeat:
        if (node.kids[0].kind == K::chars) {
          return ahead_run(node, pos, next);
        }
        return ahead_repeat(node, 0, pos, next);
      case K::boundary:
        return boundary(pos) != node.negated && next(pos);
      case K::text_start:
        return pos == 0 && next(pos);
      case K::other_assert:
        return at_end(node.anchor, pos) && next(pos);
      case K::lookahead: {
        bool found = ahead(node.kids[0], pos, [](std::int32_t) { return true; });
        return !exhausted && found != node.negated && next(pos);
      }
      case K::lookbehind: {
        auto saved = lo;
        lo = 0;
        bool found = match(node.kids[0], pos, [](std::int32_t) { return true; });
        lo = saved;
        return !exhausted && found != node.negated && next(pos);
      }
      default:
        exhausted = true;  // not reached: make() refuses these
        return false;
    }
  }

  // $ and \Z: the end, or before a line end that ends the text; \z: the end.
  bool at_end(UChar32 anchor, std::int32_t pos) const {
    if (pos >= n) {
      return true;
    }
    if (anchor == 'z') {
      return false;
    }
    if (pos == n - 1) {
      return is_line_end(text[pos]) && !(text[pos] == 0x0A && pos > 0 && text[pos - 1] == 0x0D);
    }
    return pos == n - 2 && text[pos] == 0x0D && text[pos + 1] == 0x0A;
  }

  bool ahead_seq(const Node& node, std::size_t i, std::int32_t pos, Next next) {
    if (i == node.kids.size()) {
      return next(pos);
    }
    return ahead(node.kids[i], pos,
                 [&](std::int32_t p) { return ahead_seq(node, i + 1, p, next); });
  }

  // A run of one set's characters: as many as allowed, then fewer unless possessive.
  bool ahead_run(const Node& node, std::int32_t pos, Next next) {
    const auto& set = *node.kids[0].set;
    std::int32_t end = pos;
    int count = 0;
    while (end < n && (node.max == kUnbounded || count < node.max)) {
      std::int32_t i = end;
      if (!set.contains(next_code_point(text, i, n))) {
        break;
      }
      end = i;
      ++count;
      if (too_far()) {
        return false;
      }
    }
    if (count < node.min) {
      return false;
    }
    if (node.possessive) {
      return next(end);
    }
    for (;; --count) {
      if (next(end)) {
        return true;
      }
      if (exhausted || count == node.min) {
        return false;
      }
      previous_code_point(text, pos, end);
    }
  }

  bool ahead_repeat(const Node& node, int done, std::int32_t pos, Next next) {
    if ((node.max == kUnbounded || done < node.max) &&
        ahead(node.kids[0], pos,
              [&](std::int32_t p) { return p != pos && ahead_repeat(node, done + 1, p, next); })) {
      return true;
    }
    return !exhausted && done >= node.min && next(pos);
  }
};

}  // namespace

std::optional<Node> parse_pattern(std::string_view regex) {
  return Parser(regex).parse();
}

std::vector<CharSet> prefix_sets(const Node& node, int count) {
  auto p = prefix_of(node, count);
  p.at.resize(static_cast<std::size_t>(std::clamp(p.min, 0, count)));
  return std::move(p.at);
}

std::vector<CharSet> prefix_sets(const Node& first, const Node& second, int count) {
  auto p = concat(prefix_of(first, count), prefix_of(second, count), count);
  p.at.resize(static_cast<std::size_t>(std::clamp(p.min, 0, count)));
  return std::move(p.at);
}

std::unique_ptr<BackwardMatcher> BackwardMatcher::make(Node node) {
  if (!supported_backward(node)) {
    return nullptr;
  }
  annotate_last(node);
  return std::unique_ptr<BackwardMatcher>(new BackwardMatcher(std::move(node)));
}

std::optional<bool> BackwardMatcher::ends_at(const char16_t* text, std::int32_t n, std::int32_t lo,
                                             std::int32_t pos) const {
  Walk walk{text, n, lo};
  bool found = walk.match(root_, pos, [](std::int32_t) { return true; });
  if (walk.exhausted) {
    return std::nullopt;
  }
  return found;
}

std::unique_ptr<ForwardMatcher> ForwardMatcher::make(Node node) {
  if (!supported_forward(node)) {
    return nullptr;
  }
  return std::unique_ptr<ForwardMatcher>(new ForwardMatcher(std::move(node)));
}

std::optional<bool> ForwardMatcher::starts_at(const char16_t* text, std::int32_t n,
                                              std::int32_t pos) const {
  Walk walk{text, n, 0};
  bool found = walk.ahead(root_, pos, [](std::int32_t) { return true; });
  if (walk.exhausted) {
    return std::nullopt;
  }
  return found;
}

}  // namespace termbridge::segment::detail
