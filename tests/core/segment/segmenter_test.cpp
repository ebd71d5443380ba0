#include "termbridge/segment/segmenter.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/segment/paragraphs.hpp"

using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::segment::Segmenter;

namespace {

std::vector<std::string> sentences(const Segmenter& s, std::string_view text,
                                   std::string_view lang) {
  std::vector<std::string> out;
  for (auto span : s.split(text, lang)) {
    out.emplace_back(span.of(text));
  }
  return out;
}

std::vector<std::string> en(std::string_view text) {
  return sentences(Segmenter::builtin(), text, "en");
}
std::vector<std::string> ko(std::string_view text) {
  return sentences(Segmenter::builtin(), text, "ko");
}

using Lines = std::vector<std::string>;

std::string read_shared(const std::string& rel) {
  std::ifstream in(std::string(TB_SOURCE_DIR "/../shared/") + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_SUITE("segment.english") {
  TEST_CASE("titles before a name do not end a sentence") {
    CHECK(en("Sen. John McCain and Gov. Sarah Palin spoke. Dr. Kim agreed.") ==
          Lines{"Sen. John McCain and Gov. Sarah Palin spoke.", "Dr. Kim agreed."});
    CHECK(en("Lt. Col. Park Min-soo met Mr. Smith in Seoul.") ==
          Lines{"Lt. Col. Park Min-soo met Mr. Smith in Seoul."});
  }

  TEST_CASE("an abbreviation before a noun continues, before a starter word ends") {
    CHECK(en("The U.S. Secretary of State arrived in Seoul.") ==
          Lines{"The U.S. Secretary of State arrived in Seoul."});
    CHECK(en("Troops left the U.S. The talks resumed.") ==
          Lines{"Troops left the U.S.", "The talks resumed."});
    CHECK(en("He works for Samsung Corp. Radio reports said so.") ==
          Lines{"He works for Samsung Corp. Radio reports said so."});
    CHECK(en("He flew to Washington, D.C. Mayor Bowser met him.") ==
          Lines{"He flew to Washington, D.C. Mayor Bowser met him."});
    CHECK(en("He flew to Washington, D.C. He met the mayor.") ==
          Lines{"He flew to Washington, D.C.", "He met the mayor."});
  }

  TEST_CASE("times, numbers, months and decimals") {
    CHECK(en("The drill starts at 9 a.m. ET on Monday.") ==
          Lines{"The drill starts at 9 a.m. ET on Monday."});
    CHECK(en("It ended at 5 p.m. The troops then withdrew.") ==
          Lines{"It ended at 5 p.m.", "The troops then withdrew."});
    CHECK(en("Resolution No. 5 passed on Jan. 12 by a vote of 1.5 to 1.") ==
          Lines{"Resolution No. 5 passed on Jan. 12 by a vote of 1.5 to 1."});
    CHECK(en("She answered, \"No. This is not over.\"") ==
          Lines{"She answered, \"No.", "This is not over.\""});
  }

  TEST_CASE("a date's day ends a sentence before a capital, not as a list number") {
    CHECK(en("The meeting was held on Dec. 11. The U.S. side was led by Robert Soofer.") ==
          Lines{"The meeting was held on Dec. 11.", "The U.S. side was led by Robert Soofer."});
    CHECK(en("It began on Jan. 5 in Seoul.") == Lines{"It began on Jan. 5 in Seoul."});
  }

  TEST_CASE("initials stay with the name") {
    CHECK(en("President John F. Kennedy visited Berlin in 1963.") ==
          Lines{"President John F. Kennedy visited Berlin in 1963."});
  }

  TEST_CASE("quotes, ellipses and lower-case continuation") {
    CHECK(en("\"Is it over?\" he asked. \"Yes.\" She left.") ==
          Lines{"\"Is it over?\" he asked.", "\"Yes.\"", "She left."});
    CHECK(en("The deal was excessive… concert organizers said.") ==
          Lines{"The deal was excessive… concert organizers said."});
    CHECK(en("It was over ... He left the room.") == Lines{"It was over ...", "He left the room."});
    CHECK(en("He said (really?) that he would stay.") ==
          Lines{"He said (really?) that he would stay."});
  }

  TEST_CASE("a missing space after a sentence still ends it") {
    CHECK(en("Ships sailed into the East Sea.The Korea Coast Guard followed.") ==
          Lines{"Ships sailed into the East Sea.", "The Korea Coast Guard followed."});
  }

  TEST_CASE("a detached closing quote stays with its sentence") {
    CHECK(en("He said McCain \"changed his position. \"") ==
          Lines{"He said McCain \"changed his position. \""});
  }
}

TEST_SUITE("segment.korean") {
  TEST_CASE("final endings end sentences") {
    CHECK(ko("북한이 미사일을 발사했다. 합참이 이를 확인했어요? 정말입니까? 네.") ==
          Lines{"북한이 미사일을 발사했다.", "합참이 이를 확인했어요?", "정말입니까?", "네."});
  }

  TEST_CASE("a past ending that lost its period ends the sentence before a new one") {
    CHECK(ko("바스 교수는 \"원시적이라는 것을 뜻한다\"고 말했다 그는 또 다른 연구를 시작했다.") ==
          Lines{"바스 교수는 \"원시적이라는 것을 뜻한다\"고 말했다",
                "그는 또 다른 연구를 시작했다."});
    // Not inside a quotation, nor before what goes on with the ending.
    CHECK(ko("국방부는 \"북한이 미사일을 쐈다 도발이다\"고 말했다.") ==
          Lines{"국방부는 \"북한이 미사일을 쐈다 도발이다\"고 말했다."});
    CHECK(ko("그가 떠났다 하더라도 회의는 열린다.") ==
          Lines{"그가 떠났다 하더라도 회의는 열린다."});
    CHECK(ko("바다 건너 섬이 있다.") == Lines{"바다 건너 섬이 있다."});
  }

  TEST_CASE("a quotation with a quotative particle is one sentence") {
    CHECK(ko("국방부는 \"북한이 미사일을 쐈다. 도발이다\"고 말했다. 회의가 열렸다.") ==
          Lines{"국방부는 \"북한이 미사일을 쐈다. 도발이다\"고 말했다.", "회의가 열렸다."});
    CHECK(ko("그는 “협상은 끝났다.” 고 밝혔다.") == Lines{"그는 “협상은 끝났다.” 고 밝혔다."});
    CHECK(ko("그는 “협상은 끝났다”며 자리를 떴다.") ==
          Lines{"그는 “협상은 끝났다”며 자리를 떴다."});
  }

  TEST_CASE("a new quotation after a sentence starts a new sentence") {
    CHECK(ko("회담이 끝났다. “합의는 없었다.” 대변인이 말했다.") ==
          Lines{"회담이 끝났다.", "“합의는 없었다.”", "대변인이 말했다."});
  }

  TEST_CASE("parentheses do not split") {
    CHECK(ko("훈련은 예정대로 진행됐다(일부 부대는 빠졌다.) 다음 주에 재개된다.") ==
          Lines{"훈련은 예정대로 진행됐다(일부 부대는 빠졌다.) 다음 주에 재개된다."});
  }

  TEST_CASE("dates, numbers and initials do not split") {
    CHECK(ko("국방부는 2025. 12. 11. 발표했다. 성장률은 1.5%였다.") ==
          Lines{"국방부는 2025. 12. 11. 발표했다.", "성장률은 1.5%였다."});
    CHECK(ko("제임스 T. 커크 함장이 도착했다.") == Lines{"제임스 T. 커크 함장이 도착했다."});
  }

  TEST_CASE("a Latin gloss or byline after a Korean sentence is its own segment") {
    CHECK(ko("그 범위는 알려지지 않았다. encompass …을 포함하다") ==
          Lines{"그 범위는 알려지지 않았다.", "encompass …을 포함하다"});
  }

  TEST_CASE("decomposed Hangul segments like composed Hangul") {
    // 다 (U+1103 U+1161) decomposed; spans point into the decomposed input.
    std::string nfd =
        "\xe1\x84\x8c\xe1\x85\xa9\xe1\x86\xbc\xe1\x84\x8b\xe1\x85\xb5"
        "\xe1\x86\xab\xe1\x84\x83\xe1\x85\xa1. \xe1\x84\x82\xe1\x85\xa6.";
    auto spans = Segmenter::builtin().split(nfd, "ko");
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].end == nfd.find(' '));
    CHECK(spans[1].end == nfd.size());
  }
}

TEST_SUITE("segment.split") {
  TEST_CASE("empty and white-space paragraphs give no sentences") {
    CHECK(en("").empty());
    CHECK(en(" \t\n ").empty());
  }

  TEST_CASE("spans are trimmed byte ranges in order") {
    std::string text = "  North Korea fired. \u3000Seoul responded.  ";
    auto spans = Segmenter::builtin().split(text, "en");
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].begin == 2);
    CHECK(spans[1].of(text) == "Seoul responded.");
  }

  TEST_CASE("invalid UTF-8 is an error with its byte offset") {
    std::string bad = "Troops moved. \xff Then";
    CHECK_THROWS_WITH_AS(Segmenter::builtin().split(bad, "en"), "invalid UTF-8 at byte 14", Error);
  }

  TEST_CASE("a long paragraph is split across windows like a short one") {
    std::string sentence = "Sen. Kim said the U.S. Army will stay. ";
    std::string text;
    while (text.size() < 300000) {
      text += sentence;
    }
    auto spans = Segmenter::builtin().split(text, "en");
    CHECK(spans.size() == text.size() / sentence.size());
    CHECK(spans.back().of(text) == "Sen. Kim said the U.S. Army will stay.");
  }

  TEST_CASE("rule sets for a language follow the map in order") {
    CHECK(Segmenter::builtin().rule_sets("ko-KR") ==
          std::vector<std::string>{"Korean", "Abbreviations", "Default"});
    CHECK(Segmenter::builtin().rule_sets("und") ==
          std::vector<std::string>{"Abbreviations", "Default"});
  }
}

