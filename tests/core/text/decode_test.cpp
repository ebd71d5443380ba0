#include "termbridge/text/decode.hpp"

#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "../endless_stream.hpp"
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

using termbridge::testing::Endless;

// Sets read limits for one test and puts the defaults back after it.
struct LimitsGuard {
  explicit LimitsGuard(text::ReadLimits l) { text::set_read_limits(l); }
  ~LimitsGuard() { text::set_read_limits(text::ReadLimits{}); }
};

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

  TEST_CASE("a run of Hangul is checked character by character, to its last byte") {
    // Runs of three-byte characters are checked without decoding: each bad byte still stops
    // the check at its place, a NUL and a cut character included.
    const std::string run = "핵협의그룹국방부";  // 24 bytes
    CHECK_NOTHROW(text::check_utf8(run + "a" + run, "f"));
    auto offset = [](const std::string& s) -> std::uint64_t {
      try {
        text::check_utf8(s, "f");
      } catch (const Error& e) {
        return e.where().byte_offset;
      }
      return 999;
    };
    CHECK(offset(run + "\xED\xA0\x80" + run) == 24);        // a surrogate after the run
    CHECK(offset(run + "\xEA\xB0" + "a") == 24);            // a continuation missing
    CHECK(offset(run + "\xEA\xB0") == 24);                  // cut at the end
    CHECK(offset(run + "\xEA\xB0\xC0") == 24);              // a lead byte for a continuation
    CHECK(offset(run + std::string("\0", 1) + run) == 24);  // a NUL right after the run
    CHECK(offset(run + "\xE0\x80\x80") == 24);              // overlong, lead E0
    CHECK(offset(run.substr(0, 22)) == 21);                 // the last character cut
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

  TEST_CASE("an endless stream of NUL bytes fails at line 1, column 1, at once") {
    for (const char* enc : {"auto", "utf-8", "cp949"}) {
      CAPTURE(enc);
      Endless zeros(std::string(1, '\0'));
      std::istream in(&zeros);
      text::LineReader reader(in, "<stdin>", std::string_view(enc));
      std::string line;
      try {
        reader.next(line);
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::unicode);
        CHECK(e.where().line == 1);
        CHECK(e.where().column == 1);
        CHECK(e.message().find("NUL byte") != std::string::npos);
      }
      CHECK(zeros.served < (1u << 20));
    }
  }

  TEST_CASE("a NUL or a bad byte is reported at its line and column before its line ends") {
    // CR, LF and CRLF line ends all count; the error comes although no line end follows.
    for (std::string bad : {std::string(1, '\0'), std::string("\xFF")}) {
      CAPTURE(bad);
      std::istringstream in("one\rtwo\r\n\xEA\xB5\xAD\xEB\xB0\xA9 ab" + bad +
                            std::string(300000, 'z'));
      text::LineReader reader(in, "t.txt", std::string_view("utf-8"));
      std::string line;
      try {
        while (reader.next(line)) {
        }
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(e.where().line == 3);
        CHECK(e.where().column == 6);
        CHECK(e.where().byte_offset == 18);
        CHECK(e.message().find("at byte 18") != std::string::npos);
      }
    }
  }

  TEST_CASE("a line longer than max_line is an error naming the line and the limit") {
    LimitsGuard limits({.max_line = 100000, .max_input = std::uint64_t{1} << 30});
    std::string ok(100000, 'a');
    auto lines = read_lines("first\n" + ok + "\n" + ok);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == ok);
    CHECK(lines[2] == ok);
    try {
      read_lines("first\n" + ok + "b\nlast\n");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 2);
      CHECK(e.message().find("line 2 is longer than the limit of 100000 bytes") !=
            std::string::npos);
      CHECK(e.message().find("--max-line") != std::string::npos);
    }
    // A stream without line ends stops soon after the limit.
    Endless endless(std::string("가나다 "));
    std::istream in(&endless);
    text::LineReader reader(in, "<stdin>");
    std::string line;
    CHECK_THROWS_AS(reader.next(line), Error);
    CHECK(endless.served < 1000000);
  }

  TEST_CASE("read_whole: NUL bytes fail at once unless the input is UTF-16, and it is bounded") {
    Endless zeros(std::string(1, '\0'));
    std::istream z(&zeros);
    try {
      text::read_whole(z, "<stdin>");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 1);
      CHECK(e.where().column == 1);
      CHECK(e.message().find("NUL byte") != std::string::npos);
    }
    CHECK(zeros.served < (1u << 20));

    std::istringstream late(std::string("<a>\n  <b>x\0</b>", 15));
    try {
      text::read_whole(late, "f.xml");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 2);
      CHECK(e.where().column == 7);
    }

    std::string utf16("\xFF\xFE<\0a\0>\0", 8);
    std::istringstream wide(utf16);
    CHECK(text::read_whole(wide, "f") == utf16);
    // ... but a code unit of zero bytes is U+0000, in no text: /dev/zero read as UTF-16.
    Endless wide_zeros(std::string(1, '\0'));
    std::istream wz(&wide_zeros);
    CHECK_THROWS_WITH_AS(text::read_whole(wz, "f", {}, "utf-16"),
                         doctest::Contains("NUL character"), Error);
    CHECK(wide_zeros.served < (1u << 20));
    std::istringstream named(std::string("<\0\0\0", 4));
    CHECK(text::read_whole(named, "f", {}, "utf-32le").size() == 4);
    std::istringstream head_and_rest("cd");
    CHECK(text::read_whole(head_and_rest, "f", "ab") == "abcd");

    LimitsGuard limits({.max_line = 1000, .max_input = 200000});
    Endless text_forever(std::string("text "));
    std::istream t(&text_forever);
    try {
      text::read_whole(t, "big.tbx");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().file == "big.tbx");
      CHECK(e.message().find("larger than the limit of 200000 bytes") != std::string::npos);
      CHECK(e.message().find("--max-input") != std::string::npos);
    }
    CHECK(text_forever.served < 400000);
    std::istringstream fits(std::string(200000, 'a'));
    CHECK(text::read_whole(fits, "f").size() == 200000);
  }

  TEST_CASE("check_no_nul: a NUL byte in a head that is not UTF-16 or UTF-32") {
    CHECK_THROWS_WITH_AS(text::check_no_nul(std::string("<tmx>\n \0", 8), "h.tmx"),
                         doctest::Contains("NUL byte at byte 7"), Error);
    try {
      text::check_no_nul(std::string(4096, '\0'), "<stdin>");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().to_string() == "<stdin>:1:1");
    }
    CHECK_NOTHROW(text::check_no_nul(std::string("\xFF\xFE<\0", 4), "f"));
    CHECK_NOTHROW(text::check_no_nul(std::string("<\0t\0m\0x\0", 8), "f"));
    CHECK_NOTHROW(text::check_no_nul(std::string("a\0\0\0", 4), "f", "utf-32le"));
    CHECK_NOTHROW(text::check_no_nul("plain", "f"));
  }

  TEST_CASE("text not in UTF-8 is decoded whole, within max_input") {
    LimitsGuard limits({.max_line = 1000, .max_input = 100000});
    std::string cp949;
    for (int i = 0; i < 40000; ++i) {
      cp949 += "\xB1\xB9\n";  // 국
    }
    std::istringstream in(cp949);
    text::LineReader reader(in, "f", std::string_view("cp949"));
    std::string line;
    CHECK_THROWS_WITH_AS(reader.next(line), doctest::Contains("--max-input"), Error);
  }

  TEST_CASE("format_size") {
    CHECK(text::format_size(64u << 20) == "64 MiB");
    CHECK(text::format_size(std::uint64_t{1} << 30) == "1 GiB");
    CHECK(text::format_size(1000) == "1000 bytes");
  }

  TEST_CASE("a 50 MB line is read whole") {
    std::string line(50u << 20, 'a');
    auto lines = read_lines(line + "\nend\n");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].size() == line.size());
  }
}

