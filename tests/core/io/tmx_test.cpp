#include "termbridge/io/tmx.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace io = termbridge::io;
namespace tmod = termbridge::tm;
using termbridge::Diagnostics;
using termbridge::Error;
using termbridge::LangTag;
using termbridge::OnBadEntry;

namespace {

std::vector<tmod::TranslationUnit> read_all(const std::string& xml, io::TmxReadOptions o = {},
                                            io::TmxHeader* header = nullptr) {
  std::istringstream in(xml);
  std::vector<tmod::TranslationUnit> units;
  auto h = io::read_tmx(
      in, "t.tmx", [&](tmod::TranslationUnit&& u) { units.push_back(std::move(u)); }, o);
  if (header != nullptr) {
    *header = h;
  }
  return units;
}

const char* kHead =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"x\" "
    "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"ko\" "
    "datatype=\"plaintext\"/>\n<body>\n";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Reads, writes and reads again; returns both readings and the written text.
struct RoundTrip {
  io::TmxHeader header;
  std::vector<tmod::TranslationUnit> first, second;
  std::string written;
};

RoundTrip round_trip(const std::string& xml) {
  RoundTrip rt;
  rt.first = read_all(xml, {}, &rt.header);
  std::ostringstream out;
  io::TmxWriter w(out, rt.header);
  for (const auto& u : rt.first) {
    w.write(u);
  }
  w.finish();
  rt.written = out.str();
  io::TmxHeader h2;
  rt.second = read_all(rt.written, {}, &h2);
  return rt;
}

}  // namespace

TEST_SUITE("io.tmx.lossless") {
  // A file in the way Okapi and Trados write TMX: <hi> around text and codes, <sub> inside
  // native code, x/assoc/type attributes, tu and tuv dates, ids and usage counts, four
  // languages, a unit whose srclang differs from the header's, runs of spaces.
  const std::string kFixture = std::string(TB_TEST_DATA) + "/interchange/trilateral-codes.tmx";

  TEST_CASE("TMX -> TMX keeps units, languages, codes with their attributes, metadata") {
    auto rt = round_trip(read_file(kFixture));
    REQUIRE(rt.first.size() == 3);
    REQUIRE(rt.second.size() == rt.first.size());
    for (std::size_t i = 0; i < rt.first.size(); ++i) {
      const auto& a = rt.first[i];
      const auto& b = rt.second[i];
      CHECK(a.id == b.id);
      CHECK(a.creation_date == b.creation_date);
      CHECK(a.change_date == b.change_date);
      CHECK(a.attrs == b.attrs);
      CHECK(a.props == b.props);
      CHECK(a.notes == b.notes);
      REQUIRE(a.variants.size() == b.variants.size());
      for (std::size_t j = 0; j < a.variants.size(); ++j) {
        CHECK(a.variants[j].lang == b.variants[j].lang);
        CHECK(a.variants[j].segment == b.variants[j].segment);
        CHECK(a.variants[j].attrs == b.variants[j].attrs);
        CHECK(a.variants[j].props == b.variants[j].props);
      }
    }
    CHECK(rt.header.attrs ==
          std::vector<tmod::Prop>{{"o-encoding", "UTF-8"}, {"changeid", "desk-2"}});
    CHECK(rt.written.find("o-encoding=\"UTF-8\"") != std::string::npos);
  }

  TEST_CASE("what a unit holds, as read") {
    auto units = read_all(read_file(kFixture));
    const auto& u = units[0];
    CHECK(u.variants.size() == 4);
    CHECK(u.attrs == std::vector<tmod::Prop>{{"usagecount", "3"},
                                             {"lastusagedate", "20251201T080000Z"},
                                             {"datatype", "html"}});
    const auto& ko = u.variants[0];
    CHECK(ko.attrs[0] == tmod::Prop{"creationdate", "20251120T010203Z"});
    CHECK(ko.attrs[3] == tmod::Prop{"changeid", "lee"});
    CHECK(ko.segment.text == "한미일 3국 국방장관 회의 ");
    REQUIRE(ko.segment.codes.size() == 5);
    const auto& hi = ko.segment.codes[0];
    CHECK(hi.element == "tmx:hi");
    CHECK(hi.kind == tmod::InlineCode::Kind::open);
    CHECK(hi.id == "1");
    CHECK(hi.type == "b");
    const auto& bpt = ko.segment.codes[1];
    CHECK(bpt.element == "tmx:bpt");
    CHECK(bpt.attr("x") == "2");
    CHECK(bpt.native == "<a href=\"https://www.mnd.go.kr\">");
    CHECK(ko.segment.codes[3].element == "tmx:hi");
    CHECK(ko.segment.codes[3].kind == tmod::InlineCode::Kind::close);
    const auto& ph = ko.segment.codes[4];
    CHECK(ph.attr("assoc") == "p");
    CHECK(ph.native == "<img alt=\"\" src=\"mnd.png\"/>");
    REQUIRE(ph.subs.size() == 1);
    CHECK(ph.subs[0].offset == 10);
    CHECK(ph.subs[0].content.text == "국방부 로고");
    // The unit's own srclang puts its English first.
    CHECK(units[1].variants[0].lang.str() == "en-US");
    CHECK(units[1].variants[0].segment.codes[1].element == "tmx:ut");
    CHECK(units[2].variants[0].segment.text == "  세 장관은   정보 공유를 강화하기로 했다.  ");
  }

  TEST_CASE("a <hi> whose other half was lost is written as <it>, never as broken XML") {
    auto units = read_all(read_file(kFixture));
    auto u = units[0];
    auto& codes = u.variants[0].segment.codes;
    codes.erase(codes.begin() + 3);  // the </hi>
    auto& en = u.variants[1].segment.codes;
    en.erase(en.begin());  // the <hi>
    std::ostringstream out;
    io::TmxHeader h;
    h.src_lang = "ko-KR";
    io::TmxWriter w(out, h);
    w.write(u);
    w.finish();
    auto back = read_all(out.str());
    REQUIRE(back.size() == 1);
    CHECK(out.str().find("<it pos=\"begin\" x=\"1\" type=\"b\">") != std::string::npos);
    CHECK(out.str().find("<it pos=\"end\" x=\"1\" type=\"b\">") != std::string::npos);
    CHECK(back[0].variants[0].segment.text == units[0].variants[0].segment.text);
  }

  TEST_CASE("Trados srclang EN-GB over EN-US units: EN-US is the source, said once") {
    std::string xml =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header creationtool=\"TW4Win\" "
        "creationtoolversion=\"8\" segtype=\"sentence\" o-tmf=\"TW4Win 2.0 Format\" "
        "adminlang=\"EN-US\" srclang=\"EN-GB\" datatype=\"rtf\"/><body>"
        "<tu><tuv xml:lang=\"DE-DE\"><seg>Verteidigung</seg></tuv>"
        "<tuv xml:lang=\"EN-US\"><seg>Defense</seg></tuv></tu>"
        "<tu><tuv xml:lang=\"EN-US\"><seg>Alliance</seg></tuv>"
        "<tuv xml:lang=\"DE-DE\"><seg>Bündnis</seg></tuv></tu></body></tmx>";
    Diagnostics diags;
    io::TmxReadOptions o;
    o.diagnostics = &diags;
    auto units = read_all(xml, o);
    REQUIRE(units.size() == 2);
    CHECK(units[0].variants[0].lang.str() == "en-US");
    CHECK(units[1].variants[0].lang.str() == "en-US");
    CHECK(diags.items().size() == 1);
    auto rt = round_trip(xml);
    CHECK(rt.written.find("xml:lang=\"EN-US\"") != std::string::npos);
    CHECK(rt.written.find("xml:lang=\"EN-GB\"") == std::string::npos);
  }
}

