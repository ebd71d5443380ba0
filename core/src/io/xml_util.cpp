#include "io/xml_util.hpp"

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

pugi::xml_document load_xml(std::string_view data, std::string_view file) {
  pugi::xml_document doc;
  unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  auto result = doc.load_buffer(data.data(), data.size(), options, pugi::encoding_auto);
  if (!result) {
    throw Error(ErrorKind::parse, std::string("not well-formed XML: ") + result.description(),
                location_of(data, static_cast<std::size_t>(result.offset), file));
  }
  return doc;
}

}  // namespace termbridge::io
