#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/termbase_ops.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/decode.hpp"

namespace io = termbridge::io;
namespace glossary = termbridge::glossary;
using glossary::TermStatus;
using glossary::TermType;
using termbridge::Diagnostics;
using termbridge::Error;
using termbridge::LangTag;

namespace {

glossary::TermBase tbx(std::string_view data, io::Format f = io::Format::tbx2) {
  return io::read_termbase(data, f, "defense.tbx");
}

std::string write(const glossary::TermBase& tb, io::Format f) {
  std::ostringstream out;
  io::write_termbase(tb, out, f);
  return out.str();
}

glossary::TermBase again(const glossary::TermBase& tb, io::Format f) {
  return io::read_termbase(write(tb, f), f, "again");
}

std::string dct(const glossary::TermBase& tb) {
  std::ostringstream out;
  io::TermBaseWriteOptions options;
  options.tbx_dct = true;
  io::write_termbase(tb, out, io::Format::tbx3, options);
  return out.str();
}

glossary::Term term(std::string text, std::string_view lang) {
  glossary::Term t;
  t.text = std::move(text);
  t.lang = LangTag::parse(lang);
  return t;
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TB_TEST_DATA "/glossary/") + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string_view::npos; pos = text.find(what, pos + 1)) {
    ++n;
  }
  return n;
}

// TBX-Basic in DCT style, as the LTAC samples write it: data categories are elements of the
// TBX-Min (min:) and TBX-Basic (basic:) namespaces.
constexpr const char* kDct = R"(<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min"
     xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct" xml:lang="ko">
  <tbxHeader><fileDesc><sourceDesc><p>국방 용어</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="kill-chain">
        <min:subjectField>defense</min:subjectField>
        <basic:definition>preemptive strike system against North Korean missiles</basic:definition>
        <langSec xml:lang="ko">
          <termSec>
            <term>킬체인</term>
            <min:partOfSpeech>noun</min:partOfSpeech>
            <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <basic:definition>the first pillar of the Korean three-axis system</basic:definition>
          <termSec>
            <term>Kill Chain</term>
            <basic:termType>fullForm</basic:termType>
            <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
            <note>capitalised in MND releases</note>
          </termSec>
          <termSec>
            <term>kill-chain</term>
            <basic:termType>variant</basic:termType>
            <min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
)";

// A TBX v2 file as Trados/memoQ-style tools write it: ntig, vendor attributes, upper-case
// language codes, statuses, notes at every level.
constexpr const char* kTbx2 = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Default" xml:lang="en-US" vendor:tool="x" xmlns:vendor="urn:example:vendor">
  <martifHeader>
    <fileDesc>
      <titleStmt><title>ROK-US alliance terms</title></titleStmt>
      <sourceDesc><p>compiled from public usage</p></sourceDesc>
    </fileDesc>
    <encodingDesc><p type="XCSURI">TBXXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="ncg" vendor:created="2025-12-12">
        <descrip type="subjectField">defense</descrip>
        <descripGrp>
          <descrip type="definition">ROK-US body on extended deterrence</descrip>
          <admin type="source">Washington Declaration</admin>
        </descripGrp>
        <note>launched 2023</note>
        <note>first meeting under the Lee administration in 2025</note>
        <langSet xml:lang="EN">
          <tig>
            <term>Nuclear Consultative Group</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="partOfSpeech">noun</termNote>
          </tig>
          <ntig>
            <termGrp>
              <term>NCG</term>
              <termNote type="termType">acronym</termNote>
            </termGrp>
            <note>always with the full form at first mention</note>
          </ntig>
        </langSet>
        <langSet xml:lang="KO">
          <tig>
            <term>핵협의그룹</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>핵 협의 그룹</term>
            <termNote type="termType">variant</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>핵협의단</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="cni">
        <langSet xml:lang="en">
          <tig><term>conventional and nuclear integration</term></tig>
          <tig><term>CNI</term><termNote type="termType">acronym</termNote></tig>
        </langSet>
        <langSet xml:lang="ko">
          <tig><term>재래식-핵 통합</term></tig>
          <tig>
            <term>재래식 핵통합</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
)";

}  // namespace

