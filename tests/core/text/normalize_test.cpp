#include "termbridge/text/normalize.hpp"

#include <ios>
#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace text = termbridge::text;
using termbridge::Span;

TEST_SUITE("text.normalize") {
  TEST_CASE("decomposed Hangul composes under NFC") {
    // 핵 as conjoining jamo U+1112 U+1162 U+11A8.
    CHECK(text::normalize("\xE1\x84\x92\xE1\x85\xA2\xE1\x86\xA8", text::NormalForm::nfc) == "핵");
    CHECK(text::normalize("핵협의그룹", text::NormalForm::nfc) == "핵협의그룹");
  }

  TEST_CASE("the matching key folds width and case") {
    CHECK(text::normalize("ＮＣＧ", text::NormalForm::nfkc_cf) == "ncg");
    CHECK(text::normalize("Nuclear Consultative Group", text::NormalForm::nfkc_cf) ==
          "nuclear consultative group");
    CHECK(text::normalize("１２월", text::NormalForm::nfkc) == "12월");
  }

  TEST_CASE("the key maps back to the original bytes") {
    auto key = text::match_key("ＮＣＧ 회의");
    CHECK(key.text == "ncg 회의");
    CHECK(key.to_original[1] == 3);   // 'c' comes from 'Ｃ' at byte 3
    CHECK(key.to_original[4] == 10);  // 회 is at byte 10 of the original
    CHECK(key.original_span(Span{0, 3}) == Span{0, 9});
    CHECK(key.original_span(Span{4, 10}) == Span{10, 16});
  }

  TEST_CASE("a span ending inside a change widens to the change's end") {
    auto key = text::match_key("\xEF\xAC\x81nal");  // "ﬁnal" with the fi ligature
    CHECK(key.text == "final");
    CHECK(key.original_span(Span{0, 1}) == Span{0, 3});
  }

  TEST_CASE("decomposed Hangul keys map to the whole jamo sequence") {
    std::string nfd = "\xE1\x84\x92\xE1\x85\xA2\xE1\x86\xA8 실험";
    auto key = text::match_key(nfd);
    CHECK(key.text == "핵 실험");
    CHECK(key.original_span(Span{0, 3}) == Span{0, 9});
    CHECK(key.original_span(Span{4, 10}) == Span{10, 16});
  }

  TEST_CASE("empty text") {
    auto key = text::match_key("");
    CHECK(key.text.empty());
    CHECK(key.to_original.size() == 1);
  }

  TEST_CASE("is_normalized says what normalizing would say") {
    const char* texts[] = {
        "국방부는 핵협의그룹(NCG) 회의를 열었다",
        "Nuclear Consultative Group",
        "nuclear consultative group",
        "“확장억제” 강화 · 북핵 대응",
        "가\xE1\x86\xA8",                 // 가 + trailing jamo ᆨ: composes to 각
        "\xE1\x84\x92\xE1\x85\xA2 실험",  // 해 as conjoining jamo
        "cafe\xCC\x81",                   // e + combining acute
        "ＮＣＧ",
        "\xEF\xAC\x81nal",                    // fi ligature
        "soft\xC2\xADhyphen",                 // removed by the key
        "wait\xE2\x80\xA6",                   // … is three dots under NFKC
        "\xF0\x9F\x98\x80 \xF0\xA0\x80\x80",  // outside the BMP
        "",
    };
    for (const char* t : texts) {
      for (auto form : {text::NormalForm::nfc, text::NormalForm::nfkc, text::NormalForm::nfkc_cf}) {
        CAPTURE(t);
        CHECK(text::is_normalized(t, form) == (text::normalize_with_map(t, form).text == t));
      }
    }
  }

  TEST_CASE("is_normalized agrees with ICU on every character below U+10000") {
    for (char32_t c = 1; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) {
        continue;
      }
      std::string s;
      if (c < 0x80) {
        s += static_cast<char>(c);
      } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
      }
      for (auto form : {text::NormalForm::nfc, text::NormalForm::nfkc, text::NormalForm::nfkc_cf}) {
        if (text::is_normalized(s, form) != (text::normalize_with_map(s, form).text == s)) {
          FAIL("U+" << std::hex << static_cast<unsigned>(c) << " form " << static_cast<int>(form));
        }
      }
    }
  }

  TEST_CASE("form names") {
    CHECK(text::parse_normal_form("nfkc_cf") == text::NormalForm::nfkc_cf);
    CHECK_THROWS_AS(text::parse_normal_form("nfd"), termbridge::Error);
  }
}
