#include <string>
#include <vector>

#include <unicode/utf8.h>

#include "glossary/korean.hpp"
#include "termbridge/lexicon/lexicon.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::lexicon {

namespace {

std::u32string decode(std::string_view utf8) {
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

void append_utf8(std::string& out, std::u32string_view s) {
  for (char32_t c : s) {
    std::uint8_t buf[4];
    std::uint32_t k = 0;
    U8_APPEND_UNSAFE(buf, k, c);
    out.append(reinterpret_cast<const char*>(buf), k);
  }
}

// The noun (or verb stem) of a Korean eojeol: the shortest start whose rest is particles and
// endings by the term matcher's rules (국방부는 -> 국방부, 발표했다 -> 발표). A one-syllable
// start needs a rest of two syllables or more, since a two-syllable noun often ends in a
// syllable that is also a particle (국가 is no 국 + 가, 회의 no 회 + 의) while 말했다 and
// 핵에서 are one-syllable nouns with their endings. Consistency matters more than grammar:
// the lexicon only needs a word to come out the same whatever follows it.
std::size_t korean_stem(std::u32string_view w) {
  for (std::size_t k = 1; k < w.size(); ++k) {
    std::u32string_view rest = w.substr(k);
    // The copula's 일 and 임 end far more nouns (미사일, 통일) than they follow one.
    if (rest.front() == U'일' || rest.front() == U'임') {
      continue;
    }
    if ((k >= 2 || rest.size() >= 2) && glossary::korean::is_noun_suffix(rest)) {
      return k;
    }
  }
  return w.size();
}

}  // namespace

std::vector<std::string> words(std::string_view utf8, const LangTag& lang) {
  std::vector<std::string> out;
  const bool korean = lang.language() == "ko";
  std::string key = text::normalize(utf8, text::NormalForm::nfkc_cf);
  text::Script before = text::Script::space;
  for (const auto& run : text::script_runs(key)) {
    std::string_view w = run.span.of(key);
    text::Script script = run.script;
    text::Script prev = before;
    before = script;
    switch (script) {
      case text::Script::digit:
      case text::Script::space:
      case text::Script::punct:
        continue;
      case text::Script::hangul: {
        std::u32string s = decode(w);
        // A counter glued to a number belongs to the number (10년, 3명): left out with it.
        if (prev == text::Script::digit && glossary::korean::is_counter(s.front())) {
          continue;
        }
        if (korean) {
          s.resize(korean_stem(s));
        }
        std::string word;
        append_utf8(word, s);
        out.push_back(std::move(word));
        break;
      }
      default:
        out.emplace_back(w);
    }
  }
  return out;
}

}  // namespace termbridge::lexicon