TEST_SUITE("io.tmx") {
  TEST_CASE("a TMX 1.4 file is read unit by unit with header, props and notes") {
    std::string xml = std::string(kHead) +
                      "<tu tuid=\"7\" creationdate=\"20251211T093000Z\"><prop type=\"x-document\">"
                      "ncg.ko.txt</prop><note>정렬 점수 0.93</note>"
                      "<tuv xml:lang=\"en\"><seg>The NCG met in Washington.</seg></tuv>"
                      "<tuv xml:lang=\"ko\"><seg>핵협의그룹이 워싱턴에서 열렸다.</seg></tuv></tu>\n"
                      "</body></tmx>";
    io::TmxHeader h;
    auto units = read_all(xml, {}, &h);
    REQUIRE(units.size() == 1);
    CHECK(h.src_lang == "ko");
    CHECK(h.creation_tool == "x");
    CHECK(units[0].id == "7");
    CHECK(units[0].creation_date == "20251211T093000Z");
    CHECK(units[0].props == std::vector<tmod::Prop>{{"x-document", "ncg.ko.txt"}});
    CHECK(units[0].notes == std::vector<std::string>{"정렬 점수 0.93"});
    // The source variant comes first although the file lists English first.
    CHECK(units[0].variants[0].lang.str() == "ko");
    CHECK(units[0].variants[0].segment.text == "핵협의그룹이 워싱턴에서 열렸다.");
    CHECK(units[0].variants[1].segment.text == "The NCG met in Washington.");
  }

  TEST_CASE("TMX 1.1 lang attributes in any case, srclang *all* and three languages") {
    std::string xml =
        "<tmx version=\"1.1\"><header srclang=\"*all*\" creationtool=\"OmegaT\"/><body>"
        "<tu><tuv lang=\"KO-KR\"><seg>국방부</seg></tuv><tuv lang=\"EN-us\"><seg>Ministry of "
        "National Defense</seg></tuv><tuv xml:lang=\"ja\"><seg>国防部</seg></tuv></tu>"
        "</body></tmx>";
    auto units = read_all(xml);
    REQUIRE(units.size() == 1);
    REQUIRE(units[0].variants.size() == 3);
    CHECK(units[0].variants[0].lang.str() == "ko-KR");
    CHECK(units[0].variants[1].lang.str() == "en-US");
    CHECK(units[0].variants[2].segment.text == "国防部");
  }

  TEST_CASE("inline codes are kept with their offsets, or stripped on request") {
    std::string xml =
        std::string(kHead) +
        "<tu><tuv xml:lang=\"ko\"><seg>제<bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>55"
        "<ept i=\"1\">&lt;/b&gt;</ept>차 <ph x=\"2\">{1}</ph>회의 <hi x=\"3\">중요</hi>"
        "<it pos=\"end\" x=\"4\">&lt;/i&gt;</it></seg></tuv>"
        "<tuv xml:lang=\"en\"><seg>The 55th meeting</seg></tuv></tu></body></tmx>";
    auto units = read_all(xml);
    const auto& seg = units.at(0).variants.at(0).segment;
    CHECK(seg.text == "제55차 회의 중요");
    REQUIRE(seg.codes.size() == 6);
    CHECK(seg.codes[0].kind == tmod::InlineCode::Kind::open);
    CHECK(seg.codes[0].offset == 3);
    CHECK(seg.codes[0].native == "<b>");
    CHECK(seg.codes[0].type == "bold");
    CHECK(seg.codes[1].kind == tmod::InlineCode::Kind::close);
    CHECK(seg.codes[1].offset == 5);
    CHECK(seg.codes[2].kind == tmod::InlineCode::Kind::placeholder);
    CHECK(seg.codes[2].native == "{1}");
    CHECK(seg.codes[3].element == "tmx:hi");
    CHECK(seg.codes[5].kind == tmod::InlineCode::Kind::isolated);
    CHECK(seg.codes[5].end);

    io::TmxReadOptions strip;
    strip.keep_inline_codes = false;
    auto plain = read_all(xml, strip);
    CHECK(plain.at(0).variants.at(0).segment.text == "제55차 회의 중요");
    CHECK(plain.at(0).variants.at(0).segment.codes.empty());
  }

  TEST_CASE("written TMX reads back the same, source first with the srclang tag") {
    tmod::TranslationUnit u;
    u.id = "ncg-1";
    u.change_date = "20260101T000000Z";
    u.notes = {"검토 필요"};
    u.props = {{"x-align-score", "0.93"}};
    u.variants.push_back({LangTag::parse("en"), {"The <NCG> & SCM met.", {}}, {}, {}, {}});
    tmod::Segment ko{"핵협의그룹과 안보협의회의가 열렸다.", {}};
    ko.codes.push_back({0, tmod::InlineCode::Kind::open, "1", "bold", "<b>", false, {}, {}, {}});
    ko.codes.push_back({15, tmod::InlineCode::Kind::close, "1", "", "</b>", false, {}, {}, {}});
    u.variants.push_back({LangTag::parse("ko-KR"), ko, {}, {"원문"}, {}});
    std::ostringstream out;
    io::TmxHeader h;
    h.src_lang = "ko-KR";
    io::TmxWriter w(out, h);
    w.write(u);
    w.finish();
    const std::string xml = out.str();
    CHECK(xml.find("creationtool=\"termbridge\"") != std::string::npos);
    CHECK(xml.find("<tuv xml:lang=\"ko-KR\">") < xml.find("<tuv xml:lang=\"en\">"));
    auto back = read_all(xml);
    REQUIRE(back.size() == 1);
    CHECK(back[0].id == "ncg-1");
    CHECK(back[0].change_date == "20260101T000000Z");
    CHECK(back[0].notes == u.notes);
    CHECK(back[0].props == u.props);
    auto expected = ko;
    expected.codes[0].element = "tmx:bpt";  // read back as the elements they were written as
    expected.codes[1].element = "tmx:ept";
    CHECK(back[0].variants[0].segment == expected);
    CHECK(back[0].variants[0].notes == std::vector<std::string>{"원문"});
    CHECK(back[0].variants[1].segment.text == "The <NCG> & SCM met.");
  }

  TEST_CASE("the writer refuses a unit without the source language") {
    std::ostringstream out;
    io::TmxHeader h;
    h.src_lang = "ko";
    io::TmxWriter w(out, h);
    tmod::TranslationUnit u;
    u.variants.push_back({LangTag::parse("en"), {"Defense", {}}, {}, {}, {}});
    u.variants.push_back({LangTag::parse("ja"), {"国防", {}}, {}, {}, {}});
    CHECK_THROWS_AS(w.write(u), Error);
  }

  TEST_CASE("a TMX writer needs a srclang") {
    std::ostringstream out;
    CHECK_THROWS_AS(io::TmxWriter(out, io::TmxHeader{}), Error);
  }

  TEST_CASE("UTF-16 TMX with a byte-order mark is read") {
    std::string utf8 =
        std::string(kHead) +
        "<tu><tuv xml:lang=\"ko\"><seg>핵</seg></tuv><tuv xml:lang=\"en\"><seg>nuclear"
        "</seg></tuv></tu></body></tmx>";
    std::string utf16 = "\xFF\xFE";
    // The markup is ASCII; 핵 is U+D575.
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      if (utf8.compare(i, 3, "핵") == 0) {
        utf16 += std::string("\x75\xD5", 2);
        i += 2;
      } else {
        utf16 += utf8[i];
        utf16 += '\0';
      }
    }
    auto units = read_all(utf16);
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].segment.text == "핵");
  }
}

