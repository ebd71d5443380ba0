#include "termbridge/segment/segmenter.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "segment/pattern.hpp"
#include "segment/srx.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::segment {

namespace {

// Unbounded quantifiers in a beforebreak become {0,kLookbehindBound} inside a lookbehind.
constexpr int kLookbehindBound = 40;
// A fallback beforebreak (one ICU cannot put in a lookbehind) searches this far back.
constexpr std::int32_t kFallbackReach = 1024;
// Long paragraphs are decided in windows of this many bytes, each with this much context
// on both sides for the rules' expressions.
constexpr std::size_t kWindow = 1 << 16;
constexpr std::size_t kContext = 2048;

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::invalid_argument, std::string(what) + ": " + u_errorName(status));
  }
}

std::unique_ptr<icu::RegexPattern> compile(const std::string& regex, UErrorCode& status) {
  UParseError pe{};
  return std::unique_ptr<icu::RegexPattern>(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(regex), 0, pe, status));
}

std::unique_ptr<icu::RegexPattern> compile_or_throw(const std::string& regex,
                                                    const SourceLocation& where) {
  UErrorCode status = U_ZERO_ERROR;
  auto p = compile(regex, status);
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::parse,
                "cannot compile rule expression " + quoted(regex) + ": " + u_errorName(status),
                where);
  }
  return p;
}

// "(?<=before)" with bounded quantifiers; nullopt when ICU rejects the lookbehind.
std::optional<std::string> lookbehind_of(const detail::SrxRule& rule) {
  auto bounded = detail::bound_quantifiers(rule.before, kLookbehindBound);
  if (!bounded) {
    return std::nullopt;
  }
  std::string lookbehind = "(?<=" + *bounded + ")";
  UErrorCode status = U_ZERO_ERROR;
  auto p = compile(lookbehind, status);
  if (U_FAILURE(status)) {
    return std::nullopt;
  }
  return lookbehind;
}

// Characters read ahead of a position to rule a rule out before running its expression.
constexpr int kPrefixLength = 3;
// A beforebreak walked back from a candidate position goes at most this far.
constexpr std::int32_t kBackwardReach = 1024;

// A break rule turned into a scanner: every match end of (?:before)(?=after) is a candidate.
struct Scanner {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::vector<detail::CharSet> prefix;  // of the before and after text together
  std::uint32_t rule = 0;               // index in cascade order
};

// A break="no" rule, checked at a candidate position: first the characters after it
// against the afterbreak's prefix sets, then the beforebreak (walked back from the
// position where the expression allows, else ICU), then the afterbreak by ICU.
struct NoBreak {
  std::uint32_t rule = 0;
  std::vector<detail::CharSet> after_prefix;
  std::unique_ptr<detail::BackwardMatcher> before;  // null: ICU decides
  std::unique_ptr<icu::RegexPattern> icu_before;    // null: empty beforebreak
  bool fallback = false;  // icu_before is "(?:before)\z", searched in a region ending there;
                          // else "(?<=before)" with bounded quantifiers, lookingAt
  std::unique_ptr<detail::ForwardMatcher> after_walk;  // null: ICU decides
  std::unique_ptr<icu::RegexPattern> after;            // lookingAt; null: empty afterbreak
};

struct Matchers {
  std::unique_ptr<icu::RegexMatcher> any_break;
  std::vector<std::unique_ptr<icu::RegexMatcher>> scanners;
  std::vector<std::unique_ptr<icu::RegexMatcher>> befores;
  std::vector<std::unique_ptr<icu::RegexMatcher>> afters;
  std::vector<std::pair<std::int32_t, std::uint32_t>> candidates;  // position, rule
};

// Code points that can start a break rule's match; the BMP as a bitmap, as the scan asks
// this of every character.
class StartSet {
 public:
  explicit StartSet(const detail::CharSet& set) : set_(set), bmp_(0x10000 / 64) {
    for (std::int32_t i = 0; i < set.set().getRangeCount(); ++i) {
      UChar32 lo = set.set().getRangeStart(i);
      UChar32 hi = std::min<UChar32>(set.set().getRangeEnd(i), 0xFFFF);
      for (UChar32 c = lo; c <= hi; ++c) {
        bmp_[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
      }
    }
  }
  bool contains_bmp(char16_t c) const {
    return ((bmp_[static_cast<std::size_t>(c) >> 6] >> (c & 63)) & 1u) != 0;
  }
  bool contains(UChar32 c) const {
    return c <= 0xFFFF ? contains_bmp(static_cast<char16_t>(c)) : set_.contains(c);
  }

 private:
  detail::CharSet set_;
  std::vector<std::uint64_t> bmp_;
};

std::optional<detail::Node> parsed(const std::string& regex) {
  if (regex.empty()) {
    return detail::Node{};  // an empty sequence
  }
  return detail::parse_pattern(regex);
}

}  // namespace