TEST_SUITE("io.tbx") {
  TEST_CASE("TBX v2 with ntig, vendor attributes and upper-case languages") {
    auto tb = tbx(kTbx2);
    CHECK(tb.title == "ROK-US alliance terms");
    CHECK(tb.source_desc == "compiled from public usage");
    REQUIRE(tb.size() == 2);
    const auto& ncg = tb.concepts()[0];
    CHECK(ncg.id == "ncg");
    CHECK(ncg.domain == "defense");
    CHECK(ncg.definition == "ROK-US body on extended deterrence");
    CHECK(ncg.notes.size() == 2);
    REQUIRE(ncg.terms.size() == 5);
    CHECK(ncg.terms[0].lang == LangTag::parse("en"));
    CHECK(ncg.terms[0].type == TermType::full_form);
    CHECK(ncg.terms[0].status == TermStatus::preferred);
    CHECK(ncg.terms[0].part_of_speech == "noun");
    CHECK(ncg.terms[1].text == "NCG");
    CHECK(ncg.terms[1].type == TermType::acronym);
    CHECK(ncg.terms[1].note == "always with the full form at first mention");
    CHECK(ncg.terms[2].lang == LangTag::parse("ko"));
    CHECK(ncg.terms[3].status == TermStatus::admitted);
    CHECK(ncg.terms[4].status == TermStatus::forbidden);
    CHECK(tb.concepts()[1].terms[3].status == TermStatus::deprecated);
  }

  TEST_CASE("round trip TBX v2 to CSV to TBX v3 to TBX v2 keeps everything") {
    auto original = tbx(kTbx2);
    auto via_csv = again(original, io::Format::csv);
    auto via_v3 = again(via_csv, io::Format::tbx3);
    auto back = again(via_v3, io::Format::tbx2);
    CHECK(via_csv.concepts() == original.concepts());
    CHECK(via_v3.concepts() == original.concepts());
    CHECK(back.concepts() == original.concepts());
    // CSV has no place for the file header; TBX to TBX keeps it.
    auto v3_only = again(again(original, io::Format::tbx3), io::Format::tbx2);
    CHECK(v3_only.title == original.title);
    CHECK(v3_only.source_desc == original.source_desc);
  }

  TEST_CASE("TBX v3 reads to the same term base as its v2 twin") {
    auto v2 = tbx(kTbx2);
    auto v3_text = write(v2, io::Format::tbx3);
    CHECK(v3_text.find("<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\" "
                       "style=\"dca\"") != std::string::npos);
    CHECK(v3_text.find("<conceptEntry id=\"ncg\">") != std::string::npos);
    CHECK(tbx(v3_text, io::Format::tbx3).concepts() == v2.concepts());
  }

  TEST_CASE("the format named does not matter: the root element decides the version") {
    CHECK(tbx(kTbx2, io::Format::tbx3).size() == 2);
  }

  TEST_CASE("not well-formed TBX is an error with line and column") {
    try {
      tbx("<martif type=\"TBX\">\n<text><body>\n<termEntry id=\"ncg\">\n</body></text></martif>");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == termbridge::ErrorKind::parse);
      CHECK(e.where().file == "defense.tbx");
      CHECK(e.where().line == 4);
      CHECK(e.where().column > 0);
    }
  }

  TEST_CASE("a translation memory is refused with a hint") {
    try {
      tbx("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>");
      FAIL("no error");
    } catch (const Error& e) {
      std::string m = e.message();
      CHECK(m.find("found <tmx>") != std::string::npos);
      CHECK(m.find("translation memory") != std::string::npos);
      CHECK(e.where().line == 2);
    }
  }

  TEST_CASE("TBX of another dialect is refused") {
    SUBCASE("TBX v3 in a style that is neither DCA nor DCT") {
      CHECK_THROWS_AS(tbx("<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\" "
                          "style=\"dcx\" xml:lang=\"en\"><tbxHeader/><text/></tbx>"),
                      Error);
    }
    SUBCASE("TBX-Min 2015") {
      CHECK_THROWS_AS(tbx("<TBX dialect=\"TBX-Min\"><header/><body/></TBX>"), Error);
    }
    SUBCASE("MultiTerm XML") {
      CHECK_THROWS_AS(tbx("<mtf><conceptGrp/></mtf>"), Error);
    }
    SUBCASE("v3 entries in a v2 file") {
      CHECK_THROWS_AS(tbx("<martif type=\"TBX\"><martifHeader/><text><body><conceptEntry "
                          "id=\"a\"/></body></text></martif>"),
                      Error);
    }
  }

  TEST_CASE("a bad language tag is a bad entry") {
    std::string data =
        "<martif type=\"TBX\"><text><body><termEntry id=\"dmz\">"
        "<langSet xml:lang=\"korean!\"><tig><term>비무장지대</term></tig></langSet>"
        "<langSet xml:lang=\"en\"><tig><term>DMZ</term></tig></langSet>"
        "</termEntry></body></text></martif>";
    CHECK_THROWS_AS(tbx(data), Error);
    io::TermBaseReadOptions options;
    options.on_bad_entry = termbridge::OnBadEntry::skip;
    auto tb = io::read_termbase(data, io::Format::tbx2, "x.tbx", options);
    CHECK(tb.concepts()[0].terms.size() == 1);
  }

  TEST_CASE("an empty TBX body is an empty term base") {
    CHECK(tbx("<martif type=\"TBX\"><martifHeader/><text><body/></text></martif>").empty());
    auto tb3 = tbx(write(glossary::TermBase{}, io::Format::tbx3), io::Format::tbx3);
    CHECK(tb3.empty());
  }

  TEST_CASE("duplicate conceptEntry ids merge; conflicting domains are an error") {
    std::string head = "<martif type=\"TBX\"><text><body>";
    std::string tail = "</body></text></martif>";
    std::string a =
        "<termEntry id=\"jcs\"><descrip type=\"subjectField\">defense</descrip>"
        "<langSet xml:lang=\"en\"><tig><term>Joint Chiefs of Staff</term></tig></langSet>"
        "</termEntry>";
    std::string b =
        "<termEntry id=\"jcs\"><langSet xml:lang=\"ko\"><tig><term>합참</term></tig></langSet>"
        "</termEntry>";
    std::string c =
        "<termEntry id=\"jcs\"><descrip type=\"subjectField\">sports</descrip>"
        "<langSet xml:lang=\"ko\"><tig><term>합동참모본부</term></tig></langSet>"
        "</termEntry>";
    auto tb = tbx(head + a + b + tail);
    REQUIRE(tb.size() == 1);
    CHECK(tb.concepts()[0].terms.size() == 2);
    CHECK_THROWS_AS(tbx(head + a + c + tail), Error);
  }

  TEST_CASE("numeric ids are written as XML names") {
    auto tb = io::read_termbase("id,en,ko\n42,DMZ,비무장지대\n", io::Format::csv, "x.csv");
    auto out = write(tb, io::Format::tbx2);
    CHECK(out.find("<termEntry id=\"_42\">") != std::string::npos);
  }

  TEST_CASE("two ids that would be one TBX id are refused, not merged") {
    // Without an id column the first term is the id: "(" and "'" are both "__" in TBX.
    auto tb = io::read_termbase("en,ko\n(,괄호\n',따옴표\n", io::Format::csv, "x.csv");
    REQUIRE(tb.size() == 2);
    for (auto f : {io::Format::tbx2, io::Format::tbx3}) {
      CHECK_THROWS_WITH_AS(write(tb, f), doctest::Contains("'__'"), Error);
    }
  }

  TEST_CASE("a source description over several lines is written the same after a round") {
    // A <p> holding a line break becomes two <p>s; each is trimmed as reading trims it.
    auto tb = tbx(R"(<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>Savunma terimleri
 (en-tr), Ankara</p></sourceDesc></fileDesc></martifHeader><text><body/></text></martif>)");
    auto out = write(tb, io::Format::tbx2);
    CHECK(out.find("<p>(en-tr), Ankara</p>") != std::string::npos);
    CHECK(write(again(tb, io::Format::tbx2), io::Format::tbx2) == out);
  }

  TEST_CASE("a term-level data category type is trimmed, so a table header holds it") {
    auto tb = tbx(R"(<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="mnd"><langSet xml:lang="en"><tig><term>MND</term><termNote type="termId ">t1</termNote></tig></langSet></termEntry>
</body></text></martif>)");
    REQUIRE(tb.concepts()[0].terms.at(0).extra.size() == 1);
    CHECK(tb.concepts()[0].terms[0].extra[0].type == "termId");
    auto tsv = write(tb, io::Format::tsv);
    CHECK(write(again(tb, io::Format::tsv), io::Format::tsv) == tsv);
  }

  TEST_CASE("a status whose type attribute spans lines is read as a status, checked as one") {
    // An attribute value's line breaks are spaces to an XML reader.
    const char* head = R"(<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="add"><langSet xml:lang="ko"><tig><term>국과연</term><termNote type="administrativeStatus
">)";
    const char* tail = "</termNote></tig></langSet></termEntry>\n</body></text></martif>";
    auto tb = tbx(std::string(head) + "admittedTerm-admn-sts" + tail);
    const auto& term = tb.concepts().at(0).terms.at(0);
    CHECK(term.status == TermStatus::admitted);
    CHECK(term.extra.empty());
    // A value the reader does not know is refused as one, not kept as another category that
    // would be written back with the type trimmed and then refused.
    try {
      tbx(std::string(head) + "preferredTeXXrm-admn-sts" + tail);
      FAIL("an unknown status was accepted");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("unknown administrativeStatus") != std::string::npos);
    }
  }

  TEST_CASE("a CR in a note or term survives TBX as a character reference") {
    // Written raw, a reader's line-end handling would turn it into LF.
    auto tb = io::read_termbase("id,en,ko,note\nncg,NCG,핵협의그룹,\"first\rsecond\"\n",
                                io::Format::csv, "x.csv");
    REQUIRE(tb.concepts()[0].notes.at(0) == "first\rsecond");
    for (auto f : {io::Format::tbx2, io::Format::tbx3}) {
      auto out = write(tb, f);
      CHECK(out.find("first&#13;second") != std::string::npos);
      CHECK(again(tb, f).concepts()[0].notes.at(0) == "first\rsecond");
    }
  }

  TEST_CASE("the shared CSV and its two TBX twins read to the same term base") {
    std::filesystem::path dir = TB_SOURCE_DIR "/../shared/data/terms";
    if (!std::filesystem::exists(dir / "defense-ko-en.csv")) {
      MESSAGE("shared data absent; skipped");
      return;
    }
    auto csv = io::read_termbase_file((dir / "defense-ko-en.csv").string());
    auto v2 = io::read_termbase_file((dir / "defense-ko-en.tbx2.tbx").string());
    auto v3 = io::read_termbase_file((dir / "defense-ko-en.tbx3.tbx").string());
    CHECK(csv.size() == 139);
    CHECK(v2.concepts() == v3.concepts());
    // The TBX files mark capitalised terms as abbreviations; the CSV has no type column.
    // Everything else is the same.
    REQUIRE(csv.size() == v2.size());
    std::size_t terms = 0;
    for (std::size_t i = 0; i < csv.size(); ++i) {
      auto a = csv.concepts()[i];
      auto b = v2.concepts()[i];
      for (auto& t : b.terms) {
        t.type = TermType::unspecified;
      }
      CHECK(a == b);
      terms += a.terms.size();
    }
    CHECK(terms == 541);
  }
}

