// Inline codes through XLIFF: what a tool wrote comes back as it was (elements, attributes,
// nesting, <sub>, the space between codes), codes from TMX survive XLIFF 2, and a segment
// whose pairs were broken is still written as well-formed XLIFF.

#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/tm/document.hpp"

namespace io = termbridge::io;
namespace tmod = termbridge::tm;
using Kind = termbridge::tm::InlineCode::Kind;

namespace {

std::string write(const tmod::Document& doc, io::XliffVersion version) {
  std::ostringstream out;
  io::write_xliff(out, doc, version);
  return out.str();
}

const tmod::Segment& source_of(const tmod::Document& doc, std::size_t unit = 0) {
  return doc.files.at(0).units.at(unit).segments.at(0).source;
}

// A Trados-style XLIFF 1.2 unit: a link in <g> around bold <g>, a line break <x/>, a pair
// of bx/ex tied by rid, a footnote ph with equiv-text and a vendor ctype, a bpt/ept whose
// native code holds a <sub> (a tooltip to translate), an it closing elsewhere, and a space
// between two codes.
const char* kXliff12 = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="briefing.docx" source-language="ko-KR" target-language="en-US" datatype="x-docx">
<body>
<trans-unit id="7">
<source><g id="1" ctype="link" xid="u1">국방부 <g id="2" ctype="bold">정례</g> 브리핑</g><x id="3" ctype="lb"/> <bx id="4" rid="r1" ctype="italic"/>요약<ex id="5" rid="r1"/> <ph id="6" ctype="x-sdl-footnote" equiv-text="[1]">{fn}</ph> <bpt id="7" ctype="x-tooltip">&lt;span title="<sub ctype="x-tip">마우스 설명</sub>"&gt;</bpt>표<ept id="7">&lt;/span&gt;</ept><it id="8" pos="close" ctype="italic">&lt;/i&gt;</it></source>
<target>MND regular briefing</target>
</trans-unit>
</body>
</file>
</xliff>
)";

const char* kXliff21 = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko-KR" trgLang="en-US">
<file id="f1">
<unit id="u1">
<originalData>
<data id="d1">&lt;b&gt;</data>
<data id="d2">&lt;/b&gt;</data>
<data id="d3">{0}</data>
</originalData>
<segment state="translated">
<source><pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b" canOverlap="no">핵협의그룹 <pc id="2" canCopy="no">회의</pc></pc> <ph id="3" dataRef="d3" disp="{count}" equiv="3"/> <sc id="4" isolated="yes" canDelete="no"/>결과</source>
<target><pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b" canOverlap="no">NCG <pc id="2" canCopy="no">meeting</pc></pc> <ph id="3" dataRef="d3" disp="{count}" equiv="3"/> <sc id="4" isolated="yes" canDelete="no"/>results</target>
</segment>
</unit>
</file>
</xliff>
)";

}  // namespace