TEST_SUITE("io.tmx.bad") {
  TEST_CASE("XML that is not well-formed is an error with line and column") {
    std::string xml =
        std::string(kHead) + "<tu><tuv xml:lang=\"ko\"><seg>국방</sge></tuv></tu></body></tmx>";
    try {
      read_all(xml);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 5);
      CHECK(e.where().column == 33);
      CHECK(std::string(e.what()).find("not well-formed") != std::string::npos);
    }
  }

  TEST_CASE("billion laughs: entities are never expanded") {
    std::string xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY lol \"lol\">\n"
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        "<!ENTITY lol9 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
        "<tmx version=\"1.4\"><header srclang=\"ko\"/><body><tu><tuv xml:lang=\"ko\"><seg>&lol9;"
        "</seg></tuv><tuv xml:lang=\"en\"><seg>laugh</seg></tuv></tu></body></tmx>";
    auto units = read_all(xml);
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].segment.text.size() < 10);
  }

  TEST_CASE("a header without srclang is a warning, or an error when required") {
    std::string xml =
        "<tmx version=\"1.4\"><header creationtool=\"x\"/><body><tu><tuv xml:lang=\"ko\"><seg>"
        "국방</seg></tuv><tuv xml:lang=\"en\"><seg>defense</seg></tuv></tu></body></tmx>";
    Diagnostics d;
    io::TmxReadOptions o;
    o.diagnostics = &d;
    CHECK(read_all(xml, o).size() == 1);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.find("no srclang") != std::string::npos);
    o.require_src_lang = true;
    CHECK_THROWS_WITH_AS(read_all(xml, o), doctest::Contains("no srclang"), Error);
  }

  TEST_CASE("a tu with one tuv is a bad entry") {
    std::string xml = std::string(kHead) +
                      "<tu tuid=\"3\"><tuv xml:lang=\"ko\"><seg>국방</seg></tuv></tu></body></tmx>";
    CHECK_THROWS_WITH_AS(read_all(xml), doctest::Contains("has 1 <tuv>"), Error);
    Diagnostics d;
    io::TmxReadOptions o;
    o.on_bad_entry = OnBadEntry::warn;
    o.diagnostics = &d;
    CHECK(read_all(xml, o).empty());
    CHECK(d.items().size() == 1);
  }

  TEST_CASE("mixed-up language tags: a unit without the srclang, a malformed tag") {
    std::string missing = std::string(kHead) +
                          "<tu><tuv xml:lang=\"en\"><seg>defense</seg></tuv><tuv xml:lang=\"ja\">"
                          "<seg>国防</seg></tuv></tu></body></tmx>";
    CHECK_THROWS_WITH_AS(read_all(missing), doctest::Contains("no <tuv> in the source language"),
                         Error);
    std::string malformed = std::string(kHead) +
                            "<tu><tuv xml:lang=\"ko\"><seg>국방</seg></tuv><tuv xml:lang=\"en US\">"
                            "<seg>defense</seg></tuv></tu></body></tmx>";
    CHECK_THROWS_WITH_AS(read_all(malformed), doctest::Contains("bad language tag 'en US'"), Error);
  }

  TEST_CASE("an XLIFF file given as TMX says what it is") {
    CHECK_THROWS_WITH_AS(read_all("<xliff version=\"1.2\"/>"), doctest::Contains("XLIFF"), Error);
  }

  TEST_CASE("a file cut short names the unclosed element") {
    std::string xml = std::string(kHead) + "<tu><tuv xml:lang=\"ko\"><seg>국방";
    CHECK_THROWS_WITH_AS(read_all(xml), doctest::Contains("<tu> is not closed"), Error);
  }
}
