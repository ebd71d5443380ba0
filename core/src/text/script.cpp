#include "termbridge/text/script.hpp"

#include <cstdint>
#include <cstring>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace termbridge::text {

Script script_of(char32_t c) {
  auto cp = static_cast<UChar32>(c);
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return Script::latin;
    }
    if (c >= '0' && c <= '9') {
      return Script::digit;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      return Script::space;
    }
    return Script::punct;
  }
  if (c >= 0xAC00 && c <= 0xD7A3) {
    return Script::hangul;  // the precomposed syllables, most of a Korean text: no ICU look-up
  }
  if (u_isdigit(cp)) {
    return Script::digit;
  }
  if (u_isUWhiteSpace(cp)) {
    return Script::space;
  }
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(cp, &status);
  switch (sc) {
    case USCRIPT_HANGUL:
      return Script::hangul;
    case USCRIPT_LATIN:
      return Script::latin;
    case USCRIPT_HAN:
      return Script::han;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return Script::kana;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return u_isalpha(cp) ? Script::other : Script::punct;
    default:
      return Script::other;
  }
}

std::vector<ScriptRun> script_runs(std::string_view utf8) {
  std::vector<ScriptRun> runs;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      c = 0xFFFD;
    }
    Script sc = script_of(static_cast<char32_t>(c));
    bool mark = c >= 0x80 && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
    if (!runs.empty() && (runs.back().script == sc || mark)) {
      runs.back().span.end = static_cast<std::size_t>(i);
    } else {
      runs.push_back({Span{static_cast<std::size_t>(start), static_cast<std::size_t>(i)}, sc});
    }
  }
  return runs;
}

std::string guess_language(std::string_view utf8) {
  std::size_t hangul = 0, latin = 0, han = 0, kana = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  auto n = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  while (i < n) {
    // ASCII and precomposed Hangul (lead byte 0xEA-0xED), nearly all of a ko/en text, are
    // told apart here without decoding; the rest goes through script_of. Eight ASCII bytes
    // are counted at once: every line of a corpus goes through here.
    if (i + 8 <= n) {
      std::uint64_t w = 0;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        // (b | 0x20) in 'a'..'z': adding 0x1F sets the high bit from 'a' on, 0x05 from '{'
        // on; no byte carries into the next, all being below 0x80.
        const std::uint64_t x = w | 0x2020202020202020ULL;
        const std::uint64_t letters =
            ((x + 0x1F1F1F1F1F1F1F1FULL) & ~(x + 0x0505050505050505ULL) & 0x8080808080808080ULL) >>
            7;
        latin += static_cast<std::size_t>((letters * 0x0101010101010101ULL) >> 56);
        i += 8;
        continue;
      }
    }
    const std::uint8_t b = s[i];
    if (b < 0x80) {
      latin += static_cast<std::size_t>(((b | 0x20) >= 'a') & ((b | 0x20) <= 'z'));
      ++i;
      continue;
    }
    if (b >= 0xEA && b <= 0xED && i + 3 <= n && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
      const UChar32 c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (c >= 0xAC00 && c <= 0xD7A3) {
        ++hangul;  // decoded here: U8_NEXT is the most of a Korean line's cost
        i += 3;
        continue;
      }
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      continue;
    }
    if (c >= 0xAC00 && c <= 0xD7A3) {
      ++hangul;
      continue;
    }
    switch (script_of(static_cast<char32_t>(c))) {
      case Script::hangul:
        ++hangul;
        break;
      case Script::latin:
        ++latin;
        break;
      case Script::han:
        ++han;
        break;
      case Script::kana:
        ++kana;
        break;
      default:
        break;
    }
  }
  // A Korean letter carries ~3 Latin letters' worth of text, hence the low Hangul share.
  std::size_t letters = hangul + latin + han + kana;
  if (letters == 0) {
    return "und";
  }
  if (hangul * 5 >= letters) {
    return "ko";
  }
  if (kana * 10 >= letters) {
    return "ja";
  }
  if (han * 2 >= letters) {
    return "zh";
  }
  return latin > 0 ? "en" : "und";
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return n;
}

std::size_t CodePointCounter::at(std::size_t byte) {
  if (byte < byte_) {
    byte_ = 0;
    cps_ = 0;
  }
  cps_ += count_code_points(text_.substr(byte_, byte - byte_));
  byte_ = byte;
  return cps_;
}

}  // namespace termbridge::text
