#include "termbridge/lexicon/extract.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "glossary/korean.hpp"
#include "lexicon/utf32.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/lexicon/dictionary.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::lexicon {

std::string_view to_string(CandidateKind kind) {
  return kind == CandidateKind::acronym ? "acronym" : "association";
}

std::string_view to_string(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::proposed:
      return "proposed";
    case CandidateStatus::known:
      return "known";
    case CandidateStatus::conflict:
      return "conflict";
  }
  return "?";
}

WordLevels WordLevels::read_scowl(const std::string& dir) {
  WordLevels out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    std::size_t dot = name.rfind('.');
    std::string stem = name.substr(0, dot == std::string::npos ? 0 : dot);
    // Capitalized lists (english-upper, english-proper-names) hold names: Japan, Baghdad.
    bool names = stem == "english-upper" || stem == "american-upper" ||
                 stem == "english-proper-names" || stem == "american-proper-names";
    if (stem != "english-words" && stem != "american-words" && !names) {
      continue;
    }
    int level = 0;
    try {
      level = std::stoi(name.substr(dot + 1));
    } catch (const std::exception&) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    // The lists are in ISO-8859-1; the words that matter here are ASCII.
    for (std::string word; std::getline(in, word);) {
      if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
          })) {
        std::transform(word.begin(), word.end(), word.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
        if (names) {
          out.add_name(word);
        } else {
          out.add(word, level);
        }
      }
    }
  }
  if (out.empty()) {
    throw Error(ErrorKind::io, "no SCOWL word list (english-words.NN) in '" + dir + "'");
  }
  return out;
}

void WordLevels::add(std::string_view word, int level) {
  auto [it, fresh] = levels_.emplace(std::string(word), level);
  if (!fresh && level < it->second) {
    it->second = level;
  }
}

int WordLevels::level(std::string_view word) const {
  auto it = levels_.find(std::string(word));
  return it == levels_.end() ? 0 : it->second;
}

void WordLevels::add_name(std::string_view word) {
  names_.emplace(word);
}

bool WordLevels::name(std::string_view word) const {
  return names_.count(std::string(word)) > 0;
}

namespace {

// ---- tokens ----

struct Token {
  std::string key;               // the matching key: NFKC, case folded, particles split off
  std::string surface;           // as written, particles split off
  std::vector<std::string> lex;  // the lexicon's words of it
  bool bare = true;              // nothing split off (Korean): the eojeol may go on a noun
  bool capital = false;          // written with a capital first letter (Latin)
  bool starts_chunk = false;
  // Korean: the nouns a compound is made of, each also written alone in the units
  // (대북제재: 대북, 제재), so that 제재 is counted where the text says 대북제재.
  std::vector<std::string> parts;
};
using Chunk = std::vector<Token>;

using detail::decode;
using detail::encode;
using detail::korean_stem_end;

bool is_word_char(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) || c == U'-' || c == U'\'' || c == U'.' || c == U'&' ||
         c == U'·' ||
         u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GENERAL_CATEGORY) ==
             U_NON_SPACING_MARK;
}

bool has_letter(std::u32string_view w) {
  return std::any_of(w.begin(), w.end(),
                     [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; });
}

bool is_latin_word(std::u32string_view w) {
  return std::all_of(w.begin(), w.end(),
                     [](char32_t c) { return c < 0x80 || !u_isalpha(static_cast<UChar32>(c)); });
}

// "NCG", "U.N.", "ICBMs": two capitals or more and no run of lower case but a plural s.
bool is_acronym(std::u32string_view w) {
  std::size_t upper = 0, lower = 0;
  for (char32_t c : w) {
    upper += (c >= U'A' && c <= U'Z') ? 1 : 0;
    lower += (c >= U'a' && c <= U'z') ? 1 : 0;
  }
  return upper >= 2 && (lower == 0 || (lower == 1 && w.back() == U's'));
}

// The one-syllable case particles that end an eojeol whatever noun is before them; other
// syllables the rules split off (도, 만, 일, 인 ...) also end nouns (한반도, 미사일).
bool is_case_particle(char32_t c) {
  static constexpr std::u32string_view kParticles = U"은는을를이가의에와과로";
  return kParticles.find(c) != std::u32string_view::npos;
}

// English plural to singular on the last word of a term key: "weapons" -> "weapon",
// "allies" -> "ally"; words in -ss, -us, -is and acronyms stay.
std::string singular(std::string w) {
  auto ends = [&](std::string_view s) {
    return w.size() > s.size() + 1 && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("ies")) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends("sses") || ends("shes") || ends("ches") || ends("xes")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && w.back() == 's' && !ends("ss") && !ends("us") && !ends("is") &&
             !ends("as")) {
    w.pop_back();
  }
  return w;
}

std::string singular_surface(const std::string& surface) {
  std::size_t last = surface.rfind(' ') == std::string::npos ? 0 : surface.rfind(' ') + 1;
  std::string word = surface.substr(last);
  bool caps = std::all_of(word.begin(), word.end(),
                          [](char c) { return !(c >= 'a' && c <= 'z') || c == 's'; }) &&
              word.size() > 2 && std::isupper(static_cast<unsigned char>(word[0]));
  if (caps && word.back() == 's') {  // ICBMs
    return surface.substr(0, surface.size() - 1);
  }
  if (!word.empty() && std::isupper(static_cast<unsigned char>(word[0]))) {
    return surface;  // a name keeps its number: United States, Six-Party Talks
  }
  std::string lower = word;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  std::string one = singular(lower);
  if (one.size() == lower.size()) {
    return surface;
  }
  // Keep the writing of the part kept: "Allies" -> "Ally" needs the y, "Weapons" -> "Weapon".
  std::string kept = word.substr(0, std::min(one.size(), word.size()));
  if (one.size() > kept.size() || one.back() == 'y') {
    kept = word.substr(0, one.size() - 1) + "y";
  }
  return surface.substr(0, last) + kept;
}