TEST_SUITE("segment.srx") {
  TEST_CASE("the first matching rule decides, in cascade order") {
    auto s = Segmenter::from_srx(R"(<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="yes"/><body><languagerules>
<languagerule languagerulename="en"><rule break="no"><beforebreak>\bGen\.</beforebreak>
<afterbreak>\s</afterbreak></rule></languagerule>
<languagerule languagerulename="all"><rule break="yes"><beforebreak>\.</beforebreak>
<afterbreak>\s</afterbreak></rule></languagerule>
</languagerules><maprules>
<languagemap languagepattern="en.*" languagerulename="en"/>
<languagemap languagepattern=".*" languagerulename="all"/>
</maprules></body></srx>)",
                                 "test.srx");
    CHECK(sentences(s, "Gen. Kim left. Troops stayed.", "en-US") ==
          Lines{"Gen. Kim left.", "Troops stayed."});
    CHECK(sentences(s, "Gen. Kim left. Troops stayed.", "ko") ==
          Lines{"Gen.", "Kim left.", "Troops stayed."});
  }

  TEST_CASE("cascade=no takes only the first matching rule set") {
    auto s = Segmenter::from_srx(R"(<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="no"/><body><languagerules>
<languagerule languagerulename="a"><rule break="yes"><beforebreak>;</beforebreak>
<afterbreak>\s</afterbreak></rule></languagerule>
<languagerule languagerulename="b"><rule break="yes"><beforebreak>\.</beforebreak>
<afterbreak>\s</afterbreak></rule></languagerule>
</languagerules><maprules>
<languagemap languagepattern="en" languagerulename="a"/>
<languagemap languagepattern=".*" languagerulename="b"/>
</maprules></body></srx>)",
                                 "test.srx");
    CHECK(s.rule_sets("EN") == std::vector<std::string>{"a"});
    CHECK(sentences(s, "Talks ended; troops left. Night fell.", "en") ==
          Lines{"Talks ended;", "troops left. Night fell."});
  }

  TEST_CASE("a no-break rule whose beforebreak ICU cannot put in a lookbehind still applies") {
    auto s = Segmenter::from_srx(R"(<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header/><body><languagerules><languagerule languagerulename="x">
<rule break="no"><beforebreak>(\w)\1\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules><maprules>
<languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>)",
                                 "test.srx");
    CHECK(sentences(s, "Call Mr. Kim at the 33. Then leave.", "en") ==
          Lines{"Call Mr.", "Kim at the 33. Then leave."});
  }

  TEST_CASE("malformed XML is a parse error with line and column") {
    CHECK_THROWS_WITH_AS(Segmenter::from_srx("<srx version=\"2.0\">\n  <body>\n</srx>", "bad.srx"),
                         doctest::Contains("bad.srx:3:"), Error);
  }

  TEST_CASE("an invalid regular expression names the rule's place") {
    std::string xml = R"(<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header/>
<body><languagerules><languagerule languagerulename="x">
  <rule break="yes"><beforebreak>[.?!</beforebreak></rule>
</languagerule></languagerules><maprules/></body></srx>)";
    try {
      Segmenter::from_srx(xml, "rules.srx");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::parse);
      CHECK(e.where().line == 3);
      CHECK(std::string(e.what()).find("[.?!") != std::string::npos);
    }
  }

  TEST_CASE("a map naming an unknown rule set is an error") {
    CHECK_THROWS_WITH_AS(Segmenter::from_srx(R"(<srx version="2.0"><body><languagerules/>
<maprules><languagemap languagepattern=".*" languagerulename="nope"/></maprules></body></srx>)",
                                             "m.srx"),
                         doctest::Contains("'nope'"), Error);
  }

  TEST_CASE("a file that is not SRX says so") {
    CHECK_THROWS_WITH_AS(Segmenter::from_srx("<tmx version=\"1.4\"/>", "memory.tmx"),
                         doctest::Contains("expected <srx> root element, found <tmx>"), Error);
  }

  TEST_CASE("the Okapi default rules load and segment") {
    auto xml = read_shared("schemas/srx/okapi-defaultSegmentation.srx");
    if (xml.empty()) {
      MESSAGE("skipped: ../shared is absent");
      return;
    }
    auto s = Segmenter::from_srx(xml, "okapi-defaultSegmentation.srx");
    // Its acronym rule keeps "U.S. Is" together; "U.K. not" breaks, as no rule vetoes it.
    CHECK(
        sentences(s, "Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson there? Yes.", "en") ==
        Lines{"Mr. Holmes is from the U.K.", "not the U.S. Is Dr. Watson there?", "Yes."});
  }

  TEST_CASE("the Maxprograms default rules load and segment") {
    auto xml = read_shared("schemas/srx/maxprograms-default.srx");
    if (xml.empty()) {
      MESSAGE("skipped: ../shared is absent");
      return;
    }
    auto s = Segmenter::from_srx(xml, "maxprograms-default.srx");
    CHECK(s.rule_sets("en-US") == std::vector<std::string>{"English", "default"});
    CHECK(sentences(s, "The drill ended. Troops returned to base. Dr. Kim stayed.", "en") ==
          Lines{"The drill ended.", "Troops returned to base.", "Dr. Kim stayed."});
    CHECK(sentences(s, "Die Übung endete. Die Truppen kehrten zurück.", "de").size() == 2);
  }
}

