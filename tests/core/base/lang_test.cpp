#include "termbridge/base/lang.hpp"

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

using termbridge::LangTag;

TEST_SUITE("base.lang") {
  TEST_CASE("tags are canonicalised") {
    CHECK(LangTag::parse("KO").str() == "ko");
    CHECK(LangTag::parse("en-us").str() == "en-US");
    CHECK(LangTag::parse("en_GB").str() == "en-GB");
    CHECK(LangTag::parse("zh-hant-tw").str() == "zh-Hant-TW");
    CHECK(LangTag::parse("x-klingon").str() == "x-klingon");
  }

  TEST_CASE("malformed tags are rejected") {
    CHECK_THROWS_AS(LangTag::parse(""), termbridge::Error);
    CHECK_THROWS_AS(LangTag::parse("korean language"), termbridge::Error);
    CHECK_THROWS_AS(LangTag::parse("en--US"), termbridge::Error);
    CHECK_FALSE(LangTag::try_parse("e").has_value());
    CHECK_FALSE(LangTag::try_parse("*all*").has_value());
  }

  TEST_CASE("a specific tag matches its language") {
    CHECK(LangTag::parse("en-US").matches(LangTag::parse("en")));
    CHECK_FALSE(LangTag::parse("en").matches(LangTag::parse("en-US")));
    CHECK_FALSE(LangTag::parse("eng").matches(LangTag::parse("en")));
    CHECK(LangTag::parse("ko-KR").language() == "ko");
  }

  TEST_CASE("Japanese, Chinese and Thai sentences join without a space") {
    CHECK(termbridge::joins_without_space(LangTag::parse("ja")));
    CHECK(termbridge::joins_without_space(LangTag::parse("zh-Hant-TW")));
    CHECK(termbridge::joins_without_space(LangTag::parse("th")));
    CHECK_FALSE(termbridge::joins_without_space(LangTag::parse("ko")));
    CHECK_FALSE(termbridge::joins_without_space(LangTag::parse("en")));
  }
}
