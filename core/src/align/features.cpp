#include "align/features.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <unicode/utf8.h>

#include "termbridge/text/normalize.hpp"
#include "termbridge/text/numbers.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::align {

namespace {

// FNV-1a; only equality matters, and 56 bits keep collisions negligible within a document.
std::uint64_t hash56(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h & ((1ULL << 56) - 1);
}

bool is_quote(UChar32 c) {
  switch (c) {
    case U'"':
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u00AB':
    case U'\u00BB':
    case U'\u300C':
    case U'\u300D':
    case U'\u300E':
    case U'\u300F':
      return true;
    default:
      return false;
  }
}

bool is_ordinal_suffix(std::string_view w) {
  return w == "st" || w == "nd" || w == "rd" || w == "th";
}

}  // namespace

std::uint64_t make_anchor(AnchorKind kind, std::string_view key) {
  return (static_cast<std::uint64_t>(kind) << 56) | hash56(key);
}

std::vector<std::uint64_t> word_stems(std::string_view utf8) {
  std::vector<std::uint64_t> out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  std::string stem;
  int taken = 0;  // letters of the current word so far (counted beyond the stem too)
  int kind = 0;   // of the current word: 0 none yet, 1 Hangul, 2 Latin
  auto long_enough = [&]() { return kind == 1 ? taken >= 2 : taken >= 4; };
  auto flush = [&]() {
    if (kind != 0 && long_enough()) {
      out.push_back(hash56(stem));
    }
    stem.clear();
    taken = 0;
    kind = 0;
  };
  for (std::int32_t i = 0; i < n;) {
    std::int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    bool hangul = c >= 0xAC00 && c <= 0xD7A3;
    bool latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!hangul && !latin) {
      if (c < '0' || c > '9') {  // digits inside a word (G20) do not end it
        flush();
      }
      continue;
    }
    int k = hangul ? 1 : 2;
    if (kind != 0 && k != kind) {
      // A word that changes script keeps the stem of its first script when that is long
      // enough (White로 -> white); otherwise the new script starts the stem (NCG회의 -> 회의).
      if (long_enough()) {
        continue;
      }
      flush();
    }
    kind = k;
    if (taken < (kind == 1 ? 2 : 5)) {
      if (latin) {
        stem.push_back(static_cast<char>(c | 0x20));
      } else {
        stem.append(utf8.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
      }
    }
    ++taken;
  }
  flush();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Features extract_features(std::string_view utf8) {
  Features f;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      continue;
    }
    if (text::script_of(static_cast<char32_t>(c)) != text::Script::space) {
      ++f.length;
    }
    if (is_quote(c)) {
      ++f.quotes;
    } else if (c == '?' || c == '!') {
      ++f.questions;
    }
  }
  for (const auto& num : text::find_numbers(utf8)) {
    if (!std::isfinite(num.value) || num.value < 0) {
      continue;
    }
    // Values are keyed at six significant digits: 1.1e8 from "1억1천만" and "110 million".
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", num.value);
    bool small = num.value < 32 && num.value == std::floor(num.value);
    f.anchors.push_back(make_anchor(small ? AnchorKind::small_number : AnchorKind::number, buf));
  }
  // Latin-script words of the key (case-folded, full-width folded): "NCG", "White로" -> "white".
  std::string key = text::normalize(utf8, text::NormalForm::nfkc_cf);
  bool after_digit = false;
  for (const auto& run : text::script_runs(key)) {
    if (run.script == text::Script::latin) {
      std::string_view w = run.span.of(key);
      if (w.size() >= 2 && !(after_digit && is_ordinal_suffix(w))) {
        f.anchors.push_back(make_anchor(AnchorKind::latin, w));
      }
    }
    after_digit = run.script == text::Script::digit;
  }
  std::sort(f.anchors.begin(), f.anchors.end());
  return f;
}

}  // namespace termbridge::align
