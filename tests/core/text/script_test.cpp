#include "termbridge/text/script.hpp"

#include <string>

#include <doctest/doctest.h>

#include "termbridge/text/words.hpp"

namespace text = termbridge::text;
using termbridge::Span;

TEST_SUITE("text.script") {
  TEST_CASE("script runs separate Hangul, Latin, digits") {
    auto runs = text::script_runs("핵협의그룹(NCG) 2025년");
    REQUIRE(runs.size() == 7);
    CHECK(runs[0].script == text::Script::hangul);
    CHECK(runs[0].span == Span{0, 15});
    CHECK(runs[2].script == text::Script::latin);
    CHECK(runs[5].script == text::Script::digit);
    CHECK(runs[6].script == text::Script::hangul);
  }

  TEST_CASE("language guess for Korean and English") {
    CHECK(text::guess_language("국방부는 11일 한미 핵협의그룹(NCG) 회의를 열었다.") == "ko");
    CHECK(text::guess_language("The Nuclear Consultative Group met in Washington.") == "en");
    CHECK(text::guess_language("2025.12.11") == "und");
    CHECK(text::guess_language("") == "und");
  }

  TEST_CASE("language guess counts every ASCII letter, eight bytes at a time or one") {
    // Every ASCII byte but NUL: 52 letters. With h Hangul syllables the guess is Korean from
    // 4h >= 52 on, so a letter too many or too few moves the line between 12 and 13.
    std::string ascii;
    for (int b = 1; b < 0x80; ++b) {
      ascii += static_cast<char>(b);
    }
    for (std::size_t shift = 0; shift < 9; ++shift) {  // the 8-byte blocks fall elsewhere
      std::string lead(shift, '.');
      std::string twelve, thirteen;
      for (int k = 0; k < 12; ++k) {
        twelve += "핵";
      }
      thirteen = twelve + "핵";
      CAPTURE(shift);
      CHECK(text::guess_language(lead + ascii + twelve) == "en");
      CHECK(text::guess_language(lead + ascii + thirteen) == "ko");
      CHECK(text::guess_language(twelve + lead + ascii) == "en");
      CHECK(text::guess_language(thirteen + lead + ascii) == "ko");
    }
  }

  TEST_CASE("code point offsets") {
    CHECK(text::count_code_points("핵 NCG") == 5);
    text::CodePointCounter counter("핵 NCG");
    CHECK(counter.at(0) == 0);
    CHECK(counter.at(4) == 2);
    CHECK(counter.at(7) == 5);
  }

  TEST_CASE("words leave out spaces and punctuation") {
    auto w = text::words("U.S. forces, 주한미군은 2025년.", "en");
    REQUIRE(w.size() >= 4);
    std::string_view s = "U.S. forces, 주한미군은 2025년.";
    CHECK(w[0].span.of(s) == "U.S");
    CHECK(w[1].span.of(s) == "forces");
    CHECK(w[2].span.of(s) == "주한미군은");
  }
}
