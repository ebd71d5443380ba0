#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/matcher.hpp"

namespace glossary = termbridge::glossary;
using termbridge::LangTag;

namespace {

glossary::Term term(const char* text, const char* lang) {
  glossary::Term t;
  t.text = text;
  t.lang = LangTag::parse(lang);
  return t;
}

glossary::TermBase spans_terms() {
  glossary::TermBase tb;
  auto add = [&](const char* id, std::vector<glossary::Term> terms) {
    glossary::Concept c;
    c.id = id;
    c.terms = std::move(terms);
    tb.add(std::move(c));
  };
  add("ncg",
      {term("Nuclear Consultative Group", "en"), term("NCG", "en"), term("핵협의그룹", "ko")});
  add("nuke", {term("nuke", "en"), term("핵", "ko")});
  add("nuclear-test", {term("nuclear test", "en"), term("핵실험", "ko")});
  add("ministry", {term("Ministry of National Defense", "en"), term("국방부", "ko")});
  return tb;
}

// find_spans must give what find_each gives, text by text.
void check_same(const glossary::TermMatcher& m, const std::vector<std::string_view>& texts) {
  auto each = m.find_each(texts);
  std::vector<glossary::TermSpan> spans{{{1, 2}, 7, 7}};  // cleared by the call
  std::vector<std::size_t> ends{42};
  m.find_spans(texts, spans, ends);
  REQUIRE(ends.size() == texts.size());
  REQUIRE(each.size() == texts.size());
  std::size_t from = 0;
  for (std::size_t t = 0; t < texts.size(); ++t) {
    CAPTURE(t);
    REQUIRE(ends[t] >= from);
    REQUIRE(ends[t] - from == each[t].size());
    for (std::size_t k = 0; k < each[t].size(); ++k) {
      const glossary::TermSpan& s = spans[from + k];
      CHECK(s.span == each[t][k].span);
      CHECK(s.concept_index == each[t][k].concept_index);
      CHECK(s.term_index == each[t][k].term_index);
    }
    from = ends[t];
  }
  CHECK(spans.size() == from);
}

}  // namespace

TEST_CASE("find_spans gives find_each's hits without strings, text after text") {
  glossary::TermBase tb = spans_terms();
  glossary::TermMatcher ko(tb, LangTag::parse("ko"));
  glossary::TermMatcher en(tb, LangTag::parse("en"));
  check_same(ko, {"국방부는 핵협의그룹(NCG)을 열었다", "", "핵심 문제", "지하 핵 실험을 했다"});
  check_same(en, {"Three nuclear tests, one NCG.", "no terms here", "", "nukes and NUKE"});
  check_same(ko, {});

  std::vector<glossary::TermSpan> spans;
  std::vector<std::size_t> ends;
  std::vector<std::string_view> texts{"핵실험", "국방부가 핵협의그룹을"};
  ko.find_spans(texts, spans, ends);
  REQUIRE(ends == std::vector<std::size_t>{1, 3});
  CHECK(spans[0].span == termbridge::Span{0, 9});
  CHECK(tb.concepts()[spans[0].concept_index].id == "nuclear-test");
  CHECK(spans[2].span.of(texts[1]) == "핵협의그룹");
  CHECK(tb.concepts()[spans[2].concept_index].id == "ncg");
}

TEST_CASE("find_spans on a text longer than the window threshold matches it in windows") {
  glossary::TermBase tb = spans_terms();
  glossary::MatchOptions options;
  options.window_threshold = std::size_t{64} << 10;
  glossary::TermMatcher ko(tb, LangTag::parse("ko"), options);
  std::string longer;
  while (longer.size() < (std::size_t{200} << 10)) {
    longer += "국방부는 핵실험을 했다 ";
  }
  check_same(ko, {"핵협의그룹", longer, "국방부"});
  std::vector<glossary::TermSpan> spans;
  std::vector<std::size_t> ends;
  std::vector<std::string_view> texts{longer};
  ko.find_spans(texts, spans, ends);
  CHECK(spans.size() == 2 * (longer.size() / std::string_view("국방부는 핵실험을 했다 ").size()));
}

TEST_CASE("find_spans refuses invalid UTF-8 as find_each does") {
  glossary::TermBase tb = spans_terms();
  glossary::TermMatcher ko(tb, LangTag::parse("ko"));
  std::vector<glossary::TermSpan> spans;
  std::vector<std::size_t> ends;
  std::vector<std::string_view> texts{"핵실험", "\xFF"};
  CHECK_THROWS_AS(ko.find_spans(texts, spans, ends), termbridge::Error);
}