struct Tokenizer {
  LangTag lang;
  bool korean;
  bool english;
  // Korean: every eojeol of the units, sorted. A noun whose last syllable looks like a
  // particle (미사일, 정상회의, 허리케인) is known as one when the units also write it with
  // a particle after it (미사일을, 정상회의에서).
  std::vector<std::u32string> eojeols;
  // Korean nouns a dictionary knows (its headwords), as good as written alone.
  const Lexicon* dictionary = nullptr;

  void learn(std::string_view text) {
    std::u32string s = decode(text);
    for (std::size_t i = 0; i < s.size();) {
      std::size_t j = i;
      while (j < s.size() && glossary::korean::is_hangul(s[j])) {
        ++j;
      }
      if (j - i >= 2) {
        eojeols.push_back(s.substr(i, j - i));
      }
      i = j == i ? i + 1 : j;
    }
  }

  void sort_eojeols() {
    std::sort(eojeols.begin(), eojeols.end());
    eojeols.erase(std::unique(eojeols.begin(), eojeols.end()), eojeols.end());
  }

  // The number of different eojeols of the units that start with `prefix`.
  std::size_t forms_starting(std::u32string_view prefix) const {
    auto it = std::lower_bound(
        eojeols.begin(), eojeols.end(), prefix,
        [](const std::u32string& a, std::u32string_view b) { return std::u32string_view(a) < b; });
    std::size_t n = 0;
    for (; it != eojeols.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      ++n;
    }
    return n;
  }

  // True when some eojeol of the units is `noun` alone or with a particle (제재, 제재를).
  bool written_alone(std::u32string_view noun) const {
    if (dictionary != nullptr &&
        dictionary->src_id(encode(std::u32string(noun))) != Lexicon::kNoWord) {
      return true;
    }
    auto it = std::lower_bound(
        eojeols.begin(), eojeols.end(), noun,
        [](const std::u32string& a, std::u32string_view b) { return std::u32string_view(a) < b; });
    for (; it != eojeols.end() && it->compare(0, noun.size(), noun) == 0; ++it) {
      if (it->size() == noun.size() || korean_stem_end(*it) == noun.size()) {
        return true;
      }
    }
    return false;
  }

  // Chunks: runs of words between punctuation; terms do not cross them.
  std::vector<Chunk> operator()(std::string_view text) const {
    std::vector<Chunk> out(1);
    std::u32string s = decode(text);
    std::size_t i = 0;
    auto end_chunk = [&] {
      if (!out.back().empty()) {
        out.emplace_back();
      }
    };
    while (i < s.size()) {
      if (!is_word_char(s[i]) || s[i] == U'.' || s[i] == U'\'' || s[i] == U'-') {
        if (!u_isspace(static_cast<UChar32>(s[i]))) {
          end_chunk();
        }
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && is_word_char(s[j])) {
        ++j;
      }
      std::u32string w = s.substr(i, j - i);
      i = j;
      // A final period ends the sentence unless the word is an abbreviation (U.S., D.C.).
      bool sentence_end = false;
      while (!w.empty() && (w.back() == U'.' || w.back() == U'\'' || w.back() == U'-')) {
        bool abbreviation = w.back() == U'.' && w.find(U'.') < w.size() - 1;
        if (abbreviation) {
          break;
        }
        sentence_end = sentence_end || w.back() == U'.';
        w.pop_back();
      }
      if (!w.empty() && has_letter(w)) {
        add(out.back(), w);
      } else if (!w.empty()) {
        end_chunk();  // a number: terms do not run across it
      }
      if (sentence_end) {
        end_chunk();
      }
    }
    if (out.back().empty()) {
      out.pop_back();
    }
    for (auto& c : out) {
      if (!c.empty()) {
        c.front().starts_chunk = true;
      }
    }
    return out;
  }

  void add(Chunk& chunk, std::u32string w) const {
    Token t;
    std::size_t end = w.size();
    if (korean) {
      end = korean_stem_end(w);
      // One more syllable belongs to the noun when every eojeol of the units that starts
      // like the shorter stem goes on with it, in two forms or more: 대륙간탄도미사일 and
      // 대륙간탄도미사일을 make 미사일 a noun (not 미사 + 일을); 성명을 beside 성명에 keeps
      // 성명 + 에.
      while (end < w.size()) {
        std::u32string_view all(w);
        std::size_t longer = forms_starting(all.substr(0, end + 1));
        bool same = longer == forms_starting(all.substr(0, end));
        // A noun written in one form only (한반도, 바나나) keeps a last syllable that is no
        // case particle; 은, 는, 을, 를 ... after it are particles even then.
        bool ok = end + 1 == w.size() ? same && (longer >= 2 || !is_case_particle(w.back()))
                                      : same && longer >= 2 &&
                                            glossary::korean::is_noun_suffix(all.substr(end + 1));
        if (!ok) {
          break;
        }
        ++end;
      }
      t.bare = end == w.size();
    }
    std::u32string stem = w.substr(0, end);
    if (korean && stem.size() >= 4 &&
        std::all_of(stem.begin(), stem.end(), glossary::korean::is_hangul)) {
      // Two nouns of two syllables or more, each written alone elsewhere.
      for (std::size_t k = 2; k + 2 <= stem.size(); ++k) {
        std::u32string_view all(stem);
        if (written_alone(all.substr(0, k)) && written_alone(all.substr(k))) {
          t.parts.push_back(text::normalize(encode(all.substr(0, k)), text::NormalForm::nfc));
          t.parts.push_back(text::normalize(encode(all.substr(k)), text::NormalForm::nfc));
          break;
        }
      }
    }
    t.surface = text::normalize(encode(stem), text::NormalForm::nfc);
    t.key = text::normalize(t.surface, text::NormalForm::nfkc_cf);
    t.capital = !stem.empty() && u_isupper(static_cast<UChar32>(stem.front()));
    t.lex = words(encode(w), lang);
    chunk.push_back(std::move(t));
  }
};

// ---- candidates ----

