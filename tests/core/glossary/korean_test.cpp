#include "glossary/korean.hpp"

#include <doctest/doctest.h>

namespace korean = termbridge::glossary::korean;

TEST_SUITE("glossary.korean") {
  TEST_CASE("particles and their stacks follow a noun") {
    CHECK(korean::is_noun_suffix(U""));
    CHECK(korean::is_noun_suffix(U"는"));
    CHECK(korean::is_noun_suffix(U"에서는"));
    CHECK(korean::is_noun_suffix(U"들이"));
    CHECK(korean::is_noun_suffix(U"으로서의"));
  }

  TEST_CASE("the copula and light verbs follow a noun") {
    CHECK(korean::is_noun_suffix(U"했다"));
    CHECK(korean::is_noun_suffix(U"되었고"));
    CHECK(korean::is_noun_suffix(U"이었다"));
    CHECK(korean::is_noun_suffix(U"입니다"));
  }

  TEST_CASE("the rest of a longer noun is not a suffix") {
    CHECK_FALSE(korean::is_noun_suffix(U"계를"));
    CHECK_FALSE(korean::is_noun_suffix(U"찰이"));
    CHECK_FALSE(korean::is_noun_suffix(U"심은"));
  }

  TEST_CASE("Hangul letters") {
    CHECK(korean::is_hangul(U'핵'));
    CHECK(korean::is_hangul(U'\u1112'));
    CHECK_FALSE(korean::is_hangul(U'N'));
    CHECK_FALSE(korean::is_hangul(U'核'));
  }
}