// The rules for one language, compiled. Matchers are not thread-safe, so each split() takes
// a set from a pool and gives it back.
class CompiledRules {
 public:
  explicit CompiledRules(const std::vector<const detail::SrxRule*>& rules) {
    std::string any_break;
    bool scan_known = true;
    detail::CharSet starts;
    for (std::uint32_t i = 0; i < rules.size(); ++i) {
      const auto& r = *rules[i];
      auto before = parsed(r.before);
      auto after = parsed(r.after);
      if (r.is_break) {
        std::string re = r.before.empty() ? std::string() : "(?:" + r.before + ")";
        if (!r.after.empty()) {
          re += "(?=" + r.after + ")";
        }
        Scanner sc{compile_or_throw(re, r.where), {}, i};
        if (before && after) {
          sc.prefix = detail::prefix_sets(*before, *after, kPrefixLength);
        }
        if (sc.prefix.empty()) {
          scan_known = false;  // may match anywhere, or unknown: scan with ICU
        } else {
          starts.add(sc.prefix[0]);
        }
        scanners_.push_back(std::move(sc));
        any_break += any_break.empty() ? "" : "|";
        any_break += "(?:" + re + ")";
        continue;
      }
      NoBreak nb;
      nb.rule = i;
      if (after) {
        nb.after_prefix = detail::prefix_sets(*after, kPrefixLength);
        nb.after_walk = detail::ForwardMatcher::make(std::move(*after));
      }
      if (before) {
        nb.before = detail::BackwardMatcher::make(std::move(*before));
      }
      if (!r.before.empty()) {
        auto lookbehind = lookbehind_of(r);
        if (lookbehind) {
          nb.icu_before = compile_or_throw(*lookbehind, r.where);
        } else {
          nb.fallback = true;
          nb.icu_before = compile_or_throw("(?:" + r.before + ")\\z", r.where);
        }
      }
      if (!r.after.empty()) {
        nb.after = compile_or_throw(r.after, r.where);
      }
      no_breaks_.push_back(std::move(nb));
    }
    any_break_pattern_ =
        compile_or_throw(any_break, rules.empty() ? SourceLocation{} : rules[0]->where);
    if (scan_known) {
      starts_.emplace(starts);
    }
  }

  std::unique_ptr<Matchers> acquire() const {
    {
      std::lock_guard lock(pool_mutex_);
      if (!pool_.empty()) {
        auto m = std::move(pool_.back());
        pool_.pop_back();
        return m;
      }
    }
    auto m = std::make_unique<Matchers>();
    UErrorCode status = U_ZERO_ERROR;
    m->any_break.reset(any_break_pattern_->matcher(status));
    for (const auto& s : scanners_) {
      m->scanners.emplace_back(s.pattern->matcher(status));
    }
    for (const auto& nb : no_breaks_) {
      m->befores.emplace_back(nb.icu_before ? nb.icu_before->matcher(status) : nullptr);
      m->afters.emplace_back(nb.after ? nb.after->matcher(status) : nullptr);
    }
    check(status, "creating rule matchers");
    return m;
  }

  void release(std::unique_ptr<Matchers> m) const {
    std::lock_guard lock(pool_mutex_);
    pool_.push_back(std::move(m));
  }

