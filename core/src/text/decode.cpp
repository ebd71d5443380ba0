#include "termbridge/text/decode.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"

namespace termbridge::text {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

void append_utf8(std::string& out, UChar32 c) {
  std::uint8_t buf[4];
  std::int32_t n = 0;
  auto u = static_cast<std::uint32_t>(c);
  U8_APPEND_UNSAFE(buf, n, u);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

std::string decode_utf16(std::string_view bytes, bool big_endian, std::string_view name) {
  if (bytes.size() % 2 != 0) {
    throw Error(ErrorKind::unicode, "UTF-16 input has an odd number of bytes; is it truncated?",
                SourceLocation{std::string(name), 0, 0, bytes.size()});
  }
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  std::uint64_t line = 1;
  std::uint64_t column = 1;
  auto unit_at = [&](std::size_t i) -> std::uint16_t {
    auto b0 = static_cast<unsigned char>(bytes[i]);
    auto b1 = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? static_cast<std::uint16_t>(b0 << 8 | b1)
                      : static_cast<std::uint16_t>(b1 << 8 | b0);
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    std::uint32_t c = unit_at(i);
    auto bad = [&](const char* what) {
      throw Error(ErrorKind::unicode, std::string("invalid UTF-16: ") + what,
                  SourceLocation{std::string(name), line, column, i});
    };
    if (U16_IS_LEAD(c)) {
      if (i + 2 >= bytes.size() || !U16_IS_TRAIL(unit_at(i + 2))) {
        bad("unpaired high surrogate");
      }
      c = static_cast<std::uint32_t>(U16_GET_SUPPLEMENTARY(c, unit_at(i + 2)));
      i += 2;
    } else if (U16_IS_TRAIL(c)) {
      bad("unpaired low surrogate");
    } else if (c == 0) {
      bad("NUL character");
    }
    append_utf8(out, static_cast<UChar32>(c));
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return out;
}

// The ICU converter name for an encoding name as users write it. ICU's own "cp949" is IBM's
// code page, not the Windows one Korean files are written in, so the Korean names are mapped
// here; everything else goes to ICU's alias table as given.
std::string icu_charset(std::string_view name) {
  std::string n = lower_ascii(name);
  if (n == "cp949" || n == "uhc" || n == "ms949" || n == "windows-949" || n == "x-windows-949" ||
      n == "ks_c_5601-1987" || n == "unified hangul code") {
    return "windows-949-2000";
  }
  if (n == "euc-kr" || n == "euckr") {
    return "EUC-KR";
  }
  return std::string(name);
}

using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

// Opens a converter, or returns null when ICU does not know the name.
Converter open_converter(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  std::string charset = icu_charset(name);
  Converter conv(ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) {
    return Converter(nullptr, ucnv_close);
  }
  return conv;
}

enum class Family { utf8, utf16, utf16le, utf16be, other };

Family family_of(std::string_view name) {
  std::string n = lower_ascii(name);
  if (n == "utf-8" || n == "utf8") {
    return Family::utf8;
  }
  if (n == "utf-16" || n == "utf16") {
    return Family::utf16;
  }
  if (n == "utf-16le" || n == "utf16le") {
    return Family::utf16le;
  }
  if (n == "utf-16be" || n == "utf16be") {
    return Family::utf16be;
  }
  return Family::other;
}

// Strict decoding through an ICU converter: the first byte that is invalid or unmapped in
// the encoding is an error with its line, column and byte offset, never a replacement.
// `base_offset` says where `bytes` starts within its file.
std::string decode_icu(std::string_view bytes, std::string_view encoding, std::string_view name,
                       std::uint64_t base_offset = 0) {
  Converter conv = open_converter(encoding);
  if (!conv) {
    throw Error(ErrorKind::invalid_argument,
                "unknown encoding " + quoted(encoding) + " (not known to ICU's converters)",
                SourceLocation{std::string(name)});
  }
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const char* src = bytes.data();
  const char* src_end = src + bytes.size();
  std::uint64_t line = 1;
  std::uint64_t column = 1;
  while (src < src_end) {
    status = U_ZERO_ERROR;
    const char* before = src;
    UChar32 c = ucnv_getNextUChar(conv.get(), &src, src_end, &status);
    // ICU maps some unassigned bytes to C1 controls (EUC-KR 0x80-0x9F, ISO-8859-x) or
    // private-use code points (CP949 0xFF -> U+F8F7); neither occurs in real text, so both
    // are errors: a file in another encoding must not pass for this one.
    bool unmapped = (c >= 0x80 && c <= 0x9F) || (c >= 0xE000 && c <= 0xF8FF);
    if (U_FAILURE(status) || c == 0 || unmapped) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*before));
      bool nul = c == 0 && U_SUCCESS(status);
      throw Error(ErrorKind::unicode,
                  std::string(nul ? "NUL byte" : "invalid byte ") + (nul ? "" : hex) +
                      " for encoding " + lower_ascii(encoding),
                  SourceLocation{std::string(name), line, column,
                                 base_offset + static_cast<std::uint64_t>(before - bytes.data())});
    }
    // A byte-order mark some converters pass through is not text.
    if (c == 0xFEFF && out.empty()) {
      continue;
    }
    append_utf8(out, static_cast<UChar32>(c));
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return out;
}

std::string decode_legacy(std::string_view bytes, Encoding encoding, std::string_view name) {
  return decode_icu(bytes, encoding == Encoding::cp949 ? "cp949" : "euc-kr", name);
}

// Whether bytes without a byte-order mark look like UTF-16: NUL bytes (the high half of
// ASCII characters) at odd positions only (little-endian) or at even positions only, at
// least two of them and in at least one code unit of eight (a stray NUL is no evidence).
Family utf16_by_nuls(std::string_view bytes) {
  if (bytes.size() < 2 || bytes.size() % 2 != 0) {
    return Family::other;
  }
  std::size_t n = std::min<std::size_t>(bytes.size(), 1 << 16);
  std::size_t even = 0;
  std::size_t odd = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (bytes[i] == 0) {
      (i % 2 == 0 ? even : odd)++;
    }
  }
  std::size_t nuls = odd + even;
  if (nuls < 2 || nuls * 8 < n / 2) {
    return Family::other;
  }
  if (even == 0) {
    return Family::utf16le;
  }
  if (odd == 0) {
    return Family::utf16be;
  }
  return Family::other;
}