const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a",         "an",        "the",    "of",       "in",        "on",        "at",
      "to",        "for",       "from",   "by",       "with",      "and",       "or",
      "but",       "as",        "is",     "are",      "was",       "were",      "be",
      "been",      "being",     "that",   "this",     "these",     "those",     "it",
      "its",       "he",        "she",    "they",     "them",      "his",       "her",
      "their",     "we",        "our",    "you",      "your",      "i",         "not",
      "no",        "said",      "says",   "say",      "will",      "would",     "could",
      "should",    "may",       "might",  "can",      "has",       "have",      "had",
      "do",        "does",      "did",    "than",     "then",      "there",     "which",
      "who",       "whom",      "whose",  "what",     "when",      "where",     "while",
      "about",     "after",     "before", "over",     "under",     "into",      "out",
      "up",        "down",      "more",   "most",     "also",      "other",     "some",
      "any",       "such",      "only",   "just",     "very",      "if",        "so",
      "all",       "both",      "each",   "how",      "why",       "because",   "between",
      "against",   "during",    "since",  "until",    "according", "told",      "added",
      "including", "including", "mr",     "ms",       "mrs",       "monday",    "tuesday",
      "wednesday", "thursday",  "friday", "saturday", "sunday",    "january",   "february",
      "march",     "april",     "june",   "july",     "august",    "september", "october",
      "november",  "december",  "one",    "two",      "three",     "four",      "five",
      "first",     "last",      "new",    "year",     "years",     "week",      "day",
      "time",      "people"};
  return kWords;
}

// Inside a term, English keeps a few function words: Secretary of State, conventional and
// nuclear integration, Agency for Defense Development.
bool inner_word(std::string_view w) {
  return w == "of" || w == "and" || w == "for" || w == "on";
}

struct Occurrence {
  std::uint32_t id;
  std::uint32_t first, last;  // tokens of the unit, [first, last)
};

struct Side {
  Tokenizer tokenize;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> keys;
  std::vector<std::unordered_map<std::string, std::size_t>> surfaces;
  std::vector<std::vector<std::string>> lex;  // the lexicon words of each candidate
  std::vector<std::uint32_t> units;           // units holding each candidate
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> capitals;  // lower, cap

  std::uint32_t id_of(const std::string& key) {
    auto [it, fresh] = ids.emplace(key, static_cast<std::uint32_t>(keys.size()));
    if (fresh) {
      keys.push_back(key);
      surfaces.emplace_back();
      lex.emplace_back();
      units.push_back(0);
    }
    return it->second;
  }

  // Candidates of one unit's text; tokens are numbered across its chunks.
  // `counting`: the first pass, which counts surfaces and capitals.
  std::vector<Occurrence> candidates(const std::vector<Chunk>& chunks, std::size_t max_words,
                                     bool counting) {
    std::vector<Occurrence> out;
    std::uint32_t base = 0;
    for (const Chunk& c : chunks) {
      if (counting) {
        for (std::size_t i = 1; i < c.size(); ++i) {
          auto& [lower, cap] = capitals[c[i].key];
          (c[i].capital ? cap : lower) += 1;
        }
      }
      for (std::size_t i = 0; i < c.size(); ++i) {
        for (std::size_t n = 1; n <= max_words && i + n <= c.size(); ++n) {
          if (!fits(c, i, n)) {
            if (tokenize.korean && !c[i + n - 1].bare) {
              break;  // a noun sequence ends at the first particle
            }
            continue;
          }
          std::string key, surface;
          std::vector<std::string> lw;
          for (std::size_t k = i; k < i + n; ++k) {
            key += (k > i ? " " : "") + c[k].key;
            surface += (k > i ? " " : "") + c[k].surface;
            lw.insert(lw.end(), c[k].lex.begin(), c[k].lex.end());
          }
          if (tokenize.english) {
            std::size_t sp = key.rfind(' ');
            std::size_t from = sp == std::string::npos ? 0 : sp + 1;
            key = key.substr(0, from) + singular(key.substr(from));
            surface = singular_surface(surface);
          }
          std::uint32_t id = id_of(key);
          if (counting) {
            ++surfaces[id][surface];
          }
          if (lex[id].empty()) {
            lex[id] = std::move(lw);
          }
          out.push_back(
              {id, base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(i + n)});
          if (tokenize.korean && !c[i + n - 1].bare) {
            break;
          }
        }
        for (const auto& part : c[i].parts) {
          std::uint32_t id = id_of(part);
          if (counting) {
            ++surfaces[id][part];
          }
          if (lex[id].empty()) {
            lex[id] = {part};
          }
          out.push_back(
              {id, base + static_cast<std::uint32_t>(i), base + static_cast<std::uint32_t>(i + 1)});
        }
      }
      base += static_cast<std::uint32_t>(c.size());
    }
    return out;
  }

  bool fits(const Chunk& c, std::size_t i, std::size_t n) const {
    if (tokenize.korean) {
      // Hangul nouns of two syllables or more, not a number with its counter (27일).
      for (std::size_t k = i; k < i + n; ++k) {
        std::u32string w = decode(c[k].surface);
        std::size_t hangul = 0, digits = 0;
        for (char32_t ch : w) {
          hangul += glossary::korean::is_hangul(ch) ? 1U : 0U;
          digits += u_isdigit(static_cast<UChar32>(ch)) ? 1U : 0U;
        }
        // An ordinal or a date (제5차, 27일, 10년간) is no part of a term; 6자회담 is one, and
        // so is 6자 회담 (a number with one syllable, first, before a noun).
        bool counted_noun = k == i && n > 1 && digits > 0 && hangul == 1 &&
                            u_isdigit(static_cast<UChar32>(w.front())) && w.size() - digits == 1;
        if (is_latin_word(w) || (k + 1 < i + n && !c[k].bare) ||
            (digits > 0 && hangul <= 2 && !counted_noun)) {
          return false;
        }
      }
      std::u32string w = decode(c[i].surface);
      std::size_t digits = 0;
      while (digits < w.size() && u_isdigit(static_cast<UChar32>(w[digits]))) {
        ++digits;
      }
      // A number with its counter (27일, 4명) is no term; 6자회담 is.
      return n > 1 || (w.size() >= 2 && !(digits > 0 && w.size() - digits <= 1));
    }
    const auto& stop = stopwords();
    std::string_view first = c[i].key, last = c[i + n - 1].key;
    if (stop.count(first) || stop.count(last) || (n == 1 && first.size() < 2)) {
      return false;
    }
    for (std::size_t k = i + 1; k + 1 < i + n; ++k) {
      if (stop.count(c[k].key) && !inner_word(c[k].key)) {
        return false;
      }
    }
    return true;
  }