  // Appends break positions p (UTF-16 indices of `u16`) with lo < p <= hi.
  void breaks(const icu::UnicodeString& u16, std::int32_t lo, std::int32_t hi, Matchers& m,
              std::vector<std::int32_t>& out) const {
    UErrorCode status = U_ZERO_ERROR;
    auto& candidates = m.candidates;
    candidates.clear();
    for (auto& sm : m.scanners) {
      sm->reset(u16);
    }
    const char16_t* text = u16.getBuffer();
    std::int32_t n = u16.length();
    // Each rule is tried at every position where a break rule can start, so overlapping
    // matches of different rules are all seen. Matches of a rule's before part may start a
    // little before lo.
    std::int32_t from = std::max<std::int32_t>(0, lo - static_cast<std::int32_t>(kContext));
    auto try_at = [&](std::int32_t start) {
      for (std::size_t k = 0; k < scanners_.size(); ++k) {
        if (!detail::prefix_allows(scanners_[k].prefix, text, n, start)) {
          continue;
        }
        auto& sm = *m.scanners[k];
        if (sm.lookingAt(start, status)) {
          auto p = sm.end(status);
          if (p > lo && p <= hi) {
            candidates.push_back({p, scanners_[k].rule});
          }
        }
      }
    };
    if (starts_) {
      for (std::int32_t i = from; i < n && i <= hi; ++i) {
        char16_t c = text[i];
        if (U16_IS_SURROGATE(c)) {
          std::int32_t j = i;
          if (starts_->contains(detail::next_code_point(text, j, n))) {
            try_at(i);
          }
          i = j - 1;
        } else if (starts_->contains_bmp(c)) {
          try_at(i);
        }
      }
    } else {
      auto& any = *m.any_break;
      any.reset(u16);
      while (from <= n && any.find(from, status)) {
        auto start = any.start(status);
        if (start > hi) {
          break;
        }
        try_at(start);
        from = start + 1;
      }
    }
    check(status, "applying break rules");
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t k = 0; k < no_breaks_.size(); ++k) {
      if (m.befores[k]) {
        m.befores[k]->reset(u16);
      }
      if (m.afters[k]) {
        m.afters[k]->reset(u16);
      }
    }
    std::int32_t last = -1;
    for (const auto& [p, origin] : candidates) {
      if (p == last) {
        continue;  // the smallest origin, sorted first, decides
      }
      last = p;
      if (!vetoed(text, n, p, origin, m)) {
        out.push_back(p);
      }
    }
  }

 private:
  // True when a break="no" rule before `origin` matches at p.
  bool vetoed(const char16_t* text, std::int32_t n, std::int32_t p, std::uint32_t origin,
              Matchers& m) const {
    UErrorCode status = U_ZERO_ERROR;
    for (std::size_t k = 0; k < no_breaks_.size() && no_breaks_[k].rule < origin; ++k) {
      const auto& nb = no_breaks_[k];
      if (!detail::prefix_allows(nb.after_prefix, text, n, p)) {
        continue;
      }
      std::optional<bool> before;
      if (nb.before) {
        before = nb.before->ends_at(text, n, std::max<std::int32_t>(0, p - kBackwardReach), p);
      }
      if (!before) {
        before = icu_before(k, p, m, status);
      }
      if (!*before) {
        continue;
      }
      std::optional<bool> after;
      if (nb.after_walk) {
        after = nb.after_walk->starts_at(text, n, p);
      }
      if (!after) {
        after = !m.afters[k] || m.afters[k]->lookingAt(p, status);
      }
      if (*after) {
        check(status, "applying no-break rules");
        return true;
      }
    }
    check(status, "applying no-break rules");
    return false;
  }

  bool icu_before(std::size_t k, std::int32_t p, Matchers& m, UErrorCode& status) const {
    auto* bm = m.befores[k].get();
    if (bm == nullptr) {
      return true;  // an empty beforebreak
    }
    if (!no_breaks_[k].fallback) {
      return bm->lookingAt(p, status);
    }
    bm->region(std::max<std::int32_t>(0, p - kFallbackReach), p, status);
    bm->useTransparentBounds(true);
    bm->useAnchoringBounds(true);
    return bm->find();
  }

  std::vector<Scanner> scanners_;
  std::unique_ptr<icu::RegexPattern> any_break_pattern_;  // all break rules, one alternation
  std::optional<StartSet> starts_;  // where any break rule can start; none: unknown
  std::vector<NoBreak> no_breaks_;
  mutable std::mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<Matchers>> pool_;
};

