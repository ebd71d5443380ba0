// XLIFF readers and writers, and the conformance suite every translation-unit format passes.

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/tm/document.hpp"

namespace io = termbridge::io;
namespace tmod = termbridge::tm;
using termbridge::Error;
using termbridge::LangTag;
using Kind = termbridge::tm::InlineCode::Kind;

namespace {

// Units as a TMX from a CAT tool holds them: codes, notes on unit and variants, props.
std::vector<tmod::TranslationUnit> sample_units() {
  std::vector<tmod::TranslationUnit> units;
  tmod::TranslationUnit a;
  a.id = "1";
  a.notes = {"출처: 국방부 보도자료"};
  a.props = {{"x-document", "ncg-2025.ko.txt"}};
  tmod::Segment ko{"제55차 한미안보협의회의가 열렸다.", {}};
  ko.codes.push_back({3, Kind::open, "1", "bold", "<b>", false, {}, {}, {}});
  ko.codes.push_back({5, Kind::close, "1", "", "</b>", false, {}, {}, {}});
  ko.codes.push_back({ko.text.size(), Kind::placeholder, "2", "", "{fn1}", false, {}, {}, {}});
  tmod::Segment en{"The 55th Security Consultative Meeting was held.", {}};
  en.codes.push_back({4, Kind::open, "1", "bold", "<b>", false, {}, {}, {}});
  en.codes.push_back({8, Kind::close, "1", "", "</b>", false, {}, {}, {}});
  en.codes.push_back({en.text.size(), Kind::placeholder, "2", "", "{fn1}", false, {}, {}, {}});
  a.variants.push_back({LangTag::parse("ko"), ko, {}, {"원문 확인"}, {}});
  a.variants.push_back({LangTag::parse("en-US"), en, {}, {"checked by reviewer"}, {}});
  units.push_back(a);
  tmod::TranslationUnit b;
  b.id = "2";
  b.variants.push_back(
      {LangTag::parse("ko"), {"핵협의그룹(NCG) 회의는 워싱턴에서 개최됐다.", {}}, {}, {}, {}});
  b.variants.push_back(
      {LangTag::parse("en-US"), {"The NCG meeting took place in Washington & Seoul.", {}}, {}, {}, {}});
  units.push_back(b);
  return units;
}

const LangTag kKo = LangTag::parse("ko");
const LangTag kEn = LangTag::parse("en-US");

std::vector<tmod::TranslationUnit> via_tmx(const std::vector<tmod::TranslationUnit>& units) {
  std::ostringstream out;
  io::TmxHeader h;
  h.src_lang = "ko";
  io::TmxWriter w(out, h);
  for (const auto& u : units) {
    w.write(u);
  }
  w.finish();
  std::istringstream in(out.str());
  std::vector<tmod::TranslationUnit> back;
  io::read_tmx(in, "t.tmx", [&](tmod::TranslationUnit&& u) { back.push_back(std::move(u)); });
  return back;
}

std::vector<tmod::TranslationUnit> via_xliff(const std::vector<tmod::TranslationUnit>& units,
                                             io::XliffVersion v) {
  auto doc = tmod::from_translation_units(units, kKo, kEn, "ncg.txt");
  std::ostringstream out;
  io::write_xliff(out, doc, v);
  io::XliffVersion found;
  auto back = io::read_xliff(out.str(), "t.xlf", {}, &found);
  CHECK(found == v);
  return tmod::to_translation_units(back);
}

struct Tmx {
  static std::vector<tmod::TranslationUnit> round_trip(
      const std::vector<tmod::TranslationUnit>& u) {
    return via_tmx(u);
  }
};
struct Xliff12 {
  static std::vector<tmod::TranslationUnit> round_trip(
      const std::vector<tmod::TranslationUnit>& u) {
    return via_xliff(u, io::XliffVersion::v12);
  }
};
struct Xliff20 {
  static std::vector<tmod::TranslationUnit> round_trip(
      const std::vector<tmod::TranslationUnit>& u) {
    return via_xliff(u, io::XliffVersion::v20);
  }
};
struct Xliff21 {
  static std::vector<tmod::TranslationUnit> round_trip(
      const std::vector<tmod::TranslationUnit>& u) {
    return via_xliff(u, io::XliffVersion::v21);
  }
};

void check_same(const std::vector<tmod::TranslationUnit>& a,
                const std::vector<tmod::TranslationUnit>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].notes == b[i].notes);
    CHECK(a[i].props == b[i].props);
    REQUIRE(a[i].variants.size() == b[i].variants.size());
    for (std::size_t j = 0; j < a[i].variants.size(); ++j) {
      CHECK(a[i].variants[j].lang == b[i].variants[j].lang);
      CHECK(a[i].variants[j].segment.text == b[i].variants[j].segment.text);
      // Codes made here have no element: a writer may choose any that fits their kind.
      auto ca = a[i].variants[j].segment.codes;
      auto cb = b[i].variants[j].segment.codes;
      for (auto& c : cb) {
        c.element.clear();
      }
      CHECK(ca == cb);
      CHECK(a[i].variants[j].notes == b[i].variants[j].notes);
    }
  }
}

}  // namespace

