#include "termbridge/glossary/termbase_ops.hpp"

#include <string>

#include <doctest/doctest.h>

#include "termbridge/io/termbase_io.hpp"

namespace glossary = termbridge::glossary;
namespace io = termbridge::io;

namespace {

glossary::TermBase tsv(std::string_view data) {
  return io::read_termbase(data, io::Format::tsv, "defense.tsv");
}

bool has(const std::vector<glossary::Problem>& ps, std::string_view id, std::string_view text) {
  for (const auto& p : ps) {
    if (p.concept_id == id && p.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_SUITE("glossary.termbase_ops") {
  TEST_CASE("a clean term base has no problems") {
    auto tb = tsv("id\ten\tko\nncg\tNCG\t핵협의그룹\nscm\tSCM\t한미안보협의회의\n");
    CHECK(glossary::validate(tb).empty());
  }

  TEST_CASE("one term in two concepts, ignoring case and spacing") {
    auto tb = tsv("id\ten\tko\nnuclear-test\tnuclear test\t핵실험\nnk-test\tNK test\t핵 실험\n");
    auto ps = glossary::validate(tb);
    CHECK(has(ps, "nk-test", "also a term of concept 'nuclear-test'"));
  }

  TEST_CASE("a concept missing a language") {
    auto ps = glossary::validate(tsv("id\ten\tko\ndmz\tDMZ\t\nnll\tNLL\t북방한계선\n"));
    CHECK(has(ps, "dmz", "no usable ko term"));
    CHECK(ps.size() == 1);
  }

  TEST_CASE("a forbidden term identical to a preferred one of its concept") {
    auto tb =
        tsv("id\ten\tko\ten_status\n"
            "scm\tSCM\t한미안보협의회의\tpreferred\n"
            "scm\tＳＣＭ\t\tforbidden\n");
    CHECK(has(glossary::validate(tb), "scm", "forbidden term 'ＳＣＭ' (en) is identical"));
  }

  TEST_CASE("an id that is not an XML name and an unknown language") {
    auto tb = tsv("id\ten\tzz\n42\tDMZ\t비무장지대\n");
    auto ps = glossary::validate(tb);
    CHECK(has(ps, "42", "not an XML name"));
    CHECK(has(ps, "", "'zz'"));
  }

  TEST_CASE("merge adds new concepts and terms and reports conflicts") {
    auto into = tsv("id\ten\tko\tko_status\nncg\tNCG\t핵협의그룹\tpreferred\n");
    auto from =
        tsv("id\ten\tko\tko_status\n"
            "ncg\tNuclear Consultative Group\t핵협의그룹\tadmitted\n"
            "cni\tCNI\t재래식-핵 통합\tpreferred\n");
    auto r = glossary::merge(into, from);
    CHECK(r.added == 1);
    CHECK(r.merged == 1);
    CHECK(r.terms_added == 3);
    REQUIRE(r.conflicts.size() == 1);
    CHECK(r.conflicts[0].concept_id == "ncg");
    CHECK(into.find("ncg")->terms.size() == 3);
    CHECK(into.find("ncg")->terms[1].text == "Nuclear Consultative Group");
    CHECK(into.find("ncg")->terms[2].status == glossary::TermStatus::preferred);
  }

  TEST_CASE("search by prefix, substring and near spelling in any language") {
    auto tb =
        tsv("id\ten\tko\n"
            "ncg\tNuclear Consultative Group\t핵협의그룹\n"
            "nuclear-test\tnuclear test\t핵실험\n"
            "extended-deterrence\textended deterrence\t확장억제\n");
    auto hits = glossary::search(tb, "핵협의");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].concept_->id == "ncg");
    CHECK(hits[0].rank == 1);
    auto fuzzy = glossary::search(tb, "extended deterence");
    REQUIRE(fuzzy.size() == 1);
    CHECK(fuzzy[0].rank == 3);
    auto spaced = glossary::search(tb, "핵 실험");
    REQUIRE(spaced.size() == 1);
    CHECK(spaced[0].rank == 0);
    CHECK(glossary::search(tb, "").empty());
  }

  TEST_CASE("merge names a term that comes under a second concept") {
    auto into = tsv("id\ten\tko\nnuclear-test\tnuclear test\t핵실험\n");
    // Same key after normalization: full-width Latin and a different case.
    auto from = tsv(
        "id\ten\tko\nnk-test\tＮuclear Test\t북한 핵실험\nnuclear-test\tnuclear test\t핵실험\n");
    auto r = glossary::merge(into, from);
    REQUIRE(r.shared.size() == 1);
    CHECK(r.shared[0].first_concept == "nuclear-test");
    CHECK(r.shared[0].first_from_into);
    CHECK(r.shared[0].second_concept == "nk-test");
    CHECK(r.shared[0].second_text == "Ｎuclear Test");
    CHECK(r.shared[0].lang.str() == "en");
    // Merged all the same: a warning, not a conflict.
    CHECK(r.conflicts.empty());
    CHECK(into.size() == 2);
    SUBCASE("within the file merged in, too") {
      auto two = tsv("id\ten\ntest-a\tmissile test\ntest-b\tmissile test\n");
      glossary::TermBase empty;
      auto r2 = glossary::merge(empty, two);
      REQUIRE(r2.shared.size() == 1);
      CHECK_FALSE(r2.shared[0].first_from_into);
      CHECK(r2.shared[0].first_concept == "test-a");
    }
  }
}