// ICU's sentence rules for one locale. Break iterators are not thread-safe: each split()
// takes a clone of the prototype from a pool and gives it back.
class IcuRules {
 public:
  explicit IcuRules(std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    auto locale = icu::Locale::forLanguageTag(
        icu::StringPiece(lang.data(), static_cast<std::int32_t>(lang.size())), status);
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      locale = icu::Locale::getRoot();
    }
    // ICU's abbreviation exceptions (Mr., z. B., ...) for the locales it has them for; a
    // locale without them gets the plain rules.
    locale.setKeywordValue("ss", "standard", status);
    check(status, "choosing ICU's sentence rules");
    prototype_.reset(icu::BreakIterator::createSentenceInstance(locale, status));
    check(status, "loading ICU's sentence rules");
  }

  std::unique_ptr<icu::BreakIterator> acquire() const {
    std::lock_guard lock(mutex_);
    if (!pool_.empty()) {
      auto it = std::move(pool_.back());
      pool_.pop_back();
      return it;
    }
    return std::unique_ptr<icu::BreakIterator>(prototype_->clone());
  }

  void release(std::unique_ptr<icu::BreakIterator> it) const {
    std::lock_guard lock(mutex_);
    pool_.push_back(std::move(it));
  }

 private:
  std::unique_ptr<icu::BreakIterator> prototype_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<icu::BreakIterator>> pool_;
};

// How one language is split: exactly one of the two is set.
struct LanguageRules {
  std::shared_ptr<const CompiledRules> srx;
  std::shared_ptr<const IcuRules> icu;
};

struct Segmenter::Impl {
  detail::SrxDocument doc;
  std::vector<std::unique_ptr<icu::RegexPattern>> map_patterns;
  bool icu_fallback = false;  // languages without rules of their own go to ICU
  std::mutex mutex;
  std::map<std::string, LanguageRules, std::less<>> by_lang;

  bool map_matches(std::size_t i, std::string_view lang) const {
    auto code = icu::UnicodeString::fromUTF8(
        icu::StringPiece(lang.data(), static_cast<std::int32_t>(lang.size())));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(map_patterns[i]->matcher(code, status));
    check(status, "matching the language map");
    bool matched = m->matches(status);
    check(status, "matching the language map");
    return matched;
  }

  Method method(std::string_view lang) const {
    if (!icu_fallback || lang.empty() || lang == "und") {
      return Method::srx;
    }
    // A map that matches the empty code is a catch-all (".*"): its rule sets are the
    // defaults of every language, not rules written for this one.
    for (std::size_t i = 0; i < doc.maps.size(); ++i) {
      if (map_matches(i, lang) && !map_matches(i, "")) {
        return Method::srx;
      }
    }
    return Method::icu;
  }

  std::vector<const detail::SrxLanguageRule*> sets_for(std::string_view lang) const {
    std::vector<const detail::SrxLanguageRule*> sets;
    for (std::size_t i = 0; i < doc.maps.size(); ++i) {
      if (!map_matches(i, lang)) {
        continue;
      }
      for (const auto& set : doc.language_rules) {
        if (set.name == doc.maps[i].rule_name &&
            std::find(sets.begin(), sets.end(), &set) == sets.end()) {
          sets.push_back(&set);
          break;
        }
      }
      if (!doc.cascade) {
        break;
      }
    }
    return sets;
  }

  LanguageRules rules_for(std::string_view lang) {
    std::lock_guard lock(mutex);
    auto it = by_lang.find(lang);
    if (it != by_lang.end()) {
      return it->second;
    }
    LanguageRules chosen;
    if (method(lang) == Method::icu) {
      chosen.icu = std::make_shared<const IcuRules>(lang);
    } else {
      std::vector<const detail::SrxRule*> rules;
      for (const auto* set : sets_for(lang)) {
        for (const auto& r : set->rules) {
          rules.push_back(&r);
        }
      }
      chosen.srx = std::make_shared<const CompiledRules>(rules);
    }
    by_lang.emplace(std::string(lang), chosen);
    return chosen;
  }
};

namespace {

// UTF-8 -> UTF-16 with the UTF-8 offset (relative to `utf8`) of every UTF-16 index.
void to_utf16(std::string_view utf8, std::size_t base, std::u16string& u16,
              std::vector<std::uint32_t>& map) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  u16.resize(utf8.size());
  map.resize(utf8.size() + 1);
  std::size_t j = 0;
  std::int32_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      u16[j] = s[i];
      map[j++] = static_cast<std::uint32_t>(i++);
      continue;
    }
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      throw Error(ErrorKind::unicode, "invalid UTF-8 at byte " +
                                          std::to_string(base + static_cast<std::size_t>(start)));
    }
    if (c <= 0xFFFF) {
      u16[j] = static_cast<char16_t>(c);
      map[j++] = static_cast<std::uint32_t>(start);
    } else {
      u16[j] = static_cast<char16_t>(U16_LEAD(c));
      map[j++] = static_cast<std::uint32_t>(start);
      u16[j] = static_cast<char16_t>(U16_TRAIL(c));
      map[j++] = static_cast<std::uint32_t>(start);
    }
  }
  map[j] = static_cast<std::uint32_t>(n);
  u16.resize(j);
  map.resize(j + 1);
}