namespace {

std::string decoded(std::string_view bytes, std::string_view encoding) {
  return text::decode_text(bytes, encoding, "f").text;
}

// The error decode_text or decode_xml throws, or a failure when it throws none.
Error error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(ErrorKind::io, "");
}

}  // namespace

TEST_SUITE("text.decode_text") {
  TEST_CASE("each named encoding decodes through ICU") {
    CHECK(decoded("\x8C\x63\xB9\xE6\xB0\xA2\xC7\xCF \xB1\xB9\xB9\xE6\xBA\xCE", "cp949") ==
          "똠방각하 국방부");
    CHECK(decoded("\xB1\xB9\xB9\xE6\xBA\xCE", "EUC-KR") == "국방부");
    CHECK(decoded("caf\xE9 \x80", "windows-1252") == "café €");
    CHECK(decoded("caf\xE9", "iso-8859-1") == "café");
    CHECK(decoded("\x96\x68\x89\x71\x8F\xC8", "shift_jis") == "防衛省");
    CHECK(decoded("\xB9\xFA\xB7\xC0\xB2\xBF", "gb18030") == "国防部");
    CHECK(decoded("\xB0\xEA\xA8\xBE\xB3\xA1", "big5") == "國防部");
    CHECK(decoded("Bakanl\xFD\xF0\xFD", "windows-1254") == "Bakanlığı");
    CHECK(decoded(std::string("\x75\xD5\x20\x00\x41\x00", 6), "utf-16le") == "핵 A");
    CHECK(decoded(std::string("\xD5\x75\x00\x20\x00\x41", 6), "UTF-16BE") == "핵 A");
    // A byte-order mark matching the named encoding is not text.
    CHECK(decoded(std::string("\xFF\xFE\x75\xD5", 4), "utf-16le") == "핵");
    CHECK(decoded("\xEF\xBB\xBF핵", "utf-8") == "핵");
    // Line ends stay as they were.
    CHECK(decoded("\xB1\xB9\r\n\xB9\xE6\r", "cp949") == "국\r\n방\r");
    auto d = text::decode_text("\xB1\xB9", "CP949", "f");
    CHECK(d.encoding == "cp949");
    CHECK_FALSE(d.sniffed);
  }

  TEST_CASE("an invalid byte in the named encoding is an error with its position") {
    // Line 2, after "국 ": 0xFF is no CP949 lead byte.
    Error e = error_of([] { text::decode_text("\xB1\xB9\n\xB1\xB9 \xFF", "cp949", "a.txt"); });
    CHECK(e.kind() == ErrorKind::unicode);
    CHECK(e.where().file == "a.txt");
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 3);
    CHECK(e.where().byte_offset == 6);
    CHECK(e.message().find("0xFF") != std::string::npos);
    // 0x81 is unassigned in windows-1252: an error, not U+FFFD or a C1 control.
    CHECK(error_of([] { text::decode_text("a\x81", "windows-1252", "f"); }).where().column == 2);
    // Lone trail byte in Shift_JIS.
    CHECK_THROWS_AS(text::decode_text("\x96", "shift_jis", "f"), Error);
    CHECK(error_of([] { text::decode_text("x", "klingon-8", "f"); }).kind() ==
          ErrorKind::invalid_argument);
  }

  TEST_CASE("auto: byte-order marks, then UTF-8, then a guess") {
    auto utf8 = text::decode_text("국방부", "auto", "f");
    CHECK(utf8.text == "국방부");
    CHECK(utf8.encoding == "utf-8");
    CHECK_FALSE(utf8.sniffed);
    auto bom = text::decode_text(std::string("\xFE\xFF\xD5\x75", 4), "", "f");
    CHECK(bom.text == "핵");
    CHECK(bom.encoding == "utf-16be");
    CHECK_FALSE(bom.sniffed);
    // CP949 Korean text: not UTF-8, decodes cleanly as CP949.
    auto cp949 = text::decode_text("\xB1\xB9\xB9\xE6\xBA\xCE\xB4\xC2 \x8C\x63\n", "auto", "f");
    CHECK(cp949.text == "국방부는 똠\n");
    CHECK(cp949.encoding == "cp949");
    CHECK(cp949.sniffed);
    // UTF-16 without a byte-order mark: the NUL bytes of ASCII characters give it away.
    auto le = text::decode_text(std::string("N\0C\0G\0 \0\x75\xD5\n\0", 12), "auto", "f");
    CHECK(le.text == "NCG 핵\n");
    CHECK(le.encoding == "utf-16le");
    CHECK(le.sniffed);
    auto be = text::decode_text(std::string("\0N\xD5\x75\0\n", 6), "auto", "f");
    CHECK(be.text == "N핵\n");
    CHECK(be.encoding == "utf-16be");
  }

  TEST_CASE("auto: a stray NUL byte is no sign of UTF-16") {
    Error e = error_of([] { text::decode_text(std::string("a\0b\n", 4), "auto", "f"); });
    CHECK(e.message().find("NUL byte") != std::string::npos);
  }

  TEST_CASE("auto: bytes that decode cleanly in nothing give the UTF-8 error and a hint") {
    // "café" in windows-1252 is not UTF-8, and 0xE9 at the end is a truncated CP949 character.
    Error e = error_of([] { text::decode_text("ok\ncaf\xE9", "auto", "b.txt"); });
    CHECK(e.kind() == ErrorKind::unicode);
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 4);
    CHECK(e.where().byte_offset == 6);
    CHECK(e.message().find("--encoding cp949") != std::string::npos);
  }

  TEST_CASE("LineReader with an encoding name: legacy input, and a guess for auto") {
    std::istringstream named("\xB1\xB9\r\n\xB9\xE6");
    text::LineReader a(named, "f", std::string_view("euc-kr"));
    std::string line;
    REQUIRE(a.next(line));
    CHECK(line == "국");
    REQUIRE(a.next(line));
    CHECK(line == "방");
    CHECK_FALSE(a.next(line));
    CHECK(a.encoding() == "euc-kr");
    CHECK_FALSE(a.sniffed());

    std::istringstream guessed("\xB1\xB9\xB9\xE6\xBA\xCE\n\xC7\xD9\n");
    text::LineReader b(guessed, "f", std::string_view("auto"));
    REQUIRE(b.next(line));
    CHECK(line == "국방부");
    CHECK(b.sniffed());
    CHECK(b.encoding() == "cp949");

    // UTF-8 at the start, CP949 past the part looked at: an error with its place and a hint.
    std::istringstream late(std::string(300000, 'a') + "\n\xB1\xB9\n");
    text::LineReader d(late, "late.txt", std::string_view("auto"));
    try {
      // Bytes are checked as they arrive: the error may come before line 1 is returned.
      while (d.next(line)) {
      }
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 2);
      CHECK(e.message().find("--encoding cp949") != std::string::npos);
    }

    std::istringstream plain("국방부\n");
    text::LineReader c(plain, "f", std::string_view("auto"));
    REQUIRE(c.next(line));
    CHECK_FALSE(c.sniffed());
    CHECK(c.encoding() == "utf-8");
  }
}

