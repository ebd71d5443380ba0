#include "termbridge/lexicon/dictionary.hpp"

#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace lexicon = termbridge::lexicon;
using termbridge::LangTag;

namespace {

const LangTag kKo = LangTag::parse("ko");
const LangTag kEn = LangTag::parse("en");

lexicon::Lexicon read(const std::string& text) {
  std::istringstream in(text);
  return lexicon::read_dictionary(in, "test.tsv", kKo, kEn);
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const termbridge::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("lexicon.dictionary") {
  TEST_CASE("each headword pairs with every content word of its translations, inflected") {
    lexicon::Lexicon d = read(
        "\xEF\xBB\xBF# news words\r\n"
        "외무장관\tforeign minister; foreign secretary\r\n"
        "발표\tannounce; release\n"
        "철수\twithdraw; pull out\n"
        "공습\tair strike\n"
        "\n"
        "국가\tcountry\n"
        "내년\tnext year\n"
        "최초\tfirst\n"
        "미국\tUnited States; U.S.; America\n");
    CHECK(d.fixed("외무장관", "foreign"));
    CHECK(d.fixed("외무장관", "ministers"));
    CHECK(d.fixed("외무장관", "secretaries"));
    CHECK(d.forward("외무장관", "minister") == 1.0);
    CHECK(d.backward("minister", "외무장관") == 1.0);
    for (const char* form : {"announce", "announces", "announced", "announcing", "released"}) {
      CHECK_MESSAGE(d.fixed("발표", form), form);
    }
    CHECK(d.fixed("철수", "withdrew"));
    CHECK(d.fixed("철수", "withdrawn"));
    CHECK(d.fixed("철수", "pulled"));
    CHECK(d.fixed("공습", "strikes"));
    CHECK(d.fixed("국가", "countries"));
    // Function words of a translation link nothing.
    CHECK_FALSE(d.fixed("철수", "out"));
    CHECK_FALSE(d.fixed("외무장관", "the"));
    // "next" only qualifies the year; alone it is the translation.
    CHECK(d.fixed("내년", "year"));
    CHECK_FALSE(d.fixed("내년", "next"));
    CHECK(d.fixed("최초", "first"));
    // The letters of an abbreviation would link every "world's" to 미국.
    CHECK(d.fixed("미국", "states"));
    CHECK(d.fixed("미국", "america"));
    CHECK_FALSE(d.fixed("미국", "s"));
    CHECK_FALSE(d.fixed("미국", "u"));
  }

  TEST_CASE("bad lines are errors naming the file and line") {
    CHECK(error_of("국방부\tdefense ministry\n국방부 defense\n").find("test.tsv:2: ") !=
          std::string::npos);
    CHECK(error_of("또는\tor\n").find("test.tsv:1: the headword '또는' has no translation") !=
          std::string::npos);
    CHECK(error_of("10\tten\n").find("test.tsv:1: the headword '10' has no word") !=
          std::string::npos);
    CHECK(error_of("국방부\tdefense\n\xFF\tx\n").find("test.tsv:2") != std::string::npos);
    CHECK(error_of("") == "no error");
  }

  TEST_CASE("the compiled-in Korean-English dictionary, both ways round") {
    const lexicon::Lexicon* ko_en = lexicon::builtin_dictionary(kKo, kEn);
    REQUIRE(ko_en != nullptr);
    CHECK(ko_en->size() > 10000);
    CHECK(ko_en->fixed("국방부", "ministry"));
    CHECK(ko_en->fixed("대통령", "president"));
    CHECK(ko_en->fixed("미사일", "missiles"));
    CHECK(ko_en->fixed("회담", "talks"));
    const lexicon::Lexicon* en_ko = lexicon::builtin_dictionary(kEn, kKo);
    REQUIRE(en_ko != nullptr);
    CHECK(en_ko->src_lang().str() == "en");
    CHECK(en_ko->fixed("talks", "회담"));
    CHECK(en_ko->size() == ko_en->size());
    // Same object on every call; none for a pair it has no dictionary of.
    CHECK(lexicon::builtin_dictionary(LangTag::parse("ko-KR"), LangTag::parse("en-US")) == ko_en);
    CHECK(lexicon::builtin_dictionary(kKo, LangTag::parse("ja")) == nullptr);
    CHECK(lexicon::builtin_dictionary(kEn, kEn) == nullptr);
  }
}