TEST_SUITE("io.xliff.inline") {
  TEST_CASE("XLIFF 1.2 codes come back as the tool wrote them") {
    auto doc = io::read_xliff(kXliff12, "briefing.xlf");
    const auto& seg = source_of(doc);
    CHECK(seg.text == "국방부 정례 브리핑 요약  표");
    REQUIRE(seg.codes.size() == 11);
    CHECK(seg.codes[0].element == "xlf:g");
    CHECK(seg.codes[0].type == "link");
    CHECK(seg.codes[0].attr("xid") == "u1");
    CHECK(seg.codes[4].element == "xlf:x");
    CHECK(seg.codes[5].element == "xlf:bx");
    CHECK(seg.codes[5].id == "r1");         // paired by rid
    CHECK(seg.codes[5].attr("id") == "4");  // its own id kept
    CHECK(seg.codes[7].attr("equiv-text") == "[1]");
    CHECK(seg.codes[7].type == "x-sdl-footnote");
    REQUIRE(seg.codes[8].subs.size() == 1);
    CHECK(seg.codes[8].subs[0].content.text == "마우스 설명");
    CHECK(seg.codes[8].native == "<span title=\"\">");
    CHECK(seg.codes[10].kind == Kind::isolated);
    CHECK(seg.codes[10].end);

    for (auto version : {io::XliffVersion::v12}) {
      auto again = io::read_xliff(write(doc, version), "again.xlf");
      CHECK(source_of(again) == seg);
    }
    std::string written = write(doc, io::XliffVersion::v12);
    CHECK(written.find("<g id=\"1\" ctype=\"link\" xid=\"u1\">") != std::string::npos);
    CHECK(written.find("<sub ctype=\"x-tip\">마우스 설명</sub>") != std::string::npos);
    CHECK(written.find("<x id=\"3\" ctype=\"lb\"/> <bx") != std::string::npos);
  }

  TEST_CASE("XLIFF 2 codes come back as the tool wrote them") {
    auto doc = io::read_xliff(kXliff21, "job.xlf");
    const auto& seg = source_of(doc);
    CHECK(seg.text == "핵협의그룹 회의  결과");
    REQUIRE(seg.codes.size() == 6);
    CHECK(seg.codes[0].element == "xlf2:pc");
    CHECK(seg.codes[0].native == "<b>");
    CHECK(seg.codes[0].attr("canOverlap") == "no");
    CHECK(seg.codes[3].element == "xlf2:pc");
    CHECK(seg.codes[3].native == "</b>");
    CHECK(seg.codes[4].attr("disp") == "{count}");
    CHECK(seg.codes[5].kind == Kind::isolated);
    auto again = io::read_xliff(write(doc, io::XliffVersion::v21), "again.xlf");
    CHECK(source_of(again) == seg);
    CHECK(again.files[0].units[0].segments[0].target == doc.files[0].units[0].segments[0].target);
  }

  TEST_CASE("TMX codes survive XLIFF 2 with their element and attributes") {
    const char* tmx = R"(<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" datatype="html"/><body>
<tu><tuv xml:lang="ko"><seg><hi x="1" type="b">확장억제</hi> <bpt i="1" x="2" type="link">&lt;a&gt;</bpt>강화<ept i="1">&lt;/a&gt;</ept> <ut x="3">{br}</ut><ph x="4" assoc="f" type="">{1}</ph></seg></tuv>
<tuv xml:lang="en"><seg><hi x="1" type="b">Extended deterrence</hi> <bpt i="1" x="2" type="link">&lt;a&gt;</bpt>strengthened<ept i="1">&lt;/a&gt;</ept> <ut x="3">{br}</ut><ph x="4" assoc="f" type="">{1}</ph></seg></tuv>
</tu></body></tmx>)";
    std::istringstream in(tmx);
    std::vector<tmod::TranslationUnit> units;
    io::read_tmx(in, "t.tmx", [&](tmod::TranslationUnit&& u) { units.push_back(std::move(u)); });
    REQUIRE(units.size() == 1);
    auto doc =
        tmod::from_translation_units(units, units[0].variants[0].lang, units[0].variants[1].lang);
    auto back = tmod::to_translation_units(io::read_xliff(write(doc, io::XliffVersion::v21), "x"));
    REQUIRE(back.size() == 1);
    CHECK(back[0].variants[0].segment == units[0].variants[0].segment);
    CHECK(back[0].variants[1].segment == units[0].variants[1].segment);
    CHECK(back[0].variants[0].segment.codes[4].element == "tmx:ut");
    CHECK(back[0].variants[0].segment.codes[2].attr("x") == "2");
  }

  TEST_CASE("another vocabulary's element named like a code is no code; its text stays") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
