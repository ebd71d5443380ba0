// The term-base entry points of termbase_io.hpp: decoding, the format switch, reading from
// bytes, streams or files, writing, and in-place edits in the file's own encoding.

#include "termbridge/io/termbase_io.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <memory>
#include <sstream>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "io/termbase_builder.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/ascii.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

// The bytes of a byte-order mark at the start of `data`, or empty.
std::string_view bom_of(std::string_view data) {
  for (std::string_view bom : {std::string_view("\xEF\xBB\xBF"), std::string_view("\xFF\xFE"),
                               std::string_view("\xFE\xFF")}) {
    if (data.substr(0, bom.size()) == bom) {
      return data.substr(0, bom.size());
    }
  }
  return {};
}

// UTF-8 text encoded in `encoding` (a name decode_text reported), strictly: a character the
// encoding cannot hold is an error naming it, never a substitute byte.
std::string encode(std::string_view utf8, std::string_view encoding, std::string_view name,
                   std::string_view advice = "convert the file to UTF-8 first (glossary convert)") {
  std::string charset = text::ascii_lower(encoding);
  // As text::decode_text reads it: ICU's own "cp949" is an IBM code page, not Windows'.
  if (charset == "cp949" || charset == "uhc" || charset == "ms949" || charset == "windows-949") {
    charset = "windows-949-2000";
  } else if (charset == "utf-16") {
    charset = "utf-16le";
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open(charset.c_str(), &status),
                                                        ucnv_close);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::invalid_argument,
                "cannot write " + quoted(encoding) + " (not known to ICU's converters)",
                SourceLocation{std::string(name)});
  }
  ucnv_setFromUCallBack(to.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out(utf8.size() * 4 + 16, '\0');
  char* target = out.data();
  const char* source = utf8.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source,
                 utf8.data() + utf8.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  if (U_FAILURE(status)) {
    // Name the first character the encoding lacks: tried one by one, as the pivot buffer
    // leaves the source pointer past it.
    std::size_t at = 0;
    std::size_t len = 0;
    for (std::size_t i = 0; i < utf8.size(); i += len) {
      UChar32 cp = 0;
      std::int32_t next = static_cast<std::int32_t>(i);
      U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), next,
              static_cast<std::int32_t>(utf8.size()), cp);
      len = static_cast<std::size_t>(next) - i;
      UChar units[2];
      std::int32_t n = 0;
      U16_APPEND_UNSAFE(units, n, cp);
      char buf[16];
      UErrorCode one = U_ZERO_ERROR;
      ucnv_reset(to.get());
      ucnv_fromUChars(to.get(), buf, sizeof buf, units, n, &one);
      if (U_FAILURE(one)) {
        at = i;
        break;
      }
    }
    throw Error(ErrorKind::invalid_argument,
                quoted(utf8.substr(at, len)) + " cannot be written in " + std::string(encoding) +
                    ", the encoding of " + quoted(name) + "; " + std::string(advice));
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

}  // namespace

bool is_termbase_format(Format format) {
  return format == Format::tsv || format == Format::csv || format == Format::tbx2 ||
         format == Format::tbx3 || format == Format::omegat_tsv;
}

glossary::TermBase read_termbase(std::string_view data, Format format, std::string_view source_name,
                                 const TermBaseReadOptions& options) {
  switch (format) {
    case Format::csv:
    case Format::tsv:
    case Format::omegat_tsv: {
      text::Decoded decoded = text::decode_text(data, options.encoding, source_name);
      if (decoded.sniffed && options.diagnostics && options.on_bad_entry != OnBadEntry::skip) {
        options.diagnostics->warn(
            SourceLocation{std::string(source_name)},
            "read as " + decoded.encoding + " (not UTF-8); use --encoding to say otherwise");
      }
      if (format == Format::omegat_tsv) {
        return read_omegat(decoded.text, source_name, options);
      }
      return read_delimited(decoded.text, format == Format::csv ? ',' : '\t', source_name, options);
    }
    case Format::tbx2:
    case Format::tbx3:
    // Other XML: the TBX reader names the root element found and what it probably is.
    case Format::tmx:
    case Format::xliff12:
    case Format::xliff20:
    case Format::xliff21:
    case Format::srx:
      return read_tbx(data, source_name, options);
    default:
      break;
  }
  throw Error(ErrorKind::invalid_argument,
              "cannot read a term base from " + std::string(format_name(format)) +
                  " (expected tbx2, tbx3, csv, tsv or omegat-tsv)",
              SourceLocation{std::string(source_name)});
}

glossary::TermBase read_termbase(std::istream& in, std::string_view format_name,
                                 std::string_view source_name, const TermBaseReadOptions& options) {
  std::string data = text::read_whole(in, source_name);  // bounded; NUL bytes fail at once
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + quoted(source_name) + ": " + std::strerror(errno));
  }
  std::string_view head(data.data(), std::min<std::size_t>(data.size(), 4096));
  Format format = input_format("", head, format_name);
  return read_termbase(data, format, source_name, options);
}