// Index of the first byte that is not 7-bit ASCII or is NUL, or `n`.
std::size_t ascii_prefix(const unsigned char* s, std::size_t n) {
  std::size_t i = 0;
  // Eight bytes at a time: no high bit set and no zero byte.
  while (i + 8 <= n) {
    std::uint64_t w;
    std::memcpy(&w, s + i, 8);
    bool high = (w & 0x8080808080808080ULL) != 0;
    bool zero = ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0;
    if (high || zero) {
      break;
    }
    i += 8;
  }
  while (i < n && s[i] != 0 && s[i] < 0x80) {
    ++i;
  }
  return i;
}

}  // namespace

Encoding parse_encoding(std::string_view name) {
  std::string n = lower_ascii(name);
  if (n == "auto") {
    return Encoding::auto_detect;
  }
  if (n == "utf-8" || n == "utf8") {
    return Encoding::utf8;
  }
  if (n == "utf-16" || n == "utf16") {
    return Encoding::utf16;
  }
  if (n == "cp949" || n == "uhc" || n == "ms949" || n == "windows-949") {
    return Encoding::cp949;
  }
  if (n == "euc-kr" || n == "euckr") {
    return Encoding::euc_kr;
  }
  throw Error(ErrorKind::invalid_argument, "unknown encoding " + quoted(name) +
                                               " (expected auto, utf-8, utf-16, cp949 or euc-kr)");
}

namespace {
ReadLimits limits;  // set once by the command line, before any input is read
}  // namespace

ReadLimits read_limits() noexcept {
  return limits;
}

void set_read_limits(const ReadLimits& l) noexcept {
  limits = l;
}

