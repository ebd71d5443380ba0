// Hostile XML: markup nested deep enough to overflow a recursive reader, character references
// to characters XML does not allow, and control characters on the way out. Each must give a
// clear error (or, for XLIFF 2, a <cp>), never a crash or a silently shortened segment.

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/validate.hpp"
#include "termbridge/io/xliff.hpp"

namespace io = termbridge::io;
namespace tmod = termbridge::tm;
using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::LangTag;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

std::string nested(const std::string& open, const std::string& close, std::size_t depth,
                   const std::string& inner = "x") {
  return repeat(open, depth) + inner + repeat(close, depth);
}

std::string tmx(const std::string& seg) {
  return "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"x\" "
         "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" "
         "srclang=\"ko\" datatype=\"plaintext\"/>\n<body>\n<tu>\n"
         "<tuv xml:lang=\"ko\"><seg>" +
         seg + "</seg></tuv>\n<tuv xml:lang=\"en\"><seg>en</seg></tuv>\n</tu>\n</body>\n</tmx>\n";
}

std::vector<tmod::TranslationUnit> read_tmx(const std::string& xml) {
  std::istringstream in(xml);
  std::vector<tmod::TranslationUnit> units;
  io::read_tmx(in, "deep.tmx", [&](tmod::TranslationUnit&& u) { units.push_back(std::move(u)); });
  return units;
}

std::string xliff12(const std::string& source) {
  return "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"f\" "
         "source-language=\"ko\" target-language=\"en\" datatype=\"plaintext\"><body>\n"
         "<trans-unit id=\"1\"><source>" +
         source + "</source></trans-unit>\n</body></file></xliff>\n";
}

std::string xliff2(const std::string& source) {
  return "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"ko\" trgLang=\"en\">\n"
         "<file id=\"f\"><unit id=\"u\"><segment><source>" +
         source + "</source></segment></unit></file></xliff>\n";
}

std::string tbx(const std::string& term) {
  return "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\">\n<text><body>\n"
         "<termEntry id=\"c1\"><langSet xml:lang=\"en\"><tig><term>" +
         term +
         "</term></tig></langSet>\n<langSet xml:lang=\"ko\"><tig><term>합참</term></tig>"
         "</langSet></termEntry>\n</body></text></martif>\n";
}

// The error `read` throws; fails the test when it throws none.
template <typename Read>
Error error_of(Read&& read) {
  try {
    read();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(ErrorKind::io, "");
}

}  // namespace

