#include "termbridge/io/units.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/tm/document.hpp"

using termbridge::Error;
using termbridge::LangTag;
namespace io = termbridge::io;
namespace model = termbridge::tm;

namespace {

const char* const kTrilingual = R"(<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Heartsome" creationtoolversion="9" segtype="sentence" o-tmf="hs" adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu tuid="a1">
      <tuv xml:lang="ko"><seg>국방부는 확장억제를 논의했다.</seg></tuv>
      <tuv xml:lang="en"><seg>The ministry discussed extended deterrence.</seg></tuv>
      <tuv xml:lang="ja"><seg>国防部は拡大抑止を協議した。</seg></tuv>
    </tu>
    <tu tuid="a2">
      <tuv xml:lang="ko"><seg>회의는 서울에서 열렸다.</seg></tuv>
      <tuv xml:lang="en"><seg>The meeting was held in Seoul.</seg></tuv>
    </tu>
  </body>
</tmx>
)";

std::vector<model::TranslationUnit> read_all(io::UnitReader& reader) {
  std::vector<model::TranslationUnit> units;
  model::TranslationUnit unit;
  while (reader.next(unit)) {
    units.push_back(unit);
  }
  return units;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_SUITE("io.units") {
  TEST_CASE("a TMX gives its header, its source language and a target from the first unit") {
    std::istringstream in(kTrilingual);
    io::UnitReader reader(in, "tri.tmx", io::Format::tmx);
    CHECK(reader.src_lang().str() == "ko");
    CHECK(reader.tgt_lang().str() == "en");
    REQUIRE(reader.tmx_header() != nullptr);
    CHECK(reader.tmx_header()->creation_tool == "Heartsome");
    CHECK(reader.document() == nullptr);
    auto units = read_all(reader);
    REQUIRE(units.size() == 2);  // the unit read ahead for the languages is not lost
    CHECK(units[0].id == "a1");
    CHECK(units[0].variants.size() == 3);
    CHECK(io::target_languages(units, LangTag::parse("ko")) ==
          std::vector<LangTag>{LangTag::parse("en"), LangTag::parse("ja")});
  }

  TEST_CASE("a TMX whose units have the source in another region: the source read wins") {
    // Trados Workbench: srclang EN-GB over units in EN-US and DE-DE.
    std::istringstream in(R"(<tmx version="1.4">
  <header creationtool="TW4Win" creationtoolversion="8.0" segtype="sentence" o-tmf="TW4Win 2.0 Format" adminlang="EN-US" srclang="EN-GB" datatype="rtf"/>
  <body>
    <tu><tuv lang="EN-US"><seg>New!</seg></tuv><tuv lang="DE-DE"><seg>Neu!</seg></tuv></tu>
  </body>
</tmx>
)");
    io::UnitReadOptions o;
    o.on_bad_entry = termbridge::OnBadEntry::warn;
    termbridge::Diagnostics diagnostics;
    o.diagnostics = &diagnostics;
    io::UnitReader reader(in, "tw.tmx", io::Format::tmx, o);
    CHECK(reader.src_lang().str() == "en-US");
    CHECK(reader.tgt_lang().str() == "de-DE");
    CHECK(read_all(reader).size() == 1);
  }

  TEST_CASE("tables: a header of languages, align's header with scores, given languages") {
    std::istringstream tsv(
        "ko\ten\n국방부\tMinistry of National Defense\n\n확장억제\textended deterrence\n");
    io::UnitReader a(tsv, "a.tsv", io::Format::tsv);
    CHECK(a.src_lang().str() == "ko");
    CHECK(a.tgt_lang().str() == "en");
    auto rows = read_all(a);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].id == "2");
    CHECK(rows[1].find(LangTag::parse("en"))->segment.text == "extended deterrence");

    std::istringstream aligned("src\ttgt\tscore\n국방부는 밝혔다.\tThe ministry said.\t0.93\n");
    io::UnitReadOptions o;
    o.src_lang = LangTag::parse("ko");
    o.tgt_lang = LangTag::parse("en");
    io::UnitReader b(aligned, "b.tsv", io::Format::tsv, o);
    auto scored = read_all(b);
    REQUIRE(scored.size() == 1);
    REQUIRE(scored[0].props.size() == 1);
    CHECK(scored[0].props[0].value == "0.93");

    // Columns named the other way round from the languages asked for are swapped.
    std::istringstream reversed("en,ko\nextended deterrence,확장억제\n");
    io::UnitReader c(reversed, "c.csv", io::Format::csv, o);
    auto swapped = read_all(c);
    REQUIRE(swapped.size() == 1);
    CHECK(swapped[0].find(LangTag::parse("ko"))->segment.text == "확장억제");

    std::istringstream bare("국방부\tMinistry of National Defense\n");
    CHECK_THROWS_WITH_AS(io::UnitReader(bare, "d.tsv", io::Format::tsv),
                         doctest::Contains("give --src-lang and --tgt-lang"), Error);
  }

  TEST_CASE("tables of three languages or more: each row a unit in all of them") {
    std::istringstream tsv(
        "ko\ten\tja\n핵실험\tnuclear test\t核実験\n확장억제\textended deterrence\t\n");
    io::UnitReader a(tsv, "three.tsv", io::Format::tsv);
    CHECK(a.src_lang().str() == "ko");
    CHECK(a.tgt_lang().str() == "en");
    auto rows = read_all(a);
    REQUIRE(rows.size() == 2);
    REQUIRE(rows[0].variants.size() == 3);
    CHECK(rows[0].notes.empty());
    CHECK(rows[0].find(LangTag::parse("ja"))->segment.text == "核実験");
    // An empty cell gives no variant.
    CHECK(rows[1].variants.size() == 2);

    // Given languages come first, whichever columns hold them.
    std::istringstream csv("en,ja,ko\nnuclear test,核実験,핵실험\n");
    io::UnitReadOptions o;
    o.src_lang = LangTag::parse("ko");
    o.tgt_lang = LangTag::parse("ja");
    io::UnitReader b(csv, "three.csv", io::Format::csv, o);
    auto given = read_all(b);
    REQUIRE(given.size() == 1);
    REQUIRE(given[0].variants.size() == 3);
    CHECK(given[0].variants[0].lang.str() == "ko");
    CHECK(given[0].variants[1].segment.text == "核実験");
    CHECK(given[0].variants[2].segment.text == "nuclear test");

    // A third column named by a word is no language: a note, as before.
    std::istringstream noted("ko\ten\tnotes\n가\tA\tchecked\n");
    io::UnitReader c(noted, "c.tsv", io::Format::tsv);
    auto with_note = read_all(c);
    REQUIRE(with_note.size() == 1);
    CHECK(with_note[0].variants.size() == 2);
    REQUIRE(with_note[0].notes.size() == 1);

    // Four languages: the header is no row of text.
    std::istringstream four("ko\ten\tja\tzh\n핵실험\tnuclear test\t核実験\t核试验\n");
    io::UnitReader d(four, "four.tsv", io::Format::tsv);
    auto rows4 = read_all(d);
    REQUIRE(rows4.size() == 1);
    CHECK(rows4[0].find(LangTag::parse("zh"))->segment.text == "核试验");
  }

  TEST_CASE("align's TSV: a header of the languages and a score column, no languages given") {
    std::istringstream tsv(
        "ko-KR\ten-US\tscore\n국방부는 밝혔다.\tThe ministry said.\t0.930\n"
        "회의는 서울에서 열렸다.\tThe meeting was held in Seoul.\t1.000\n");
    io::UnitReader reader(tsv, "fifth.tsv", io::Format::tsv);
    CHECK(reader.src_lang().str() == "ko-KR");
    CHECK(reader.tgt_lang().str() == "en-US");
    auto rows = read_all(reader);
    REQUIRE(rows.size() == 2);
    // The score is a property of the unit, not a note or a third variant.
    REQUIRE(rows[0].variants.size() == 2);
    CHECK(rows[0].notes.empty());
    REQUIRE(rows[0].props.size() == 1);
    CHECK(rows[0].props[0].type == "x-align-score");
    CHECK(rows[0].props[0].value == "0.930");
    CHECK(rows[1].find(LangTag::parse("en-US"))->segment.text == "The meeting was held in Seoul.");

    // Under a header naming a score column, a third field that is no number is an error at
    // its line, not a note.
    std::istringstream bad("ko\ten\tscore\n가\tA\t0.9\n나\tB\tgood\n");
    io::UnitReader b(bad, "bad.tsv", io::Format::tsv);
    model::TranslationUnit unit;
    CHECK(b.next(unit));
    CHECK_THROWS_WITH_AS(b.next(unit), doctest::Contains("bad.tsv:3:"), Error);

    // Without a score column in the header, a third field that is words is a note.
    std::istringstream noted("ko\ten\n가\tA\tchecked by the desk\n");
    io::UnitReader c(noted, "c.tsv", io::Format::tsv);
    auto with_note = read_all(c);
    REQUIRE(with_note.size() == 1);
    CHECK(with_note[0].props.empty());
    REQUIRE(with_note[0].notes.size() == 1);
  }

  TEST_CASE("the writer: a TSV of scored units keeps the scores in a score column") {
    const std::string aligned =
        "ko\ten\tscore\n국방부는 밝혔다.\tThe ministry said.\t0.930\n회의는 열렸다.\tIt "
        "met.\t0.412\n";
    std::istringstream in(aligned);
    io::UnitReader reader(in, "aligned.tsv", io::Format::tsv);
    io::UnitWriteOptions o;
    o.src_lang = reader.src_lang();
    o.tgt_lang = reader.tgt_lang();
    std::ostringstream tsv;
    io::UnitWriter writer(tsv, io::Format::tsv, o);
    std::ostringstream csv;
    io::UnitWriter csv_writer(csv, io::Format::csv, o);
    model::TranslationUnit unit;
    while (reader.next(unit)) {
      writer.write(unit);
      csv_writer.write(unit);
    }
    writer.finish();
    csv_writer.finish();
    CHECK(tsv.str() == aligned);
    // CSV reads a third column as a note, so the scores are not written there as text.
    CHECK(csv.str() == "ko,en\n국방부는 밝혔다.,The ministry said.\n회의는 열렸다.,It met.\n");

    // A score the column cannot hold (a TMX prop written by hand, "0.91[") is left out, so
    // that the table reads back; a first unit with only such a score opens no score column.
    model::TranslationUnit odd;
    odd.variants.push_back({LangTag::parse("ko"), {"국방부는 밝혔다.", {}}, {}, {}, {}});
    odd.variants.push_back({LangTag::parse("en"), {"The ministry said.", {}}, {}, {}, {}});
    odd.props.push_back({"x-align-score", "0.91["});
    for (bool odd_first : {true, false}) {
      std::ostringstream mixed;
      io::UnitWriter w(mixed, io::Format::tsv, o);
      std::istringstream again_in(aligned);
      io::UnitReader r(again_in, "aligned.tsv", io::Format::tsv);
      if (odd_first) {
        w.write(odd);
      }
      while (r.next(unit)) {
        w.write(unit);
      }
      if (!odd_first) {
        w.write(odd);
      }
      w.finish();
      std::istringstream back(mixed.str());
      io::UnitReader rb(back, "mixed.tsv", io::Format::tsv);
      CHECK(read_all(rb).size() == 3);
    }

    // Without units, the header alone.
    std::ostringstream empty;
    io::UnitWriter none(empty, io::Format::tsv, o);
    none.finish();
    CHECK(empty.str() == "ko\ten\n");
  }

  TEST_CASE("a CP949 table is read when its encoding is named or guessed") {
    std::string bytes = "ko\ten\n\xB1\xB9\xB9\xE6\xBA\xCE\tMinistry of National Defense\n";
    std::istringstream in(bytes);
    std::string guessed;
    io::UnitReadOptions o;
    o.on_sniffed = [&](const std::string& encoding) { guessed = encoding; };
    io::UnitReader reader(in, "cp949.tsv", io::Format::tsv, o);
    auto rows = read_all(reader);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].variants[0].segment.text == "국방부");
    CHECK(guessed == "cp949");
  }

  TEST_CASE("XLIFF gives its document, and its translated segments as units") {
    std::istringstream in(R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment state="translated"><source>국방부</source><target>Ministry of National Defense</target></segment></unit>
    <unit id="u2"><segment><source>확장억제</source></segment></unit>
  </file>
</xliff>
)");
    io::UnitReader reader(in, "job.xlf", io::Format::xliff21);
    REQUIRE(reader.document() != nullptr);
    CHECK(reader.document()->files.at(0).units.size() == 2);
    CHECK(reader.xliff_version() == io::XliffVersion::v21);
    CHECK(reader.src_lang().str() == "ko");
    CHECK(reader.tgt_lang().str() == "en");
    auto units = read_all(reader);
    REQUIRE(units.size() == 1);
    CHECK(units[0].find(LangTag::parse("en"))->segment.text == "Ministry of National Defense");
  }

  TEST_CASE("a format without units is refused by name") {
    std::istringstream in("<martif/>");
    CHECK_THROWS_WITH_AS(io::UnitReader(in, "t.tbx", io::Format::tbx2),
                         doctest::Contains("holds no translation units"), Error);
  }

  TEST_CASE("the writer: tables stream and leave out units without both languages") {
    std::ostringstream out;
    io::UnitWriteOptions o;
    o.src_lang = LangTag::parse("ko");
    o.tgt_lang = LangTag::parse("ja");
    io::UnitWriter writer(out, io::Format::tsv, o);
    std::istringstream in(kTrilingual);
    io::UnitReader reader(in, "tri.tmx", io::Format::tmx);
    model::TranslationUnit unit;
    while (reader.next(unit)) {
      writer.write(unit);
    }
    writer.finish();
    CHECK(out.str() == "ko\tja\n국방부는 확장억제를 논의했다.\t国防部は拡大抑止を協議した。\n");
    CHECK(writer.written() == 1);
    CHECK(writer.left_out() == 1);
  }

  TEST_CASE("units in several target languages: XLIFF 1.2 files per language, 2.x one pair") {
    termbridge::Diagnostics notes;
    auto write = [&notes](io::Format format) {
      std::istringstream in(kTrilingual);
      io::UnitReader reader(in, "tri.tmx", io::Format::tmx);
      std::ostringstream out;
      io::UnitWriteOptions o;
      o.src_lang = reader.src_lang();
      o.original = "tri.tmx";
      o.diagnostics = &notes;
      io::UnitWriter writer(out, format, o);
      model::TranslationUnit unit;
      while (reader.next(unit)) {
        writer.write(unit);
      }
      writer.finish();
      return out.str();
    };
    std::string xliff = write(io::Format::xliff12);
    CHECK(count(xliff, "<file ") == 2);
    CHECK(count(xliff, "The meeting was held in Seoul.") == 1);  // no ja: only in the en file
    CHECK(count(xliff, "国防部は拡大抑止を協議した。") == 1);
    CHECK(count(xliff, "국방부는 확장억제를 논의했다.") == 2);
    CHECK(notes.empty());
    // XLIFF 2 holds one pair: en is the target, ja travels in the unit's tb:variants, and a
    // note says so.
    std::string x21 = write(io::Format::xliff21);
    CHECK(count(x21, "<file ") == 1);
    CHECK(count(x21, "trgLang=\"en\"") == 1);
    CHECK(count(x21, "<tb:variant xml:lang=\"ja\">国防部は拡大抑止を協議した。</tb:variant>") == 1);
    REQUIRE(notes.items().size() == 1);
    CHECK(notes.items()[0].message.find("ja kept in each unit's tb:variants") != std::string::npos);
    auto back = model::to_translation_units(io::read_xliff(x21, "tri.xlf"));
    REQUIRE(!back.empty());
    CHECK(back[0].variants.size() == 3);
  }
}