std::string format_size(std::uint64_t bytes) {
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  std::string out;
  for (int i = 3; i >= 0; --i) {
    std::uint64_t unit = std::uint64_t{1} << (10 * (i + 1));
    if (bytes >= unit && bytes % unit == 0) {
      return std::to_string(bytes / unit) + " " + units[i];
    }
  }
  return std::to_string(bytes) + " bytes";
}

namespace {

// Whether NUL bytes belong to the characters of an input: a UTF-16 or UTF-32 encoding named,
// or for "auto" a head that starts like UTF-16 or UTF-32.
bool nul_in_characters(std::string_view head, std::string_view encoding) {
  std::string enc = lower_ascii(encoding);
  if (!enc.empty() && enc != "auto") {
    return enc.find("16") != std::string::npos || enc.find("32") != std::string::npos ||
           enc.find("ucs") != std::string::npos;
  }
  return starts_with(head, kUtf16LeBom) || starts_with(head, kUtf16BeBom) ||
         starts_with(head, std::string_view("\0\0\xFE\xFF", 4)) ||
         starts_with(head, std::string_view("<\0?\0", 4)) ||
         starts_with(head, std::string_view("\0<\0?", 4)) ||
         utf16_by_nuls(head.substr(0, head.size() & ~std::size_t{1})) != Family::other;
}

// The line and column (in code points) of byte `at` of `text`, whose first byte is at
// `line`, column `column`; CR, LF and CRLF each end a line.
SourceLocation locate(std::string_view text, std::size_t at, std::string_view name,
                      std::uint64_t line, std::uint64_t column, std::uint64_t base_offset) {
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return SourceLocation{std::string(name), line, column, base_offset + at};
}

[[noreturn]] void nul_error(std::string_view data, std::size_t at, std::string_view name,
                            bool wide = false) {
  throw Error(ErrorKind::unicode,
              wide ? "NUL character (a code unit of zero bytes) at byte " + std::to_string(at)
                   : "NUL byte at byte " + std::to_string(at) +
                         "; is this UTF-16 without a byte-order mark, or binary?",
              wide ? SourceLocation{std::string(name), 0, 0, at} : locate(data, at, name, 1, 1, 0));
}

}  // namespace

void check_no_nul(std::string_view data, std::string_view source_name, std::string_view encoding) {
  if (nul_in_characters(data.substr(0, 4096), encoding)) {
    return;
  }
  if (const void* z = std::memchr(data.data(), 0, data.size())) {
    nul_error(data, static_cast<std::size_t>(static_cast<const char*>(z) - data.data()),
              source_name);
  }
}

std::string read_whole(std::istream& in, std::string_view source_name, std::string head,
                       std::string_view encoding) {
  constexpr std::size_t kChunk = 1 << 16;
  const std::uint64_t max = read_limits().max_input;
  std::string data = std::move(head);
  if (data.size() < kChunk) {
    std::size_t old = data.size();
    data.resize(kChunk);
    in.read(data.data() + old, static_cast<std::streamsize>(kChunk - old));
    data.resize(old + static_cast<std::size_t>(in.gcount()));
  }
  const std::string_view head_view = std::string_view(data).substr(0, 4096);
  const bool nul_ok = nul_in_characters(head_view, encoding);
  // In UTF-16 and UTF-32 a code unit of zero bytes is U+0000, which no text holds: so
  // /dev/zero read as UTF-16 also fails at once.
  std::string enc = lower_ascii(encoding);
  const std::size_t unit = enc.find("32") != std::string::npos ||
                                   starts_with(head_view, std::string_view("\xFF\xFE\0\0", 4)) ||
                                   starts_with(head_view, std::string_view("\0\0\xFE\xFF", 4))
                               ? 4
                               : 2;
  std::size_t scanned = 0;
  while (true) {
    if (!nul_ok) {
      if (const void* z = std::memchr(data.data() + scanned, 0, data.size() - scanned)) {
        nul_error(data, static_cast<std::size_t>(static_cast<const char*>(z) - data.data()),
                  source_name);
      }
      scanned = data.size();
    } else {
      for (; scanned + unit <= data.size(); scanned += unit) {
        if (std::all_of(data.begin() + static_cast<std::ptrdiff_t>(scanned),
                        data.begin() + static_cast<std::ptrdiff_t>(scanned + unit),
                        [](char c) { return c == 0; })) {
          nul_error(data, scanned, source_name, true);
        }
      }
    }
    if (data.size() > max) {
      throw Error(ErrorKind::io,
                  "input larger than the limit of " + format_size(max) +
                      " for a file read whole; --max-input raises it",
                  SourceLocation{std::string(source_name)});
    }
    if (!in || in.eof()) {
      break;
    }
    std::size_t old = data.size();
    data.resize(old + kChunk);
    in.read(data.data() + old, static_cast<std::streamsize>(kChunk));
    data.resize(old + static_cast<std::size_t>(in.gcount()));
    if (in.gcount() == 0) {
      break;
    }
  }
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + quoted(source_name));
  }
  return data;
}