<file original="a.docx" source-language="ko" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>국방부 <mq:ph>정례</mq:ph> 브리핑 <ph id="1">{0}</ph></source></trans-unit>
</body></file></xliff>
)";
    auto doc = io::read_xliff(xml, "a.mqxliff");
    const auto& seg = source_of(doc);
    CHECK(seg.text == "국방부 정례 브리핑 ");
    REQUIRE(seg.codes.size() == 1);
    CHECK(seg.codes[0].element == "xlf:ph");
  }

  TEST_CASE("a <sub> travels through XLIFF 2 in tb:subs; a tb:subs that does not fit is ignored") {
    const char* tmx = R"(<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" datatype="html"/><body>
<tu><tuv xml:lang="ko"><seg>로고 <ph x="1">&lt;img alt="<sub type="alt">국방부 %로고</sub>"/&gt;</ph></seg></tuv>
<tuv xml:lang="en"><seg>Logo <ph x="1">&lt;img alt="<sub type="alt">MND logo</sub>"/&gt;</ph></seg></tuv>
</tu></body></tmx>)";
    std::istringstream in(tmx);
    std::vector<tmod::TranslationUnit> units;
    io::read_tmx(in, "t.tmx", [&](tmod::TranslationUnit&& u) { units.push_back(std::move(u)); });
    REQUIRE(units.size() == 1);
    auto doc =
        tmod::from_translation_units(units, units[0].variants[0].lang, units[0].variants[1].lang);
    std::string xliff = write(doc, io::XliffVersion::v21);
    auto back = tmod::to_translation_units(io::read_xliff(xliff, "x"));
    REQUIRE(back.size() == 1);
    CHECK(back[0].variants[0].segment == units[0].variants[0].segment);
    CHECK(back[0].variants[0].segment.codes[0].subs.at(0).content.text == "국방부 %로고");

    // A tb:subs that points past the data (edited by hand, or by another tool): the code's
    // data stays as it is, nothing is cut.
    auto at = xliff.find("tb:subs=\"");
    REQUIRE(at != std::string::npos);
    auto end = xliff.find('"', at + 9);
    std::string bad = xliff.substr(0, at + 9) + "5 999 type=alt" + xliff.substr(end);
    auto odd = tmod::to_translation_units(io::read_xliff(bad, "x"));
    REQUIRE(odd.size() == 1);
    const auto& code = odd[0].variants[0].segment.codes[0];
    CHECK(code.subs.empty());
    CHECK(code.native == "<img alt=\"국방부 %로고\"/>");

    // Offsets inside a character (byte 11 is in 국), or a length that wraps around, are
    // ignored too: cutting there would write invalid UTF-8.
    for (const char* spec : {"11 3 type=alt", "10 4 type=alt", "10 18446744073709551615"}) {
      std::string cut = xliff.substr(0, at + 9) + spec + xliff.substr(end);
      auto cut_units = tmod::to_translation_units(io::read_xliff(cut, "x"));
      REQUIRE(cut_units.size() == 1);
      CHECK(cut_units[0].variants[0].segment.codes[0].subs.empty());
      CHECK(cut_units[0].variants[0].segment.codes[0].native == "<img alt=\"국방부 %로고\"/>");
    }
  }

  TEST_CASE("an unknown attribute with a dot in its name survives XLIFF 2 twice") {
    // Kept as tb:d.taRef, read back as d:taRef: it must be written again, not dropped.
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en">
<file id="f1"><unit id="u1"><originalData><data id="d1">&lt;b&gt;</data></originalData>
<segment id="s1"><source><sc id="1" dataRef="d1"/>회의<ec startRef="1" d.taRef="x"/></source></segment>
</unit></file></xliff>
)";
    std::string once = write(io::read_xliff(xml, "a.xlf"), io::XliffVersion::v21);
    CHECK(once.find("tb:d.taRef=\"x\"") != std::string::npos);
    std::string twice = write(io::read_xliff(once, "b.xlf"), io::XliffVersion::v21);
    CHECK(twice == once);
  }

  TEST_CASE("a half pair is isolated in XLIFF 2; a code's own 'type' stays an attribute") {
    // memoQ-style 1.2: a bpt and an ept that do not pair (ids 1c and 1), the bpt with a
    // 'type' attribute of its own (1.2 says ctype).
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="b.docx" source-language="ko-KR" target-language="en-US" datatype="x-docx"><body>
<trans-unit id="2"><source><bpt id="1c" type="x-mq-image">{}</bpt>사진<ept id="1">{}</ept></source>
<target><bpt id="1" ctype="x-mq-image">{}</bpt>photo<ept id="1">{}</ept></target></trans-unit>
</body></file></xliff>
)";
    for (auto version : {io::XliffVersion::v20, io::XliffVersion::v21}) {
      std::string once = write(io::read_xliff(xml, "b.xlf"), version);
      CHECK(once.find("<sc id=\"1c\" isolated=\"yes\"") != std::string::npos);
      CHECK(once.find("<ec id=\"1\" isolated=\"yes\"") != std::string::npos);
      CHECK(once.find("tb:_type=\"x-mq-image\"") != std::string::npos);
      CHECK(once.find("<ec startRef=\"1\"") != std::string::npos);  // the target's pair
      auto doc = io::read_xliff(once, "again.xlf");
      const auto& codes = source_of(doc).codes;
      REQUIRE(codes.size() == 2);
      CHECK(codes[0].attrs.size() == 1);
      CHECK(codes[0].attrs[0].type == "type");
      CHECK(write(doc, version) == once);
    }
  }

  TEST_CASE("a code's unknown attribute before a core one is written the same twice") {
    // Reading gives the core attributes first, then those kept in tb: (datgRef).
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en">
<file id="f1"><unit id="u1">
<segment id="s1"><source>회의 <ph id="3" datgRef="d5" type="image"/></source></segment>
</unit></file></xliff>
)";
    std::string once = write(io::read_xliff(xml, "a.xlf"), io::XliffVersion::v21);
    CHECK(once.find("type=\"image\" tb:datgRef=\"d5\"") != std::string::npos);
    CHECK(write(io::read_xliff(once, "b.xlf"), io::XliffVersion::v21) == once);
  }

  TEST_CASE("segments with one id in a unit keep their own targets through XLIFF 1.2") {
    // XLIFF 2 matches nothing by segment id; 1.2 matches targets to sources by mid.
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en">
<file id="f1"><unit id="u1">
<segment id="s1" state="translated"><source>회의.</source><target>Meeting.</target></segment>
<segment id="s1" state="translated"><source>결과.</source><target>Result.</target></segment>
</unit></file></xliff>
)";
    auto doc = io::read_xliff(xml, "a.xlf");
    auto back = io::read_xliff(write(doc, io::XliffVersion::v12), "b.xlf");
    const auto& segs = back.files.at(0).units.at(0).segments;
    REQUIRE(segs.size() == 2);
    CHECK(segs[0].target.text == "Meeting.");
    CHECK(segs[1].target.text == "Result.");
  }

  TEST_CASE("a segmented unit's joined <source> gives its codes the ids of their <mrk>") {
    // The <sc> without id gets a fresh one when written; the <source> is not read when a
    // <seg-source> is there, so it must say what the <mrk> says, or a second round differs.
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en">
<file id="f1"><unit id="u1">
<segment id="s1"><source>회의 <ph id="1"/></source></segment>
<segment id="s2"><source>발사 <sc type="fmt"/>규탄</source></segment>
</unit></file></xliff>
)";
    std::string once = write(io::read_xliff(xml, "a.xlf"), io::XliffVersion::v12);
    CHECK(once.find(
              "<source>회의 <x id=\"1\"/> 발사 <bx id=\"1\" ctype=\"x-tb-fmt\"/>규탄</source>") !=
          std::string::npos);
    CHECK(write(io::read_xliff(once, "b.xlf"), io::XliffVersion::v12) == once);
  }

  TEST_CASE("a <cp> for NUL, or without hex, puts no NUL into the text") {
    const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="en">
<file id="f1"><unit id="u1">
<segment id="s1"><source>발사<cp hex="0000"/> 규탄<cp id="7"/><cp hex="1B"/></source></segment>
</unit></file></xliff>
)";
    CHECK(source_of(io::read_xliff(xml, "a.xlf")).text == "발사 규탄\x1B");
  }

  TEST_CASE("broken pairs are written standalone, so the output stays well-formed") {
    auto doc = io::read_xliff(kXliff12, "briefing.xlf");
    auto& codes = doc.files[0].units[0].segments[0].source.codes;
    codes.erase(codes.begin() + 3);  // the </g> of the outer link: <g id="2"> still nests
    std::string written = write(doc, io::XliffVersion::v12);
    auto again = io::read_xliff(written, "again.xlf");
    CHECK(source_of(again).text == source_of(doc).text);
    CHECK(written.find("<bx id=\"1\" ctype=\"link\"/>") != std::string::npos);
    CHECK(written.find("<g id=\"2\" ctype=\"bold\">정례</g>") != std::string::npos);
    auto doc2 = io::read_xliff(kXliff21, "job.xlf");
    auto& c2 = doc2.files[0].units[0].segments[0].source.codes;
    c2.erase(c2.begin());  // the start of the outer <pc>
    auto again2 = io::read_xliff(write(doc2, io::XliffVersion::v21), "again.xlf");
    CHECK(source_of(again2).text == source_of(doc2).text);
  }
}
