#include "termbridge/job/pretranslate.hpp"

#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

namespace glossary = termbridge::glossary;
namespace job = termbridge::job;
namespace segment = termbridge::segment;
using termbridge::LangTag;

namespace {

glossary::Term term(std::string text, const char* lang) {
  glossary::Term t;
  t.text = std::move(text);
  t.lang = LangTag::parse(lang);
  t.status = glossary::TermStatus::preferred;
  return t;
}

glossary::TermBase ncg_terms() {
  glossary::TermBase tb;
  glossary::Concept ncg;
  ncg.id = "nuclear-consultative-group";
  ncg.terms = {term("핵협의그룹", "ko"), term("Nuclear Consultative Group", "en")};
  tb.add(ncg);
  return tb;
}

}  // namespace

TEST_SUITE("job.pretranslate") {
  TEST_CASE("without a memory every segment is new and the glossary's terms are hints") {
    auto terms = ncg_terms();
    job::PretranslateOptions options;
    options.src_lang = LangTag::parse("ko");
    options.tgt_lang = LangTag::parse("en");
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    options.on_progress = [&](std::size_t done, std::size_t total) {
      progress.emplace_back(done, total);
    };
    const std::vector<std::string> paragraphs = {
        "국방부는 핵협의그룹 회의를 열었다. 양측은 협력을 논의했다.", "",
        "다음 회의는 워싱턴에서 열린다."};
    auto result = job::pretranslate(paragraphs, "article.ko.txt", segment::Segmenter::builtin(),
                                    nullptr, &terms, options);
    CHECK(result.summary.segments == 3);
    CHECK(result.summary.fresh == 3);
    CHECK(result.summary.exact == 0);
    REQUIRE(result.document.files.size() == 1);
    const auto& units = result.document.files[0].units;
    REQUIRE(units.size() == 2);
    CHECK(units[0].segments.size() == 2);
    for (const auto& unit : units) {
      for (const auto& seg : unit.segments) {
        CHECK(seg.target.text.empty());
        CHECK(seg.matches.empty());
      }
    }
    REQUIRE(units[0].terms.size() == 1);
    CHECK(units[0].terms[0].target_term == "Nuclear Consultative Group");
    CHECK(units[1].terms.empty());
    CHECK(result.summary.term_hints == 1);
    // Progress is told of every paragraph, blank ones too, with their number.
    REQUIRE(progress.size() == 3);
    CHECK(progress[0] == std::make_pair(std::size_t{0}, std::size_t{3}));
    CHECK(progress[2] == std::make_pair(std::size_t{2}, std::size_t{3}));
  }
}