void check_utf8(std::string_view text, std::string_view source_name, std::uint64_t first_line,
                std::uint64_t base_offset) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  auto n = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
    // U8_NEXT indexes with int32_t: check huge inputs piecewise at character boundaries.
    std::size_t cut = static_cast<std::size_t>(INT32_MAX) - 8;
    while (cut > 0 && (s[cut] & 0xC0) == 0x80) {
      --cut;
    }
    check_utf8(text.substr(0, cut), source_name, first_line, base_offset);
    auto head = text.substr(0, cut);
    auto lines = static_cast<std::uint64_t>(std::count(head.begin(), head.end(), '\n'));
    check_utf8(text.substr(cut), source_name, first_line + lines, base_offset + cut);
    return;
  }
  std::int32_t i = 0;
  while (i < n) {
    i += static_cast<std::int32_t>(ascii_prefix(s + i, static_cast<std::size_t>(n - i)));
    if (i >= n) {
      break;
    }
    // Three-byte characters whose lead byte allows any continuation (Hangul syllables and
    // most CJK: E1-EC, EE-EF) are checked here: a Korean text is mostly these.
    while (i + 3 <= n && static_cast<std::uint8_t>(s[i] - 0xE1) < 0x0F && s[i] != 0xED &&
           (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      i += 3;
    }
    if (i >= n || (s[i] < 0x80 && s[i] != 0)) {  // a NUL goes on to the error below
      continue;
    }
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c > 0) {
      continue;
    }
    // Locate the error: count lines and code points before it.
    auto head = text.substr(0, static_cast<std::size_t>(start));
    auto nl = head.rfind('\n');
    std::uint64_t line =
        first_line + static_cast<std::uint64_t>(std::count(head.begin(), head.end(), '\n'));
    auto line_head = nl == std::string_view::npos ? head : head.substr(nl + 1);
    std::uint64_t column = 1;
    for (char ch : line_head) {
      if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
        ++column;
      }
    }
    char msg[96];
    if (c == 0) {
      std::snprintf(
          msg, sizeof msg,
          "NUL byte at byte %llu; is this UTF-16 without a byte-order mark, or binary?",
          static_cast<unsigned long long>(base_offset + static_cast<std::uint64_t>(start)));
    } else {
      std::snprintf(
          msg, sizeof msg, "invalid UTF-8 (byte 0x%02X) at byte %llu", s[start],
          static_cast<unsigned long long>(base_offset + static_cast<std::uint64_t>(start)));
    }
    throw Error(ErrorKind::unicode, msg,
                SourceLocation{std::string(source_name), line, column,
                               base_offset + static_cast<std::uint64_t>(start)});
  }
}