TEST_SUITE("text.decode_xml") {
  TEST_CASE("UTF-8 with or without a declaration passes through") {
    CHECK(text::decode_xml("<?xml version=\"1.0\"?><a>국</a>", "f") ==
          "<?xml version=\"1.0\"?><a>국</a>");
    CHECK(text::decode_xml("\xEF\xBB\xBF<a/>", "f") == "<a/>");
    CHECK(text::decode_xml("<?xml version='1.0' encoding='utf-8'?><a/>", "f") ==
          "<?xml version='1.0' encoding='utf-8'?><a/>");
  }

  TEST_CASE("the declared encoding decodes, and the declaration then says UTF-8") {
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>caf\xE9</a>",
                           "f") == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>café</a>");
    CHECK(text::decode_xml("<?xml version='1.0' encoding = 'EUC-KR'?><a>\xB1\xB9</a>", "f") ==
          "<?xml version='1.0' encoding = 'UTF-8'?><a>국</a>");
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?><a>\xFD</a>", "f") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>ı</a>");
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x96\x68</a>", "f") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>防</a>");
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"GB18030\"?><a>\xB9\xFA</a>", "f") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>国</a>");
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"Big5\"?><a>\xB0\xEA</a>", "f") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>國</a>");
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"cp949\"?><a>\x8C\x63</a>", "f") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>똠</a>");
  }

  TEST_CASE("UTF-16 with or without a byte-order mark") {
    std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>핵</a>";
    auto utf16 = [](const std::string& s, bool be) {
      std::string out;
      auto d = text::decode_text(s, "utf-8", "f").text;
      // ASCII plus 핵 (U+D575) only.
      for (std::size_t i = 0; i < d.size(); ++i) {
        std::uint16_t u = static_cast<unsigned char>(d[i]);
        if (u >= 0x80) {
          u = 0xD575;
          i += 2;
        }
        char hi = static_cast<char>(u >> 8);
        char lo = static_cast<char>(u & 0xFF);
        out += be ? hi : lo;
        out += be ? lo : hi;
      }
      return out;
    };
    std::string want = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>핵</a>";
    CHECK(text::decode_xml(utf16(decl, false), "f") == want);
    CHECK(text::decode_xml(utf16(decl, true), "f") == want);
    CHECK(text::decode_xml("\xFF\xFE" + utf16(decl, false), "f") == want);
    CHECK(text::decode_xml("\xFE\xFF" + utf16(decl, true), "f") == want);
  }

  TEST_CASE("a declaration that lies is an error with the position of the bad byte") {
    // Says UTF-8, holds windows-1252.
    Error e = error_of([] {
      text::decode_xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>caf\xE9</a>", "x.tmx");
    });
    CHECK(e.kind() == ErrorKind::unicode);
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 7);
    // Says EUC-KR, holds CP949-only 똠.
    Error k = error_of([] {
      text::decode_xml("<?xml version=\"1.0\" encoding=\"euc-kr\"?>\n<a>\x8C\x63</a>", "x.tmx");
    });
    CHECK(k.where().line == 2);
    CHECK(k.where().column == 4);
    CHECK(k.where().byte_offset == 43);
    // Says UTF-16, is single bytes: read as UTF-8 (a reader that decoded UTF-16 leaves its
    // declaration behind), strictly.
    CHECK(text::decode_xml("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>핵</a>", "x.tmx") ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>핵</a>");
    CHECK(error_of([] {
            text::decode_xml("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>\xE9</a>", "x.tmx");
          })
              .where()
              .column == 43);
  }

  TEST_CASE("an unknown declared encoding names file, line 1 and the name") {
    Error e = error_of(
        [] { text::decode_xml("<?xml version=\"1.0\" encoding=\"x-klingon\"?><a/>", "k.tbx"); });
    CHECK(e.where().file == "k.tbx");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 31);
    CHECK(e.message().find("x-klingon") != std::string::npos);
  }
}
