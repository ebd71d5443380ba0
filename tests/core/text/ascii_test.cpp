#include "termbridge/text/ascii.hpp"

#include <doctest/doctest.h>

namespace text = termbridge::text;

TEST_SUITE("text.ascii") {
  TEST_CASE("ASCII lower case leaves other scripts alone") {
    CHECK(text::ascii_lower("TBX-Basic") == "tbx-basic");
    CHECK(text::ascii_lower("NCG 핵협의그룹 ÉTÉ") == "ncg 핵협의그룹 ÉtÉ");
  }

  TEST_CASE("white space collapses and trims") {
    CHECK(text::collapse_spaces("  한미 양국은 \t 회의를\r\n열었다. ") == "한미 양국은 회의를 열었다.");
    CHECK(text::collapse_spaces(" \t\n").empty());
  }
}