std::string decode_to_utf8(std::string_view bytes, Encoding encoding,
                           std::string_view source_name) {
  if (encoding == Encoding::auto_detect || encoding == Encoding::utf16) {
    if (starts_with(bytes, kUtf16LeBom)) {
      return decode_utf16(bytes.substr(2), false, source_name);
    }
    if (starts_with(bytes, kUtf16BeBom)) {
      return decode_utf16(bytes.substr(2), true, source_name);
    }
    if (encoding == Encoding::utf16) {
      return decode_utf16(bytes, false, source_name);
    }
  }
  if (encoding == Encoding::cp949 || encoding == Encoding::euc_kr) {
    return decode_legacy(bytes, encoding, source_name);
  }
  std::size_t skip = starts_with(bytes, kUtf8Bom) ? kUtf8Bom.size() : 0;
  auto body = bytes.substr(skip);
  check_utf8(body, source_name, 1, skip);
  return std::string(body);
}

bool is_known_encoding(std::string_view name) {
  std::string n = lower_ascii(name);
  return n.empty() || n == "auto" || family_of(n) != Family::other ||
         open_converter(name) != nullptr;
}

Decoded decode_text(std::string_view bytes, std::string_view encoding,
                    std::string_view source_name) {
  std::string enc = lower_ascii(encoding);
  Decoded out;
  if (!enc.empty() && enc != "auto") {
    switch (family_of(enc)) {
      case Family::utf8:
        out.text = decode_to_utf8(bytes, Encoding::utf8, source_name);
        out.encoding = "utf-8";
        return out;
      case Family::utf16:
        out.text = decode_to_utf8(bytes, Encoding::utf16, source_name);
        out.encoding = "utf-16";
        return out;
      case Family::utf16le:
      case Family::utf16be: {
        bool be = family_of(enc) == Family::utf16be;
        std::string_view bom = be ? kUtf16BeBom : kUtf16LeBom;
        std::size_t skip = starts_with(bytes, bom) ? 2 : 0;
        out.text = decode_utf16(bytes.substr(skip), be, source_name);
        out.encoding = be ? "utf-16be" : "utf-16le";
        return out;
      }
      case Family::other:
        out.text = decode_icu(bytes, encoding, source_name);
        out.encoding = enc;
        return out;
    }
  }
  // "auto": a byte-order mark decides; then UTF-8; then a guess that decodes cleanly.
  if (starts_with(bytes, kUtf8Bom)) {
    out.text = decode_to_utf8(bytes, Encoding::utf8, source_name);
    out.encoding = "utf-8";
    return out;
  }
  if (starts_with(bytes, kUtf16LeBom) || starts_with(bytes, kUtf16BeBom)) {
    bool be = starts_with(bytes, kUtf16BeBom);
    out.text = decode_utf16(bytes.substr(2), be, source_name);
    out.encoding = be ? "utf-16be" : "utf-16le";
    return out;
  }
  try {
    check_utf8(bytes, source_name);
    out.text = std::string(bytes);
    out.encoding = "utf-8";
    return out;
  } catch (const Error& not_utf8) {
    Family utf16 = utf16_by_nuls(bytes);
    if (utf16 != Family::other) {
      try {
        out.text = decode_utf16(bytes, utf16 == Family::utf16be, source_name);
        out.encoding = utf16 == Family::utf16be ? "utf-16be" : "utf-16le";
        out.sniffed = true;
        return out;
      } catch (const Error&) {
        // Not UTF-16 after all; the UTF-8 error below says where the text went wrong.
      }
    } else {
      // Korean users' legacy files are CP949 (a superset of EUC-KR); strict decoding
      // rejects most text in other encodings.
      try {
        out.text = decode_icu(bytes, "cp949", source_name);
        out.encoding = "cp949";
        out.sniffed = true;
        return out;
      } catch (const Error&) {
        // Not CP949 either.
      }
    }
    throw Error(ErrorKind::unicode,
                not_utf8.message() +
                    "; the text is not UTF-8 and does not decode as CP949 or UTF-16 either: name "
                    "its encoding, e.g. --encoding cp949 or --encoding windows-1252",
                not_utf8.where());
  }
}

