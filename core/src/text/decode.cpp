#include "termbridge/text/decode.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>

#include <boost/locale/encoding.hpp>
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

std::string decode_legacy(std::string_view bytes, Encoding encoding, std::string_view name) {
  // Boost.Locale with `stop` throws on the first bad byte; ICU's converter tells where it is.
  const char* charset = encoding == Encoding::cp949 ? "windows-949-2000" : "EUC-KR";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), ucnv_close);
  if (U_FAILURE(status)) {
    // ICU data without this converter: fall back to Boost.Locale (iconv), still strict.
    try {
      return boost::locale::conv::to_utf<char>(bytes.data(), bytes.data() + bytes.size(),
                                               encoding == Encoding::cp949 ? "CP949" : "EUC-KR",
                                               boost::locale::conv::stop);
    } catch (const boost::locale::conv::conversion_error&) {
      throw Error(ErrorKind::unicode,
                  std::string("not valid ") + (encoding == Encoding::cp949 ? "CP949" : "EUC-KR"),
                  SourceLocation{std::string(name)});
    }
  }
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
    // ICU maps some unassigned bytes to C1 controls (EUC-KR 0x80-0x9F) or private-use code
    // points (CP949 0xFF -> U+F8F7); neither occurs in real Korean text, so both are errors.
    bool unmapped = (c >= 0x80 && c <= 0x9F) || (c >= 0xE000 && c <= 0xF8FF);
    if (U_FAILURE(status) || c == 0 || unmapped) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(*before));
      throw Error(ErrorKind::unicode,
                  std::string(c == 0 && U_SUCCESS(status) ? "NUL byte" : "invalid byte ") +
                      (c == 0 && U_SUCCESS(status) ? "" : hex) + " for encoding " +
                      (encoding == Encoding::cp949 ? "cp949" : "euc-kr"),
                  SourceLocation{std::string(name), line, column,
                                 static_cast<std::uint64_t>(before - bytes.data())});
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

LineReader::LineReader(std::istream& in, std::string source_name, Encoding encoding)
    : in_(in), name_(std::move(source_name)), encoding_(encoding) {}

bool LineReader::fill() {
  if (eof_ || decoded_whole_) {
    return false;
  }
  constexpr std::size_t kChunk = 1 << 16;
  if (pos_ > 0) {
    file_offset_ += pos_;
    buf_.erase(0, pos_);
    pos_ = 0;
  }
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
  return got > 0;
}

void LineReader::start() {
  started_ = true;
  while (buf_.size() < 4 && fill()) {
  }
  std::string_view head = buf_;
  bool utf16_bom = starts_with(head, kUtf16LeBom) || starts_with(head, kUtf16BeBom);
  bool whole = encoding_ == Encoding::cp949 || encoding_ == Encoding::euc_kr ||
               encoding_ == Encoding::utf16 || (encoding_ == Encoding::auto_detect && utf16_bom);
  if (whole) {
    std::string all = std::move(buf_);
    all.append(std::istreambuf_iterator<char>(in_), std::istreambuf_iterator<char>());
    if (in_.bad()) {
      throw Error(ErrorKind::io, "read failed", SourceLocation{name_});
    }
    buf_ = decode_to_utf8(all, encoding_, name_);
    pos_ = 0;
    eof_ = true;
    decoded_whole_ = true;
    return;
  }
  if (starts_with(head, kUtf8Bom)) {
    pos_ = kUtf8Bom.size();
    consumed_ = pos_;
  }
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
      ++line_no_;
      if (!decoded_whole_) {
        check_utf8(text, name_, line_no_, file_offset_ + pos_);
      }
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
      ++line_no_;
      if (!decoded_whole_) {
        check_utf8(text, name_, line_no_, file_offset_ + pos_);
      }
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