  std::string surface_of(std::uint32_t id) const {
    const auto& s = surfaces[id];
    auto best = std::max_element(s.begin(), s.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first > b.first;
    });
    return best == s.end() ? keys[id] : best->first;
  }
};

// ---- acronym definitions ----

// Schwartz and Hearst's long form of `shortf` at the end of `words`: each letter of the short
// form, right to left, in the words, the first at a word start. Empty when none.
std::string long_form(const std::vector<std::string>& words, std::string_view shortf) {
  std::size_t letters = 0;
  for (char c : shortf) {
    letters += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
  }
  std::size_t max_words = std::min(letters + 5, letters * 2);
  std::size_t from = words.size() > max_words ? words.size() - max_words : 0;
  std::string text;
  for (std::size_t k = from; k < words.size(); ++k) {
    text += (k > from ? " " : "") + words[k];
  }
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  std::ptrdiff_t l = static_cast<std::ptrdiff_t>(text.size()) - 1;
  for (std::ptrdiff_t s = static_cast<std::ptrdiff_t>(shortf.size()) - 1; s >= 0; --s) {
    char c = lower(shortf[static_cast<std::size_t>(s)]);
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      continue;
    }
    while (l >= 0 &&
           (lower(text[static_cast<std::size_t>(l)]) != c ||
            (s == 0 && l > 0 &&
             std::isalnum(static_cast<unsigned char>(text[static_cast<std::size_t>(l - 1)]))))) {
      --l;
    }
    if (l < 0) {
      return "";
    }
    --l;
  }
  std::size_t start = text.rfind(' ', static_cast<std::size_t>(l + 1));
  std::string out = text.substr(start == std::string::npos || l < 0 ? 0 : start + 1);
  // The long form must have more words than a letter's worth of the short one.
  return out.find(' ') == std::string::npos ? "" : out;
}

struct Definitions {
  std::unordered_map<std::string, std::string> of;  // acronym -> long form in this unit
};

bool acronym_text(std::u32string_view w) {
  return w.size() >= 2 && w.size() <= 10 && is_acronym(w) &&
         std::all_of(w.begin(), w.end(), [](char32_t c) {
           return c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == U'-' || c == U'&');
         });
}

// "Nuclear Consultative Group (NCG)" and "NCG (Nuclear Consultative Group)" in English;
// "핵협의그룹(NCG)" and "NCG(핵협의그룹)" in Korean, whose long form is the noun sequence
// before the parenthesis (up to three eojeols, none with a particle but the last).
Definitions definitions(std::string_view text, bool korean, std::size_t max_ko_words) {
  Definitions out;
  std::u32string s = decode(text);
  for (std::size_t open = s.find(U'('); open != std::u32string::npos;
       open = s.find(U'(', open + 1)) {
    std::size_t close = s.find(U')', open);
    if (close == std::u32string::npos || close - open > 80) {
      continue;
    }
    std::u32string inside = s.substr(open + 1, close - open - 1);
    while (!inside.empty() && u_isspace(static_cast<UChar32>(inside.back()))) {
      inside.pop_back();
    }
    // The words before the parenthesis, in this sentence.
    std::size_t begin = open;
    while (begin > 0 && s[begin - 1] != U'.' && s[begin - 1] != U',' && s[begin - 1] != U';' &&
           s[begin - 1] != U':' && s[begin - 1] != U')' && s[begin - 1] != U'"' &&
           s[begin - 1] != U'“' && s[begin - 1] != U'”' && s[begin - 1] != U'\n') {
      --begin;
    }
    std::vector<std::u32string> before;
    std::u32string word;
    for (std::size_t k = begin; k <= open; ++k) {
      if (k == open || u_isspace(static_cast<UChar32>(s[k]))) {
        if (!word.empty()) {
          before.push_back(word);
        }
        word.clear();
      } else {
        word.push_back(s[k]);
      }
    }
    if (acronym_text(inside) && !before.empty()) {
      if (korean) {
        std::vector<std::string> nouns;
        for (std::size_t k = before.size(); k-- > 0 && nouns.size() < max_ko_words;) {
          const std::u32string& w = before[k];
          bool hangul = std::all_of(w.begin(), w.end(), [](char32_t c) {
            return glossary::korean::is_hangul(c) || c == U'-' || c == U'·';
          });
          if (!hangul || (k + 1 < before.size() && korean_stem_end(w) != w.size())) {
            break;
          }
          // A verb's adnominal ending (헤이그에 있는 국제유고전범재판소, 북한이 말하는): too
          // short for the stem rule, and hardly a noun's last syllable.
          if (k + 1 < before.size() && (w.back() == U'는' || w.back() == U'은')) {
            break;
          }
          nouns.insert(nouns.begin(), encode(w));
        }
        std::string lf;
        for (const auto& n : nouns) {
          lf += (lf.empty() ? "" : " ") + n;
        }
        if (!lf.empty()) {
          out.of.emplace(encode(inside), text::normalize(lf, text::NormalForm::nfc));
        }
      } else {
        std::vector<std::string> ws;
        for (const auto& w : before) {
          ws.push_back(encode(w));
        }
        std::string lf = long_form(ws, encode(inside));
        if (!lf.empty()) {
          out.of.emplace(encode(inside), lf);
        }
      }
    } else if (!before.empty() && acronym_text(before.back()) && has_letter(inside)) {
      std::string acr = encode(before.back());
      if (korean) {
        bool hangul = std::all_of(inside.begin(), inside.end(), [](char32_t c) {
          return glossary::korean::is_hangul(c) || c == U' ' || c == U'-';
        });
        if (hangul) {
          out.of.emplace(acr, text::normalize(encode(inside), text::NormalForm::nfc));
        }
      } else {
        std::vector<std::string> ws;
        std::string w;
        for (char32_t c : inside) {
          if (c == U' ') {
            ws.push_back(w), w.clear();
          } else {
            w += encode(std::u32string(1, c));
          }
        }
        ws.push_back(w);
        std::string lf = long_form(ws, acr);
        if (!lf.empty() && lf.size() + 1 >= encode(inside).size()) {
          out.of.emplace(acr, lf);
        }
      }
    }
  }
  return out;
}

