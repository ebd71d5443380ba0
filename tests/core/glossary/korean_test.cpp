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

TEST_SUITE("glossary.korean") {
  TEST_CASE("a closing particle ends the stack") {
    CHECK_FALSE(korean::is_noun_suffix(U"이는"));  // 안보이는 'invisible' is not 안보 + 이 + 는
    CHECK_FALSE(korean::is_noun_suffix(U"를이"));
    CHECK(korean::is_noun_suffix(U"에서는"));
    CHECK(korean::is_noun_suffix(U"들이"));
    CHECK(korean::is_noun_suffix(U"이라고"));  // the quotative copula: 핵심이라고
    CHECK(korean::is_noun_suffix(U"같은"));    // 같다 'like', glued: 영해같은
  }

  TEST_CASE("the noun part before the particles") {
    CHECK(korean::noun_part(U"는") == 0);
    CHECK(korean::noun_part(U"했다") == 0);
    CHECK(korean::noun_part(U"심은") == 1);
    CHECK(korean::noun_part(U"지역에서") == 2);
    CHECK(korean::noun_part(U"장은") == 1);
  }

  TEST_CASE("compound heads and prefixes") {
    CHECK(korean::is_compound_head(U'범'));
    CHECK(korean::is_compound_head(U'력'));
    CHECK(korean::is_compound_head(U'급'));  // 장관급 'minister-level'
    CHECK_FALSE(korean::is_compound_head(U'장'));
    CHECK_FALSE(korean::is_compound_head(U'심'));
    CHECK(korean::is_noun_prefix(U'미'));
    CHECK(korean::is_noun_prefix(U'대'));
    CHECK_FALSE(korean::is_noun_prefix(U'클'));
  }
}
