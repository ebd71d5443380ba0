#include "io/xliff_inline.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <set>
#include <string_view>

#include "io/inline_plan.hpp"

namespace termbridge::io::xliff_inline {

namespace {

using Kind = tm::InlineCode::Kind;

constexpr std::string_view kNsTb = "urn:termbridge:xliff:1";
constexpr std::string_view kTypePrefix = "x-tb-";  // 1.2 ctype of a type XLIFF does not name
constexpr std::string_view kElementAttr = "el";    // tb:el, the element a code came from

// The name of an attribute without its prefix: "tb:el" -> "el".
std::string_view local(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Element names are compared as they stand: the reader has already given XLIFF's elements
// their names without prefix and every other element a prefixed one (canonical_names in
// xliff.cpp), so another vocabulary's <x:ph> matches no inline code and keeps its text.

std::string_view prefix(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

// The namespace bound to `pfx` where `node` stands.
std::string_view namespace_of(pugi::xml_node node, std::string_view pfx) {
  std::string decl = "xmlns:" + std::string(pfx);
  for (; node; node = node.parent()) {
    if (auto a = node.attribute(decl.c_str())) {
      return a.value();
    }
  }
  return {};
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

std::string type_from_ctype(std::string_view ctype) {
  if (starts_with(ctype, kTypePrefix)) {
    ctype.remove_prefix(kTypePrefix.size());
  }
  return std::string(ctype);
}

// tb:NAME for an attribute name ("xml:space" -> "xml.space"), and back. A name the tb
// namespace uses itself (el, type, subs, concept) or one starting with '_' gets a '_' in
// front, so that a code's own attribute "type" is not read back as its type.
std::string tb_attr(std::string_view name) {
  std::string out = "tb:";
  if (name == kElementAttr || name == "type" || name == "subs" || name == "concept" ||
      (!name.empty() && name.front() == '_')) {
    out += '_';
  }
  for (char c : name) {
    out += c == ':' ? '.' : c;
  }
  return out;
}

// Reads tb:el and tb:NAME attributes (a code from another format) into `code`, and tb:subs
// into `subs`; true when tb:el was there.
bool read_foreign(const pugi::xml_node& node, tm::InlineCode& code, std::string& subs) {
  bool found = false;
  for (auto a : node.attributes()) {
    std::string_view name = a.name();
    std::string_view pfx = prefix(name);
    if (pfx.empty() || pfx == "xml" || pfx == "xmlns" || namespace_of(node, pfx) != kNsTb) {
      continue;
    }
    std::string n(local(name));
    if (n == kElementAttr) {
      code.element = a.value();
      found = true;
      continue;
    }
    for (char& c : n) {
      c = c == '.' ? ':' : c;
    }
    if (!n.empty() && n.front() == '_') {
      code.attrs.push_back({n.substr(1), a.value()});  // escaped by tb_attr
    } else if (n == "type" && *a.value() != '\0') {
      code.type = a.value();
    } else if (n == "subs") {
      subs = a.value();
    } else if (n != "concept") {
      code.attrs.push_back({n, a.value()});
    }
  }
  return found;
}

std::string unescape_sub(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::strtol(std::string(s.substr(i + 1, 2)).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Undoes encode_subs on a code read from XLIFF 2: takes the sub text out of `native`.
// A tb:subs value that does not fit the data is left alone (the text stays native).
void split_subs(tm::InlineCode& code, const std::string& spec) {
  std::vector<tm::SubFlow> subs;
  std::string native;
  std::size_t pos = 0;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t bar = spec.find('|', start);
    std::string_view entry(spec.data() + start,
                           (bar == std::string::npos ? spec.size() : bar) - start);
    start = bar == std::string::npos ? spec.size() + 1 : bar + 1;
    std::vector<std::string_view> fields;
    std::size_t f = 0;
    while (f <= entry.size()) {
      std::size_t sp = entry.find(' ', f);
      fields.push_back(entry.substr(f, (sp == std::string_view::npos ? entry.size() : sp) - f));
      f = sp == std::string_view::npos ? entry.size() + 1 : sp + 1;
    }
    if (fields.size() < 2) {
      return;
    }
    std::size_t at = std::strtoul(std::string(fields[0]).c_str(), nullptr, 10);
    std::size_t len = std::strtoul(std::string(fields[1]).c_str(), nullptr, 10);
    // Offsets must lie inside the data and between UTF-8 characters: a sub cut inside a
    // character would be written as invalid UTF-8.
    auto boundary = [&](std::size_t i) {
      return i >= code.native.size() || (static_cast<unsigned char>(code.native[i]) & 0xC0) != 0x80;
    };
    if (at < pos || at > code.native.size() || len > code.native.size() - at || !boundary(at) ||
        !boundary(at + len)) {
      return;
    }
    native.append(code.native, pos, at - pos);
    tm::SubFlow sub;
    sub.offset = native.size();
    sub.content.text = code.native.substr(at, len);
    for (std::size_t k = 2; k < fields.size(); ++k) {
      auto eq = fields[k].find('=');
      if (eq != std::string_view::npos) {
        sub.attrs.push_back(
            {unescape_sub(fields[k].substr(0, eq)), unescape_sub(fields[k].substr(eq + 1))});
      }
    }
    subs.push_back(std::move(sub));
    pos = at + len;
  }
  native.append(code.native, pos);
  code.native = std::move(native);
  code.subs = std::move(subs);
}

void read_native(const pugi::xml_node& node, tm::InlineCode& code) {
  for (auto c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      code.native += c.value();
    } else if (c.type() == pugi::node_element && std::string_view(c.name()) == "sub") {
      tm::SubFlow sub;
      sub.offset = code.native.size();
      for (auto a : c.attributes()) {
        sub.attrs.push_back({a.name(), a.value()});
      }
      read12(c, sub.content, true);
      code.subs.push_back(std::move(sub));
    } else if (c.type() == pugi::node_element) {
      read_native(c, code);
    }
  }
}

struct Element12 {
  std::string_view name;
  Kind kind;
  bool has_native;  // holds native data (bpt, ept, ph, it) or is empty (g, x, bx, ex)
};
constexpr Element12 kElements12[] = {
    {"g", Kind::open, false},        {"x", Kind::placeholder, false}, {"bx", Kind::open, false},
    {"ex", Kind::close, false},      {"bpt", Kind::open, true},       {"ept", Kind::close, true},
    {"ph", Kind::placeholder, true}, {"it", Kind::isolated, true},
};

const Element12* element12(std::string_view name) {
  for (const auto& e : kElements12) {
    if (e.name == name) {
      return &e;
    }
  }
  return nullptr;
}

}  // namespace

static bool nmtoken_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c >= 0x80;
}

std::string nmtoken(std::string_view id, std::string_view fallback) {
  if (id.empty()) {
    return std::string(fallback);
  }
  std::string out(id);
  for (char& c : out) {
    if (!nmtoken_char(static_cast<unsigned char>(c))) {
      c = '_';
    }
  }
  return out;
}

// read12, read2 and read_native recurse once per level of markup: load_xml refuses a document
// nested deeper than kMaxXmlDepth, which bounds the stack.
void read12(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes) {
  for (auto c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      seg.text += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) {
      continue;
    }
    std::string_view n = c.name();
    const Element12* el = element12(n);
    if (el == nullptr) {
      read12(c, seg, keep_codes);  // mrk and anything unknown: the text stays
      continue;
    }
    if (!keep_codes) {
      if (n == "g") {
        read12(c, seg, keep_codes);
      }
      continue;
    }
    tm::InlineCode code;
    code.offset = seg.text.size();
    code.kind = el->kind;
    code.element = "xlf:" + std::string(n);
    bool paired = n == "bx" || n == "ex" || n == "bpt" || n == "ept";
    bool has_rid = paired && c.attribute("rid");
    for (auto a : c.attributes()) {
      std::string_view an = a.name();
      if (an == "rid" && paired) {
        code.id = a.value();
      } else if (an == "id" && !has_rid) {
        code.id = a.value();
      } else if (an == "ctype") {
        code.type = type_from_ctype(a.value());
      } else if (an == "pos" && n == "it") {
        code.end = std::string_view(a.value()) == "close";
      } else {
        code.attrs.push_back({std::string(an), a.value()});
      }
    }
    if (el->has_native) {
      read_native(c, code);
    }
    if (n == "g") {
      tm::InlineCode close;
      close.kind = Kind::close;
      close.id = code.id;
      close.type = code.type;
      close.element = code.element;
      seg.codes.push_back(std::move(code));
      read12(c, seg, keep_codes);
      close.offset = seg.text.size();
      seg.codes.push_back(std::move(close));
      continue;
    }
    seg.codes.push_back(std::move(code));
  }
}

void read2(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes,
           const std::map<std::string, std::string>& original) {
  auto data_of = [&](const pugi::xml_node& c, const char* ref) {
    auto it = original.find(c.attribute(ref).value());
    return it == original.end() ? std::string() : it->second;
  };
  for (auto c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      seg.text += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) {
      continue;
    }
    std::string_view n = c.name();
    if (n == "cp") {
      unsigned long cp = std::strtoul(c.attribute("hex").value(), nullptr, 16);
      // Writers use <cp> only for characters XML cannot hold: C0 controls, U+FFFE, U+FFFF.
      // NUL (also a missing or bad hex) is left out like other values: no text holds it.
      if (cp == 0) {
        continue;
      }
      if (cp < 0x80) {
        seg.text += static_cast<char>(cp);
      } else if (cp == 0xFFFE || cp == 0xFFFF) {
        seg.text += cp == 0xFFFE ? "\xEF\xBF\xBE" : "\xEF\xBF\xBF";
      }
      continue;
    }
    if (n != "ph" && n != "sc" && n != "ec" && n != "pc") {
      read2(c, seg, keep_codes, original);  // mrk, sm, em: the text stays
      continue;
    }
    if (!keep_codes) {
      if (n == "pc") {
        read2(c, seg, keep_codes, original);
      }
      continue;
    }
    bool isolated = std::string_view(c.attribute("isolated").value()) == "yes";
    tm::InlineCode code;
    code.offset = seg.text.size();
    code.element = "xlf2:" + std::string(n);
    code.kind = n == "ph"   ? Kind::placeholder
                : isolated  ? Kind::isolated
                : n == "ec" ? Kind::close
                            : Kind::open;
    code.end = isolated && n == "ec";
    code.id =
        (n == "ec" && !isolated) ? c.attribute("startRef").value() : c.attribute("id").value();
    code.native = data_of(c, n == "pc" ? "dataRefStart" : "dataRef");
    std::string sub_type = c.attribute("subType").value();
    code.type = starts_with(sub_type, "tb:")
                    ? sub_type.substr(3)
                    : (sub_type.empty() ? std::string(c.attribute("type").value()) : sub_type);
    tm::InlineCode foreign;
    std::string subs;
    bool is_foreign = read_foreign(c, foreign, subs);
    if (!subs.empty()) {
      split_subs(code, subs);
    }
    if (is_foreign) {
      // A code of another format: its element and attributes, not XLIFF's.
      code.element = foreign.element;
      code.attrs = std::move(foreign.attrs);
      if (!foreign.type.empty()) {
        code.type = foreign.type;
      }
    } else {
      for (auto a : c.attributes()) {
        std::string_view an = a.name();
        if (an == "id" && !(n == "ec" && !isolated)) {
          continue;
        }
        if (an.find(':') != std::string_view::npos) {
          continue;  // tb:NAME ones come from read_foreign; other namespaces are not kept
        }
        if (an == "startRef" || an == "dataRef" || an == "dataRefStart" || an == "dataRefEnd" ||
            an == "isolated") {
          continue;
        }
        if ((an == "type" || an == "subType") && starts_with(sub_type, "tb:")) {
          continue;  // the type field: written back the same way
        }
        code.attrs.push_back({std::string(an), a.value()});
      }
      code.attrs.insert(code.attrs.end(), foreign.attrs.begin(), foreign.attrs.end());
    }
    if (n == "pc") {
      tm::InlineCode close;
      close.kind = Kind::close;
      close.id = code.id;
      close.type = code.type;
      close.element = code.element;
      close.native = data_of(c, "dataRefEnd");
      seg.codes.push_back(std::move(code));
      read2(c, seg, keep_codes, original);
      close.offset = seg.text.size();
      seg.codes.push_back(std::move(close));
      continue;
    }
    seg.codes.push_back(std::move(code));
  }
}

// ---- writing ----

namespace {

std::string ctype(const tm::InlineCode& code) {
  static const std::set<std::string, std::less<>> kPaired = {"bold", "italic", "underlined",
                                                             "link"};
  static const std::set<std::string, std::less<>> kPlaceholder = {"image", "pb", "lb"};
  if (code.type.empty()) {
    return {};
  }
  if (starts_with(code.type, "x-") && !starts_with(code.type, kTypePrefix)) {
    return code.type;
  }
  const auto& allowed = code.kind == Kind::placeholder ? kPlaceholder : kPaired;
  if (allowed.count(code.type) != 0) {
    return code.type;
  }
  return std::string(kTypePrefix) + code.type;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Attributes the XLIFF 1.2 strict schema allows on an inline element, besides the id, rid,
// ctype and pos the writer sets itself.
bool allowed12(std::string_view element, std::string_view attr) {
  if (one_of(attr, {"xid", "equiv-text"})) {
    return true;
  }
  if (attr == "crc") {
    return one_of(element, {"bpt", "ept", "ph", "it"});
  }
  return attr == "assoc" && element == "ph";
}

// Attributes the XLIFF 2 core allows on an inline element, besides ids and data references.
bool allowed2(std::string_view element, std::string_view attr) {
  if (one_of(attr, {"canCopy", "canDelete", "canReorder", "copyOf", "subType", "type"})) {
    return true;
  }
  if (element == "pc") {
    return one_of(attr, {"canOverlap", "dir", "dispEnd", "dispStart", "equivEnd", "equivStart",
                         "subFlowsEnd", "subFlowsStart"});
  }
  if (element == "ph") {
    return one_of(attr, {"disp", "equiv", "subFlows"});
  }
  return one_of(attr, {"canOverlap", "dir", "disp", "equiv", "subFlows"});  // sc, ec
}

// The XLIFF 1.2 element a code is written as: the one it was read from when that fits its
// kind, else by kind and by whether it has native data.
std::string_view name12(const tm::InlineCode& code, bool nested) {
  if (nested) {
    return "g";
  }
  std::string_view origin;
  if (starts_with(code.element, "xlf:")) {
    origin = std::string_view(code.element).substr(4);
  }
  bool native = !code.native.empty() || !code.subs.empty();
  switch (code.kind) {
    case Kind::open:
      return origin == "bpt" || origin == "bx" ? origin : (native ? "bpt" : "bx");
    case Kind::close:
      return origin == "ept" || origin == "ex" ? origin : (native ? "ept" : "ex");
    case Kind::placeholder:
      return origin == "ph" || origin == "x" ? origin : (native ? "ph" : "x");
    case Kind::isolated:
      return "it";
  }
  return "ph";
}

void write_native12(XmlWriter& w, const tm::InlineCode& code) {
  write_native_with_subs(w, code, [&](const tm::SubFlow& sub) {
    w.open("sub");
    for (const auto& a : sub.attrs) {
      if (a.type == "datatype" || a.type == "ctype" || a.type == "xid") {
        w.attr(a.type, a.value, true);
      } else if (a.type == "type") {
        w.attr("ctype", a.value.empty() || starts_with(a.value, "x-") ? a.value : "x-" + a.value);
      }
    }
    w.close_start();
    write12(w, sub.content);
    w.end("sub");
  });
}

// The native data of a code as XLIFF 2 original data, which has no <sub>: the sub text in place.
std::string flat_native(const tm::InlineCode& code) {
  if (code.subs.empty()) {
    return code.native;
  }
  std::string out;
  std::size_t pos = 0;
  for (const auto& sub : code.subs) {
    std::size_t at = std::min(sub.offset, code.native.size());
    out.append(code.native, pos, at - pos);
    pos = at;
    out += sub.content.text;
  }
  out.append(code.native, pos);
  return out;
}

// XLIFF 2 has no <sub>: the sub text stays in the code's original data, and where each sub
// stands and what its attributes were go into tb:subs, "OFFSET LENGTH [NAME=VALUE ...]" per
// sub, subs separated by "|", offsets in bytes of the original data; '%', ' ', '=', '|'
// are percent-escaped. Codes inside a sub are not kept.
std::string escape_sub(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == ' ' || c == '=' || c == '|') {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::string encode_subs(const tm::InlineCode& code) {
  std::string out;
  std::size_t shift = 0;  // sub text before this one, in the flat data
  for (const auto& sub : code.subs) {
    if (!out.empty()) {
      out += '|';
    }
    out += std::to_string(std::min(sub.offset, code.native.size()) + shift) + ' ' +
           std::to_string(sub.content.text.size());
    for (const auto& a : sub.attrs) {
      out += ' ' + escape_sub(a.type) + '=' + escape_sub(a.value);
    }
    shift += sub.content.text.size();
  }
  return out;
}

}  // namespace

void write12(XmlWriter& w, const tm::Segment& seg) {
  InlinePlan plan = plan_inline(seg, "xlf:g");
  write_with_codes(w, seg, [&](std::size_t i) {
    const auto& code = seg.codes[i];
    bool nested = plan.nested[i] != 0;
    std::string_view name = name12(code, nested);
    if (nested && code.kind == Kind::close) {
      w.end("g");
      return;
    }
    bool same = code.element.size() > 4 && std::string_view(code.element).substr(4) == name &&
                starts_with(code.element, "xlf:");
    std::string id = plan.ids[i].empty() ? std::to_string(i + 1) : plan.ids[i];
    w.open(name);
    std::string_view own_id = same ? code.attr("id") : std::string_view();
    if (!own_id.empty()) {
      w.attr("id", own_id, true).attr("rid", id, true);
    } else {
      w.attr("id", id, true);
    }
    if (name != "ex" && name != "ept") {
      w.attr("ctype", ctype(code));
    }
    if (name == "it") {
      w.attr("pos", code.end ? "close" : "open", true);
    }
    if (same) {
      for (const auto& a : code.attrs) {
        if (allowed12(name, a.type)) {
          w.attr(a.type, a.value, true);
        }
      }
    }
    if (name == "g") {
      w.close_start();
    } else if (name == "bx" || name == "ex" || name == "x") {
      w.close_empty();
    } else {
      w.close_start();
      write_native12(w, code);
      w.end(name);
    }
  });
}

std::string Writer2::data_ref(const std::string& native) {
  if (native.empty()) {
    return {};
  }
  for (const auto& [id, n] : data) {
    if (n == native) {
      return id;
    }
  }
  data.emplace_back("d" + std::to_string(data.size() + 1), native);
  return data.back().first;
}

void Writer2::write(XmlWriter& w, const tm::Segment& seg) {
  // Control characters in the text become <cp>, which read2 reads back.
  struct CpScope {
    XmlWriter& w;
    bool was;
    ~CpScope() { w.controls_as_cp(was); }
  } cp_scope{w, w.controls_as_cp(true)};
  InlinePlan plan = plan_inline(seg, "xlf2:pc");
  write_with_codes(w, seg, [&](std::size_t i) {
    const auto& code = seg.codes[i];
    bool nested = plan.nested[i] != 0;
    if (nested && code.kind == Kind::close) {
      w.end("pc");
      return;
    }
    std::string id = nmtoken(plan.ids[i], std::to_string(i + 1));
    // An open or close whose other half is not in the segment is written as isolated.
    bool alone = (code.kind == Kind::open || code.kind == Kind::close) && plan.paired[i] == 0;
    std::string_view name;
    switch (code.kind) {
      case Kind::open:
        name = nested ? "pc" : "sc";
        break;
      case Kind::close:
        name = "ec";
        break;
      case Kind::placeholder:
        name = "ph";
        break;
      case Kind::isolated:
        name = code.end ? "ec" : "sc";
        break;
    }
    w.open(name);
    if (name == "ec" && code.kind == Kind::close && !alone) {
      w.attr("startRef", id, true);
    } else {
      w.attr("id", id, true);
    }
    if (code.kind == Kind::isolated || alone) {
      w.attr("isolated", "yes");
    }
    if (name == "pc") {
      // The end's data is the matching close's: the next nested close at this depth.
      std::size_t depth = 0;
      std::string end_data;
      for (std::size_t k = i + 1; k < seg.codes.size(); ++k) {
        if (plan.nested[k] == 0) {
          continue;
        }
        if (seg.codes[k].kind == Kind::open) {
          ++depth;
        } else if (depth == 0) {
          end_data = flat_native(seg.codes[k]);
          break;
        } else {
          --depth;
        }
      }
      w.attr("dataRefStart", data_ref(flat_native(code))).attr("dataRefEnd", data_ref(end_data));
    } else {
      w.attr("dataRef", data_ref(flat_native(code)));
    }
    bool xlf2 = starts_with(code.element, "xlf2:");
    bool same = xlf2 && std::string_view(code.element).substr(5) == name;
    bool typed = false;
    if (same) {
      // Attributes the XLIFF 2 core allows on this element as they were; others the file had
      // (a tool's own, or not allowed here) in the tb namespace, read back the same.
      // A name with ':' here came from tb:NAME (a '.' in the name): it goes back there.
      // The core ones first: reading gives the tb: ones after them, so a second round
      // writes the same order.
      for (bool core_pass : {true, false}) {
        for (const auto& a : code.attrs) {
          if (a.type == "id" || a.type == "startRef" || allowed2(name, a.type) != core_pass) {
            continue;
          }
          if (core_pass) {
            w.attr(a.type, a.value, true);
            typed = typed || a.type == "type" || a.type == "subType";
          } else {
            w.attr(tb_attr(a.type), a.value, true);
          }
        }
      }
    }
    if (!typed && !code.type.empty()) {
      std::string_view t = code.type == "link" ? "link" : (code.type == "image" ? "image" : "fmt");
      w.attr("type", t).attr("subType", "tb:" + nmtoken(code.type, "x"));
    }
    if (!code.element.empty() && !xlf2) {
      // A code of another format keeps its element and attributes in the tb namespace.
      w.attr("tb:el", code.element, true);
      if (nmtoken(code.type, "") != code.type) {
        w.attr("tb:type", code.type, true);
      }
      for (const auto& a : code.attrs) {
        w.attr(tb_attr(a.type), a.value, true);
      }
    }
    if (!code.subs.empty()) {
      w.attr("tb:subs", encode_subs(code), true);
    }
    if (name == "pc") {
      w.close_start();
    } else {
      w.close_empty();
    }
  });
}

}  // namespace termbridge::io::xliff_inline