TEST_SUITE("segment.paragraphs") {
  TEST_CASE("blank lines separate paragraphs, several count as one") {
    std::istringstream in("North Korea fired.\nSeoul responded.\n\n \n\n국방부는 밝혔다.\n");
    termbridge::text::LineReader lines(in, "news.txt");
    termbridge::segment::ParagraphReader paragraphs(lines);
    std::string p;
    REQUIRE(paragraphs.next(p));
    CHECK(p == "North Korea fired.\nSeoul responded.");
    CHECK(paragraphs.first_line() == 1);
    REQUIRE(paragraphs.next(p));
    CHECK(p == "국방부는 밝혔다.");
    CHECK(paragraphs.first_line() == 6);
    CHECK_FALSE(paragraphs.next(p));
  }

  TEST_CASE("a paragraph without blank lines is cut at a line end when it grows too long") {
    std::istringstream in("Troops left.\nTalks ended.\nNight fell.\n\nSeoul slept.\n");
    termbridge::text::LineReader lines(in, "news.txt");
    termbridge::segment::ParagraphReader paragraphs(lines, 20);
    std::string p;
    REQUIRE(paragraphs.next(p));
    CHECK(p == "Troops left.\nTalks ended.");
    CHECK_FALSE(paragraphs.continues());
    REQUIRE(paragraphs.next(p));
    CHECK(p == "Night fell.");
    CHECK(paragraphs.continues());
    REQUIRE(paragraphs.next(p));
    CHECK(p == "Seoul slept.");
    CHECK_FALSE(paragraphs.continues());
  }
}