TEST_SUITE("io.tbx") {
  TEST_CASE("per-language definitions of a Pontoon-style file stay with their language") {
    // Pontoon writes the English definition inside the en-US langSet; here Korean has its
    // own. Two definitions of one concept, but no conflict: one per language.
    auto tb = tbx(fixture("pontoon-style.ko.tbx"));
    REQUIRE(tb.size() == 3);
    const auto& ncg = *tb.find("c101");
    CHECK(ncg.definition.empty());
    const auto* en = ncg.language_info(LangTag::parse("en-US"));
    const auto* ko = ncg.language_info(LangTag::parse("ko"));
    REQUIRE(en != nullptr);
    REQUIRE(ko != nullptr);
    CHECK(en->definition.find("2023 Washington Declaration") != std::string::npos);
    CHECK(ko->definition == "2023년 워싱턴 선언으로 만들어진 한미 간 핵 억제 협의체.");
    CHECK(tb.find("c102")->language_info(LangTag::parse("ko")) == nullptr);
    // The entry-level context sentence is kept too (an empty one is nothing to keep).
    REQUIRE(ncg.descriptions.size() == 1);
    CHECK(ncg.descriptions[0].type == "context");
    CHECK(ncg.descriptions[0].text.find("fifth Nuclear Consultative Group") != std::string::npos);
    CHECK(tb.find("c102")->descriptions.empty());
    CHECK(tb.source_lang == "en-US");
    SUBCASE("TBX v2") {
      auto back = again(tb, io::Format::tbx2);
      CHECK(back.concepts() == tb.concepts());
      // Written back inside the langSet, not at entry level.
      auto text = write(tb, io::Format::tbx2);
      auto ko_set = text.find("<langSet xml:lang=\"ko\">");
      CHECK(text.find("<descrip type=\"definition\">2023년", ko_set) != std::string::npos);
    }
    SUBCASE("TBX v3") {
      CHECK(again(tb, io::Format::tbx3).concepts() == tb.concepts());
    }
    SUBCASE("TBX v3 DCT") {
      auto text = dct(tb);
      CHECK(count(text, "<basic:definition>") == 5);
      CHECK(tbx(text, io::Format::tbx3).concepts() == tb.concepts());
    }
    SUBCASE("CSV") {
      auto text = write(tb, io::Format::csv);
      CHECK(text.substr(0, text.find('\r')) ==
            "id,en-US,ko,en-US_pos,en-US_definition,ko_definition,descrip:context");
      CHECK(again(tb, io::Format::csv).concepts() == tb.concepts());
    }
    SUBCASE("merging another definition of one language is a conflict, of another is not") {
      glossary::TermBase other;
      glossary::Concept c;
      c.id = "c102";
      c.terms.push_back(term("확장억제", "ko"));
      c.languages.push_back({LangTag::parse("ko"), "동맹국에 대한 미국의 억제 공약", {}});
      other.add(c);
      auto report = glossary::merge(tb, other);
      CHECK(report.conflicts.empty());
      c.id = "c101";
      glossary::TermBase clash;
      clash.add(c);
      CHECK(glossary::merge(tb, clash).conflicts.size() == 1);
    }
  }

  TEST_CASE("a definition for a language without terms stays at entry level with its xml:lang") {
    glossary::TermBase tb;
    glossary::Concept c;
    c.id = "dmz";
    c.terms.push_back(term("비무장지대", "ko"));
    c.languages.push_back({LangTag::parse("en"), "the buffer zone along the 1953 line", {"MDL"}});
    tb.add(c);
    auto text = write(tb, io::Format::tbx2);
    CHECK(text.find("<descrip type=\"definition\" xml:lang=\"en\">") != std::string::npos);
    CHECK(again(tb, io::Format::tbx2).concepts() == tb.concepts());
    CHECK(again(tb, io::Format::tbx3).concepts() == tb.concepts());
  }

  TEST_CASE("an empty term base keeps the language of its root") {
    // Pontoon's termbase of a locale with no terms yet says xml:lang="en-US".
    auto tb =
        tbx("<martif type=\"TBX\" xml:lang=\"en-US\"><martifHeader/><text><body/></text>"
            "</martif>");
    CHECK(tb.empty());
    CHECK(write(tb, io::Format::tbx3).find("xml:lang=\"en-US\"") != std::string::npos);
    CHECK(write(tb, io::Format::tbx2).find("xml:lang=\"en-US\"") != std::string::npos);
    // An explicit source language still wins.
    std::ostringstream out;
    io::TermBaseWriteOptions options;
    options.src_lang = "ko";
    io::write_termbase(tb, out, io::Format::tbx3, options);
    CHECK(out.str().find("xml:lang=\"ko\"") != std::string::npos);
  }

  TEST_CASE("an empty <term> is kept empty with a note, never used as a translation") {
    // InterpretBank exports a language it has no term for as <term></term>.
    std::string data =
        "<martif type=\"TBX-Default\" xml:lang=\"en\"><text><body>\n"
        "<termEntry><langSet xml:lang=\"en\"><tig><term>ammunition</term></tig></langSet>\n"
        "<langSet xml:lang=\"ko\"><tig><term></term><extra1/></tig></langSet>\n"
        "</termEntry></body></text></martif>";
    Diagnostics diags;
    io::TermBaseReadOptions options;
    options.diagnostics = &diags;
    auto tb = io::read_termbase(data, io::Format::tbx2, "ib.tbx", options);
    REQUIRE(tb.size() == 1);
    const auto& c = tb.concepts()[0];
    REQUIRE(c.terms.size() == 2);
    CHECK(c.terms[1].text.empty());
    CHECK(c.preferred(LangTag::parse("ko")) == nullptr);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.line == 3);
    CHECK(diags.items()[0].message.find("empty <term>") != std::string::npos);
    auto written = write(tb, io::Format::tbx3);
    CHECK(count(written, "<term>") + count(written, "<term />") == 2);
    auto problems = glossary::validate(tb);
    REQUIRE(problems.size() >= 1);
    CHECK(problems[0].message == "has an empty ko term");
    // A term element missing altogether is still a bad entry.
    CHECK_THROWS_AS(tbx("<martif type=\"TBX\"><text><body><termEntry id=\"x\"><langSet "
                        "xml:lang=\"en\"><tig/></langSet></termEntry></body></text></martif>"),
                    Error);
  }

  TEST_CASE("TBX v3 DCT is read as DCA is, and written") {
    auto tb = tbx(kDct, io::Format::tbx3);
    REQUIRE(tb.size() == 1);
    const auto& kc = tb.concepts()[0];
    CHECK(kc.domain == "defense");
    CHECK(kc.definition == "preemptive strike system against North Korean missiles");
    CHECK(kc.language_info(LangTag::parse("en"))->definition ==
          "the first pillar of the Korean three-axis system");
    REQUIRE(kc.terms.size() == 3);
    CHECK(kc.terms[0].part_of_speech == "noun");
    CHECK(kc.terms[0].status == TermStatus::preferred);
    CHECK(kc.terms[1].type == TermType::full_form);
    CHECK(kc.terms[1].note == "capitalised in MND releases");
    CHECK(kc.terms[2].type == TermType::variant);
    CHECK(kc.terms[2].status == TermStatus::deprecated);
    // The same term base in DCA style reads back the same.
    CHECK(again(tb, io::Format::tbx3).concepts() == tb.concepts());
    auto text = dct(tb);
    CHECK(text.find("style=\"dct\"") != std::string::npos);
    CHECK(text.find("xmlns:min=\"http://www.tbxinfo.net/ns/min\"") != std::string::npos);
    CHECK(
        text.find("<min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus>") !=
        std::string::npos);
    CHECK(text.find("<basic:termType>variant</basic:termType>") != std::string::npos);
    CHECK(text.find("termNote") == std::string::npos);
    CHECK(tbx(text, io::Format::tbx3).concepts() == tb.concepts());
  }

  TEST_CASE("a new entry in a DCT file is written in DCT") {
    auto cni = tbx(kDct, io::Format::tbx3).concepts()[0];
    cni.id = "cni";
    cni.terms.resize(2);
    cni.terms[0].text = "재래식-핵 통합";
    cni.terms[1].text = "CNI";
    cni.terms[1].type = TermType::acronym;
    auto edited = io::edit_termbase_text(kDct, io::Format::tbx3, "k.tbx", "cni", &cni);
    auto added = edited.substr(edited.find("<conceptEntry id=\"cni\">"));
    CHECK(added.find("<basic:termType>acronym</basic:termType>") != std::string::npos);
    CHECK(tbx(edited, io::Format::tbx3).find("cni")->terms == cni.terms);
  }

  TEST_CASE("a TBX declaring windows-1254 is read into UTF-8") {
    auto data = fixture("windows-1254.tbx");
    CHECK_THROWS(termbridge::text::check_utf8(data, "windows-1254.tbx"));
    auto tb = tbx(data);
    REQUIRE(tb.size() == 3);
    CHECK(tb.find("defense-industry")->terms[1].text == "Savunma Sanayii Başkanlığı");
    CHECK(tb.find("nuclear-test")->terms[1].text == "ağır silah");
    auto out = write(tb, io::Format::tbx2);
    CHECK_NOTHROW(termbridge::text::check_utf8(out, "out.tbx"));
    CHECK(out.find("encoding=\"UTF-8\"") != std::string::npos);
    CHECK(out.find("Başkanlığı") != std::string::npos);
    // Spliced UTF-8 would corrupt it: editing it in place is refused.
    CHECK_THROWS_AS(
        io::edit_termbase_text(data, io::Format::tbx2, "w.tbx", "missile-test", nullptr), Error);
  }
}

