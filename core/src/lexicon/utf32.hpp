#pragma once

// What the lexicon's word cutting and term extraction share: UTF-8 to code points and back,
// and where a Korean eojeol's particles and endings start.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

#include "glossary/korean.hpp"

namespace termbridge::lexicon::detail {

// Code points of valid UTF-8 (the callers' text has been checked); a bad byte is left out.
inline std::u32string decode(std::string_view utf8) {
  std::u32string out;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c >= 0) {
      out.push_back(static_cast<char32_t>(c));
    }
  }
  return out;
}

inline std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    std::uint8_t buf[4];
    std::uint32_t k = 0;
    U8_APPEND_UNSAFE(buf, k, c);
    out.append(reinterpret_cast<const char*>(buf), k);
  }
  return out;
}

// The end of the noun (or verb stem) of a Korean eojeol, after what comes before its first
// Hangul letter (6자회담은: the digit): the shortest start whose rest is particles and
// endings by the term matcher's rules (국방부는 -> 국방부, 발표했다 -> 발표). A
// one-syllable start needs a rest of two syllables or more, since a two-syllable noun often
// ends in a syllable that is also a particle (국가 is no 국 + 가, 회의 no 회 + 의) while
// 말했다 and 핵에서 are one-syllable nouns with their endings. Consistency matters more than
// grammar: the lexicon only needs a word to come out the same whatever follows it.
inline std::size_t korean_stem_end(std::u32string_view w) {
  std::size_t first = 0;
  while (first < w.size() && !glossary::korean::is_hangul(w[first])) {
    ++first;
  }
  for (std::size_t k = first + 1; k < w.size(); ++k) {
    std::u32string_view rest = w.substr(k);
    // The copula's 일 and 임 end far more nouns (미사일, 통일) than they follow one.
    if (rest.front() == U'일' || rest.front() == U'임') {
      continue;
    }
    if ((k - first >= 2 || rest.size() >= 2) && glossary::korean::is_noun_suffix(rest)) {
      return k;
    }
  }
  return w.size();
}

}  // namespace termbridge::lexicon::detail
