#pragma once

// XLIFF inline content: text and inline codes of a <source>, <target> or <mrk>, read into a
// tm::Segment and written back. Private to core/src/io.
//
// Codes read from XLIFF remember their element and every attribute, so XLIFF -> XLIFF gives
// them back as they were (<g> stays <g>, ctype, equiv-text, xid, canCopy, disp ... stay).
// Codes from another format (TMX) are written as the XLIFF element of their kind; in
// XLIFF 2, which allows attributes of other namespaces on inline codes, their element and
// attributes travel as tb:el and tb:NAME (namespace urn:termbridge:xliff:1) and come back on
// reading. The XLIFF 1.2 strict schema allows no such attributes: there a TMX code keeps its
// kind, id, type and native data.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "io/xml_writer.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::io::xliff_inline {

// XLIFF 1.2: g, x, bx, ex, bpt, ept, ph, it (with <sub>); mrk and unknown elements keep
// their text.
void read12(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes);

// XLIFF 2: ph, sc, ec, pc, cp; `original` maps <originalData> ids to their data. mrk, sm,
// em and unknown elements keep their text.
void read2(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes,
           const std::map<std::string, std::string>& original);

void write12(XmlWriter& w, const tm::Segment& seg);

// An id usable where the schemas want an NMTOKEN: other characters become '_'; `fallback`
// when `id` is empty.
std::string nmtoken(std::string_view id, std::string_view fallback);

// XLIFF 2 content of the segments of one unit; collects the <originalData> they need.
struct Writer2 {
  std::vector<std::pair<std::string, std::string>> data;  // id, native

  void write(XmlWriter& w, const tm::Segment& seg);
  std::string data_ref(const std::string& native);
};

}  // namespace termbridge::io::xliff_inline
