#pragma once

// How a writer lays out the inline codes of a segment: which open/close pairs can be written
// as one enclosing element (TMX <hi>, XLIFF 1.2 <g>, XLIFF 2 <pc>), and the id each paired
// code gets. Private to core/src/io.

#include <string>
#include <string_view>
#include <vector>

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
};

InlinePlan plan_inline(const tm::Segment& seg, std::string_view container);

}  // namespace termbridge::io
