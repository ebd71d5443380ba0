// The review page: escaping of every text, one row per bead, terms marked with their concept,
// findings on their row, low-confidence beads marked, and the same bytes for the same input.

#include "termbridge/io/review_html.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace align = termbridge::align;
namespace glossary = termbridge::glossary;
namespace io = termbridge::io;
namespace qa = termbridge::qa;
using termbridge::LangTag;

namespace {

glossary::Term term(std::string text, const char* lang, glossary::TermStatus status) {
  glossary::Term t;
  t.text = std::move(text);
  t.lang = LangTag::parse(lang);
  t.status = status;
  t.type = glossary::TermType::full_form;
  return t;
}

glossary::TermBase defense_terms() {
  using S = glossary::TermStatus;
  glossary::TermBase tb;
  glossary::Concept ncg;
  ncg.id = "nuclear-consultative-group";
  ncg.terms = {term("핵협의그룹", "ko", S::preferred),
               term("Nuclear Consultative Group", "en", S::preferred)};
  tb.add(ncg);
  glossary::Concept mnd;
  mnd.id = "mnd";
  mnd.terms = {term("국방부", "ko", S::preferred),
               term("Ministry of National Defense", "en", S::preferred)};
  tb.add(mnd);
  glossary::Concept ed;
  ed.id = "extended-deterrence";
  ed.terms = {term("확장억제", "ko", S::preferred), term("extended deterrence", "en", S::preferred),
              term("expanded deterrence", "en", S::forbidden)};
  tb.add(ed);
  return tb;
}

std::vector<align::Sentence> sentences(std::vector<std::string> texts) {
  std::vector<align::Sentence> out;
  for (auto& t : texts) {
    out.push_back({std::move(t), 0, {}});
  }
  return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// Three beads: 1-1 (confident), 1-2 (below 0.5), 0-1.
struct Fixture {
  std::vector<align::Sentence> src = sentences({
      "국방부는 핵협의그룹 회의를 열었다.",
      "양측은 확장억제를 논의했다 </script><script>alert('x')</script> & 끝.",
  });
  std::vector<align::Sentence> tgt = sentences({
      "The Nuclear Consultative Group met.",
      "The two sides discussed expanded deterrence.",
      "They met on <May 11>.",
      "A sentence only the English has.",
  });
  std::vector<align::Bead> beads = {{0, 1, 0, 1, 0.92}, {1, 2, 1, 3, 0.31}, {2, 2, 3, 4, 0.8}};
  glossary::TermBase terms = defense_terms();
  glossary::TermMatcher src_terms{terms, LangTag::parse("ko")};
  glossary::TermMatcher tgt_terms{terms, LangTag::parse("en")};

  io::ReviewPage page() const {
    io::ReviewPage p;
    p.title = "Alignment";
    p.src_lang = LangTag::parse("ko");
    p.tgt_lang = LangTag::parse("en");
    p.src_name = "a.ko.txt";
    p.tgt_name = "a.en.txt";
    p.checked = true;
    p.rows = io::rows_from_beads(src, tgt, beads);
    io::mark_terms(p.rows, terms, src_terms, tgt_terms);
    return p;
  }
};

std::string html(const io::ReviewPage& page) {
  std::ostringstream out;
  io::write_review_html(out, page);
  return out.str();
}

// The <tr>...</tr> of the body row holding `needle`.
std::string row_with(const std::string& page, const std::string& needle) {
  auto at = page.find(needle);
  REQUIRE(at != std::string::npos);
  auto begin = page.rfind("<tr", at);
  auto end = page.find("</tr>", at);
  return page.substr(begin, end - begin);
}

}  // namespace

TEST_SUITE("io.review_html") {
  TEST_CASE("escape_html leaves no markup, quote or control character of the text") {
    CHECK(io::escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
    CHECK(io::escape_html("</script>") == "&lt;/script&gt;");
    CHECK(io::escape_html("국방부 NCG") == "국방부 NCG");
    CHECK(io::escape_html("a\tb\nc") == "a\tb\nc");
    CHECK(io::escape_html("a\x01z") == "a\xE2\x90\x81z");  // U+2401 ␁
    CHECK(io::escape_html("\x7F") == "\xE2\x90\xA1");      // U+2421 ␡
    CHECK(io::escape_html("") == "");
  }

  TEST_CASE("rows_from_beads gives one row per bead with its type, score and sentences") {
    Fixture f;
    auto rows = io::rows_from_beads(f.src, f.tgt, f.beads);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].id == "1");
    CHECK(rows[0].kind == "1-1");
    CHECK(rows[1].kind == "1-2");
    CHECK(rows[1].beads == "[1]:[1,2]");
    CHECK(rows[2].kind == "0-1");
    REQUIRE(rows[1].score.has_value());
    CHECK(*rows[1].score == doctest::Approx(0.31));
    REQUIRE(rows[1].tgt.size() == 2);
    CHECK(rows[1].tgt[1].text == "They met on <May 11>.");
    CHECK(rows[1].tgt[1].index == 2);
    CHECK(rows[2].src.empty());
    CHECK(rows[2].tgt[0].index == 3);
  }