TEST_SUITE("io.interchange") {
  TEST_CASE_TEMPLATE("round trip keeps every unit, language, text, inline code and note", F, Tmx,
                     Xliff12, Xliff20, Xliff21) {
    auto units = sample_units();
    check_same(units, F::round_trip(units));
  }

  TEST_CASE("TMX -> XLIFF 1.2 -> XLIFF 2.1 -> TMX keeps everything") {
    auto units = sample_units();
    auto doc = tmod::from_translation_units(via_tmx(units), kKo, kEn);
    std::ostringstream x12;
    io::write_xliff(x12, doc, io::XliffVersion::v12);
    auto doc12 = io::read_xliff(x12.str(), "a.xlf");
    std::ostringstream x21;
    io::write_xliff(x21, doc12, io::XliffVersion::v21);
    auto doc21 = io::read_xliff(x21.str(), "b.xlf");
    check_same(units, via_tmx(tmod::to_translation_units(doc21)));
  }
}

TEST_SUITE("io.xliff") {
  TEST_CASE("segments, matches, term hints and states survive XLIFF 1.2 and 2.1") {
    tmod::Document doc;
    doc.src_lang = kKo;
    doc.tgt_lang = kEn;
    tmod::DocFile file;
    file.original = "article-001.ko.txt";
    tmod::DocUnit p;
    p.id = "p1";
    tmod::DocSegment s1;
    s1.id = "1";
    s1.source.text = "한미는 핵협의그룹 회의를 열었다.";
    s1.target.text = "The ROK and the U.S. held an NCG meeting.";
    s1.state = tmod::SegmentState::needs_review;
    tmod::Match m;
    m.score = 87.5;
    m.origin = "defense.tm";
    m.unit.variants.push_back({kKo, {"한미는 핵협의그룹 회의를 개최했다.", {}}, {}, {}, {}});
    m.unit.variants.push_back({kEn, {"The ROK and the U.S. convened the NCG.", {}}, {}, {}, {}});
    s1.matches.push_back(m);
    tmod::DocSegment s2;
    s2.id = "2";
    s2.source.text = "회의는 워싱턴에서 열렸다.";
    p.segments = {s1, s2};
    p.terms.push_back({"C017", "핵협의그룹", "Nuclear Consultative Group"});
    p.notes.push_back({"용어 확인", tmod::Note::About::source, "reviewer"});
    file.units.push_back(p);
    doc.files.push_back(file);
    for (auto v : {io::XliffVersion::v12, io::XliffVersion::v21}) {
      CAPTURE(io::xliff_version_name(v));
      std::ostringstream out;
      io::write_xliff(out, doc, v);
      auto back = io::read_xliff(out.str(), "job.xlf");
      REQUIRE(back.files.size() == 1);
      REQUIRE(back.files[0].units.size() == 1);
      const auto& u = back.files[0].units[0];
      CHECK(back.files[0].original == "article-001.ko.txt");
      CHECK(u.id == "p1");
      REQUIRE(u.segments.size() == 2);
      CHECK(u.segments[0].source.text == s1.source.text);
      CHECK(u.segments[0].target.text == s1.target.text);
      CHECK(u.segments[0].state == tmod::SegmentState::needs_review);
      CHECK(u.segments[1].source.text == s2.source.text);
      CHECK(u.segments[1].target.empty());
      REQUIRE(u.segments[0].matches.size() == 1);
      CHECK(u.segments[0].matches[0].score == doctest::Approx(87.5));
      CHECK(u.segments[0].matches[0].origin == "defense.tm");
      CHECK(u.segments[0].matches[0].unit.variants[1].segment.text ==
            "The ROK and the U.S. convened the NCG.");
      CHECK(u.terms == p.terms);
      CHECK(u.notes == p.notes);
      CHECK(tmod::target_text(u) == "The ROK and the U.S. held an NCG meeting. ");
    }
  }

  TEST_CASE("a translator's XLIFF 1.2 is taken back: targets, states, notes") {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "<file original=\"a.txt\" source-language=\"ko-KR\" target-language=\"en-US\" "
        "datatype=\"plaintext\"><body>\n"
        "<group id=\"g\"><trans-unit id=\"1\" approved=\"yes\"><source>국방부는 <g id=\"1\" "
        "ctype=\"bold\">성명</g>을 냈다.</source>"
        "<target state=\"translated\">The ministry issued a <g id=\"1\" ctype=\"bold\">statement"
        "</g>.</target><note from=\"translator\">checked</note></trans-unit></group>\n"
        "<trans-unit id=\"2\"><source>전략자산</source><target state=\"needs-translation\"/>"
        "</trans-unit></body></file></xliff>";
    auto doc = io::read_xliff(xml, "back.xlf");
    CHECK(doc.src_lang.str() == "ko-KR");
    REQUIRE(doc.files.at(0).units.size() == 2);
    const auto& u = doc.files[0].units[0];
    CHECK(u.segments[0].target.text == "The ministry issued a statement.");
    CHECK(u.segments[0].state == tmod::SegmentState::reviewed);
    REQUIRE(u.segments[0].target.codes.size() == 2);
    CHECK(u.segments[0].target.codes[0].type == "bold");
    CHECK(u.notes.at(0).text == "checked");
    CHECK(u.notes.at(0).from == "translator");
    CHECK(doc.files[0].units[1].segments[0].state == tmod::SegmentState::initial);
  }

  TEST_CASE("XLIFF 2.0 with pc, originalData and notes is read") {
    std::string xml =
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ko\" "
        "trgLang=\"en\"><file id=\"f1\"><unit id=\"u1\"><notes><note appliesTo=\"target\">"
        "확인</note></notes><originalData><data id=\"d1\">&lt;i&gt;</data><data id=\"d2\">"
        "&lt;/i&gt;</data></originalData><segment state=\"final\"><source><pc id=\"1\" "
        "dataRefStart=\"d1\" dataRefEnd=\"d2\">확장억제</pc> 강화</source><target>"
        "<pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">extended deterrence</pc> "
        "strengthened</target></segment></unit></file></xliff>";
    auto doc = io::read_xliff(xml, "f.xlf");
    const auto& s = doc.files.at(0).units.at(0).segments.at(0);
    CHECK(s.source.text == "확장억제 강화");
    CHECK(s.state == tmod::SegmentState::final);
    REQUIRE(s.target.codes.size() == 2);
    CHECK(s.target.codes[0].native == "<i>");
    CHECK(s.target.codes[1].offset == 19);
    CHECK(doc.files[0].units[0].notes.at(0).about == tmod::Note::About::target);
  }

  TEST_CASE("an XLIFF of unknown version is an error naming the versions read") {
    std::string xml = "<xliff version=\"3.0\" srcLang=\"ko\"><file id=\"f\"/></xliff>";
    CHECK_THROWS_WITH_AS(io::read_xliff(xml, "x.xlf"),
                         doctest::Contains("unsupported XLIFF version '3.0'"), Error);
  }

  TEST_CASE("XLIFF that is not well-formed is an error with line and column") {
    std::string xml = "<xliff version=\"1.2\">\n<file>\n</xliff>";
    try {
      io::read_xliff(xml, "x.xlf");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 3);
    }
  }

  TEST_CASE("an XLIFF 1.2 file without source-language is an error") {
    std::string xml =
        "<xliff version=\"1.2\"><file original=\"a\" datatype=\"plaintext\"><body/></file></xliff>";
    CHECK_THROWS_WITH_AS(io::read_xliff(xml, "x.xlf"), doctest::Contains("no source-language"),
                         Error);
  }

  TEST_CASE("a TMX given as XLIFF says what it is") {
    CHECK_THROWS_WITH_AS(io::read_xliff("<tmx version=\"1.4\"/>", "x.xlf"),
                         doctest::Contains("TMX"), Error);
  }
}