bool is_ascii(std::string_view t) {
  std::uint64_t high = 0;
  std::size_t i = 0;
  for (; i + 8 <= t.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, t.data() + i, 8);
    high |= w;
  }
  for (; i < t.size(); ++i) {
    high |= static_cast<unsigned char>(t[i]);
  }
  return (high & 0x8080808080808080ULL) == 0;
}

std::size_t first_invalid_utf8(std::string_view t) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  auto n = static_cast<std::int32_t>(t.size());
  std::int32_t i = 0;
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      return static_cast<std::size_t>(start);
    }
  }
  return t.size();
}

std::size_t char_start(std::string_view t, std::size_t i) {
  while (i > 0 && i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) {
    --i;
  }
  return i;
}

std::size_t char_end(std::string_view t, std::size_t i) {
  while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) {
    ++i;
  }
  return i;
}

// Narrows [b, e) of valid UTF-8 to leave out white space on both sides.
Span trim(std::string_view t, std::size_t b, std::size_t e) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  while (b < e) {
    auto i = static_cast<std::int32_t>(b);
    UChar32 c;
    U8_NEXT(s, i, static_cast<std::int32_t>(e), c);
    if (c >= 0 && !u_isUWhiteSpace(c) && c != 0xFEFF) {
      break;
    }
    b = static_cast<std::size_t>(i);
  }
  while (e > b) {
    auto i = static_cast<std::int32_t>(e);
    UChar32 c;
    U8_PREV(s, static_cast<std::int32_t>(b), i, c);
    if (c >= 0 && !u_isUWhiteSpace(c) && c != 0xFEFF) {
      break;
    }
    e = static_cast<std::size_t>(i);
  }
  return {b, e};
}

// Splits NFC text: windows of kWindow bytes, each converted to UTF-16 with context.
std::vector<Span> split_nfc(std::string_view t, const CompiledRules& rules) {
  std::vector<Span> out;
  auto matchers = rules.acquire();
  struct Release {
    const CompiledRules& r;
    std::unique_ptr<Matchers>& m;
    ~Release() { r.release(std::move(m)); }
  } release{rules, matchers};

  std::u16string u16;
  std::vector<std::uint32_t> map;
  std::vector<std::int32_t> breaks;
  std::size_t sentence_start = 0;
  auto emit = [&](std::size_t end) {
    auto s = trim(t, sentence_start, end);
    if (!s.empty()) {
      out.push_back(s);
    }
    sentence_start = end;
  };
  for (std::size_t s = 0; s < t.size();) {
    std::size_t e = char_end(t, std::min(t.size(), s + kWindow));
    std::size_t cs = s == 0 ? 0 : char_start(t, s - std::min(s, kContext));
    std::size_t ce = char_end(t, std::min(t.size(), e + kContext));
    to_utf16(t.substr(cs, ce - cs), cs, u16, map);
    icu::UnicodeString text(false, u16.data(), static_cast<std::int32_t>(u16.size()));
    // UTF-16 indices of s and e in this buffer.
    auto index_of = [&](std::size_t byte) {
      auto it = std::lower_bound(map.begin(), map.end(), static_cast<std::uint32_t>(byte - cs));
      return static_cast<std::int32_t>(it - map.begin());
    };
    std::int32_t lo = index_of(s);
    std::int32_t hi = e == t.size() ? static_cast<std::int32_t>(u16.size()) - 1 : index_of(e);
    breaks.clear();
    rules.breaks(text, lo, hi, *matchers, breaks);
    for (auto p : breaks) {
      emit(cs + map[static_cast<std::size_t>(p)]);
    }
    s = e;
  }
  emit(t.size());
  return out;
}

