#include "termbridge/lexicon/lexicon.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/termbase.hpp"

namespace lexicon = termbridge::lexicon;
using termbridge::LangTag;

namespace {

const LangTag kKo = LangTag::parse("ko");
const LangTag kEn = LangTag::parse("en");

// Short defense news sentences and their translations.
std::vector<lexicon::UnitPair> units() {
  return {
      {"국방부는 11일 훈련 계획을 발표했다.",
       "The Ministry of Defense announced the training plan on the 11th."},
      {"국방부는 새 예산을 공개했다.", "The Ministry of Defense released the new budget."},
      {"합참은 북한의 미사일 발사를 확인했다.",
       "The Joint Chiefs of Staff confirmed North Korea's missile launch."},
      {"북한은 동해로 미사일을 발사했다.", "North Korea fired a missile into the East Sea."},
      {"국방부 대변인은 훈련이 끝났다고 말했다.",
       "A Ministry of Defense spokesman said the training had ended."},
      {"한미 양국은 연합훈련을 시작했다.",
       "South Korea and the United States began combined training."},
      {"미사일 방어 예산이 늘었다.", "The missile defense budget increased."},
      {"대변인은 북한의 발표를 부인했다.", "The spokesman denied North Korea's announcement."},
  };
}

std::vector<std::string> first_words(const std::vector<std::pair<std::string, double>>& list) {
  std::vector<std::string> out;
  for (const auto& [w, p] : list) {
    out.push_back(w);
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& w) {
  return std::find(v.begin(), v.end(), w) != v.end();
}

}  // namespace

TEST_CASE("lexicon words: Korean particles and endings split off, numbers left out") {
  CHECK(lexicon::words("국방부는 11일 훈련 계획을 발표했다.", kKo) ==
        std::vector<std::string>{"국방부", "훈련", "계획", "발표"});
  // A two-syllable noun whose last syllable is also a particle stays whole; a one-syllable
  // noun keeps its longer ending off.
  CHECK(lexicon::words("국가 회의에서 핵에서", kKo) ==
        std::vector<std::string>{"국가", "회의", "핵"});
  // Latin inside Korean is a word, case-folded; full-width letters folded too.
  CHECK(lexicon::words("NCG회의는 ＣＮＮ", kKo) == std::vector<std::string>{"ncg", "회의", "cnn"});
  CHECK(lexicon::words("The Ministry of Defense's 2,000 troops.", kEn) ==
        std::vector<std::string>{"the", "ministry", "of", "defense", "s", "troops"});
  // English text keeps a Korean word whole.
  CHECK(lexicon::words("국방부는", kEn) == std::vector<std::string>{"국방부는"});
}

TEST_CASE("lexicon train: 국방부 goes to ministry and defense, 미사일 to missile") {
  auto pairs = units();
  lexicon::Lexicon lex = lexicon::train(pairs, kKo, kEn);
  CHECK(lex.src_lang() == kKo);
  CHECK(lex.tgt_lang() == kEn);
  // "Ministry of Defense": the function words of the phrase come along in so few units.
  auto mod = first_words(lex.translations("국방부", 4));
  CHECK(mod.front() == "ministry");
  CHECK(contains(mod, "ministry"));
  CHECK(contains(mod, "defense"));
  CHECK(first_words(lex.translations("미사일", 1)) == std::vector<std::string>{"missile"});
  CHECK(first_words(lex.sources("ministry", 1)) == std::vector<std::string>{"국방부"});
  CHECK(first_words(lex.sources("spokesman", 1)) == std::vector<std::string>{"대변인"});
  CHECK(lex.forward("국방부", "ministry") > lex.forward("국방부", "budget"));
  CHECK(lex.backward("missile", "미사일") > 0.5);
  CHECK(lex.forward("없는말", "ministry") == 0);
  // Probabilities of one source word sum to at most one.
  double sum = 0;
  for (const auto& [w, p] : lex.translations("국방부", 1000)) {
    sum += p;
  }
  CHECK(sum <= 1.0 + 1e-5);
}

TEST_CASE("lexicon train: without the diagonal prior the pairs are learned too") {
  auto pairs = units();
  lexicon::TrainOptions o;
  o.diagonal_prior = false;
  lexicon::Lexicon lex = lexicon::train(pairs, kKo, kEn, o);
  CHECK(first_words(lex.translations("미사일", 1)) == std::vector<std::string>{"missile"});
  CHECK(contains(first_words(lex.translations("국방부", 3)), "ministry"));
}

TEST_CASE("lexicon train: term-base pairs are fixed entries") {
  termbridge::glossary::TermBase tb;
  termbridge::glossary::Concept c;
  c.id = "mnd";
  auto term = [](const char* text, const LangTag& lang) {
    termbridge::glossary::Term t;
    t.text = text;
    t.lang = lang;
    return t;
  };
  c.terms.push_back(term("국방부", kKo));
  c.terms.push_back(term("Ministry of National Defense", kEn));
  termbridge::glossary::Term wrong = term("Defense Department", kEn);
  wrong.status = termbridge::glossary::TermStatus::forbidden;
  c.terms.push_back(wrong);
  tb.add(c);
  auto pairs = units();
  lexicon::TrainOptions o;
  o.terms = &tb;
  lexicon::Lexicon lex = lexicon::train(pairs, kKo, kEn, o);
  CHECK(lex.forward("국방부", "ministry of national defense") == 1.0);
  CHECK(lex.fixed("국방부", "ministry of national defense"));
  CHECK_FALSE(lex.fixed("국방부", "ministry"));
  CHECK(lex.forward("국방부", "defense department") == 0);
  CHECK(first_words(lex.translations("국방부", 1)) ==
        std::vector<std::string>{"ministry of national defense"});
}

TEST_CASE("lexicon write and read: the same entries back, byte for byte") {
  auto pairs = units();
  lexicon::Lexicon lex = lexicon::train(pairs, kKo, kEn);
  lex.set("국방부", "ministry of defense", 1, 0.5, true);
  std::ostringstream out;
  lex.write(out);
  std::istringstream in(out.str());
  lexicon::Lexicon back = lexicon::Lexicon::read(in, "ko-en.lex");
  CHECK(back.size() == lex.size());
  CHECK(back.src_lang() == kKo);
  CHECK(back.tgt_lang() == kEn);
  CHECK(back.fixed("국방부", "ministry of defense"));
  CHECK(back.backward("ministry of defense", "국방부") == 0.5);
  CHECK(back.forward("미사일", "missile") == doctest::Approx(lex.forward("미사일", "missile")));
  std::ostringstream again;
  back.write(again);
  CHECK(again.str() == out.str());
}

TEST_CASE("lexicon read: bad files are errors naming file and line") {
  auto error_of = [](const std::string& text) {
    std::istringstream in(text);
    try {
      lexicon::Lexicon::read(in, "bad.lex");
    } catch (const termbridge::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("").find("bad.lex:1") != std::string::npos);
  CHECK(error_of("ko\ten\n").find("bad.lex:1: not a termbridge lexicon") != std::string::npos);
  CHECK(error_of("termbridge-lexicon\t2\tko\ten\n").find("version") != std::string::npos);
  const std::string head = "termbridge-lexicon\t1\tko\ten\n# comment\n";
  CHECK(error_of(head + "국방부\tministry\t0.5\n").find("bad.lex:3:") != std::string::npos);
  CHECK(error_of(head + "국방부\tministry\t0.5\t1.5\n").find("bad.lex:3: field 4") !=
        std::string::npos);
  CHECK(error_of(head + "국방부\tministry\tx\t0.5\n").find("field 3") != std::string::npos);
  CHECK(error_of(head + "국방부\tministry\t0.5\t0.5\tword\n").find("field 5") != std::string::npos);
  CHECK(error_of(head + "국방부\tministry\t0.5\t0.5\n\n국방부\tministry\t0.1\t0.1\n")
            .find("bad.lex:5: the pair") != std::string::npos);
  CHECK(error_of(head + "국방부\tministry\t0.5\t0.5\r\n") == "no error");
}
