// The decoding layer: decode_text in every --encoding kind, LineReader over the same bytes,
// decode_xml. The first byte picks the encoding. What decodes must be checked UTF-8, and
// LineReader must give the lines of what decode_text gives.

#include <sstream>

#include "fuzz_common.hpp"
#include "termbridge/text/decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  if (size == 0) {
    return 0;
  }
  static const char* const encodings[] = {
      "auto",         "utf-8",        "utf-16",     "utf-16le",
      "utf-16be",     "cp949",        "euc-kr",     "windows-1252",
      "windows-1251", "windows-1254", "iso-8859-1", "shift_jis",
      "gb18030",      "big5",         "uhc",        "",
  };
  const std::string encoding = encodings[data[0] % std::size(encodings)];
  const std::string_view input = fuzz::bytes(data + 1, size - 1);

  std::optional<std::string> whole;
  try {
    auto decoded = text::decode_text(input, encoding, "fuzz.txt");
    try {
      text::check_utf8(decoded.text, "decoded");
    } catch (const Error& e) {
      fuzz::finding(std::string("decode_text gave text check_utf8 refuses: ") + e.what(),
                    decoded.text);
    }
    whole = text::normalize_newlines(decoded.text);
  } catch (const Error& e) {
    fuzz::expected(e);
  }

  try {
    std::istringstream in{std::string(input)};
    text::LineReader reader(in, "fuzz.txt", std::string_view(encoding));
    std::string line, joined;
    bool first = true;
    while (reader.next(line)) {
      if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos) {
        fuzz::finding("LineReader gave a line with a line end in it", line);
      }
      joined += first ? "" : "\n";
      joined += line;
      first = false;
    }
    if (whole) {
      // decode_text keeps a last line end; LineReader has no empty last line for it.
      std::string expected = *whole;
      if (!expected.empty() && expected.back() == '\n') {
        expected.pop_back();
      }
      fuzz::check_equal("LineReader and decode_text differ", expected, joined);
    }
  } catch (const Error& e) {
    fuzz::expected(e);
  }

  try {
    auto xml = text::decode_xml(input, "fuzz.xml");
    try {
      text::check_utf8(xml, "decoded");
    } catch (const Error& e) {
      fuzz::finding(std::string("decode_xml gave text check_utf8 refuses: ") + e.what(), xml);
    }
  } catch (const Error& e) {
    fuzz::expected(e);
  }
  return 0;
}
