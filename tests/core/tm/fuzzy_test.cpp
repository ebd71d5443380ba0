#include "termbridge/tm/fuzzy.hpp"

#include <algorithm>
#include <string>
#include <vector>

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

  TEST_CASE("the bit-parallel distance equals the table") {
    const std::vector<std::string> sentences = {
        "한미 양국은 12일 워싱턴에서 핵협의그룹 회의를 열었다.",
        "한미 양국은 13일 서울에서 핵협의그룹 회의를 열었다.",
        "국방부는 연합훈련 계획을 발표했다.",
        "The Ministry of National Defense announced the combined exercise plan.",
        "The ministry announced the plan for the combined exercise, the third this year.",
        "",
    };
    for (const auto& a : sentences) {
      tbtm::TokenDistance distance(tbtm::token_hashes(a));
      for (const auto& b : sentences) {
        auto ta = tbtm::token_hashes(a);
        auto tb = tbtm::token_hashes(b);
        // The plain table, as a reference.
        std::vector<std::size_t> row(tb.size() + 1);
        for (std::size_t j = 0; j <= tb.size(); ++j) {
          row[j] = j;
        }
        for (std::size_t i = 1; i <= ta.size(); ++i) {
          std::size_t diag = row[0];
          row[0] = i;
          for (std::size_t j = 1; j <= tb.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({diag + (ta[i - 1] == tb[j - 1] ? 0U : 1U), up + 1, row[j - 1] + 1});
            diag = up;
          }
        }
        CAPTURE(a);
        CAPTURE(b);
        CHECK(distance(tb) == row[tb.size()]);
        CHECK(tbtm::token_distance(ta, tb) == row[tb.size()]);
      }
    }
  }

  TEST_CASE("queries longer than 64 tokens are measured too") {
    std::string long_text, changed;
    for (int i = 0; i < 12; ++i) {
      long_text += "국방부는 연합훈련 계획을 발표했다. ";
      changed +=
          i == 5 ? "국방부는 연합훈련 일정을 발표했다. " : "국방부는 연합훈련 계획을 발표했다. ";
    }
    auto a = tbtm::token_hashes(long_text);
    REQUIRE(a.size() > 64);
    CHECK(tbtm::TokenDistance(a)(tbtm::token_hashes(changed)) == 1);
    CHECK(tbtm::token_distance(a, tbtm::token_hashes(changed)) == 1);
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