  TEST_CASE("mark_terms gives each hit its concept and marks what the other side lacks") {
    Fixture f;
    auto rows = f.page().rows;
    const auto& ko = rows[0].src[0].terms;
    REQUIRE(ko.size() == 2);
    CHECK(ko[0].span.of(rows[0].src[0].text) == "국방부");
    CHECK(ko[0].concept_id == "mnd");
    CHECK(ko[0].other == "Ministry of National Defense");
    CHECK(ko[0].unmatched);  // the English of bead 1 does not name the ministry
    CHECK(ko[1].concept_id == "nuclear-consultative-group");
    CHECK_FALSE(ko[1].unmatched);
    const auto& en = rows[0].tgt[0].terms;
    REQUIRE(en.size() == 1);
    CHECK(en[0].other == "핵협의그룹");
    CHECK_FALSE(en[0].unmatched);
    // A forbidden rendering is marked as such and does not count as the translation.
    const auto& bad = rows[1].tgt[0].terms;
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].forbidden);
    CHECK(bad[0].concept_id == "extended-deterrence");
    CHECK(rows[1].src[0].terms.at(0).unmatched);
    CHECK(bad[0].other == "확장억제");
    CHECK_FALSE(bad[0].unmatched);  // the Korean side names the concept
  }

  TEST_CASE("a translation inside a longer term of the other side is not marked missing") {
    // The sample article's bead 9: 모의 (simulation) in Korean, "tabletop simulation" (a
    // concept of its own, the longest match) in English.
    using S = glossary::TermStatus;
    glossary::TermBase tb;
    glossary::Concept simulation;
    simulation.id = "simulation";
    simulation.terms = {term("모의", "ko", S::preferred), term("simulation", "en", S::preferred)};
    tb.add(simulation);
    glossary::Concept tts;
    tts.id = "tabletop-simulation";
    tts.terms = {term("도상모의연습", "ko", S::preferred),
                 term("tabletop simulation", "en", S::preferred)};
    tb.add(tts);
    std::vector<io::ReviewRow> rows(1);
    rows[0].src.push_back({"양측은 NCG 도상모의를 평가했다.", 0, {}});
    rows[0].tgt.push_back({"The two sides assessed the NCG tabletop simulation.", 0, {}});
    glossary::TermMatcher ko(tb, LangTag::parse("ko"));
    glossary::TermMatcher en(tb, LangTag::parse("en"));
    io::mark_terms(rows, tb, ko, en);
    REQUIRE(rows[0].src[0].terms.size() == 1);
    CHECK(rows[0].src[0].terms[0].concept_id == "simulation");
    CHECK_FALSE(rows[0].src[0].terms[0].unmatched);
    // The English hit is the longest one, tabletop simulation, whose Korean is not there.
    REQUIRE(rows[0].tgt[0].terms.size() == 1);
    CHECK(rows[0].tgt[0].terms[0].concept_id == "tabletop-simulation");
    CHECK(rows[0].tgt[0].terms[0].unmatched);
  }

  TEST_CASE("place_findings puts findings on the row of their unit, in order") {
    std::vector<io::ReviewRow> rows(4);
    rows[0].id = "1";
    rows[1].id = "x";
    rows[2].id = "2";
    rows[3].id = "x";  // ids repeat across the files of an XLIFF
    std::vector<qa::Finding> findings = {
        {qa::FindingKind::missing_term, "x", {}, "first x", "mnd"},
        {qa::FindingKind::number_mismatch, "x", {}, "still the first x", ""},
        {qa::FindingKind::number_mismatch, "2", {}, "number 15", ""},
        {qa::FindingKind::missing_term, "x", {}, "the second x", "mnd"},
    };
    io::place_findings(rows, findings);
    CHECK(rows[0].findings.empty());
    REQUIRE(rows[1].findings.size() == 2);
    CHECK(rows[1].findings[1].message == "still the first x");
    CHECK(rows[2].findings.size() == 1);
    REQUIRE(rows[3].findings.size() == 1);
    CHECK(rows[3].findings[0].message == "the second x");
    findings = {{qa::FindingKind::untranslated, "nope", {}, "m", ""}};
    CHECK_THROWS_AS(io::place_findings(rows, findings), termbridge::Error);
  }

  TEST_CASE("the page has one row per bead, terms with their concept and findings beside") {
    Fixture f;
    io::ReviewPage page = f.page();
    page.rows[1].findings.push_back({qa::FindingKind::forbidden_term,
                                     "2",
                                     {},
                                     "'expanded deterrence' is a forbidden term",
                                     ""});
    std::string out = html(page);
    CHECK(out.rfind("<!DOCTYPE html>\n", 0) == 0);
    CHECK(out.find("<meta charset=\"utf-8\">") != std::string::npos);
    auto body = out.substr(out.find("<tbody>"));
    CHECK(count(body, "<tr") == 3);
    CHECK(count(body, "<td class=\"src\" lang=\"ko\">") == 3);
    CHECK(count(body, "<td class=\"tgt\" lang=\"en\">") == 3);
    CHECK(
        out.find("<mark class=\"term unmatched\" data-concept=\"mnd\" title=\"mnd&#10;en: Ministry "
                 "of National Defense&#10;not found on the en side\">국방부</mark>는") !=
        std::string::npos);
    CHECK(out.find("data-concept=\"nuclear-consultative-group\" title=\"nuclear-consultative-"
                   "group&#10;ko: 핵협의그룹\">Nuclear Consultative Group</mark>") !=
          std::string::npos);
    CHECK(out.find("<mark class=\"term forbidden\" data-concept=\"extended-deterrence\"") !=
          std::string::npos);
    std::string second = row_with(out, "확장억제");
    CHECK(second.find("<span class=\"kind\">forbidden-term</span> &#39;expanded deterrence&#39; "
                      "is a forbidden term") != std::string::npos);
    CHECK(row_with(out, "핵협의그룹</mark>").find("class=\"kind\"") == std::string::npos);
    CHECK(row_with(out, "only the English").find("(no sentence)") != std::string::npos);
    CHECK(out.find("1 finding in 1 row") != std::string::npos);
  }

  TEST_CASE("a bead below the threshold is marked low, and the threshold is the page's") {
    Fixture f;
    io::ReviewPage page = f.page();
    std::string out = html(page);
    CHECK(row_with(out, "확장억제").rfind("<tr class=\"low\">", 0) == 0);
    CHECK(row_with(out, "핵협의그룹</mark>").rfind("<tr>", 0) == 0);
    CHECK(row_with(out, "only the English").rfind("<tr>", 0) == 0);
    CHECK(out.find("1 below confidence 0.50") != std::string::npos);
    page.low_score = 0.85;  // --min-score 0.85: the 0-1 bead at 0.80 is low too
    out = html(page);
    CHECK(row_with(out, "only the English").rfind("<tr class=\"low\">", 0) == 0);
    CHECK(row_with(out, "핵협의그룹</mark>").rfind("<tr>", 0) == 0);
    CHECK(out.find("2 below confidence 0.85") != std::string::npos);
  }

  TEST_CASE("the texts cannot close the script or add markup, and nothing is fetched") {
    Fixture f;
    std::string out = html(f.page());
    CHECK(count(out, "<script>") == 1);
    CHECK(count(out, "</script>") == 1);
    CHECK(out.find("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 끝.") !=
          std::string::npos);
    CHECK(out.find("They met on &lt;May 11&gt;.") != std::string::npos);
    CHECK(out.find("http") == std::string::npos);
    CHECK(out.find("src=") == std::string::npos);
    CHECK(out.find("<link") == std::string::npos);
    CHECK(out.find("@import") == std::string::npos);
    CHECK(out.find("url(") == std::string::npos);
  }

  TEST_CASE("a QA page shows units by id and file, without bead types or sentence numbers") {
    io::ReviewPage page;
    page.title = "QA";
    page.src_lang = LangTag::parse("ko");
    page.tgt_lang = LangTag::parse("en");
    page.src_name = "a.tsv";
    page.checked = true;
    page.rows.resize(2);
    page.rows[0].id = "u1";
    page.rows[0].where = "a<1>.tsv";
    page.rows[0].src = {{"국방부", 0, {}}};
    page.rows[0].tgt = {{"", 0, {}}};
    page.rows[1].id = "u2";
    page.rows[1].score = 0.2;
    page.rows[1].src = {{"핵", 1, {}}};
    page.rows[1].tgt = {{"nuclear", 1, {}}};
    std::string out = html(page);
    CHECK(out.find("<th>unit</th>") != std::string::npos);
    CHECK(out.find("2 segments; 1 below confidence 0.50; 0 findings in 0 rows") !=
          std::string::npos);
    CHECK(
        out.find("<td class=\"meta\"><span class=\"where\">a&lt;1&gt;.tsv</span><b>u1</b></td>") !=
        std::string::npos);
    CHECK(out.find("class=\"n\"") == std::string::npos);
    CHECK(out.find("class=\"type\"") == std::string::npos);
    CHECK(out.find("<td class=\"tgt\" lang=\"en\"><div class=\"s\"><span class=\"none\">(empty)"
                   "</span></div></td>") != std::string::npos);
    CHECK(row_with(out, ">핵<").rfind("<tr class=\"low\">", 0) == 0);
  }

  TEST_CASE("the same input gives the same bytes") {
    Fixture f;
    CHECK(html(f.page()) == html(f.page()));
  }
}