TEST_SUITE("io.tbx") {
  TEST_CASE("a termbase's own term-level data categories survive TBX, DCT and CSV") {
    // As a TBX-Core termbase export writes them (termId, createdBy), with TBX-Min's
    // customerSubset as an admin: none has a field in the model, none may be lost.
    std::string data =
        "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Core\" style=\"dca\" "
        "xml:lang=\"en\"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc>"
        "</tbxHeader><text><body><conceptEntry id=\"thaad\"><langSec xml:lang=\"en\"><termSec>"
        "<term>THAAD</term><termNote type=\"termType\">acronym</termNote>"
        "<termNote type=\"termId\">rn1EYlRPwyS48</termNote>"
        "<termNote type=\"createdBy\">desk-2</termNote>"
        "<admin type=\"customerSubset\">MND</admin></termSec></langSec>"
        "<langSec xml:lang=\"ko\"><termSec><term>사드</term>"
        "<termNote type=\"termId\">EoTz6pbGMGZ2</termNote></termSec></langSec>"
        "</conceptEntry></body></text></tbx>";
    auto tb = tbx(data, io::Format::tbx3);
    const auto& en = tb.concepts()[0].terms[0];
    CHECK(en.type == TermType::acronym);
    REQUIRE(en.extra.size() == 3);
    CHECK(en.extra[0].type == "termId");
    CHECK(en.extra[0].text == "rn1EYlRPwyS48");
    CHECK(en.extra[2].element == "admin");
    CHECK(again(tb, io::Format::tbx2).concepts() == tb.concepts());
    CHECK(again(tb, io::Format::tbx3).concepts() == tb.concepts());
    auto text = dct(tb);
    CHECK(text.find("<min:customerSubset>MND</min:customerSubset>") != std::string::npos);
    CHECK(text.find("<basic:termId>rn1EYlRPwyS48</basic:termId>") != std::string::npos);
    // DCT and CSV do not say which element a category was in; the terms and values stay.
    auto values = [](const glossary::TermBase& t) {
      std::vector<std::pair<std::string, std::string>> out;
      for (const auto& term : t.concepts()[0].terms) {
        for (const auto& e : term.extra) {
          out.emplace_back(e.type, e.text);
        }
      }
      return out;
    };
    CHECK(values(tbx(text, io::Format::tbx3)) == values(tb));
    auto csv_text = write(tb, io::Format::csv);
    CHECK(csv_text.substr(0, csv_text.find('\r')) ==
          "id,en,ko,en_type,en:termId,en:createdBy,en:customerSubset,ko:termId");
    CHECK(values(again(tb, io::Format::csv)) == values(tb));
    // Written back from CSV, customerSubset is an admin again, by its type.
    CHECK(write(again(tb, io::Format::csv), io::Format::tbx2)
              .find("<admin type=\"customerSubset\">MND</admin>") != std::string::npos);
  }
}