namespace {

// Where the value of `encoding="..."` is in an XML declaration at the start of `head`
// (ASCII), as {offset, length}; {npos, 0} when there is no declaration or no such pseudo-
// attribute.
std::pair<std::size_t, std::size_t> xml_decl_encoding(std::string_view head) {
  constexpr auto npos = std::string_view::npos;
  if (!starts_with(head, "<?xml")) {
    return {npos, 0};
  }
  std::size_t end = head.find("?>");
  if (end == npos) {
    return {npos, 0};
  }
  std::string_view decl = head.substr(0, end);
  std::size_t at = decl.find("encoding");
  while (at != npos) {
    std::size_t i = at + 8;
    bool word_start = at > 0 && (decl[at - 1] == ' ' || decl[at - 1] == '\t' ||
                                 decl[at - 1] == '\r' || decl[at - 1] == '\n');
    while (i < decl.size() &&
           (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n')) {
      ++i;
    }
    if (word_start && i < decl.size() && decl[i] == '=') {
      ++i;
      while (i < decl.size() &&
             (decl[i] == ' ' || decl[i] == '\t' || decl[i] == '\r' || decl[i] == '\n')) {
        ++i;
      }
      if (i < decl.size() && (decl[i] == '"' || decl[i] == '\'')) {
        std::size_t close = decl.find(decl[i], i + 1);
        if (close != npos) {
          return {i + 1, close - i - 1};
        }
      }
      return {npos, 0};
    }
    at = decl.find("encoding", at + 1);
  }
  return {npos, 0};
}

// Replaces the declared encoding by UTF-8, so that what reads the text next sees what it is.
void declare_utf8(std::string& text) {
  auto [at, len] = xml_decl_encoding(text);
  if (at != std::string::npos) {
    text.replace(at, len, "UTF-8");
  }
}

}  // namespace

std::string decode_xml(std::string_view bytes, std::string_view source_name) {
  // UTF-16 shows itself by a byte-order mark or by the NUL bytes of "<?" (XML 1.0 F.1).
  Family utf16 = Family::other;
  std::size_t skip = 0;
  if (starts_with(bytes, kUtf16LeBom)) {
    utf16 = Family::utf16le;
    skip = 2;
  } else if (starts_with(bytes, kUtf16BeBom)) {
    utf16 = Family::utf16be;
    skip = 2;
  } else if (starts_with(bytes, std::string_view("<\0?\0", 4))) {
    utf16 = Family::utf16le;
  } else if (starts_with(bytes, std::string_view("\0<\0?", 4))) {
    utf16 = Family::utf16be;
  }
  if (utf16 != Family::other) {
    // The bytes can only be UTF-16; a declaration naming another encoding is rewritten.
    std::string text = decode_utf16(bytes.substr(skip), utf16 == Family::utf16be, source_name);
    declare_utf8(text);
    return text;
  }
  bool utf8_bom = starts_with(bytes, kUtf8Bom);
  skip = utf8_bom ? kUtf8Bom.size() : 0;
  std::string_view body = bytes.substr(skip);
  auto [at, len] = xml_decl_encoding(body.substr(0, std::min<std::size_t>(body.size(), 1024)));
  std::string declared =
      at == std::string_view::npos ? std::string() : std::string(body.substr(at, len));
  SourceLocation decl_at{std::string(source_name), 1, at + 1, skip + at};
  Family family = declared.empty() ? Family::utf8 : family_of(declared);
  // A UTF-8 byte-order mark outweighs the declaration (XML 1.0 F.1). A UTF-16 declaration on
  // single bytes ('<?xml' has no NULs) is what a reader that decoded the file left behind:
  // the bytes are read as UTF-8, strictly.
  if (family != Family::other || utf8_bom) {
    check_utf8(body, source_name, 1, skip);
    std::string text(body);
    if (family != Family::utf8) {
      declare_utf8(text);
    }
    return text;
  }
  if (!open_converter(declared)) {
    throw Error(ErrorKind::unicode,
                "unknown encoding " + quoted(declared) +
                    " in the XML declaration (not known to ICU's converters)",
                decl_at);
  }
  std::string text = decode_icu(body, declared, source_name, skip);
  declare_utf8(text);
  return text;
}

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

const char* encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::auto_detect:
      return "auto";
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf16:
      return "utf-16";
    case Encoding::cp949:
      return "cp949";
    case Encoding::euc_kr:
      return "euc-kr";
  }
  return "auto";
}

}  // namespace

