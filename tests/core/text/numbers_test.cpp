#include "termbridge/text/numbers.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace text = termbridge::text;

namespace {

std::vector<double> values(std::string_view s, bool with_spelled = true) {
  std::vector<double> out;
  for (const auto& n : text::find_numbers(s)) {
    if (with_spelled || !n.spelled) {
      out.push_back(n.value);
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("text.numbers") {
  TEST_CASE("plain digits, separators and decimals") {
    CHECK(values("북한은 올해 들어 탄도미사일을 12차례 발사했다.") == std::vector<double>{12});
    CHECK(values("병력 1,000명과 전차 1.5배") == std::vector<double>{1000, 1.5});
    CHECK(values("28,500 troops") == std::vector<double>{28500});
  }

  TEST_CASE("Korean myriad units multiply") {
    CHECK(values("주한미군 2만8천500명") == std::vector<double>{28500});
    CHECK(values("국방예산 61조2천억 원") == std::vector<double>{61.2e12});
    CHECK(values("3만 명") == std::vector<double>{30000});
  }

  TEST_CASE("English scale words multiply") {
    CHECK(values("a $1.5 billion contract") == std::vector<double>{1.5e9});
    CHECK(values("2 million people") == std::vector<double>{2e6});
  }

  TEST_CASE("dotted dates give one number per part") {
    CHECK(values("2025.12.11 국방부") == std::vector<double>{2025, 12, 11});
  }

  TEST_CASE("number words, ordinals and months are spelled") {
    auto found = text::find_numbers("the fifth meeting on December 11");
    REQUIRE(found.size() == 3);
    CHECK(found[0].value == 5);
    CHECK(found[0].spelled);
    CHECK(found[1].value == 12);
    CHECK(found[2].value == 11);
    CHECK_FALSE(found[2].spelled);
    CHECK(values("It may rain", true).empty());
    CHECK(values("on May 5") == std::vector<double>{5, 5});
  }

  TEST_CASE("full-width digits and spans on the original text") {
    std::string s = "제５차 회의";
    auto found = text::find_numbers(s);
    REQUIRE(found.size() == 1);
    CHECK(found[0].value == 5);
    CHECK(found[0].span.of(s) == "５");
  }

  TEST_CASE("numbers inside words stay out of words") {
    CHECK(values("secondary").empty());
    CHECK(values("F-35A 전투기") == std::vector<double>{35});
  }
}