TEST_SUITE("segment.clauses") {
  std::vector<std::string> parts(std::string_view text) {
    std::vector<std::string> out;
    for (auto span : termbridge::segment::clauses(text)) {
      out.emplace_back(span.of(text));
    }
    return out;
  }

  TEST_CASE("a colon or semicolon before a capital or a quotation mark starts a clause") {
    CHECK(
        parts("Here is Mark Smith: \xE2\x80\x9CThe specifics have not been decided.\xE2\x80\x9D") ==
        Lines{"Here is Mark Smith:",
              "\xE2\x80\x9CThe specifics have not been decided.\xE2\x80\x9D"});
    CHECK(parts("Troops left the base last spring; Officials said the move was routine.") ==
          Lines{"Troops left the base last spring;", "Officials said the move was routine."});
    CHECK(parts("Three reasons: \"cost\", time; Nothing else.") ==
          Lines{"Three reasons:", "\"cost\", time;", "Nothing else."});
  }

  TEST_CASE("times, lists and lower-case continuations stay whole") {
    CHECK(parts("The talks open at 10:30 in Seoul.") == Lines{"The talks open at 10:30 in Seoul."});
    CHECK(parts("Three allies attended: the U.S., Japan and Korea.") ==
          Lines{"Three allies attended: the U.S., Japan and Korea."});
    CHECK(parts("Ratio 3:1; the rest abstained.") == Lines{"Ratio 3:1; the rest abstained."});
    CHECK(parts("국방부는 밝혔다: 훈련은 예정대로 진행된다.") ==
          Lines{"국방부는 밝혔다: 훈련은 예정대로 진행된다."});
  }

  TEST_CASE("blank input gives no clause, surrounding space is trimmed") {
    CHECK(parts("").empty());
    CHECK(parts("   ").empty());
    CHECK(parts("  Note:  The end. ") == Lines{"Note:", "The end."});
    CHECK(parts("Ends with a colon:") == Lines{"Ends with a colon:"});
    // An invalid byte stays in its clause.
    CHECK(parts("Bad \xFF byte: The end.") == Lines{"Bad \xFF byte:", "The end."});
    CHECK(parts("Bad byte:\xFF The end.") == Lines{"Bad byte:\xFF The end."});
  }
}
