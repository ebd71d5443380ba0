#pragma once

// How a writer lays out the inline codes of a segment: which open/close pairs can be written
// as one enclosing element (TMX <hi>, XLIFF 1.2 <g>, XLIFF 2 <pc>), and the id each paired
// code gets. Private to core/src/io.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "io/xml_writer.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::io {

struct InlinePlan {
  // Per code: 1 when it is one half of a pair of `container` codes that nest properly, so
  // it may be written as an element enclosing its text; any other half is written as a
  // standalone code, which keeps the output well-formed whatever happened to the segment.
  std::vector<char> nested;
  // Per code: its id; an open without one gets a fresh number and its close the same, so
  // that the halves of a pair always refer to each other.
  std::vector<std::string> ids;
  // Per code: 1 for an open or close whose other half is in the segment. A half alone must
  // be written as isolated (XLIFF 2 <sc>/<ec isolated="yes">): a reference to a missing
  // half is not valid, and reading it back would pair it differently.
  std::vector<char> paired;
};

InlinePlan plan_inline(const tm::Segment& seg, std::string_view container);

// Writes the text of `seg`, calling write_code(index) where each code stands.
template <typename WriteCode>
void write_with_codes(XmlWriter& w, const tm::Segment& seg, WriteCode&& write_code) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < seg.codes.size(); ++i) {
    std::size_t at = std::min(seg.codes[i].offset, seg.text.size());
    if (at > pos) {
      w.text(std::string_view(seg.text).substr(pos, at - pos));
      pos = at;
    }
    write_code(i);
  }
  if (pos < seg.text.size()) {
    w.text(std::string_view(seg.text).substr(pos));
  }
}

// Writes the native data of `code`, calling write_sub(sub) where each <sub> stands.
template <typename WriteSub>
void write_native_with_subs(XmlWriter& w, const tm::InlineCode& code, WriteSub&& write_sub) {
  std::size_t pos = 0;
  for (const auto& sub : code.subs) {
    std::size_t at = std::min(sub.offset, code.native.size());
    if (at > pos) {
      w.text(std::string_view(code.native).substr(pos, at - pos));
      pos = at;
    }
    write_sub(sub);
  }
  if (pos < code.native.size()) {
    w.text(std::string_view(code.native).substr(pos));
  }
}

}  // namespace termbridge::io