// Splits by ICU's sentence rules; invalid UTF-8 is an error with its byte offset, as in
// split_nfc.
std::vector<Span> split_icu(std::string_view t, const IcuRules& rules) {
  auto bad = first_invalid_utf8(t);
  if (bad < t.size()) {
    throw Error(ErrorKind::unicode, "invalid UTF-8 at byte " + std::to_string(bad));
  }
  std::vector<Span> out;
  auto it = rules.acquire();
  struct Release {
    const IcuRules& r;
    std::unique_ptr<icu::BreakIterator>& it;
    ~Release() { r.release(std::move(it)); }
  } release{rules, it};
  // A UText reads the UTF-8 in place, so boundaries are byte offsets and a long paragraph
  // is not copied.
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  utext_openUTF8(&text, t.data(), static_cast<std::int64_t>(t.size()), &status);
  check(status, "reading the paragraph");
  it->setText(&text, status);
  if (U_SUCCESS(status)) {
    std::int32_t b = it->first();
    for (std::int32_t e = it->next(); e != icu::BreakIterator::DONE; b = e, e = it->next()) {
      auto s = trim(t, static_cast<std::size_t>(b), static_cast<std::size_t>(e));
      if (!s.empty()) {
        out.push_back(s);
      }
    }
  }
  utext_close(&text);
  check(status, "applying ICU's sentence rules");
  return out;
}

std::vector<Span> split_with(std::string_view t, const LanguageRules& rules) {
  return rules.icu ? split_icu(t, *rules.icu) : split_nfc(t, *rules.srx);
}

}  // namespace

Segmenter Segmenter::builtin() {
  // Parsed once; Segmenter copies share the rules and their compiled forms.
  static const Segmenter instance = [] {
    auto s = from_srx(detail::builtin_srx(), "termbridge.srx");
    s.impl_->icu_fallback = true;
    return s;
  }();
  return instance;
}

Method Segmenter::method(std::string_view lang) const {
  return impl_->method(lang);
}

Segmenter Segmenter::from_srx(std::string_view xml, std::string_view source_name) {
  auto impl = std::make_shared<Impl>();
  impl->doc = detail::parse_srx(xml, source_name);
  for (const auto& m : impl->doc.maps) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    impl->map_patterns.emplace_back(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(m.pattern), UREGEX_CASE_INSENSITIVE, pe, status));
    if (U_FAILURE(status)) {
      throw Error(ErrorKind::parse, "invalid languagepattern " + quoted(m.pattern), m.where);
    }
  }
  return Segmenter(std::move(impl));
}

std::vector<Span> Segmenter::split(std::string_view paragraph, std::string_view lang) const {
  auto rules = impl_->rules_for(lang);
  if (is_ascii(paragraph)) {
    return split_with(paragraph, rules);  // ASCII is valid UTF-8 and NFC
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfc = icu::Normalizer2::getNFCInstance(status);
  check(status, "loading the NFC normalizer");
  icu::StringPiece piece(paragraph.data(), static_cast<std::int32_t>(paragraph.size()));
  bool normalized = nfc->isNormalizedUTF8(piece, status);
  if (normalized || U_FAILURE(status) || first_invalid_utf8(paragraph) < paragraph.size()) {
    // Invalid UTF-8 goes this way too, so that the conversion reports where.
    return split_with(paragraph, rules);
  }
  // Rules are written for composed text (다. is one character before the period).
  auto composed = text::normalize_with_map(paragraph, text::NormalForm::nfc);
  auto spans = split_with(composed.text, rules);
  for (auto& s : spans) {
    s = composed.original_span(s);
  }
  return spans;
}

std::vector<std::string> Segmenter::rule_sets(std::string_view lang) const {
  std::vector<std::string> names;
  if (impl_->method(lang) == Method::icu) {
    return names;
  }
  for (const auto* set : impl_->sets_for(lang)) {
    names.push_back(set->name);
  }
  return names;
}

std::vector<Span> clauses(std::string_view sentence) {
  std::vector<Span> out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(sentence.data());
  const auto n = static_cast<std::int32_t>(sentence.size());
  std::size_t start = 0;
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c != ';' && c != ':') {
      continue;
    }
    const std::int32_t cut = i;
    std::int32_t k = i;
    bool space = false;
    UChar32 next = -1;
    while (k < n) {
      U8_NEXT(s, k, n, next);
      if (next < 0 || !u_isUWhiteSpace(next)) {
        break;
      }
      space = true;
    }
    if (space && next >= 0 &&
        (u_isupper(next) != 0 || u_hasBinaryProperty(next, UCHAR_QUOTATION_MARK) != 0)) {
      Span part = trim(sentence, start, static_cast<std::size_t>(cut));
      if (!part.empty()) {
        out.push_back(part);
        start = static_cast<std::size_t>(cut);
      }
    }
  }
  Span last = trim(sentence, start, sentence.size());
  if (!last.empty()) {
    out.push_back(last);
  }
  return out;
}

}  // namespace termbridge::segment
