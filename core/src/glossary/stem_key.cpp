#include "glossary/stem_key.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace termbridge::glossary {

namespace {

enum class CharKind { word, separator, other };

CharKind kind_of(UChar32 c) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return CharKind::word;
    }
    return (c <= ' ' || c == '-' || c == '\'') ? CharKind::separator : CharKind::other;
  }
  if (u_isalnum(c)) {
    return CharKind::word;
  }
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return CharKind::word;
    case U_DASH_PUNCTUATION:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
      return CharKind::separator;
    default:
      break;
  }
  // Apostrophes inside French and Italian words (l’arme, dell’arma) separate them.
  return (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) ? CharKind::separator
                                                                    : CharKind::other;
}

}  // namespace

void stem_key(std::string_view text, text::Stemmer& stemmer, std::string& key,
              std::vector<std::uint32_t>& origin) {
  key.clear();
  origin.clear();
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::uint32_t last_end = 0;
  auto add = [&](std::string_view token, std::int32_t begin, std::int32_t end) {
    if (!key.empty()) {
      key.push_back(' ');
      origin.push_back(last_end);
    }
    key.append(token);
    origin.insert(origin.end(), token.size(), static_cast<std::uint32_t>(begin));
    last_end = static_cast<std::uint32_t>(end);
  };
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    CharKind kind = kind_of(c);
    if (kind == CharKind::separator) {
      continue;
    }
    if (kind == CharKind::other) {
      add(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)), start,
          i);
      continue;
    }
    std::int32_t end = i;
    while (end < n) {
      std::int32_t next = end;
      U8_NEXT(p, next, n, c);
      if (kind_of(c) != CharKind::word) {
        break;
      }
      end = next;
    }
    std::string_view word =
        text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    std::string_view stem = stemmer.stem(word);
    add(stem.empty() ? word : stem, start, end);
    i = end;
  }
  origin.push_back(last_end);
}

}  // namespace termbridge::glossary