LineReader::LineReader(std::istream& in, std::string source_name, Encoding encoding)
    : in_(in), name_(std::move(source_name)), encoding_(encoding_name(encoding)) {}

LineReader::LineReader(std::istream& in, std::string source_name, std::string_view encoding)
    : in_(in), name_(std::move(source_name)), encoding_(lower_ascii(encoding)) {
  if (encoding_.empty()) {
    encoding_ = "auto";
  }
  guess_ = encoding_ == "auto";
}

bool LineReader::fill() {
  if (eof_ || decoded_whole_) {
    return false;
  }
  constexpr std::size_t kChunk = 1 << 16;
  if (pos_ > 0) {
    file_offset_ += pos_;
    buf_.erase(0, pos_);
    checked_ -= std::min(checked_, pos_);
    pos_ = 0;
  }
  // No line end in max_line bytes: a line this long is no text; stop before memory grows.
  check_length(buf_.size());
  std::size_t old = buf_.size();
  buf_.resize(old + kChunk);
  in_.read(buf_.data() + old, static_cast<std::streamsize>(kChunk));
  auto got = static_cast<std::size_t>(in_.gcount());
  buf_.resize(old + got);
  if (in_.bad()) {
    throw Error(ErrorKind::io, "read failed", SourceLocation{name_});
  }
  if (got < kChunk) {
    eof_ = true;
  }
  if (streaming_) {
    check_new_bytes();
  }
  return got > 0;
}

void LineReader::check_length(std::size_t line_bytes) const {
  if (streaming_ && line_bytes > read_limits().max_line) {
    throw Error(ErrorKind::io,
                "line " + std::to_string(line_no_ + 1) + " is longer than the limit of " +
                    format_size(read_limits().max_line) + "; --max-line raises it",
                SourceLocation{name_, line_no_ + 1, 1, file_offset_ + pos_});
  }
}

void LineReader::check_new_bytes() {
  // Every byte is checked as it arrives, so a NUL or a bad byte stops the read at once,
  // before a line of it is complete. A character cut by the chunk's end waits for the rest.
  std::size_t end = buf_.size();
  if (!eof_) {
    std::size_t lead = end;
    while (lead > checked_ && lead + 4 > end &&
           (static_cast<unsigned char>(buf_[lead - 1]) & 0xC0) == 0x80) {
      --lead;
    }
    if (lead > checked_ && lead + 4 > end) {
      auto b = static_cast<unsigned char>(buf_[lead - 1]);
      std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      if (lead - 1 + len > end) {
        end = lead - 1;
      }
    }
  }
  if (end <= checked_) {
    return;
  }
  try {
    check_utf8(std::string_view(buf_).substr(checked_, end - checked_), name_);
  } catch (const Error& e) {
    fail_at(checked_ + static_cast<std::size_t>(e.where().byte_offset), e);
  }
  checked_ = end;
}

void LineReader::fail_at(std::size_t at, const Error& e) const {
  // The message of check_utf8 with the byte offset in the file, at the line and column.
  std::string message = e.message();
  if (auto cut = message.find(" at byte "); cut != std::string::npos) {
    auto rest = message.find(';', cut);
    message = message.substr(0, cut) + " at byte " + std::to_string(file_offset_ + at) +
              (rest == std::string::npos ? "" : message.substr(rest));
  }
  if (guess_ && e.message().find("NUL byte") == std::string::npos) {
    // "auto" chose UTF-8 on the first chunks; what comes later cannot be guessed any more
    // (a NUL byte is in no encoding guessed: it needs no hint).
    message +=
        "; the start of the file was UTF-8: if it is in another encoding, name it, e.g. "
        "--encoding cp949";
  }
  std::string_view pending = std::string_view(buf_).substr(pos_);
  throw Error(e.kind(), message,
              locate(pending, at - pos_, name_, line_no_ + 1, 1, file_offset_ + pos_));
}

