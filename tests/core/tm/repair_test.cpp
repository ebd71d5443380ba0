#include "termbridge/tm/repair.hpp"

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace tbtm = termbridge::tm;
using termbridge::Span;

namespace {

// The byte span of `needle` in `text` (first occurrence from `from`).
Span span_of(std::string_view text, std::string_view needle, std::size_t from = 0) {
  std::size_t at = text.find(needle, from);
  REQUIRE(at != std::string_view::npos);
  return Span{at, at + needle.size()};
}

const std::string kSource = "국방부는 핵협의그룹 회의 결과를 발표했다.";
const std::string kTarget =
    "The Ministry of National Defense announced the results of the Nuclear Consultative Group "
    "meeting.";
const std::string kQuery = "국방부는 한미통합국방협의체 회의 결과를 발표했다.";

tbtm::RepairInput kidd_for_ncg() {
  tbtm::RepairInput in;
  in.query = kQuery;
  in.source = kSource;
  in.target = kTarget;
  in.query_terms = {{"KIDD", span_of(kQuery, "한미통합국방협의체")}};
  in.source_terms = {{"NCG", span_of(kSource, "핵협의그룹")}};
  in.target_terms = {{"NCG", span_of(kTarget, "Nuclear Consultative Group")},
                     {"MND", span_of(kTarget, "Ministry of National Defense")}};
  in.approved_targets = {{"KIDD", "Korea-U.S. Integrated Defense Dialogue"},
                         {"NCG", "Nuclear Consultative Group"}};
  return in;
}

}  // namespace

TEST_SUITE("tm.repair") {
  TEST_CASE("a match that differs only in a term gets the approved translation") {
    auto r = tbtm::repair_match(kidd_for_ncg());
    REQUIRE(r.has_value());
    CHECK(r->target ==
          "The Ministry of National Defense announced the results of the Korea-U.S. Integrated "
          "Defense Dialogue meeting.");
    CHECK(r->only_terms_differed);
    CHECK(r->score == doctest::Approx(99.0));
    REQUIRE(r->replacements.size() == 1);
    CHECK(r->replacements[0].old_concept == "NCG");
    CHECK(r->replacements[0].new_concept == "KIDD");
    CHECK(r->replacements[0].target_span == span_of(kTarget, "Nuclear Consultative Group"));
  }

  TEST_CASE("a Korean target gets the particle form the new term takes") {
    std::string src = "The NCG met in Washington on Monday.";
    std::string tgt = "핵협의그룹은 월요일 워싱턴에서 회의를 열었다.";
    std::string q = "The SCM met in Washington on Monday.";
    tbtm::RepairInput in;
    in.query = q;
    in.source = src;
    in.target = tgt;
    in.query_terms = {{"SCM", span_of(q, "SCM")}};
    in.source_terms = {{"NCG", span_of(src, "NCG")}};
    in.target_terms = {{"NCG", span_of(tgt, "핵협의그룹")}};
    in.approved_targets = {{"SCM", "한미안보협의회의"}};
    auto r = tbtm::repair_match(in);
    REQUIRE(r.has_value());
    // The particle follows the new term's last sound: 은 after 룹, 는 after 의.
    CHECK(r->target == "한미안보협의회의는 월요일 워싱턴에서 회의를 열었다.");
    CHECK(r->only_terms_differed);
  }

  TEST_CASE("other differences lower the repaired score") {
    auto in = kidd_for_ncg();
    std::string q = "국방부는 한미통합국방협의체 회의 결과를 오늘 발표했다.";
    in.query = q;
    in.query_terms = {{"KIDD", span_of(q, "한미통합국방협의체")}};
    auto r = tbtm::repair_match(in);
    REQUIRE(r.has_value());
    CHECK_FALSE(r->only_terms_differed);
    // 국방부 는 [KIDD] 회 의 결과 을 오늘 발표했다 . : 10 units, one extra, one replaced.
    CHECK(r->score == doctest::Approx(100.0 * 9 / 10 - 1));
  }

  TEST_CASE("two terms replaced in one sentence") {
    std::string src = "핵협의그룹과 국방부가 회의를 열었다.";
    std::string tgt = "The Nuclear Consultative Group and the Ministry of National Defense met.";
    std::string q = "한미통합국방협의체와 합동참모본부가 회의를 열었다.";
    tbtm::RepairInput in;
    in.query = q;
    in.source = src;
    in.target = tgt;
    in.query_terms = {{"KIDD", span_of(q, "한미통합국방협의체")},
                      {"JCS", span_of(q, "합동참모본부")}};
    in.source_terms = {{"NCG", span_of(src, "핵협의그룹")}, {"MND", span_of(src, "국방부")}};
    in.target_terms = {{"NCG", span_of(tgt, "Nuclear Consultative Group")},
                       {"MND", span_of(tgt, "Ministry of National Defense")}};
    in.approved_targets = {{"KIDD", "Korea-U.S. Integrated Defense Dialogue"},
                           {"JCS", "Joint Chiefs of Staff"}};
    auto r = tbtm::repair_match(in);
    REQUIRE(r.has_value());
    CHECK(r->target ==
          "The Korea-U.S. Integrated Defense Dialogue and the Joint Chiefs of Staff met.");
    CHECK(r->replacements.size() == 2);
    CHECK(r->score == doctest::Approx(98.0));
  }

  TEST_CASE("no term differs: nothing to repair") {
    auto in = kidd_for_ncg();
    in.query = kSource;
    in.query_terms = {{"NCG", span_of(kSource, "핵협의그룹")}};
    CHECK_FALSE(tbtm::repair_match(in).has_value());
  }

  TEST_CASE("the same concept under another surface needs no repair") {
    auto in = kidd_for_ncg();
    std::string q = "국방부는 NCG 회의 결과를 발표했다.";
    in.query = q;
    in.query_terms = {{"NCG", span_of(q, "NCG")}};
    CHECK_FALSE(tbtm::repair_match(in).has_value());
  }

  TEST_CASE("a query term without an approved translation is not repaired") {
    auto in = kidd_for_ncg();
    in.approved_targets.erase("KIDD");
    CHECK_FALSE(tbtm::repair_match(in).has_value());
  }

  TEST_CASE("a match term missing from the target is not repaired") {
    auto in = kidd_for_ncg();
    in.target_terms = {{"MND", span_of(kTarget, "Ministry of National Defense")}};
    CHECK_FALSE(tbtm::repair_match(in).has_value());
  }

  TEST_CASE("a term standing against ordinary words is not repaired") {
    auto in = kidd_for_ncg();
    std::string q = "국방부는 지난달 회의 결과를 발표했다.";
    in.query = q;
    in.query_terms = {};
    CHECK_FALSE(tbtm::repair_match(in).has_value());
  }

  TEST_CASE("a span outside its text is an error") {
    auto in = kidd_for_ncg();
    in.target_terms = {{"NCG", Span{90, 500}}};
    CHECK_THROWS_AS(tbtm::repair_match(in), termbridge::Error);
  }
}
