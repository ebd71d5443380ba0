#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/decode.hpp"

namespace io = termbridge::io;
namespace glossary = termbridge::glossary;
using termbridge::Diagnostics;
using termbridge::Error;
using termbridge::LangTag;
using termbridge::OnBadEntry;

namespace {

glossary::TermBase csv(std::string_view data, io::TermBaseReadOptions options = {}) {
  return io::read_termbase(data, io::Format::csv, "defense.csv", options);
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TB_TEST_DATA "/glossary/") + name, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string write(const glossary::TermBase& tb, io::Format f) {
  std::ostringstream out;
  io::write_termbase(tb, out, f);
  return out.str();
}

}  // namespace

TEST_SUITE("io.termbase_csv") {
  TEST_CASE("rows with one id are the synonyms of one concept") {
    auto tb =
        csv("id,en,ko,note\r\n"
            "nuclear-consultative-group,Nuclear Consultative Group,핵협의그룹,launched 2023\r\n"
            "nuclear-consultative-group,NCG,,\r\n"
            "security-consultative-meeting,SCM,한미안보협의회의,\r\n");
    REQUIRE(tb.size() == 2);
    const auto* ncg = tb.find("nuclear-consultative-group");
    REQUIRE(ncg != nullptr);
    REQUIRE(ncg->terms.size() == 3);
    CHECK(ncg->terms[0].text == "Nuclear Consultative Group");
    CHECK(ncg->terms[1].text == "NCG");
    CHECK(ncg->terms[2].text == "핵협의그룹");
    CHECK(ncg->terms[2].lang == LangTag::parse("ko"));
    REQUIRE(ncg->notes.size() == 1);
    CHECK(ncg->notes[0] == "launched 2023");
  }

  TEST_CASE("quoted fields hold commas, quotes and line breaks") {
    auto tb =
        csv("id,en,ko,note\n"
            "extended-deterrence,extended deterrence,확장억제,\"US commitment, incl. \"\"nuclear "
            "umbrella\"\"\nsecond line\"\n");
    REQUIRE(tb.size() == 1);
    CHECK(tb.concepts()[0].notes[0] == "US commitment, incl. \"nuclear umbrella\"\nsecond line");
  }

  TEST_CASE("a byte-order mark and CRLF are accepted") {
    auto tb = csv("\xEF\xBB\xBFid,en,ko\r\ndmz,DMZ,비무장지대\r\n");
    REQUIRE(tb.size() == 1);
    CHECK(tb.concepts()[0].id == "dmz");
  }

  TEST_CASE("statuses, types and parts of speech by language") {
    auto tb =
        csv("id,en,ko,en_type,ko_status,pos,domain,definition\n"
            "icbm,ICBM,대륙간탄도미사일,acronym,preferred,noun,weapons,a missile with a range over "
            "5500 km\n"
            "icbm,,대륙간 탄도 미사일,,admitted,noun,,\n"
            "icbm,,대륙간탄도탄,,forbidden,noun,,\n");
    const auto& c = tb.concepts()[0];
    REQUIRE(c.terms.size() == 4);
    CHECK(c.terms[0].type == glossary::TermType::acronym);
    CHECK(c.terms[1].status == glossary::TermStatus::preferred);
    CHECK(c.terms[2].status == glossary::TermStatus::admitted);
    CHECK(c.terms[3].status == glossary::TermStatus::forbidden);
    CHECK(c.terms[3].part_of_speech == "noun");
    CHECK(c.domain == "weapons");
    CHECK(c.definition == "a missile with a range over 5500 km");
  }

  TEST_CASE("any BCP 47 language column, case as written") {
    auto tb = csv("id,EN-us,ko,ja,zh-Hant\nnato,NATO,나토,北大西洋条約機構,北約\n");
    auto langs = tb.languages();
    REQUIRE(langs.size() == 4);
    CHECK(tb.concepts()[0].terms[0].lang.str() == "en-US");
    CHECK(tb.concepts()[0].terms[3].lang.str() == "zh-Hant");
  }

  TEST_CASE("tsv reads the same way") {
    auto tb = io::read_termbase("id\ten\tko\nnll\tNorthern Limit Line\t북방한계선\n",
                                io::Format::tsv, "defense.tsv");
    REQUIRE(tb.size() == 1);
    CHECK(tb.concepts()[0].terms[1].text == "북방한계선");
  }

  TEST_CASE("an empty glossary has no concepts") {
    CHECK(csv("id,en,ko\r\n").empty());
    CHECK(csv("").empty());
  }

  TEST_CASE("a ragged row is an error naming its line") {
    try {
      csv("id,en,ko\nncg,NCG,핵협의그룹\nscm,SCM,한미안보협의회의,extra\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 3);
      CHECK(e.where().file == "defense.csv");
      CHECK(std::string(e.message()).find("4 fields, the header 3") != std::string::npos);
    }
  }

  TEST_CASE("a ragged row is skipped with a warning on request") {
    Diagnostics diags;
    io::TermBaseReadOptions options;
    options.on_bad_entry = OnBadEntry::warn;
    options.diagnostics = &diags;
    auto tb = csv("id,en,ko\nncg,NCG,핵협의그룹\nscm,SCM\n", options);
    CHECK(tb.size() == 1);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.line == 3);
  }

  TEST_CASE("an unknown column is an error naming it") {
    try {
      csv("id,english,korean\nncg,NCG,핵협의그룹\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.message()).find("unknown column 'english'") != std::string::npos);
      CHECK(e.where().line == 1);
    }
  }

  TEST_CASE("a header without a language column is an error") {
    CHECK_THROWS_AS(csv("id,note\nncg,launched 2023\n"), Error);
  }

  TEST_CASE("duplicate ids with conflicting definitions are an error") {
    std::string data =
        "id,en,ko,definition\n"
        "cfc,Combined Forces Command,한미연합사령부,ROK-US combined command\n"
        "cfc,CFC,연합사,UN command in Korea\n";
    CHECK_THROWS_AS(csv(data), Error);
    io::TermBaseReadOptions options;
    options.on_bad_entry = OnBadEntry::skip;
    auto tb = csv(data, options);
    REQUIRE(tb.size() == 1);
    CHECK(tb.concepts()[0].definition == "ROK-US combined command");
    CHECK(tb.concepts()[0].terms.size() == 4);
  }

  TEST_CASE("duplicate ids apart in the file merge; a repeated term is kept once") {
    auto tb =
        csv("id,en,ko\n"
            "jcs,Joint Chiefs of Staff,합동참모본부\n"
            "dmz,DMZ,비무장지대\n"
            "jcs,JCS,합참\n"
            "jcs,Joint Chiefs of Staff,\n");
    REQUIRE(tb.size() == 2);
    CHECK(tb.find("jcs")->terms.size() == 4);
  }

  TEST_CASE("one term with two statuses is a conflict") {
    CHECK_THROWS_AS(csv("id,en,ko,ko_status\n"
                        "nk,North Korea,북한,preferred\n"
                        "nk,,북한,forbidden\n"),
                    Error);
  }

  TEST_CASE("an unknown status value is an error") {
    CHECK_THROWS_AS(csv("id,en,status\nncg,NCG,approved-ish\n"), Error);
  }

  TEST_CASE("an unterminated quote is an error at its line") {
    try {
      csv("id,en,ko\nncg,\"NCG,핵협의그룹\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 2);
      CHECK(e.where().column == 5);
    }
  }

  TEST_CASE("csv written and read again is the same term base") {
    auto tb =
        csv("id,en,ko,en_type,ko_status,note\n"
            "ncg,Nuclear Consultative Group,핵협의그룹,fullForm,preferred,\"launched 2023, "
            "Washington\"\n"
            "ncg,NCG,핵 협의 그룹,acronym,forbidden,second note\n");
    for (auto f : {io::Format::csv, io::Format::tsv}) {
      auto again = io::read_termbase(write(tb, f), f, "again");
      CHECK(again.concepts() == tb.concepts());
    }
  }

  TEST_CASE("Indonesian (id) is a column beside a concept_id column, and reads back") {
    auto tb =
        csv("concept_id,en,id,ko\nncg,Nuclear Consultative Group,Kelompok Konsultatif "
            "Nuklir,핵협의그룹\n");
    REQUIRE(tb.concepts().size() == 1);
    CHECK(tb.concepts()[0].id == "ncg");
    CHECK(tb.concepts()[0].terms.size() == 3);
    for (auto f : {io::Format::csv, io::Format::tsv}) {
      std::string text = write(tb, f);
      CHECK(text.rfind("concept_id", 0) == 0);
      auto again = io::read_termbase(text, f, "again");
      CHECK(again.concepts() == tb.concepts());
    }
    // Without another id column, "id" stays the concept id, as in every sheet so far.
    auto plain = csv("id,en\nncg,NCG\n");
    CHECK(plain.concepts()[0].id == "ncg");
  }

  TEST_CASE("a term base without terms is written as a table that reads back") {
    // A TBX with an empty body: the header takes its declared language, else English.
    glossary::TermBase tb;
    tb.source_lang = "ko";
    CHECK(write(tb, io::Format::tsv) == "id\tko\n");
    CHECK(io::read_termbase(write(tb, io::Format::csv), io::Format::csv, "again").empty());
    tb.source_lang.clear();
    CHECK(write(tb, io::Format::csv) == "id,en\r\n");
  }

  TEST_CASE("a language a header cannot hold is refused on writing, not written") {
    // TBX takes a 5-8 letter language subtag; a table's header reads such a name as
    // another column, so the file could not be read back.
    glossary::TermBase tb;
    glossary::Concept c;
    c.id = "mnd";
    for (auto [text, lang] : {std::pair{"Ministry of National Defense", "en"},
                              std::pair{"Millî Savunma Bakanlığı", "trkeis"}}) {
      glossary::Term t;
      t.text = text;
      t.lang = LangTag::parse(lang);
      c.terms.push_back(t);
    }
    tb.add(c);
    CHECK_THROWS_WITH_AS(write(tb, io::Format::tsv), doctest::Contains("'trkeis'"), Error);
    CHECK_THROWS_AS(write(tb, io::Format::csv), Error);
  }

  TEST_CASE("csv rows end with CRLF, tsv rows with LF") {
    auto tb = csv("id,en,ko\nncg,NCG,핵협의그룹\n");
    CHECK(write(tb, io::Format::csv) == "id,en,ko\r\nncg,NCG,핵협의그룹\r\n");
    CHECK(write(tb, io::Format::tsv) == "id\ten\tko\nncg\tNCG\t핵협의그룹\n");
  }

  TEST_CASE("omegat glossary lines become concepts of the given languages") {
    io::TermBaseReadOptions options;
    options.src_lang = "en";
    options.tgt_lang = "ko";
    auto tb = io::read_termbase(
        "# OmegaT glossary\nextended deterrence\t확장억제\tUS commitment\nDMZ\t비무장지대\n",
        io::Format::omegat_tsv, "glossary.txt", options);
    REQUIRE(tb.size() == 2);
    CHECK(tb.concepts()[0].terms[1].text == "확장억제");
    CHECK(tb.concepts()[0].terms[1].lang == LangTag::parse("ko"));
    CHECK(tb.concepts()[0].notes[0] == "US commitment");
    io::TermBaseWriteOptions wo;
    wo.src_lang = "en";
    wo.tgt_lang = "ko";
    std::ostringstream out;
    io::write_termbase(tb, out, io::Format::omegat_tsv, wo);
    CHECK(out.str() == "extended deterrence\t확장억제\tUS commitment\nDMZ\t비무장지대\n");
  }

  TEST_CASE("omegat: a term starting with '#' is refused, as OmegaT reads a comment there") {
    auto tb = csv("id,ko,en\nncg,핵협의그룹,NCG\next,#확장억제,extended deterrence\n");
    io::TermBaseWriteOptions wo;
    wo.src_lang = "ko";
    wo.tgt_lang = "en";
    std::ostringstream out;
    CHECK_THROWS_WITH_AS(io::write_termbase(tb, out, io::Format::omegat_tsv, wo),
                         doctest::Contains("'#확장억제'"), Error);
  }

  TEST_CASE("omegat glossary without languages is an error") {
    CHECK_THROWS_AS(io::read_termbase("DMZ\t비무장지대\n", io::Format::omegat_tsv, "g.txt"), Error);
  }

  TEST_CASE("a hundred thousand concepts read quickly") {
    std::string data = "id,en,ko\n";
    data.reserve(4 << 20);
    for (int i = 0; i < 100000; ++i) {
      data += "c" + std::to_string(i) + ",missile test " + std::to_string(i) + ",미사일 시험 " +
              std::to_string(i) + "\n";
    }
    auto tb = csv(data);
    CHECK(tb.size() == 100000);
    CHECK(tb.find("c99999")->terms[1].text == "미사일 시험 99999");
  }

  TEST_CASE("a CP949 glossary saved by Korean Excel is read, with a note on the guess") {
    auto bytes = fixture("excel-cp949.csv");
    Diagnostics diags;
    io::TermBaseReadOptions options;
    options.on_bad_entry = OnBadEntry::warn;
    options.diagnostics = &diags;
    auto tb = io::read_termbase(bytes, io::Format::csv, "excel.csv", options);
    REQUIRE(tb.size() == 4);
    CHECK(tb.concepts()[0].terms[0].text == "핵협의그룹");
    CHECK(tb.find("국방부")->terms.size() == 3);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].message == "read as cp949 (not UTF-8); use --encoding to say otherwise");
    SUBCASE("named, it is not a guess") {
      Diagnostics quiet;
      options.diagnostics = &quiet;
      options.encoding = "cp949";
      CHECK(io::read_termbase(bytes, io::Format::csv, "excel.csv", options).size() == 4);
      CHECK(quiet.empty());
    }
    SUBCASE("named wrongly, it is an error with a position") {
      options.encoding = "utf-8";
      CHECK_THROWS_AS(io::read_termbase(bytes, io::Format::csv, "excel.csv", options), Error);
    }
    SUBCASE("the same as its UTF-8 twin") {
      CHECK(io::read_termbase(fixture("ko-en.csv"), io::Format::csv, "ko-en.csv").concepts() ==
            tb.concepts());
    }
  }

  TEST_CASE("Excel's Unicode text (UTF-16LE with BOM, tabs) is read") {
    std::istringstream in(fixture("excel-unicode.txt"));
    auto tb = io::read_termbase(in, "", "<stdin>");
    REQUIRE(tb.size() == 3);
    CHECK(tb.find("비무장지대")->terms[1].text == "DMZ");
  }

  TEST_CASE("a ko,en sheet without ids: ids come from the first term and stay when rows move") {
    auto tb = csv("ko,en\n핵 실험,nuclear test\n확장억제,extended deterrence\n,SCM\n");
    REQUIRE(tb.size() == 3);
    CHECK(tb.concepts()[0].id == "핵-실험");
    CHECK(tb.concepts()[1].id == "확장억제");
    CHECK(tb.concepts()[2].id == "SCM");
    auto moved = csv("ko,en\n확장억제,extended deterrence\n,SCM\n핵 실험,nuclear test\n");
    CHECK(moved.find("핵-실험")->terms == tb.find("핵-실험")->terms);
    CHECK(moved.find("SCM") != nullptr);
  }

  TEST_CASE("a ko,en sheet is edited in place; columns an edit needs are added") {
    std::string data = fixture("ko-en.csv");
    auto tb = csv(data);
    glossary::Concept ed = *tb.find("확장억제");
    glossary::Term acronym;
    acronym.text = "ED";
    acronym.lang = LangTag::parse("en");
    acronym.type = glossary::TermType::acronym;
    ed.terms.push_back(acronym);
    ed.terms[1].status = glossary::TermStatus::preferred;
    auto edited = io::edit_termbase_text(data, io::Format::csv, "ko-en.csv", "확장억제", &ed);
    CHECK(edited ==
          "ko,en,en_status,en_type\r\n"
          "핵협의그룹,Nuclear Consultative Group,,\r\n"
          "확장억제,extended deterrence,preferred,\r\n"
          "확장억제,ED,,acronym\r\n"
          "탄도 미사일,ballistic missile,,\r\n"
          "국방부,Ministry of National Defense,,\r\n"
          "국방부,MND,,\r\n");
    CHECK(csv(edited).find("확장억제")->terms.size() == 3);
    SUBCASE("an added concept must carry the id its first term gives") {
      glossary::Concept dmz;
      dmz.id = "dmz";
      glossary::Term ko;
      ko.text = "비무장 지대";
      ko.lang = LangTag::parse("ko");
      dmz.terms.push_back(ko);
      CHECK_THROWS_AS(io::edit_termbase_text(data, io::Format::csv, "k.csv", "dmz", &dmz), Error);
      dmz.id = "비무장-지대";
      auto added = io::edit_termbase_text(data, io::Format::csv, "k.csv", "비무장-지대", &dmz);
      CHECK(added == data + "비무장 지대,\r\n");
    }
    SUBCASE("removing takes every row of the concept") {
      auto removed = io::edit_termbase_text(data, io::Format::csv, "k.csv", "국방부", nullptr);
      CHECK(removed == data.substr(0, data.find("국방부")));
    }
    SUBCASE("a second term in the key language needs an id column") {
      glossary::Term spaced;
      spaced.text = "확장 억제";
      spaced.lang = LangTag::parse("ko");
      ed.terms.push_back(spaced);
      CHECK_THROWS_AS(io::edit_termbase_text(data, io::Format::csv, "k.csv", "확장억제", &ed),
                      Error);
    }
  }

  TEST_CASE("a CP949 sheet is edited in place and written back in CP949") {
    std::string data = fixture("excel-cp949.csv");
    auto tb = io::read_termbase(data, io::Format::csv, "excel.csv");
    glossary::Concept ballistic = *tb.find("탄도-미사일");
    ballistic.terms[1].text = "ballistic missiles";
    auto edited =
        io::edit_termbase_text(data, io::Format::csv, "excel.csv", "탄도-미사일", &ballistic);
    // Every other byte as it was: the edit is the only change, in CP949.
    auto utf8 = fixture("ko-en.csv");
    auto at = utf8.find("ballistic missile");
    auto expected = utf8.substr(0, at) + "ballistic missiles" + utf8.substr(at + 17);
    CHECK(termbridge::text::decode_text(edited, "cp949", "e.csv").text == expected);
    CHECK(edited.substr(0, data.find("ballistic")) == data.substr(0, data.find("ballistic")));
    CHECK(edited.size() == data.size() + 1);
    SUBCASE("a character CP949 lacks is refused, naming it") {
      ballistic.terms[1].text = "ballistic missile 🚀";
      try {
        io::edit_termbase_text(data, io::Format::csv, "excel.csv", "탄도-미사일", &ballistic);
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(std::string(e.message()).find("'🚀' cannot be written in cp949") != std::string::npos);
      }
    }
    SUBCASE("UTF-16 Unicode text keeps its encoding and BOM") {
      std::string u16 = fixture("excel-unicode.txt");
      auto jcs = *io::read_termbase(u16, io::Format::tsv, "u.txt").find("합동참모본부");
      jcs.terms[1].text = "JCS";
      auto out = io::edit_termbase_text(u16, io::Format::tsv, "u.txt", "합동참모본부", &jcs);
      CHECK(out.substr(0, 2) == "\xFF\xFE");
      CHECK(
          termbridge::text::decode_text(out, "", "u.txt").text ==
          "ko\ten\r\n합동참모본부\tJCS\r\n비무장지대\tDMZ\r\n북방한계선\tNorthern Limit Line\r\n");
    }
  }

  TEST_CASE("an edit keeps the compatibility Hanja of a CP949 sheet's untouched cells") {
    // KS X 1001 holds 連 twice: read 련 (U+F99A, 0xE6E6) and read 연 (U+9023, 0xD6A7). NFC
    // folds the first into the second; a cell the edit did not change keeps its reading.
    const std::string lian = "\xE6\xE6\xF9\xEA";                   // 連合 with U+F99A, in CP949
    const std::string hanmi = "\xC7\xD1\xB9\xCC\xBF\xAC\xC7\xD5";  // 한미연합
    std::string data =
        "id,ko,en\r\nrokus," + hanmi + ",ROK-U.S. combined\r\nlian," + lian + ",alliance\r\n";
    auto tb = io::read_termbase(data, io::Format::csv, "hanja.csv");
    glossary::Concept c = *tb.find("lian");
    CHECK(c.terms[0].text == "\u9023\u5408");  // NFC inside, for matching
    c.terms[1].text = "combination";
    auto edited = io::edit_termbase_text(data, io::Format::csv, "hanja.csv", "lian", &c);
    CHECK(edited.substr(edited.find("lian,")) == "lian," + lian + ",combination\r\n");
  }

  TEST_CASE("a sheet's guessed encoding that an edit would change is refused, not written") {
    // The sheet's one non-ASCII cell, 한 (0xC7D1), becomes 連 as 0xD6A7: valid UTF-8
    // (U+05A7), so the next read would guess UTF-8 and get another term.
    std::string one = "id,ko,en\r\nhan,\xC7\xD1,Korea\r\n";
    glossary::Concept changed = *io::read_termbase(one, io::Format::csv, "one.csv").find("han");
    changed.terms[0].text = "\u9023";
    try {
      io::edit_termbase_text(one, io::Format::csv, "one.csv", "han", &changed);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.message()).find("'one.csv' was read as cp949 by a guess") !=
            std::string::npos);
    }
    // Named, the encoding is not guessed, and the edit goes through.
    auto named = io::edit_termbase_text(one, io::Format::csv, "one.csv", "han", &changed, "cp949");
    CHECK(named == "id,ko,en\r\nhan,\xD6\xA7,Korea\r\n");
    // Left all ASCII, the sheet reads the same either way: no refusal.
    auto removed = io::edit_termbase_text(one, io::Format::csv, "one.csv", "han", nullptr);
    CHECK(removed == "id,ko,en\r\n");
  }

  TEST_CASE("a term base is written in CP949 or UTF-16 when asked") {
    auto tb = csv("id,en,ko\nmnd,Ministry of National Defense,국방부\n");
    io::TermBaseWriteOptions options;
    options.encoding = "cp949";
    std::ostringstream cp949;
    io::write_termbase(tb, cp949, io::Format::csv, options);
    CHECK(cp949.str().find("\xB1\xB9\xB9\xE6\xBA\xCE") != std::string::npos);  // 국방부
    CHECK(termbridge::text::decode_text(cp949.str(), "cp949", "x").text ==
          write(tb, io::Format::csv));
    options.encoding = "utf-16le";
    std::ostringstream utf16;
    io::write_termbase(tb, utf16, io::Format::tsv, options);
    CHECK(utf16.str().substr(0, 4) == std::string("\xFF\xFEi\0", 4));
    CHECK(io::read_termbase(utf16.str(), io::Format::tsv, "u.txt").concepts() == tb.concepts());
    options.encoding = "cp949";
    auto tb2 = csv("id,en,ko\nrocket,rocket 🚀,로켓\n");
    std::ostringstream out;
    CHECK_THROWS_AS(io::write_termbase(tb2, out, io::Format::csv, options), Error);
  }
}
