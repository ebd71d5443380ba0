#include "termbridge/tm/fuzzy.hpp"

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace tbtm = termbridge::tm;
using termbridge::Span;
using Kind = tbtm::DiffPart::Kind;

TEST_SUITE("tm.fuzzy") {
  TEST_CASE("identical sentences score 100") {
    CHECK(tbtm::fuzzy_score("The NCG met in Washington.", "The NCG met in Washington.") == 100.0);
  }

  TEST_CASE("a difference only in case or width scores 99") {
    CHECK(tbtm::fuzzy_score("The NCG met in Washington.", "the ncg met in washington.") == 99.0);
    CHECK(tbtm::fuzzy_score("ＮＣＧ 회의가 열렸다.", "NCG 회의가 열렸다.") == 99.0);
  }

  TEST_CASE("one word changed in ten tokens scores 90") {
    // 9 words and the full stop: 10 tokens, one substitution.
    double s = tbtm::fuzzy_score("The two defense ministers met in Seoul on Tuesday.",
                                 "The two defense ministers met in Seoul on Monday.");
    CHECK(s == doctest::Approx(90.0));
  }

  TEST_CASE("a deleted word costs one token") {
    double s = tbtm::fuzzy_score("The allies held a joint drill near the border.",
                                 "The allies held a large joint drill near the border.");
    CHECK(s == doctest::Approx(100.0 * (1.0 - 1.0 / 11.0)));
  }

  TEST_CASE("a changed Korean particle costs one small token") {
    std::string_view a = "한미 양국은 핵협의그룹 회의를 열었다.";
    std::string_view b = "한미 양국이 핵협의그룹 회의를 열었다.";
    // particles: 한미 양국 은 핵협의그룹 회의 를 열었다 . = 8 tokens, one differs.
    CHECK(tbtm::fuzzy_score(a, b, tbtm::KoreanTokens::particles) == doctest::Approx(87.5));
    // eojeol: 한미 양국은 핵협의그룹 회의를 열었다 . = 6 tokens, one differs.
    CHECK(tbtm::fuzzy_score(a, b, tbtm::KoreanTokens::eojeol) == doctest::Approx(100.0 * 5 / 6));
    // syllables: 16 syllables and the stop, one differs.
    CHECK(tbtm::fuzzy_score(a, b, tbtm::KoreanTokens::syllables) ==
          doctest::Approx(100.0 * 16 / 17));
  }

  TEST_CASE("particles are split off the end of an eojeol") {
    auto t = tbtm::tokenize("국방부는 핵협의그룹에서 논의했다", tbtm::KoreanTokens::particles);
    REQUIRE(t.size() == 5);
    CHECK(t[0].key == "국방부");
    CHECK(t[1].key == "은");  // 는 and 은 share one key
    CHECK(t[2].key == "핵협의그룹");
    CHECK(t[3].key == "에서");
    CHECK(t[4].key == "논의했다");
    CHECK(t[3].span == Span{28, 34});
  }

  TEST_CASE("a one-syllable word is never split") {
    auto t = tbtm::tokenize("이 군은", tbtm::KoreanTokens::particles);
    REQUIRE(t.size() == 3);
    CHECK(t[0].key == "이");
    CHECK(t[1].key == "군");
    CHECK(t[2].key == "은");
  }

  TEST_CASE("token spans point into the original text") {
    auto t = tbtm::tokenize("ＮＣＧ meeting", tbtm::KoreanTokens::particles);
    REQUIRE(t.size() == 2);
    CHECK(t[0].key == "ncg");
    CHECK(t[0].span == Span{0, 9});
    CHECK(t[1].span == Span{10, 17});
  }

  TEST_CASE("punctuation marks are tokens, spaces are not") {
    auto t = tbtm::tokenize("Seoul, Korea.");
    REQUIRE(t.size() == 4);
    CHECK(t[1].key == ",");
    CHECK(t[3].key == ".");
  }

  TEST_CASE("the diff names the words that differ") {
    std::string q = "Defense ministers met in Seoul on Tuesday.";
    std::string m = "Defense ministers met in Busan on Monday.";
    auto d = tbtm::diff(q, m);
    REQUIRE(d.size() == 5);
    CHECK(d[0].kind == Kind::same);
    CHECK(d[1].kind == Kind::changed);
    CHECK(d[1].query.of(q) == "Seoul");
    CHECK(d[1].match.of(m) == "Busan");
    CHECK(d[2].kind == Kind::same);
    CHECK(d[3].kind == Kind::changed);
    CHECK(d[3].query.of(q) == "Tuesday");
    CHECK(d[3].match.of(m) == "Monday");
    CHECK(d[4].query.of(q) == ".");
  }

  TEST_CASE("the diff shows words only in the query or only in the match") {
    std::string q = "The allies held a large joint drill.";
    std::string m = "The allies held a joint drill near the border.";
    auto d = tbtm::diff(q, m);
    REQUIRE(d.size() == 5);
    CHECK(d[1].kind == Kind::query_only);
    CHECK(d[1].query.of(q) == "large");
    CHECK(d[1].match.empty());
    CHECK(d[3].kind == Kind::match_only);
    CHECK(d[3].match.of(m) == "near the border");
    CHECK(d[3].query.empty());
  }

  TEST_CASE("the diff of Korean sentences marks the changed eojeol parts") {
    std::string q = "국방부는 13일 연합훈련 계획을 발표했다.";
    std::string m = "국방부는 12일 연합훈련 계획을 발표했다.";
    auto d = tbtm::diff(q, m);
    REQUIRE(d.size() == 3);
    CHECK(d[1].kind == Kind::changed);
    CHECK(d[1].query.of(q) == "13");
    CHECK(d[1].match.of(m) == "12");
  }

  TEST_CASE("empty texts") {
    CHECK(tbtm::tokenize("").empty());
    CHECK(tbtm::tokenize("   ").empty());
    CHECK(tbtm::fuzzy_score("", "") == 100.0);
    CHECK(tbtm::fuzzy_score("", "NCG") == 0.0);
    CHECK(tbtm::diff("", "").empty());
  }

  TEST_CASE("decomposed Hangul scores as its composed form") {
    // 핵 as conjoining jamo.
    CHECK(tbtm::fuzzy_score("\xE1\x84\x92\xE1\x85\xA2\xE1\x86\xA8 실험", "핵 실험") == 99.0);
  }

  TEST_CASE("invalid UTF-8 is an error") {
    CHECK_THROWS_AS(tbtm::tokenize("NCG \xff"), termbridge::Error);
    CHECK_THROWS_AS(tbtm::fuzzy_score("NCG \xff", "NCG"), termbridge::Error);
  }

  TEST_CASE("tokenization names parse") {
    CHECK(tbtm::parse_korean_tokens("syllables") == tbtm::KoreanTokens::syllables);
    CHECK(tbtm::to_string(tbtm::KoreanTokens::eojeol) == "eojeol");
    CHECK_THROWS_WITH_AS(tbtm::parse_korean_tokens("morphemes"),
                         "unknown Korean tokenization 'morphemes' (expected eojeol, particles or "
                         "syllables)",
                         termbridge::Error);
  }
}
