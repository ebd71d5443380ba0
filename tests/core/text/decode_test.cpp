#include "termbridge/text/decode.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

using termbridge::Error;
using termbridge::ErrorKind;
namespace text = termbridge::text;

namespace {

std::vector<std::string> read_lines(const std::string& bytes,
                                    text::Encoding enc = text::Encoding::auto_detect) {
  std::istringstream in(bytes);
  text::LineReader reader(in, "t.txt", enc);
  std::vector<std::string> lines;
  std::string line;
  while (reader.next(line)) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_SUITE("text.decode") {
  TEST_CASE("a UTF-8 byte-order mark is dropped") {
    CHECK(text::decode_to_utf8("\xEF\xBB\xBF국방부", text::Encoding::auto_detect, "f") == "국방부");
    CHECK(read_lines("\xEF\xBB\xBF국방부\n") == std::vector<std::string>{"국방부"});
  }

  TEST_CASE("UTF-16 with either byte-order mark is decoded") {
    // "핵\n" little- and big-endian.
    CHECK(text::decode_to_utf8(std::string("\xFF\xFE\x75\xD5\x0A\x00", 6),
                               text::Encoding::auto_detect, "f") == "핵\n");
    CHECK(text::decode_to_utf8(std::string("\xFE\xFF\xD5\x75\x00\x0A", 6),
                               text::Encoding::auto_detect, "f") == "핵\n");
    CHECK(read_lines(std::string("\xFF\xFE\x75\xD5\x0D\x00\x0A\x00\x41\x00", 10)) ==
          std::vector<std::string>{"핵", "A"});
  }

  TEST_CASE("an unpaired surrogate in UTF-16 is an error") {
    CHECK_THROWS_AS(text::decode_to_utf8(std::string("\xFF\xFE\x00\xD8\x41\x00", 6),
                                         text::Encoding::auto_detect, "f"),
                    Error);
  }

  TEST_CASE("CRLF, CR and LF all end lines") {
    CHECK(read_lines("a\r\nb\rc\nd") == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(read_lines("a\r\n\r\nb\r\n") == std::vector<std::string>{"a", "", "b"});
    CHECK(text::normalize_newlines("a\r\nb\rc") == "a\nb\nc");
  }

  TEST_CASE("empty input and blank lines") {
    CHECK(read_lines("").empty());
    CHECK(read_lines("\n\n") == std::vector<std::string>{"", ""});
    CHECK(read_lines("\xEF\xBB\xBF").empty());
  }

  TEST_CASE("a CRLF split across read chunks is one line end") {
    std::string big(65535, 'x');
    auto lines = read_lines(big + "\r\nnext");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].size() == 65535);
    CHECK(lines[1] == "next");
  }

  TEST_CASE("invalid UTF-8 names line, column and byte offset") {
    try {
      read_lines("첫 줄\n둘째 \xC3( 줄\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::unicode);
      CHECK(e.where().line == 2);
      CHECK(e.where().column == 4);
      CHECK(e.where().byte_offset == 15);
      CHECK(std::string(e.what()) == "t.txt:2:4: invalid UTF-8 (byte 0xC3) at byte 15");
    }
  }

  TEST_CASE("overlong encodings and surrogates in UTF-8 are rejected") {
    CHECK_THROWS_AS(text::check_utf8("\xC0\xAF", "f"), Error);
    CHECK_THROWS_AS(text::check_utf8("\xED\xA0\x80", "f"), Error);
    CHECK_NOTHROW(text::check_utf8("ＮＣＧ 핵협의그룹 \xF0\x9F\x98\x80", "f"));
  }

  TEST_CASE("a NUL byte is an error that suggests UTF-16") {
    try {
      text::check_utf8(std::string("ab\0c", 4), "f");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("UTF-16 without a byte-order mark") != std::string::npos);
    }
  }

  TEST_CASE("CP949 and EUC-KR decode strictly") {
    CHECK(text::decode_to_utf8("\xC7\xD9\xC7\xF9\xC0\xC7", text::Encoding::euc_kr, "f") ==
          "핵협의");
    // 똠 (0x8C63) exists in CP949 only.
    CHECK(text::decode_to_utf8("\x8C\x63", text::Encoding::cp949, "f") == "똠");
    CHECK_THROWS_AS(text::decode_to_utf8("\x8C\x63", text::Encoding::euc_kr, "f"), Error);
    CHECK_THROWS_AS(text::decode_to_utf8("\xC7\xD9\xFF", text::Encoding::cp949, "f"), Error);
  }

  TEST_CASE("encoding names") {
    CHECK(text::parse_encoding("CP949") == text::Encoding::cp949);
    CHECK(text::parse_encoding("euc-kr") == text::Encoding::euc_kr);
    CHECK(text::parse_encoding("UTF-8") == text::Encoding::utf8);
    CHECK_THROWS_AS(text::parse_encoding("latin-9"), Error);
  }

  TEST_CASE("a 50 MB line is read whole") {
    std::string line(50u << 20, 'a');
    auto lines = read_lines(line + "\nend\n");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].size() == line.size());
  }
}
