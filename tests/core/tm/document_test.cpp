// The document model's helpers: what counts as text, language pairs per file, and which
// segments become translation units.

#include "termbridge/tm/document.hpp"

#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace tmod = termbridge::tm;
using termbridge::Error;
using termbridge::LangTag;
using Kind = termbridge::tm::InlineCode::Kind;

namespace {

tmod::Segment seg(std::string text) {
  tmod::Segment s;
  s.text = std::move(text);
  return s;
}

tmod::DocFile file_of(std::string original, std::string src, std::string tgt, std::string source,
                      std::string target) {
  tmod::DocFile f;
  f.original = std::move(original);
  if (!src.empty()) {
    f.src_lang = LangTag::parse(src);
  }
  if (!tgt.empty()) {
    f.tgt_lang = LangTag::parse(tgt);
  }
  tmod::DocUnit u;
  u.id = "p1";
  tmod::DocSegment s;
  s.source = seg(std::move(source));
  s.target = seg(std::move(target));
  s.state = tmod::SegmentState::translated;
  u.segments.push_back(std::move(s));
  f.units.push_back(std::move(u));
  return f;
}

}  // namespace

TEST_SUITE("tm.document") {
  TEST_CASE("has_text: white space of any script is no text, a code is no text") {
    CHECK(tmod::has_text(seg("국방부")));
    CHECK(tmod::has_text(seg(" a ")));
    CHECK_FALSE(tmod::has_text(seg("")));
    CHECK_FALSE(tmod::has_text(seg(" \t\r\n")));
    CHECK_FALSE(tmod::has_text(seg("\u3000")));          // ideographic space
    CHECK_FALSE(tmod::has_text(seg("\u00A0\u2009 ")));   // no-break and thin space
    CHECK(tmod::has_text(seg("\u200B")));                // zero width space is not White_Space
    CHECK(tmod::has_text(seg(std::string("\xFF", 1))));  // a byte that is not UTF-8
    tmod::Segment tags;
    tags.codes.push_back({});
    tags.codes[0].kind = Kind::placeholder;
    tags.text = " ";
    CHECK_FALSE(tmod::has_text(tags));
    tmod::DocSegment s;
    s.source = tags;
    s.target = seg("Image");
    CHECK_FALSE(tmod::is_translatable(s));
    CHECK_FALSE(tmod::is_translated(s));
  }

  TEST_CASE("a file's pair is its own, else the document's") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko");
    doc.tgt_lang = LangTag::parse("en");
    doc.files.push_back(file_of("a.ko.txt", "", "", "국방부", "Ministry of National Defense"));
    doc.files.push_back(file_of("b.ko.txt", "ko", "ja", "합동참모본부", "統合参謀本部"));
    CHECK(tmod::source_lang(doc, doc.files[0]).str() == "ko");
    CHECK(tmod::target_lang(doc, doc.files[0]).str() == "en");
    CHECK(tmod::target_lang(doc, doc.files[1]).str() == "ja");
    auto units = tmod::to_translation_units(doc);
    REQUIRE(units.size() == 2);
    CHECK(units[0].variants[1].lang.str() == "en");
    CHECK(units[1].variants[1].lang.str() == "ja");
    CHECK(units[1].variants[1].segment.text == "統合参謀本部");
  }

  TEST_CASE("select_pair matches tags more or less specific and keeps the file's own") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko-KR");
    doc.tgt_lang = LangTag::parse("en-US");
    doc.files.push_back(file_of("a", "", "", "합참", "JCS"));
    doc.files.push_back(file_of("b", "ko-KR", "ja-JP", "합참", "統合参謀本部"));
    doc.files.push_back(file_of("c", "", "", "국방부", "MND"));
    CHECK(tmod::select_pair(doc, LangTag::parse("ko"), LangTag::parse("en")) == 1);
    REQUIRE(doc.files.size() == 2);
    CHECK(doc.files[0].original == "a");
    CHECK(doc.files[1].original == "c");
    CHECK(doc.src_lang.str() == "ko-KR");
    CHECK(doc.tgt_lang.str() == "en-US");
    // One pair left: asking for nothing keeps it.
    CHECK(tmod::select_pair(doc, {}, {}) == 0);
    CHECK(doc.files.size() == 2);
  }

  TEST_CASE("select_pair gives a document without target language the one asked for") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("en");
    doc.files.push_back(file_of("strings", "", "", "Cancel", ""));
    CHECK(tmod::select_pair(doc, {}, LangTag::parse("ko")) == 0);
    CHECK(doc.tgt_lang.str() == "ko");
    CHECK_THROWS_WITH_AS(tmod::select_pair(doc, LangTag::parse("ja"), {}),
                         doctest::Contains("no file is in the language pair 'ja -> ?'; the "
                                           "document holds en -> ko"),
                         Error);
  }

  TEST_CASE("only translated segments become translation units") {
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko");
    doc.tgt_lang = LangTag::parse("en");
    doc.files.push_back(file_of("a", "", "", "국방부", "Ministry of National Defense"));
    doc.files.push_back(file_of("b", "", "", "합참", "  "));  // spaces: untranslated
    tmod::DocFile tags = file_of("c", "", "", "", "");
    tags.units[0].segments[0].source.codes.push_back({});
    tags.units[0].segments[0].target.codes.push_back({});
    doc.files.push_back(tags);
    auto units = tmod::to_translation_units(doc);
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].segment.text == "국방부");
  }
}