TEST_SUITE("io.hostile_xml") {
  TEST_CASE("inline markup nested 30,000 deep is an error in every reader, not a crash") {
    const std::string deep_msg = "inline markup nested deeper than 1000 levels";
    SUBCASE("TMX <hi>") {
      auto e = error_of([&] { read_tmx(tmx(nested("<hi>", "</hi>", 30000))); });
      CHECK(e.kind() == ErrorKind::parse);
      CHECK(e.message() == deep_msg);
      CHECK(e.where().file == "deep.tmx");
      CHECK(e.where().line == 6);
      CHECK(e.where().column > 1000);
    }
    SUBCASE("TMX <sub> inside codes") {
      auto e =
          error_of([&] { read_tmx(tmx(nested("<bpt i=\"1\">{<sub>", "</sub>}</bpt>", 30000))); });
      CHECK(e.message() == deep_msg);
      CHECK(e.where().line == 6);
    }
    SUBCASE("TMX <note> with nested markup") {
      auto xml = tmx("x");
      xml.insert(xml.find("<tuv"), "<note>" + nested("<hi>", "</hi>", 30000) + "</note>");
      CHECK(error_of([&] { read_tmx(xml); }).message() == deep_msg);
    }
    SUBCASE("XLIFF 1.2 <g>") {
      auto e = error_of(
          [&] { io::read_xliff(xliff12(nested("<g id=\"1\">", "</g>", 20000)), "d.xlf"); });
      CHECK(e.kind() == ErrorKind::parse);
      CHECK(e.message() == deep_msg);
      CHECK(e.where().file == "d.xlf");
      CHECK(e.where().line == 4);
    }
    SUBCASE("XLIFF 2 <pc>") {
      auto e = error_of(
          [&] { io::read_xliff(xliff2(nested("<pc id=\"1\">", "</pc>", 20000)), "d.xlf"); });
      CHECK(e.message() == deep_msg);
      CHECK(e.where().line == 3);
    }
    SUBCASE("TBX <hi> in <term>") {
      auto e = error_of([&] {
        io::read_termbase(tbx(nested("<hi>", "</hi>", 50000)), io::Format::tbx2, "d.tbx");
      });
      CHECK(e.kind() == ErrorKind::parse);
      CHECK(e.message() == deep_msg);
      CHECK(e.where().file == "d.tbx");
      CHECK(e.where().line == 4);
    }
    SUBCASE("validate reports it as a problem") {
      std::istringstream t(tmx(nested("<hi>", "</hi>", 30000)));
      auto r = io::validate(t, "deep.tmx", io::Format::tmx);
      REQUIRE(r.problems.size() == 1);
      CHECK(r.problems[0].message == deep_msg);
      std::istringstream x(xliff12(nested("<mrk mtype=\"x\">", "</mrk>", 20000)));
      auto rx = io::validate(x, "d.xlf", io::Format::xliff12);
      REQUIRE_FALSE(rx.ok());
      CHECK(rx.problems[0].message == deep_msg);
    }
  }

  TEST_CASE("nesting a real file could have is read as before") {
    auto units = read_tmx(tmx(nested("<hi>", "</hi>", 200)));
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].segment.text == "x");
    CHECK(units[0].variants[0].segment.codes.size() == 400);
    auto doc = io::read_xliff(xliff12(nested("<g id=\"1\">", "</g>", 200)), "d.xlf");
    CHECK(doc.files.at(0).units.at(0).segments.at(0).source.text == "x");
  }

  TEST_CASE("a character reference to U+0000 or another disallowed character is an error") {
    for (std::string ref : {"&#0;", "&#x0;", "&#00;", "&#x1B;", "&#27;", "&#xFFFE;", "&#xffff;",
                            "&#xD800;", "&#x110000;", "&#99999999999999999999;"}) {
      CAPTURE(ref);
      const std::string seg = "keep" + ref + "lost";
      auto t = error_of([&] { read_tmx(tmx(seg)); });
      CHECK(t.kind() == ErrorKind::parse);
      CHECK(t.message().find("character reference " + ref) == 0);
      CHECK(t.where().file == "deep.tmx");
      CHECK(t.where().line == 6);
      CHECK(t.where().column == 29);  // after <tuv xml:lang="ko"><seg>keep
      auto x = error_of([&] { io::read_xliff(xliff12(seg), "j.xlf"); });
      CHECK(x.kind() == ErrorKind::parse);
      CHECK(x.where().line == 4);
      CHECK(x.where().column == 32);
      auto x2 = error_of([&] { io::read_xliff(xliff2(seg), "j.xlf"); });
      CHECK(x2.where().line == 3);
      auto b = error_of([&] { io::read_termbase(tbx(seg), io::Format::tbx2, "t.tbx"); });
      CHECK(b.kind() == ErrorKind::parse);
      CHECK(b.where().line == 4);
    }
    // One in a comment is text; one after it is still found.
    auto c = error_of([&] { read_tmx(tmx("<!-- &#0; --><![CDATA[&#0;]]>ab&#0;")); });
    CHECK(c.where().column == 56);
    auto e = error_of([&] { read_tmx(tmx("keep&#0;lost")); });
    CHECK(e.message() ==
          "character reference &#0; refers to U+0000, a character XML does not allow");
    std::istringstream in(xliff12("keep&#x0;lost"));
    auto r = io::validate(in, "j.xlf", io::Format::xliff12);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problems[0].where.line == 4);
  }

  TEST_CASE("allowed references, and &#0; in a comment or CDATA, are read as before") {
    auto units = read_tmx(tmx("a&#9;b&#x1F600;c&#44032;<!-- &#0; --><![CDATA[&#0;]]>"));
    REQUIRE(units.size() == 1);
    CHECK(units[0].variants[0].segment.text ==
          "a\tb\xF0\x9F\x98\x80"
          "c\xEA\xB0\x80&#0;");
    auto doc = io::read_xliff(xliff12("a&#10;b<!-- &#0; -->"), "j.xlf");
    CHECK(doc.files.at(0).units.at(0).segments.at(0).source.text == "a\nb");
  }

  TEST_CASE("a control character is never written raw") {
    const std::string text = "escape\x1B[0m";
    SUBCASE("TMX: an error naming the character") {
      tmod::TranslationUnit u;
      u.variants.push_back({LangTag::parse("ko"), {text, {}}, {}, {}, {}});
      u.variants.push_back({LangTag::parse("en"), {"en", {}}, {}, {}, {}});
      std::ostringstream out;
      io::TmxHeader h;
      h.src_lang = "ko";
      io::TmxWriter w(out, h);
      auto e = error_of([&] {
        w.write(u);
        w.finish();
      });
      CHECK(e.kind() == ErrorKind::invalid_argument);
      CHECK(e.message().find("U+001B") != std::string::npos);
      CHECK(out.str().find('\x1B') == std::string::npos);
    }
    tmod::Document doc;
    doc.src_lang = LangTag::parse("ko");
    doc.tgt_lang = LangTag::parse("en");
    doc.files.emplace_back();
    doc.files[0].units.emplace_back();
    doc.files[0].units[0].id = "u1";
    doc.files[0].units[0].segments.emplace_back();
    doc.files[0].units[0].segments[0].source.text = text;
    SUBCASE("XLIFF 1.2: an error naming the character") {
      std::ostringstream out;
      auto e = error_of([&] { io::write_xliff(out, doc, io::XliffVersion::v12); });
      CHECK(e.kind() == ErrorKind::invalid_argument);
      CHECK(e.message().find("U+001B") != std::string::npos);
      CHECK(out.str().find('\x1B') == std::string::npos);
    }
    SUBCASE("XLIFF 2: a <cp> that reads back to the same text") {
      doc.files[0].units[0].segments[0].source.text = text + "\x01\xEF\xBF\xBF";
      std::ostringstream out;
      io::write_xliff(out, doc, io::XliffVersion::v20);
      const std::string xml = out.str();
      CHECK(xml.find('\x1B') == std::string::npos);
      CHECK(xml.find("<cp hex=\"001B\"/>") != std::string::npos);
      auto back = io::read_xliff(xml, "back.xlf");
      CHECK(back.files.at(0).units.at(0).segments.at(0).source.text == text + "\x01\xEF\xBF\xBF");
    }
    SUBCASE("XLIFF 2: in a note, where <cp> cannot stand, an error") {
      doc.files[0].units[0].notes.push_back({text, tmod::Note::About::unit, ""});
      std::ostringstream out;
      auto e = error_of([&] { io::write_xliff(out, doc, io::XliffVersion::v20); });
      CHECK(e.message().find("U+001B") != std::string::npos);
      CHECK(out.str().find('\x1B') == std::string::npos);
    }
  }
}