// ---- scoring ----

// A word of a name: not written in lower case inside a sentence of the units, and either
// listed capitalized (Japan, Bush: also words in lower case) or in no list (Tsvangirai).
bool name_word(const Side& side, const WordLevels* background, const std::string& word) {
  auto it = side.capitals.find(word);
  std::size_t lower = it == side.capitals.end() ? 0 : it->second.first;
  std::size_t capital = it == side.capitals.end() ? 0 : it->second.second;
  if (lower > 0) {
    return false;
  }
  if (background && !background->empty()) {
    if (background->name(word)) {
      return true;
    }
    if (background->level(word) != 0 || background->level(word + "s") != 0) {
      return false;
    }
  }
  return capital > 0;
}

double word_weight(const WordLevels* background, std::string_view word) {
  if (!background || background->empty()) {
    return 1;
  }
  int level = background->level(word);
  if (level == 0) {
    level = background->level(std::string(word) + "s");  // "sanction" is listed as sanctions
  }
  // The most common words name things of every text; a term is seldom one of them.
  return level == 0 ? 1 : level <= 10 ? 0.3 : 1;
}

// How much a candidate looks like a term by its English words: longer and rarer rank higher;
// a name of people or places (Barack Obama, Baghdad) is seldom what a term base lacks, but
// a name made of words (Secretary of State, Korean Peninsula) is.
double termhood(const Side& side, std::uint32_t id, const WordLevels* background) {
  const std::string& key = side.keys[id];
  std::vector<std::string> words;
  for (std::size_t start = 0; start <= key.size();) {
    std::size_t sp = key.find(' ', start);
    std::string w = key.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (!stopwords().count(w)) {
      words.push_back(w);
    }
    start = sp == std::string::npos ? key.size() + 1 : sp + 1;
  }
  if (words.empty()) {
    return 0.1;
  }
  // An acronym (U.N., NATO) is a term, capitals or not.
  std::u32string surface = decode(side.surface_of(id));
  bool acronym = words.size() == 1 && is_acronym(surface);
  double sum = 0;
  std::size_t names = 0;
  for (const auto& w : words) {
    bool name = !acronym && name_word(side, background, w);
    names += name ? 1 : 0;
    sum += name ? 0.25 : word_weight(background, w);
  }
  if (names == words.size()) {
    return 0.25;
  }
  double t = sum / static_cast<double>(words.size());
  // Longer terms are rarer by chance, so each word beyond the first counts; but not a name's
  // words: "Prime Minister Ehud Olmert" is a title and a name, not a four-word term.
  const std::size_t plain = words.size() - names;
  if (plain > 1) {
    t = std::max(t, 0.6) * (1 + 0.5 * static_cast<double>(plain - 1));
  }
  return t;
}

// How strongly the lexicon links two words, either way; an English word in any number (a
// candidate's words are those of its first occurrence: "bomb" where the units mostly have
// "bombs").
double link(const Lexicon& lex, const std::string& s, const std::string& t) {
  double best = 0;
  for (const std::string& a : {s, s + "s", singular(s)}) {
    for (const std::string& b : {t, t + "s", singular(t)}) {
      best = std::max({best, lex.forward(a, b), lex.backward(b, a)});
    }
  }
  return best;
}

// How well the lexicon says two candidates translate each other: the geometric mean, over
// the words of each, of its best link into the other, both ways round.
double consistency(const Lexicon& lex, const std::vector<std::string>& src,
                   const std::vector<std::string>& tgt) {
  if (src.empty() || tgt.empty()) {
    return 0;
  }
  double f = 0, b = 0;
  for (const auto& s : src) {
    double best = 1e-6;
    for (const auto& t : tgt) {
      best = std::max(best, link(lex, s, t));
    }
    f += std::log(best);
  }
  std::size_t content = 0;
  for (const auto& t : tgt) {
    if (stopwords().count(t)) {
      continue;
    }
    ++content;
    double best = 1e-6;
    for (const auto& s : src) {
      best = std::max(best, link(lex, s, t));
    }
    b += std::log(best);
  }
  double fwd = std::exp(f / static_cast<double>(src.size()));
  double bwd = content ? std::exp(b / static_cast<double>(content)) : fwd;
  return std::sqrt(fwd * bwd);
}

bool contains_words(const std::string& longer, const std::string& shorter) {
  if (longer.size() <= shorter.size()) {
    return false;
  }
  std::string l = " " + longer + " ", s = " " + shorter + " ";
  return l.find(s) != std::string::npos;
}

struct PairStat {
  std::uint32_t count = 0;
  std::uint32_t in_domain = 0;  // of them, units where the term base finds terms
  std::uint32_t examples[2] = {0, 0};
};

std::string squeeze(std::string_view s) {
  std::string k = text::normalize(s, text::NormalForm::nfkc_cf);
  k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
  return k;
}

}  // namespace

