#include "termbridge/lexicon/dictionary.hpp"

#include <istream>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "lexicon/lines.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::lexicon {

namespace detail {
std::string_view builtin_ko_en();  // generated from core/data/lexicon/ko-en.tsv
}  // namespace detail

namespace {

// Words of a translation that say nothing about which sentence holds it, and a letter left
// of an abbreviation ("U.S." gives u and s; so does "world's").
bool function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "a",    "an",   "the",   "of",   "in",   "on",    "at",    "to",      "for",       "from",
      "by",   "with", "and",   "or",   "as",   "be",    "is",    "are",     "was",       "were",
      "it",   "its",  "their", "his",  "her",  "this",  "that",  "these",   "those",     "we",
      "us",   "i",    "if",    "so",   "no",   "not",   "one's", "someone", "something", "out",
      "up",   "off",  "down",  "into", "over", "about", "than",  "such",    "very",      "also",
      "more", "most", "some",  "any",  "all"};
  return w.size() < 2 || kWords.count(w) > 0;
}

// Words that, beside others in a translation, only qualify them: "next year" is about the
// year, "last week" about the week. A translation of that word alone keeps it (최초: first).
bool qualifier(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "next", "last", "this", "new",  "first", "one", "each",  "every", "other",
      "same", "own",  "many", "much", "few",   "two", "three", "now"};
  return kWords.count(w) > 0;
}

bool vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Past forms of the irregular verbs news prose uses; past participles where they differ.
const std::vector<std::pair<std::string_view, std::string_view>>& irregular() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kForms = {
      {"arise", "arose arisen"},
      {"bear", "bore born borne"},
      {"beat", "beaten"},
      {"become", "became"},
      {"begin", "began begun"},
      {"bind", "bound"},
      {"blow", "blew blown"},
      {"break", "broke broken"},
      {"bring", "brought"},
      {"build", "built"},
      {"buy", "bought"},
      {"catch", "caught"},
      {"choose", "chose chosen"},
      {"come", "came"},
      {"deal", "dealt"},
      {"dig", "dug"},
      {"draw", "drew drawn"},
      {"drive", "drove driven"},
      {"eat", "ate eaten"},
      {"fall", "fell fallen"},
      {"feel", "felt"},
      {"fight", "fought"},
      {"find", "found"},
      {"flee", "fled"},
      {"fly", "flew flown"},
      {"forbid", "forbade forbidden"},
      {"forget", "forgot forgotten"},
      {"freeze", "froze frozen"},
      {"get", "got gotten"},
      {"give", "gave given"},
      {"go", "went gone"},
      {"grow", "grew grown"},
      {"hang", "hung"},
      {"have", "had"},
      {"hear", "heard"},
      {"hide", "hid hidden"},
      {"hold", "held"},
      {"keep", "kept"},
      {"know", "knew known"},
      {"lay", "laid"},
      {"lead", "led"},
      {"leave", "left"},
      {"lend", "lent"},
      {"lose", "lost"},
      {"make", "made"},
      {"mean", "meant"},
      {"meet", "met"},
      {"overthrow", "overthrew overthrown"},
      {"pay", "paid"},
      {"ride", "rode ridden"},
      {"rise", "rose risen"},
      {"run", "ran"},
      {"say", "said"},
      {"see", "saw seen"},
      {"seek", "sought"},
      {"sell", "sold"},
      {"send", "sent"},
      {"shake", "shook shaken"},
      {"shoot", "shot"},
      {"sink", "sank sunk"},
      {"speak", "spoke spoken"},
      {"spend", "spent"},
      {"stand", "stood"},
      {"steal", "stole stolen"},
      {"strike", "struck"},
      {"swear", "swore sworn"},
      {"take", "took taken"},
      {"teach", "taught"},
      {"tell", "told"},
      {"think", "thought"},
      {"throw", "threw thrown"},
      {"understand", "understood"},
      {"undertake", "undertook undertaken"},
      {"wear", "wore worn"},
      {"win", "won"},
      {"withdraw", "withdrew withdrawn"},
      {"write", "wrote written"},
      {"man", "men"},
      {"woman", "women"},
      {"child", "children"},
      {"person", "people"},
      {"crisis", "crises"},
      {"analysis", "analyses"},
      {"life", "lives"},
      {"wife", "wives"},
      {"half", "halves"},
      {"thief", "thieves"},
      {"foot", "feet"},
  };
  return kForms;
}

