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
    // A small unit last: its group counted once.
    CHECK(values("병력 5천 명") == std::vector<double>{5000});
    CHECK(values("2만5천 명") == std::vector<double>{25000});
    CHECK(values("3백 대") == std::vector<double>{300});
  }

  TEST_CASE("Chinese and Japanese myriad units multiply as the Korean ones do") {
    CHECK(values("在日美军约5万4千人") == std::vector<double>{54000});
    CHECK(values("防衛費は8兆7千億円") == std::vector<double>{8.7e12});
    CHECK(values("国防预算为1.2亿美元") == std::vector<double>{1.2e8});
    CHECK(values("兵力3万人、戦車5百両") == std::vector<double>{30000, 500});
    CHECK(values("2026年12月7日") == std::vector<double>{2026, 12, 7});
    // The same number in a Korean sentence and its Japanese translation.
    CHECK(values("병력 3만 명") == values("兵力3万人"));
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
