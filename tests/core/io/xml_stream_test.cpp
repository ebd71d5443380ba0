#include "io/xml_stream.hpp"

#include <cstdint>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "../endless_stream.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::io::XmlStream;
namespace text = termbridge::text;

namespace {

using termbridge::testing::Endless;

struct LimitsGuard {
  explicit LimitsGuard(std::uint64_t max_line) {
    text::ReadLimits l;
    l.max_line = max_line;
    text::set_read_limits(l);
  }
  ~LimitsGuard() { text::set_read_limits(text::ReadLimits{}); }
};

// The error reading a whole stream throws (taking each <tu> as an element), or a failure.
Error error_of(std::istream& in, const std::string& name) {
  XmlStream::Tag tag;
  try {
    XmlStream s(in, name);
    while (s.next_tag(tag)) {
      if (tag.kind == XmlStream::Tag::Kind::start && tag.name == "tu") {
        s.element(tag);
      }
      s.compact();
    }
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(ErrorKind::io, "");
}

}  // namespace

TEST_SUITE("io.xml_stream") {
  TEST_CASE("an endless stream of NUL bytes fails at 1:1 at once") {
    Endless zeros("", std::string(1, '\0'));
    std::istream in(&zeros);
    Error e = error_of(in, "<stdin>");
    CHECK(e.kind() == ErrorKind::unicode);
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 1);
    CHECK(e.message().find("NUL byte") != std::string::npos);
    CHECK(zeros.served < (4u << 20));
  }

  TEST_CASE("a NUL byte is reported at its line and column before its tag is complete") {
    Endless tail(std::string("<tmx>\n  <tu><seg>가나\0", 24), "x");
    std::istream in(&tail);
    Error e = error_of(in, "f.tmx");
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 14);
    CHECK(tail.served < (4u << 20));
  }

  TEST_CASE("an element, a tag or a text run longer than max_line is an error naming the limit") {
    LimitsGuard limits(100000);
    std::string big_unit = "<tmx>\n<body>\n<tu>" + std::string(150000, 'a') + "</tu></body></tmx>";
    std::istringstream unit(big_unit);
    Error e = error_of(unit, "a.tmx");
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 1);
    CHECK(e.message().find("<tu> is larger than the limit of 100000 bytes") != std::string::npos);
    CHECK(e.message().find("--max-line") != std::string::npos);

    Endless tag("<tmx><tu a='", "b");
    std::istream tag_in(&tag);
    e = error_of(tag_in, "b.tmx");
    CHECK(e.message().find("longer than the limit of 100000 bytes") != std::string::npos);
    CHECK(tag.served < (4u << 20));

    Endless run("<tmx>", "text ");
    std::istream run_in(&run);
    e = error_of(run_in, "c.tmx");
    CHECK(e.message().find("longer than the limit of 100000 bytes") != std::string::npos);
    CHECK(run.served < (4u << 20));

    // Just under the limit reads.
    std::istringstream fits("<tmx><tu>" + std::string(99000, 'a') + "</tu></tmx>");
    XmlStream d(fits, "d.tmx");
    XmlStream::Tag t;
    REQUIRE(d.next_tag(t));
    REQUIRE(d.next_tag(t));
    auto chunk = d.element(t);
    CHECK(chunk.end - chunk.begin == 99000 + 9);
  }

  TEST_CASE("many units on one line stream in bounded memory, even without compact()") {
    LimitsGuard limits(100000);
    Endless units("<tmx><body>", "<tu><seg>국방부</seg></tu>");
    std::istream in(&units);
    XmlStream s(in, "one-line.tmx");
    XmlStream::Tag tag;
    std::size_t n = 0;
    while (units.served < (8u << 20) && s.next_tag(tag)) {
      if (tag.name == "tu" && tag.kind == XmlStream::Tag::Kind::start) {
        auto chunk = s.element(tag);
        CHECK(std::string(s.data(chunk.begin), 4) == "<tu>");
        ++n;
      }
    }
    CHECK(n > 100000);
    // Positions and locations stay exact after input was dropped.
    CHECK(s.location(tag.begin).line == 1);
    CHECK(s.location(tag.begin).byte_offset == tag.begin);
  }
}
