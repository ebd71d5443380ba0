// XLIFF as tools write it: namespaces and prefixes, versions 1.0-2.2, several language pairs,
// missing ids, units of bare tags, blank targets, targets without segment markers, and the
// states the writers give units with untranslated segments.

#include "termbridge/io/xliff.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/validate.hpp"
#include "termbridge/job/pretranslate.hpp"
#include "termbridge/tm/document.hpp"

namespace io = termbridge::io;
namespace tmod = termbridge::tm;
using termbridge::Diagnostics;
using termbridge::Error;
using termbridge::LangTag;
using termbridge::OnBadEntry;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TB_TEST_DATA) + "/xliff/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads leniently, as convert and merge do, collecting what the reader says.
tmod::Document read(const std::string& xml, Diagnostics& diags,
                    io::XliffVersion* version = nullptr) {
  io::XliffReadOptions options;
  options.diagnostics = &diags;
  return io::read_xliff(xml, "job.xlf", options, version);
}

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) {
    out += d.where.to_string() + ": " + d.message + "\n";
  }
  return out;
}

std::string write(const tmod::Document& doc, io::XliffVersion v) {
  std::ostringstream out;
  io::write_xliff(out, doc, v);
  return out.str();
}

}  // namespace

TEST_SUITE("io.xliff") {
  TEST_CASE("XLIFF 2.2 from XTM is read; its XLIFF 1.2 alt-trans elements are ignored") {
    Diagnostics diags;
    io::XliffVersion version;
    auto doc = read(fixture("xtm-ncg-2.2.xlf"), diags, &version);
    CHECK(version == io::XliffVersion::v22);
    CHECK(io::xliff_version_name(version) == "2.2");
    CHECK(doc.src_lang.str() == "ko-KR");
    CHECK(doc.tgt_lang.str() == "en-US");
    REQUIRE(doc.files.size() == 1);
    REQUIRE(doc.files[0].units.size() == 2);
    const auto& t1 = doc.files[0].units[0];
    REQUIRE(t1.segments.size() == 1);
    CHECK(t1.segments[0].source.text == "한미 핵협의그룹 제6차 회의 개최");
    CHECK(t1.segments[0].target.text ==
          "ROK and U.S. hold sixth Nuclear Consultative Group meeting");
    CHECK(t1.segments[0].state == tmod::SegmentState::translated);
    // The alt-trans is in another namespace: no match, and its <source> is not the unit's.
    CHECK(t1.segments[0].matches.empty());
    // Metadata nested three groups deep.
    REQUIRE(t1.props.size() == 2);
    CHECK(t1.props[0].type == "value");
    CHECK(t1.props[0].value == "88");
    CHECK(doc.files[0].units[1].segments[0].target.empty());
    CHECK(diags.empty());
  }

  TEST_CASE("XLIFF 2.2 is read but never written") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko");
    CHECK_THROWS_WITH_AS(write(doc, io::XliffVersion::v22), doctest::Contains("write 2.1"), Error);
  }

  TEST_CASE("elements are matched by namespace, whatever prefix the tool gave them") {
    // As JAXB-based tools write it: every XLIFF element with a prefix, and a tool's own
    // <note> in its own namespace beside XLIFF's.
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xlf:xliff xmlns:xlf=\"urn:oasis:names:tc:xliff:document:1.2\" "
        "xmlns:cms=\"urn:example:newsroom-cms\" version=\"1.2\">\n"
        "<xlf:file original=\"press-0415.html\" source-language=\"ko\" target-language=\"en\" "
        "datatype=\"html\"><xlf:body>\n"
        "<xlf:trans-unit id=\"title\"><xlf:source>국방부 보도자료</xlf:source>"
        "<xlf:target state=\"translated\">MND press release</xlf:target>"
        "<cms:note>편집국 확인 필요</cms:note>"
        "<xlf:note from=\"editor\">headline</xlf:note></xlf:trans-unit>\n"
        "<xlf:trans-unit id=\"lead\"><xlf:source>국방부는 15일 성명을 냈다.</xlf:source>"
        "<xlf:target state=\"bogus\">The ministry issued a statement on the 15th.</xlf:target>"
        "</xlf:trans-unit>\n"
        "</xlf:body></xlf:file></xlf:xliff>\n";
    Diagnostics diags;
    io::XliffVersion version;
    auto doc = read(xml, diags, &version);
    CHECK(version == io::XliffVersion::v12);
    REQUIRE(doc.files.size() == 1);
    REQUIRE(doc.files[0].units.size() == 2);
    const auto& u = doc.files[0].units[0];
    CHECK(u.segments[0].target.text == "MND press release");
    CHECK(u.segments[0].state == tmod::SegmentState::translated);
    REQUIRE(u.notes.size() == 1);
    CHECK(u.notes[0].text == "headline");
    // A prefixed element still gets its own line and column.
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.line == 5);
    CHECK(diags.items()[0].where.column == 68);
    CHECK(diags.items()[0].message.find("<target state='bogus'> is not an XLIFF 1.2 state") !=
          std::string::npos);
  }

  TEST_CASE("XLIFF 1.0 and 1.1, with or without version and namespace, are read as 1.x") {
    const std::string body =
        "<file original=\"briefing.txt\" source-language=\"ko\" target-language=\"en\" "
        "datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>합참 발표</source>"
        "<target>JCS announcement</target></trans-unit></body></file></xliff>";
    for (const std::string head :
         {"<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" "
          "\"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd\">\n<xliff "
          "version=\"1.0\">",
          "<xliff version=\"1.1\" xmlns=\"urn:oasis:names:tc:xliff:document:1.1\">", "<xliff>",
          "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"}) {
      CAPTURE(head);
      Diagnostics diags;
      io::XliffVersion version = io::XliffVersion::v21;
      auto doc = read(head + body, diags, &version);
      CHECK(version == io::XliffVersion::v12);
      REQUIRE(doc.files.size() == 1);
      REQUIRE(doc.files[0].units.size() == 1);
      CHECK(doc.files[0].units[0].segments[0].target.text == "JCS announcement");
      CHECK(doc.files[0].units[0].segments[0].state == tmod::SegmentState::translated);
    }
    // No version, XLIFF 2 namespace: 2.0.
    Diagnostics diags;
    io::XliffVersion version = io::XliffVersion::v12;
    read(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"ko\"><file id=\"f\">"
        "<unit id=\"u\"><segment><source>합참</source></segment></unit></file></xliff>",
        diags, &version);
    CHECK(version == io::XliffVersion::v20);
  }

  TEST_CASE("files in different language pairs are all read, and one pair can be kept") {
    // A localization kit of one briefing: Korean into English and Japanese, and the English
    // summary into Korean.
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "<file original=\"briefing.ko.txt\" source-language=\"ko-KR\" target-language=\"en-US\" "
        "datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>국방부 정례브리핑</source>"
        "<target>MND regular briefing</target></trans-unit></body></file>\n"
        "<file original=\"briefing.ko.txt\" source-language=\"ko-KR\" target-language=\"ja-JP\" "
        "datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>국방부 정례브리핑</source>"
        "<target>国防部定例ブリーフィング</target></trans-unit></body></file>\n"
        "<file original=\"summary.en.txt\" source-language=\"en-US\" target-language=\"ko-KR\" "
        "datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>Summary</source>"
        "<target>요약</target></trans-unit></body></file>\n"
        "</xliff>\n";
    Diagnostics diags;
    auto doc = read(xml, diags);
    REQUIRE(doc.files.size() == 3);
    CHECK(doc.src_lang.str() == "ko-KR");
    CHECK(doc.tgt_lang.str() == "en-US");
    CHECK(tmod::target_lang(doc, doc.files[0]).str() == "en-US");
    CHECK(tmod::target_lang(doc, doc.files[1]).str() == "ja-JP");
    CHECK(tmod::source_lang(doc, doc.files[2]).str() == "en-US");
    CHECK(tmod::target_lang(doc, doc.files[2]).str() == "ko-KR");
    // TMX units carry each file's own pair; the same unit (id and source) from the files
    // into English and Japanese is one unit in three languages again, as it was before it
    // was written as one <file> per target language.
    auto units = tmod::to_translation_units(doc);
    REQUIRE(units.size() == 2);
    REQUIRE(units[0].variants.size() == 3);
    CHECK(units[0].variants[1].lang.str() == "en-US");
    CHECK(units[0].variants[2].lang.str() == "ja-JP");
    CHECK(units[0].variants[2].segment.text == "国防部定例ブリーフィング");
    CHECK(units[1].variants[0].lang.str() == "en-US");

    SUBCASE("XLIFF 1.2 writes each file in its pair") {
      auto back = io::read_xliff(write(doc, io::XliffVersion::v12), "again.xlf");
      REQUIRE(back.files.size() == 3);
      CHECK(tmod::target_lang(back, back.files[1]).str() == "ja-JP");
      CHECK(tmod::source_lang(back, back.files[2]).str() == "en-US");
    }
    SUBCASE("XLIFF 2 has one pair and says so") {
      CHECK_THROWS_WITH_AS(write(doc, io::XliffVersion::v21),
                           doctest::Contains("XLIFF 2 holds one language pair"), Error);
    }
    SUBCASE("select_pair keeps the files of one pair") {
      CHECK(tmod::select_pair(doc, LangTag::parse("ko"), LangTag::parse("ja")) == 2);
      REQUIRE(doc.files.size() == 1);
      CHECK(doc.src_lang.str() == "ko-KR");
      CHECK(doc.tgt_lang.str() == "ja-JP");
      CHECK(doc.files[0].units[0].segments[0].target.text == "国防部定例ブリーフィング");
      CHECK_NOTHROW(write(doc, io::XliffVersion::v21));
    }
    SUBCASE("select_pair without a choice, or with one the file lacks, names the pairs") {
      CHECK_THROWS_WITH_AS(tmod::select_pair(doc, {}, {}),
                           doctest::Contains("ko-KR -> en-US, ko-KR -> ja-JP, en-US -> ko-KR"),
                           Error);
      CHECK_THROWS_WITH_AS(tmod::select_pair(doc, LangTag::parse("ko"), LangTag::parse("zh")),
                           doctest::Contains("no file is in the language pair 'ko -> zh'"), Error);
    }
  }

  TEST_CASE("units without id are named by position, said once per file") {
    std::string xml =
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "<file original=\"a.txt\" source-language=\"ko\" target-language=\"en\" "
        "datatype=\"plaintext\"><body>\n"
        "<trans-unit id=\"u3\"><source>합참</source></trans-unit>\n"
        "<trans-unit><source>국방부</source></trans-unit>\n"
        "<trans-unit id=\"\"><source>국방장관</source></trans-unit>\n"
        "</body></file></xliff>";
    Diagnostics diags;
    auto doc = read(xml, diags);
    const auto& units = doc.files.at(0).units;
    REQUIRE(units.size() == 3);
    CHECK(units[1].id == "u2");
    CHECK(units[1].segments[0].id == "u2");
    CHECK(units[2].id == "u3-2");  // "u3" is taken by the first unit
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.line == 4);
    CHECK(messages(diags).find("2 <trans-unit> without an id (required); named by their "
                               "position in the file: u2, u3-2") != std::string::npos);
    // Stable: the same file gives the same names.
    Diagnostics again;
    CHECK(read(xml, again).files.at(0).units[2].id == "u3-2");
  }

  TEST_CASE("SDLXLIFF and memoQ units of bare tags are no translations") {
    Diagnostics diags;
    auto sdl = read(fixture("trados-briefing.docx.sdlxliff"), diags);
    CHECK(diags.empty());
    const auto& units = sdl.files.at(0).units;
    REQUIRE(units.size() == 4);
    CHECK_FALSE(tmod::is_translatable(units[0].segments[0]));
    CHECK(tmod::is_translated(units[1].segments[0]));
    CHECK_FALSE(tmod::is_translatable(units[2].segments[0]));
    CHECK_FALSE(tmod::is_translated(units[2].segments[0]));
    auto tus = tmod::to_translation_units(sdl);
    REQUIRE(tus.size() == 2);
    CHECK(tus[0].variants[1].segment.text == "MND Regular Briefing");
    CHECK(termbridge::job::untranslated_segments(sdl).empty());
    CHECK(termbridge::job::merge_target(sdl) ==
          "MND Regular Briefing\n\nThe spokesperson said the combined ROK-U.S. exercise would "
          "proceed as planned.\n");

    auto mq = read(fixture("memoq-briefing.mqxliff"), diags);
    const auto& mu = mq.files.at(0).units;
    REQUIRE(mu.size() == 3);
    CHECK_FALSE(tmod::is_translatable(mu[1].segments[0]));
    CHECK(tmod::to_translation_units(mq).size() == 1);
    // The memoQ unit whose target is three spaces is not translated.
    CHECK(mu[2].segments[0].state == tmod::SegmentState::initial);
    CHECK(termbridge::job::untranslated_segments(mq) == std::vector<std::string>{"3"});
  }

  TEST_CASE("a target without segment markers is the translation of its whole unit") {
    Diagnostics diags;
    auto doc = read(fixture("issue-whole-unit-target.xlf"), diags);
    const auto& units = doc.files.at(0).units;
    REQUIRE(units.size() == 4);
    // p1: segmented as written.
    CHECK(units[0].segments.size() == 2);
    // p2: the translator's target, typed for the whole unit, is kept as one segment.
    REQUIRE(units[1].segments.size() == 1);
    CHECK(units[1].segments[0].source.text.find("이번 회의에는") == 0);
    CHECK(units[1].segments[0].source.text.find("재확인했다.") != std::string::npos);
    CHECK(units[1].segments[0].target.text.find("The meeting was attended by") == 0);
    CHECK(units[1].segments[0].state == tmod::SegmentState::translated);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.line == 17);
    CHECK(diags.items()[0].message ==
          "<target> of <trans-unit id='p2'> has no <mrk mtype=\"seg\"> for the 2 segments of its "
          "<seg-source>; read as the translation of the whole unit");
    // p3: a target of spaces marked translated is no translation.
    CHECK(units[2].segments[0].state == tmod::SegmentState::initial);
    CHECK_FALSE(tmod::is_translated(units[2].segments[0]));
    // p4: its second segment is empty.
    CHECK(units[3].segments[1].state == tmod::SegmentState::initial);
    CHECK(termbridge::job::untranslated_segments(doc) == std::vector<std::string>{"p3", "p4#s2"});
    CHECK_THROWS_WITH_AS(termbridge::job::merge_target(doc),
                         doctest::Contains("2 segments have no translation ('p3', 'p4#s2')"),
                         Error);
    auto article = termbridge::job::merge_target(doc, true);
    CHECK(article.find("The meeting was attended by") != std::string::npos);
    CHECK(article.find("이번 회의에는") == std::string::npos);
  }

  TEST_CASE("a unit with an empty segment is never written as translated") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko");
    doc.tgt_lang = LangTag::parse("en");
    tmod::DocFile file;
    file.original = "ncg.ko.txt";
    tmod::DocUnit p;
    p.id = "p1";
    tmod::DocSegment s1;
    s1.id = "s1";
    s1.source.text = "양측은 회의를 열었다.";
    s1.target.text = "The two sides held a meeting.";
    s1.state = tmod::SegmentState::translated;
    tmod::DocSegment s2;
    s2.id = "s2";
    s2.source.text = "다음 회의는 워싱턴에서 열린다.";
    s2.state = tmod::SegmentState::translated;  // a state the target does not bear out
    p.segments = {s1, s2};
    tmod::DocUnit q;
    q.id = "p2";
    tmod::DocSegment blank;
    blank.source.text = "합참은 경계를 강화했다.";
    blank.target.text = " ";
    blank.state = tmod::SegmentState::final;
    q.segments = {blank};
    file.units = {p, q};
    doc.files.push_back(file);

    std::string x12 = write(doc, io::XliffVersion::v12);
    CHECK(x12.find("state=\"translated\"") == std::string::npos);
    CHECK(x12.find("state=\"final\"") == std::string::npos);
    CHECK(x12.find("<target xml:lang=\"en\" state=\"needs-review-translation\">") !=
          std::string::npos);
    CHECK(x12.find("<target xml:lang=\"en\" state=\"needs-translation\"> </target>") !=
          std::string::npos);
    auto back = io::read_xliff(x12, "back.xlf");
    CHECK(back.files[0].units[0].segments[0].target.text == "The two sides held a meeting.");
    CHECK(back.files[0].units[0].segments[1].state == tmod::SegmentState::initial);

    std::string x21 = write(doc, io::XliffVersion::v21);
    CHECK(x21.find("<segment id=\"s1\" state=\"translated\">") != std::string::npos);
    CHECK(x21.find("<segment id=\"s2\" state=\"initial\">") != std::string::npos);
    CHECK(x21.find("state=\"final\"") == std::string::npos);
  }

  TEST_CASE("validate names misplaced codes, bad states and duplicate ids by line and column") {
    std::istringstream in(fixture("bad-codes-states.xlf"));
    auto report = io::validate(in, "bad-codes-states.xlf", io::Format::xliff21);
    std::string all;
    for (const auto& p : report.problems) {
      all += p.where.to_string() + ": " + p.message + "\n";
    }
    CAPTURE(all);
    REQUIRE(report.problems.size() == 4);
    CHECK(all.find("bad-codes-states.xlf:11:17: <ec startRef='1'> in <target> comes before its "
                   "<sc id='1'>") != std::string::npos);
    CHECK(all.find("bad-codes-states.xlf:15:7: <segment state='done'> is not an XLIFF 2 state") !=
          std::string::npos);
    CHECK(all.find("bad-codes-states.xlf:16:23: <ec startRef='7'> in <source> has no <sc id='7'> "
                   "in its unit") != std::string::npos);
    CHECK(all.find("bad-codes-states.xlf:20:5: <unit> id 'u2' is used twice in its <file> (first "
                   "on line 14)") != std::string::npos);

    // Read leniently (convert, merge), the same file is read whole, with the same warnings.
    Diagnostics diags;
    auto doc = read(fixture("bad-codes-states.xlf"), diags);
    CHECK(doc.files.at(0).units.size() == 3);
    CHECK(diags.items().size() == 4);
    CHECK(doc.files[0].units[1].segments[0].state == tmod::SegmentState::initial);
  }

  TEST_CASE("validate checks a prefixed XLIFF 1.2 file like any other") {
    std::string xml =
        "<x:xliff xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n"
        "<x:file source-language=\"ko\" target-language=\"en\" datatype=\"plaintext\">"
        "<x:body>\n"
        "<x:trans-unit id=\"1\"><x:source>합참</x:source><x:target xml:lang=\"ja\">JCS"
        "</x:target></x:trans-unit>\n"
        "<x:trans-unit id=\"1\"><x:source>국방부</x:source></x:trans-unit>\n"
        "</x:body></x:file></x:xliff>\n";
    std::istringstream in(xml);
    auto report = io::validate(in, "p.xlf", io::Format::xliff12);
    std::string all;
    for (const auto& p : report.problems) {
      all += p.where.to_string() + ": " + p.message + "\n";
    }
    CAPTURE(all);
    CHECK(report.problems.size() == 3);
    CHECK(all.find("p.xlf:2:1: <file> has no original attribute") != std::string::npos);
    CHECK(all.find("p.xlf:3:45: <target xml:lang='ja'> does not match the file's "
                   "target-language 'en'") != std::string::npos);
    CHECK(all.find("p.xlf:4:1: <trans-unit> id '1' is used twice") != std::string::npos);
  }
}
