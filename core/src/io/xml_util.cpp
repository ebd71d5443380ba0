#include "io/xml_util.hpp"

#include "termbridge/text/decode.hpp"

namespace termbridge::io {

SourceLocation location_of(std::string_view data, std::size_t offset, std::string_view file) {
  if (offset > data.size()) {
    offset = data.size();
  }
  std::uint64_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (data[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::uint64_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return SourceLocation{std::string(file), line, column, offset};
}

pugi::xml_document load_xml(std::string_view data, std::string_view file, bool keep_whitespace) {
  // pugixml knows UTF-8, UTF-16/32 and Latin-1 only: everything else is decoded first, by
  // the byte-order mark or the declared encoding, and checked.
  std::string text = text::decode_xml(data, file);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") {
    // Kept, so that node offsets are offsets in `data` for the callers' locations.
    text.insert(0, "\xEF\xBB\xBF");
  }
  pugi::xml_document doc;
  unsigned options =
      pugi::parse_default | (keep_whitespace ? pugi::parse_ws_pcdata : pugi::parse_ws_pcdata_single);
  auto result = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_utf8);
  if (!result) {
    throw Error(ErrorKind::parse, std::string("not well-formed XML: ") + result.description(),
                location_of(text, static_cast<std::size_t>(result.offset), file));
  }
  return doc;
}

}  // namespace termbridge::io