TEST_SUITE("io.termbase_edit") {
  TEST_CASE("editing one TBX entry keeps every other byte") {
    std::string data = kTbx2;
    auto tb = tbx(data);
    glossary::Concept cni = *tb.find("cni");
    cni.notes.push_back("ROK-US CNI tabletop exercises since 2024");
    auto edited = io::edit_termbase_text(data, io::Format::tbx2, "x.tbx", "cni", &cni);
    auto cut = data.find("<termEntry id=\"cni\">");
    CHECK(edited.substr(0, cut) == data.substr(0, cut));
    CHECK(tbx(edited).find("cni")->notes.size() == 1);
    CHECK(tbx(edited).find("ncg")->terms.size() == 5);
    auto removed = io::edit_termbase_text(edited, io::Format::tbx2, "x.tbx", "cni", nullptr);
    CHECK(tbx(removed).size() == 1);
    CHECK_THROWS_AS(io::edit_termbase_text(removed, io::Format::tbx2, "x.tbx", "cni", nullptr),
                    Error);
  }

  TEST_CASE("a TBX edit keeps a note with line breaks, blank lines and indents as written") {
    // The edited entry is re-indented to the file's layout; a text's own lines are not
    // markup and keep their spaces (a blank line once made the re-indenting read past it).
    std::string data = kTbx2;
    glossary::Concept cni = *tbx(data).find("cni");
    const std::string note = "Agreed at the 55th SCM:\n\n  1. tabletop exercises\n  2. planning";
    cni.notes.push_back(note);
    {
      const auto f = io::Format::tbx2;
      auto edited = io::edit_termbase_text(data, f, "x.tbx", "cni", &cni);
      REQUIRE(tbx(edited).find("cni")->notes.size() == 1);
      CHECK(tbx(edited).find("cni")->notes[0] == note);
      // And the same in a file with CRLF line ends (the XML reader makes them LF).
      std::string crlf;
      for (char ch : data) {
        crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
      }
      auto edited_crlf = io::edit_termbase_text(crlf, f, "x.tbx", "cni", &cni);
      CHECK(tbx(edited_crlf).find("cni")->notes.at(0) == note);
    }
  }

  TEST_CASE("a closing tag inside a comment does not end the TBX entry being edited") {
    // A terminologist's commented-out draft inside an entry: the edit once took its
    // </conceptEntry> for the entry's end and left the draft as an entry without a language.
    const std::string data = R"(<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="abductee">
        <!-- draft, not approved:
        </conceptEntry>
        <conceptEntry id="draft">
          <langSec><termSec><term>draft</term></termSec></langSec>
        -->
        <langSec xml:lang="en"><termSec><term>abductee</term></termSec></langSec>
        <langSec xml:lang="ko"><termSec><term>납북자</term></termSec></langSec>
      </conceptEntry>
      <conceptEntry id="adiz">
        <langSec xml:lang="en"><termSec><term>ADIZ</term></termSec></langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
)";
    auto abductee = *tbx(data, io::Format::tbx3).find("abductee");
    abductee.notes.push_back("North Korea");
    auto edited = io::edit_termbase_text(data, io::Format::tbx3, "a.tbx", "abductee", &abductee);
    auto tb = tbx(edited, io::Format::tbx3);
    CHECK(tb.size() == 2);
    CHECK(tb.find("abductee")->notes == std::vector<std::string>{"North Korea"});
    CHECK(tb.find("adiz")->terms.size() == 1);
    auto removed = io::edit_termbase_text(data, io::Format::tbx3, "a.tbx", "abductee", nullptr);
    tb = tbx(removed, io::Format::tbx3);
    CHECK(tb.size() == 1);
    CHECK(tb.find("adiz") != nullptr);
    CHECK(removed.substr(removed.find("</conceptEntry>")) ==
          data.substr(data.rfind("</conceptEntry>")));
  }

  TEST_CASE("a TBX edit with a term without a language is refused, naming the entry") {
    std::string data = kTbx2;
    glossary::Concept cni = *tbx(data).find("cni");
    cni.terms.back().lang = LangTag();
    std::string message;
    try {
      io::edit_termbase_text(data, io::Format::tbx2, "x.tbx", "cni", &cni);
    } catch (const Error& e) {
      message = e.message();
    }
    CHECK(message.find("the entry 'cni'") != std::string::npos);
    CHECK(message.find("has no language") != std::string::npos);
  }

  TEST_CASE("editing CSV rows keeps the others and the CRLF line ends") {
    std::string data =
        "id,en,ko,note\r\ncni,CNI,재래식-핵 통합,\r\nncg,NCG,핵협의그룹,\"2023, Washington\"\r\n";
    auto tb = io::read_termbase(data, io::Format::csv, "x.csv");
    glossary::Concept cni = *tb.find("cni");
    glossary::Term full;
    full.text = "conventional and nuclear integration";
    full.lang = LangTag::parse("en");
    cni.terms.push_back(full);
    auto edited = io::edit_termbase_text(data, io::Format::csv, "x.csv", "cni", &cni);
    CHECK(edited ==
          "id,en,ko,note\r\ncni,CNI,재래식-핵 통합,\r\ncni,conventional and nuclear "
          "integration,,\r\nncg,NCG,핵협의그룹,\"2023, Washington\"\r\n");
  }
}