std::vector<TermCandidate> extract_terms(std::span<const UnitPair> units, const LangTag& src,
                                         const LangTag& tgt, const ExtractOptions& options) {
  if (src.empty() || tgt.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "term extraction needs a source and a target language");
  }
  bool src_ko = src.language() == "ko", tgt_ko = tgt.language() == "ko";
  bool src_en = src.language() == "en", tgt_en = tgt.language() == "en";
  Side S, T;
  const Lexicon* ko_nouns = options.use_dictionary
                                ? builtin_dictionary(LangTag::parse("ko"), LangTag::parse("en"))
                                : nullptr;
  S.tokenize = Tokenizer{src, src_ko, src_en, {}, ko_nouns};
  T.tokenize = Tokenizer{tgt, tgt_ko, tgt_en, {}, ko_nouns};
  const std::size_t max_words = std::max<std::size_t>(1, options.max_words);

  Lexicon trained;
  const Lexicon* lex = options.lexicon;
  if (!lex) {
    TrainOptions to;
    to.terms = options.known;
    // English function words take most of IBM Model 1's mass on a few hundred units (테러 ->
    // "the"); left out, the content words keep it (테러 -> terror, terrorist, terrorism).
    std::vector<WordUnit> words_of(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      words_of[u].source = words(units[u].source, src);
      words_of[u].target = words(units[u].target, tgt);
      for (auto* w :
           {src_en ? &words_of[u].source : nullptr, tgt_en ? &words_of[u].target : nullptr}) {
        if (w) {
          std::erase_if(*w, [](const std::string& x) { return stopwords().count(x) > 0; });
        }
      }
    }
    trained = train(std::span<const WordUnit>(words_of), src, tgt, to);
    lex = &trained;
  }
  // The dictionary's pairs join the learned ones: two words it knows as translations link
  // fully, however seldom the units show them together (대사 and ambassador beside Bolton).
  if (const Lexicon* d = options.use_dictionary ? builtin_dictionary(src, tgt) : nullptr) {
    if (lex != &trained) {
      trained = *lex;
      lex = &trained;
    }
    for (const auto& e : d->entries()) {
      trained.set(d->src_word(e.src), d->tgt_word(e.tgt), 1.0, 1.0, true);
    }
  }

  for (auto* side : {&S, &T}) {
    if (side->tokenize.korean) {
      for (const auto& u : units) {
        side->tokenize.learn(side == &S ? u.source : u.target);
      }
      side->tokenize.sort_eojeols();
    }
  }

  // Pass 1: how many units hold each candidate, and the acronym definitions. Pass 2 cuts
  // the units again rather than keep every unit's candidates (a memory of 100,000 units).
  struct Defined {
    std::unordered_map<std::string, std::size_t> src_forms, tgt_forms;
    std::vector<std::size_t> units;
  };
  std::map<std::string, Defined> acronyms;
  auto count_units = [](Side& side, const std::vector<Occurrence>& occ) {
    std::vector<std::uint32_t> seen;
    for (const auto& o : occ) {
      seen.push_back(o.id);
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (auto id : seen) {
      ++side.units[id];
    }
  };
  for (std::size_t u = 0; u < units.size(); ++u) {
    count_units(S, S.candidates(S.tokenize(units[u].source), max_words, true));
    count_units(T, T.candidates(T.tokenize(units[u].target), max_words, true));
    Definitions sd = definitions(units[u].source, src_ko, 3);
    Definitions td = definitions(units[u].target, tgt_ko, 3);
    for (const auto& [acr, form] : sd.of) {
      ++acronyms[acr].src_forms[form];
    }
    for (const auto& [acr, form] : td.of) {
      ++acronyms[acr].tgt_forms[form];
    }
    std::set<std::string> here;
    for (const auto& [acr, form] : sd.of) {
      here.insert(acr);
    }
    for (const auto& [acr, form] : td.of) {
      here.insert(acr);
    }
    for (const auto& acr : here) {
      acronyms[acr].units.push_back(u);
    }
    if (options.progress && (u + 1) % 256 == 0) {
      options.progress(u + 1, units.size() * 2);
    }
  }

  // The field of the term base: the units where it finds terms on either side. Names,
  // sports and weather share a news memory with the sanctions and the missiles a defense
  // term base is about; candidates of its field rank higher. Without one, every unit counts.
  std::vector<char> domain;
  if (options.known && !options.known->concepts().empty()) {
    domain.assign(units.size(), 0);
    glossary::TermMatcher in_src(*options.known, src), in_tgt(*options.known, tgt);
    for (std::size_t u = 0; u < units.size(); ++u) {
      domain[u] = !in_src.find(units[u].source).empty() || !in_tgt.find(units[u].target).empty();
    }
  }

  // Pass 2: pairs of frequent candidates in one unit whose words the lexicon links.
  std::unordered_map<std::uint64_t, PairStat> pairs;
  for (std::size_t u = 0; u < units.size(); ++u) {
    auto src_chunks = S.tokenize(units[u].source);
    auto tgt_chunks = T.tokenize(units[u].target);
    auto src_occ = S.candidates(src_chunks, max_words, false);
    auto tgt_occ = T.candidates(tgt_chunks, max_words, false);
    std::vector<std::string> sw, tw;  // the lexicon words of each token
    std::vector<const std::vector<std::string>*> src_parts, tgt_parts;
    for (const auto& c : src_chunks) {
      for (const auto& t : c) {
        sw.push_back(t.lex.empty() ? t.key : t.lex.front());
        src_parts.push_back(&t.parts);
      }
    }
    for (const auto& c : tgt_chunks) {
      for (const auto& t : c) {
        tw.push_back(t.lex.empty() ? t.key : t.lex.front());
        tgt_parts.push_back(&t.parts);
      }
    }
    // links[i][j]: token i of the source and j of the target translate each other; prefix
    // sums answer "is there a link in this block" at once for every candidate pair.
    std::size_t n = sw.size(), m = tw.size();
    // Word ids once per token: the matrix then costs one integer lookup per pair of words.
    std::vector<std::vector<std::uint32_t>> sid(n), tid(m);
    for (std::size_t i = 0; i < n; ++i) {
      sid[i].push_back(lex->src_id(sw[i]));
      for (const auto& part : *src_parts[i]) {
        sid[i].push_back(lex->src_id(part));
      }
    }
    for (std::size_t j = 0; j < m; ++j) {
      tid[j].push_back(lex->tgt_id(tw[j]));
      for (const auto& part : *tgt_parts[j]) {
        tid[j].push_back(lex->tgt_id(part));
      }
    }
    auto linked_ids = [&](std::uint32_t a, std::uint32_t b) {
      const auto* e = lex->entry(a, b);
      return e != nullptr && (e->forward >= 0.05 || e->backward >= 0.05);
    };
    std::vector<std::uint32_t> sum((n + 1) * (m + 1), 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < m; ++j) {
        // The words themselves, a source part with the target word, the source word with a
        // target part.
        bool link = linked_ids(sid[i][0], tid[j][0]);
        for (std::size_t k = 1; k < sid[i].size() && !link; ++k) {
          link = linked_ids(sid[i][k], tid[j][0]);
        }
        for (std::size_t k = 1; k < tid[j].size() && !link; ++k) {
          link = linked_ids(sid[i][0], tid[j][k]);
        }
        sum[(i + 1) * (m + 1) + j + 1] = (link ? 1 : 0) + sum[i * (m + 1) + j + 1] +
                                         sum[(i + 1) * (m + 1) + j] - sum[i * (m + 1) + j];
      }
    }
    auto linked = [&](const Occurrence& a, const Occurrence& b) {
      return sum[a.last * (m + 1) + b.last] - sum[a.first * (m + 1) + b.last] -
                 sum[a.last * (m + 1) + b.first] + sum[a.first * (m + 1) + b.first] >
             0;
    };
    std::unordered_set<std::uint64_t> counted;
    for (const auto& a : src_occ) {
      if (S.units[a.id] < options.min_frequency) {
        continue;
      }
      for (const auto& b : tgt_occ) {
        if (T.units[b.id] < options.min_frequency || !linked(a, b)) {
          continue;
        }
        std::uint64_t key = (std::uint64_t{a.id} << 32) | b.id;
        if (!counted.insert(key).second) {
          continue;
        }
        PairStat& p = pairs[key];
        if (p.count < 2) {
          p.examples[p.count] = static_cast<std::uint32_t>(u);
        }
        ++p.count;
        p.in_domain += (domain.empty() || domain[u] != 0) ? 1U : 0U;
      }
    }
    if (options.progress && (u + 1) % 256 == 0) {
      options.progress(units.size() + u + 1, units.size() * 2);
    }
  }

  // Association: Dice on units, the lexicon's word links, the target's termhood.
  struct Scored {
    std::uint32_t s, t;
    double strength, score;
    const PairStat* stat;
  };
  std::vector<Scored> scored;
  const Side& english = tgt_en || !src_en ? T : S;
  for (const auto& [key, stat] : pairs) {
    if (stat.count < options.min_frequency) {
      continue;
    }
    auto s = static_cast<std::uint32_t>(key >> 32);
    auto t = static_cast<std::uint32_t>(key & 0xffffffffU);
    double dice = 2.0 * stat.count / static_cast<double>(S.units[s] + T.units[t]);
    double cons = consistency(*lex, S.lex[s], T.lex[t]);
    double strength = dice * cons;
    double th = termhood(english, &english == &T ? t : s, options.background);
    double field = 0.25 + 0.75 * stat.in_domain / static_cast<double>(stat.count);
    scored.push_back({s, t, strength, std::log2(1.0 + stat.count) * th * field, &stat});
  }
  // Competitive linking: a target word that translates another source term far better is
  // not this one's rendering (Rice is 라이스's, so 국무장관 is Secretary of State; Bolton is
  // 볼턴's, so 대사 is ambassador). Rivals are source terms that do not overlap this one
  // (대북제재 is no rival of 제재). The score is the strength so discounted.
  {
    constexpr std::size_t kRivals = 4;
    std::unordered_map<std::uint32_t, std::vector<std::pair<double, std::uint32_t>>> top_s;
    for (const auto& x : scored) {
      auto& v = top_s[x.t];
      v.emplace_back(x.strength, x.s);
      std::sort(v.begin(), v.end(), std::greater<>());
      if (v.size() > kRivals) {
        v.pop_back();
      }
    }
    std::vector<std::string> squeezed(S.keys.size());
    auto key_of = [&](std::uint32_t s) -> const std::string& {
      if (squeezed[s].empty()) {
        squeezed[s] = squeeze(S.keys[s]);
      }
      return squeezed[s];
    };
    for (auto& x : scored) {
      double rival = 0;
      for (const auto& [strength, s] : top_s[x.t]) {
        if (s == x.s) {
          continue;
        }
        const std::string &a = key_of(s), &b = key_of(x.s);
        if (a.find(b) == std::string::npos && b.find(a) == std::string::npos) {
          rival = strength;
          break;
        }
      }
      double competitive = rival > x.strength ? x.strength * x.strength / rival : x.strength;
      x.strength = competitive;
      x.score *= competitive;
    }
  }
  // Each side keeps the partners nearly as strong as its best; a pair either keeps stands
  // (테러 is terrorism and terrorist).
  std::unordered_map<std::uint32_t, double> best_s, best_t;
  for (const auto& x : scored) {
    best_s[x.s] = std::max(best_s[x.s], x.strength);
    best_t[x.t] = std::max(best_t[x.t], x.strength);
  }
  std::vector<Scored> kept;
  for (const auto& x : scored) {
    if ((x.strength >= 0.5 * best_s[x.s] || x.strength >= 0.5 * best_t[x.t]) && x.strength > 0.01) {
      kept.push_back(x);
    }
  }
  // A pair inside a longer kept pair of the same term that is as frequent says less:
  // "six-party" beside "six-party talks" for 6자회담.
  std::unordered_map<std::uint32_t, std::vector<const Scored*>> by_s, by_t;
  for (const auto& x : kept) {
    by_s[x.s].push_back(&x);
    by_t[x.t].push_back(&x);
  }
  // The longer only adds words of a name to a shorter term that is not one: "secretary of
  // state condoleezza" is no reason to drop "secretary of state" (but "korean peninsula" is
  // to drop "korean").
  auto names_around = [&](const Side& side, std::uint32_t longer, std::uint32_t shorter) {
    auto all_names = [&](const std::string& words) {
      bool any = false;
      for (std::size_t i = 0; i < words.size();) {
        std::size_t j = std::min(words.find(' ', i), words.size());
        if (j > i) {
          if (!name_word(side, options.background, words.substr(i, j - i))) {
            return false;
          }
          any = true;
        }
        i = j + 1;
      }
      return any;
    };
    const std::string &l = side.keys[longer], &sh = side.keys[shorter];
    std::size_t at = (" " + l + " ").find(" " + sh + " ");
    std::string rest = l.substr(0, at) + " " + l.substr(std::min(l.size(), at + sh.size()));
    return all_names(rest) && !all_names(sh);
  };
  std::vector<TermCandidate> out;
  std::vector<bool> source_side;  // of each, as strong as the best pair of its source term
  std::vector<double> strength_of;
  for (const auto& x : kept) {
    bool inside = false;
    for (const Scored* y : by_s[x.s]) {
      inside = inside || (contains_words(T.keys[y->t], T.keys[x.t]) &&
                          y->stat->count >= x.stat->count && !names_around(T, y->t, x.t));
    }
    for (const Scored* y : by_t[x.t]) {
      inside = inside || (contains_words(S.keys[y->s], S.keys[x.s]) &&
                          y->stat->count >= x.stat->count && !names_around(S, y->s, x.s));
    }
    if (inside) {
      continue;
    }
    TermCandidate c;
    c.source = S.surface_of(x.s);
    c.target = T.surface_of(x.t);
    c.kind = CandidateKind::association;
    c.score = x.score;
    c.frequency = x.stat->count;
    c.examples.assign(x.stat->examples,
                      x.stat->examples + std::min<std::uint32_t>(2, x.stat->count));
    source_side.push_back(x.strength >= 0.5 * best_s[x.s]);
    strength_of.push_back(x.strength);
    out.push_back(std::move(c));
  }

  // One candidate per source term: the rendering the units and the lexicon support best
  // (not the one that looks most like a term: 바그다드 is Baghdad, however low a name ranks),
  // with the others nearly as strong for it as alternatives. A pair kept as the best of its
  // target alone adds no rendering of this source.
  {
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
      const TermCandidate &a = out[i], &b = out[j];
      return strength_of[i] != strength_of[j]
                 ? strength_of[i] > strength_of[j]
                 : std::tie(a.source, a.target) < std::tie(b.source, b.target);
    });
    std::unordered_map<std::string, std::size_t> head;
    std::vector<TermCandidate> grouped;
    for (std::size_t i : order) {
      TermCandidate& c = out[i];
      auto [it, fresh] = head.emplace(squeeze(c.source), grouped.size());
      if (fresh) {
        grouped.push_back(std::move(c));
      } else if (source_side[i]) {
        grouped[it->second].alternatives.push_back({c.target, c.frequency, c.score});
      }
    }
    out = std::move(grouped);
  }

  // Acronym definitions on both sides: the most frequent long form of each side.
  for (const auto& [acr, d] : acronyms) {
    if (d.src_forms.empty() || d.tgt_forms.empty()) {
      continue;
    }
    auto most = [](const std::unordered_map<std::string, std::size_t>& m) {
      return std::max_element(m.begin(), m.end(),
                              [](const auto& a, const auto& b) {
                                return a.second != b.second ? a.second < b.second
                                                            : a.first > b.first;
                              })
          ->first;
    };
    TermCandidate c;
    c.source = most(d.src_forms);
    c.target = most(d.tgt_forms);
    c.acronym = acr;
    c.kind = CandidateKind::acronym;
    c.frequency = d.units.size();
    c.score = 1000 + static_cast<double>(c.frequency);  // a definition says it outright
    c.examples.assign(
        d.units.begin(),
        d.units.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(2, d.units.size())));
    // The association pair of the same long forms adds nothing beside it.
    std::string ks = squeeze(c.source), kt = squeeze(c.target);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const TermCandidate& o) {
                               return o.kind == CandidateKind::association &&
                                      squeeze(o.source) == ks && squeeze(o.target) == kt;
                             }),
              out.end());
    out.push_back(std::move(c));
  }

  std::sort(out.begin(), out.end(), [](const TermCandidate& a, const TermCandidate& b) {
    return a.score != b.score ? a.score > b.score
                              : std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  if (options.top && out.size() > options.top) {
    out.resize(options.top);
  }

  // Known terms: the same concept on both sides, or a known term given another translation.
  if (options.known) {
    std::unordered_map<std::string, std::vector<const glossary::Concept*>> src_terms, tgt_terms;
    auto key_of = [](const Side& side, const std::string& term) {
      std::string key;
      for (const auto& chunk : side.tokenize(term)) {
        for (const auto& t : chunk) {
          key += t.key;
        }
      }
      if (side.tokenize.english && !key.empty()) {
        key = singular(key);
      }
      return key;
    };
    for (const auto& c : options.known->concepts()) {
      for (const auto& t : c.terms) {
        if (t.status == glossary::TermStatus::forbidden ||
            t.status == glossary::TermStatus::deprecated) {
          continue;
        }
        if (t.lang.matches(src)) {
          src_terms[key_of(S, t.text)].push_back(&c);
        } else if (t.lang.matches(tgt)) {
          tgt_terms[key_of(T, t.text)].push_back(&c);
        }
      }
    }
    for (auto& c : out) {
      auto s = src_terms.find(key_of(S, c.source));
      auto t = tgt_terms.find(key_of(T, c.target));
      if (s == src_terms.end() && t == tgt_terms.end()) {
        continue;
      }
      if (s != src_terms.end() && t != tgt_terms.end()) {
        for (const auto* a : s->second) {
          if (std::find(t->second.begin(), t->second.end(), a) != t->second.end()) {
            c.status = CandidateStatus::known;
            c.concept_id = a->id;
          }
        }
        if (c.status == CandidateStatus::known) {
          continue;
        }
      }
      c.status = CandidateStatus::conflict;
      const glossary::Concept* k = s != src_terms.end() ? s->second.front() : t->second.front();
      const LangTag& other = s != src_terms.end() ? tgt : src;
      c.concept_id = k->id;
      const glossary::Term* p = k->preferred(other);
      c.known_translation = p ? p->text : "";
    }
  }
  return out;
}

}  // namespace termbridge::lexicon