// A word and the forms English inflects it into. Over-generating is harmless: a form no text
// holds links nothing.
std::vector<std::string> english_forms(const std::string& w) {
  std::vector<std::string> out{w};
  const std::size_t n = w.size();
  bool letters = n >= 3;
  for (char c : w) {
    letters = letters && c >= 'a' && c <= 'z';
  }
  if (!letters) {
    return out;
  }
  const char last = w[n - 1];
  const std::string stem = w.substr(0, n - 1);
  if (last == 'y' && !vowel(w[n - 2])) {
    out.insert(out.end(), {stem + "ies", stem + "ied", w + "ing"});
  } else if (last == 'e') {
    out.insert(out.end(), {w + "s", w + "d", (w[n - 2] == 'e' ? w : stem) + "ing"});
  } else {
    bool sibilant = last == 's' || last == 'x' || last == 'z' ||
                    (n >= 2 && (w.compare(n - 2, 2, "ch") == 0 || w.compare(n - 2, 2, "sh") == 0));
    out.insert(out.end(), {w + (sibilant ? "es" : "s"), w + "ed", w + "ing"});
    // stop -> stopped, plan -> planning: a short word ending consonant-vowel-consonant.
    if (!vowel(last) && vowel(w[n - 2]) && !vowel(w[n - 3]) && last != 'w' && last != 'x' &&
        last != 'y') {
      out.insert(out.end(), {w + last + "ed", w + last + "ing"});
    }
  }
  for (const auto& [base, forms] : irregular()) {
    if (base == w) {
      std::istringstream in{std::string(forms)};
      for (std::string f; in >> f;) {
        out.push_back(f);
      }
    }
  }
  return out;
}

}  // namespace

Lexicon read_dictionary(std::istream& in, std::string_view name, const LangTag& src,
                        const LangTag& tgt) {
  Lexicon lex(src, tgt);
  const bool english = tgt.language() == "en";
  std::uint64_t number = 0;
  auto fail = [&](const std::string& message) {
    throw Error(ErrorKind::parse, message, SourceLocation{std::string(name), number});
  };
  detail::for_each_line(in, [&](std::uint64_t n, std::string_view text) {
    number = n;
    if (text.empty() || text.front() == '#') {
      return;
    }
    text::check_utf8(text, name, number);
    std::size_t tab = text.find('\t');
    if (tab == std::string_view::npos) {
      fail("expected HEADWORD<TAB>translation; translation ...: no tab");
    }
    std::vector<std::string> heads = words(text.substr(0, tab), src);
    if (heads.empty()) {
      fail("the headword " + quoted(text.substr(0, tab)) + " has no word");
    }
    std::string_view rest = text.substr(tab + 1);
    bool any = false;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view one = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const std::vector<std::string> ws = words(one, tgt);
      for (const std::string& t : ws) {
        if (english && (function_word(t) || (ws.size() > 1 && qualifier(t)))) {
          continue;
        }
        for (const std::string& form : english ? english_forms(t) : std::vector<std::string>{t}) {
          for (const std::string& h : heads) {
            lex.set(h, form, 1.0, 1.0, true);
            any = true;
          }
        }
      }
    }
    if (!any) {
      fail("the headword " + quoted(text.substr(0, tab)) + " has no translation");
    }
  });
  return lex;
}

Lexicon reversed(const Lexicon& lex) {
  Lexicon out(lex.tgt_lang(), lex.src_lang());
  for (const auto& e : lex.entries()) {
    out.set(lex.tgt_word(e.tgt), lex.src_word(e.src), e.backward, e.forward, e.fixed);
  }
  return out;
}

const Lexicon* builtin_dictionary(const LangTag& src, const LangTag& tgt) {
  const bool forward = src.language() == "ko" && tgt.language() == "en";
  const bool backward = src.language() == "en" && tgt.language() == "ko";
  if (!forward && !backward) {
    return nullptr;
  }
  static std::once_flag read_once, reverse_once;
  static Lexicon ko_en, en_ko;
  std::call_once(read_once, [] {
    std::istringstream in{std::string(detail::builtin_ko_en())};
    ko_en = read_dictionary(in, "ko-en.tsv", LangTag::parse("ko"), LangTag::parse("en"));
  });
  if (forward) {
    return &ko_en;
  }
  std::call_once(reverse_once, [] { en_ko = reversed(ko_en); });
  return &en_ko;
}

}  // namespace termbridge::lexicon