void LineReader::start() {
  started_ = true;
  while (buf_.size() < 4 && fill()) {
  }
  std::string_view head = buf_;
  bool utf16_bom = starts_with(head, kUtf16LeBom) || starts_with(head, kUtf16BeBom);
  bool utf8_bom = starts_with(head, kUtf8Bom);
  bool streamed = family_of(encoding_) == Family::utf8 || (encoding_ == "auto" && !utf16_bom);
  if (streamed && guess_) {
    // Decide on the first chunk whether the input is UTF-8 (streamed) or needs a guess.
    if (!eof_) {
      fill();
    }
    std::string_view chunk = std::string_view(buf_).substr(pos_);
    if (!eof_) {
      // The chunk may end inside a character: check whole lines only.
      std::size_t nl = chunk.rfind('\n');
      chunk = chunk.substr(0, nl == std::string_view::npos ? 0 : nl);
    }
    std::string_view body = starts_with(chunk, kUtf8Bom) ? chunk.substr(3) : chunk;
    try {
      check_utf8(body, name_);
    } catch (const Error&) {
      streamed = false;
    }
  }
  if (!streamed) {
    // Bounded, and a NUL byte in what cannot be UTF-16 is an error before the rest is read.
    std::string all = read_whole(in_, name_, std::move(buf_), encoding_);
    Decoded decoded;
    if (guess_) {
      decoded = decode_text(all, "auto", name_);
    } else if (encoding_ == "auto") {
      decoded.text = decode_to_utf8(all, Encoding::auto_detect, name_);
      decoded.encoding = starts_with(all, kUtf16BeBom) ? "utf-16be" : "utf-16le";
    } else {
      decoded = decode_text(all, encoding_, name_);
    }
    buf_ = std::move(decoded.text);
    used_encoding_ = decoded.encoding;
    sniffed_ = decoded.sniffed;
    if (sniffed_ && on_sniffed_) {
      on_sniffed_(used_encoding_);
    }
    pos_ = 0;
    eof_ = true;
    decoded_whole_ = true;
    return;
  }
  used_encoding_ = "utf-8";
  if (utf8_bom) {
    pos_ = kUtf8Bom.size();
    consumed_ = pos_;
  }
  streaming_ = true;
  checked_ = pos_;
  check_new_bytes();
}

bool LineReader::next(std::string& line) {
  if (!started_) {
    start();
  }
  std::size_t scan_from = pos_;
  for (;;) {
    // Find the first CR or LF at or after scan_from.
    const char* base = buf_.data();
    std::size_t n = buf_.size();
    std::size_t end = n;
    if (scan_from < n) {
      const void* lf = std::memchr(base + scan_from, '\n', n - scan_from);
      std::size_t lf_at = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - base) : n;
      const void* cr = std::memchr(base + scan_from, '\r', lf_at - scan_from);
      end = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - base) : lf_at;
    }
    if (end < n) {
      // A CR at the end of the buffer may be the first half of CRLF.
      if (buf_[end] == '\r' && end + 1 == n && !eof_) {
        std::size_t rel = end - pos_;
        fill();
        scan_from = pos_ + rel;
        continue;
      }
      std::size_t eol = 1;
      if (buf_[end] == '\r' && end + 1 < n && buf_[end + 1] == '\n') {
        eol = 2;
      }
      std::string_view text(buf_.data() + pos_, end - pos_);
      check_length(text.size());
      ++line_no_;
      line.assign(text);
      consumed_ += text.size() + eol;
      pos_ = end + eol;
      return true;
    }
    if (eof_ || decoded_whole_) {
      if (pos_ >= n) {
        return false;
      }
      std::string_view text(buf_.data() + pos_, n - pos_);
      check_length(text.size());
      ++line_no_;
      line.assign(text);
      consumed_ += text.size();
      pos_ = n;
      return true;
    }
    std::size_t rel = n - pos_;
    fill();
    scan_from = pos_ + rel;
  }
}

}  // namespace termbridge::text
