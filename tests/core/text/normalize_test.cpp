#include "termbridge/text/normalize.hpp"

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

  TEST_CASE("form names") {
    CHECK(text::parse_normal_form("nfkc_cf") == text::NormalForm::nfkc_cf);
    CHECK_THROWS_AS(text::parse_normal_form("nfd"), termbridge::Error);
  }
}