glossary::TermBase read_termbase_file(const std::string& path, std::string_view format_name,
                                      const TermBaseReadOptions& options) {
  if (path == "-") {
    // Core does not own standard input; the caller passes it as a stream.
    throw Error(ErrorKind::invalid_argument,
                "a term base cannot be read from '-' (standard input) here; name its file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::io, "cannot open " + quoted(path) + ": " + std::strerror(errno));
  }
  // Bounded, and a NUL byte (a binary file or /dev/zero) fails as soon as it is read.
  std::string data = text::read_whole(in, path);
  std::string_view head(data.data(), std::min<std::size_t>(data.size(), 4096));
  Format format = input_format(path, head, format_name);
  return read_termbase(data, format, path, options);
}

void write_termbase(const glossary::TermBase& tb, std::ostream& out, Format format,
                    const TermBaseWriteOptions& options) {
  std::string enc = text::ascii_lower(options.encoding);
  bool text_format = format == Format::csv || format == Format::tsv || format == Format::omegat_tsv;
  if (text_format && !enc.empty() && enc != "utf-8" && enc != "utf8") {
    std::ostringstream utf8;
    TermBaseWriteOptions plain = options;
    plain.encoding.clear();
    write_termbase(tb, utf8, format, plain);
    if (enc == "utf-16le" || enc == "utf-16" || enc == "utf-16be") {
      out << (enc == "utf-16be" ? "\xFE\xFF" : "\xFF\xFE");
    }
    out << encode(utf8.str(), enc, "the output", "write it in UTF-8 instead");
    return;
  }
  switch (format) {
    case Format::csv:
      write_delimited(tb, out, ',');
      return;
    case Format::tsv:
      write_delimited(tb, out, '\t');
      return;
    case Format::omegat_tsv:
      write_omegat(tb, out, options);
      return;
    case Format::tbx2:
      write_tbx(tb, out, false, options);
      return;
    case Format::tbx3:
      write_tbx(tb, out, true, options);
      return;
    default:
      break;
  }
  throw Error(ErrorKind::invalid_argument, "cannot write a term base as " +
                                               std::string(io::format_name(format)) +
                                               " (expected tbx2, tbx3, csv, tsv or omegat-tsv)");
}

void check_encoding_guessed_again(std::string_view bytes, std::string_view encoding,
                                  std::string_view name) {
  std::string meant = text::decode_text(bytes, encoding, name).text;
  text::Decoded again;
  try {
    again = text::decode_text(bytes, "auto", name);
  } catch (const Error&) {
    again.encoding = "nothing valid";
  }
  // Only the text matters: a sheet left all ASCII reads the same in either.
  if (again.text != meant) {
    throw Error(ErrorKind::invalid_argument,
                quoted(name) + " was read as " + std::string(encoding) +
                    " by a guess, and written back its bytes would read as " + again.encoding +
                    ", misreading its text; convert it to UTF-8 first (glossary convert " +
                    "--encoding " + std::string(encoding) + ")");
  }
}

std::string edit_termbase_text(std::string_view data, Format format, std::string_view source_name,
                               std::string_view id, const glossary::Concept* replacement,
                               std::string_view encoding) {
  switch (format) {
    case Format::csv:
    case Format::tsv: {
      char sep = format == Format::csv ? ',' : '\t';
      text::Decoded decoded = text::decode_text(data, encoding, source_name);
      if (decoded.encoding == "utf-8") {
        return edit_delimited(data, sep, source_name, id, replacement);
      }
      // Another encoding (a CP949 or UTF-16 file from Excel) is edited as UTF-8 and written
      // back in its own encoding, byte-order mark included. That keeps the other rows byte
      // for byte only when decoding and encoding are exact inverses on this file: checked.
      std::string bom(bom_of(data));
      if (bom == "\xEF\xBB\xBF") {
        bom.clear();
      }
      if (bom + encode(decoded.text, decoded.encoding, source_name) != data) {
        throw Error(ErrorKind::invalid_argument,
                    quoted(source_name) + " (" + decoded.encoding +
                        ") would not come back byte for byte from UTF-8; convert it to UTF-8 "
                        "before editing it in place");
      }
      std::string edited = edit_delimited(decoded.text, sep, source_name, id, replacement);
      std::string out = bom + encode(edited, decoded.encoding, source_name);
      if (decoded.sniffed) {
        check_encoding_guessed_again(out, decoded.encoding, source_name);
      }
      return out;
    }
    case Format::tbx2:
    case Format::tbx3: {
      std::string edited = edit_tbx(data, source_name, id, replacement);
      // The edit works on the file's bytes; markup it misreads would come out broken (found
      // by fuzzing): the result must read before it is handed back, as strictly as the
      // file itself had to, so that no edit leaves an entry only --skip-bad would read.
      try {
        read_termbase(std::string_view(edited), format, source_name, TermBaseReadOptions{});
      } catch (const Error& e) {
        throw Error(ErrorKind::invalid_argument,
                    quoted(source_name) +
                        " cannot be edited in place: the result would not read (" + e.message() +
                        "); convert it first (glossary convert)");
      }
      return edited;
    }
    default:
      break;
  }
  throw Error(ErrorKind::invalid_argument,
              "cannot edit " + std::string(format_name(format)) +
                  " in place (expected tbx2, tbx3, csv or tsv); convert the file first");
}

}  // namespace termbridge::io
