#include "termbridge/io/tmx.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <set>
#include <string_view>

#include <pugixml.hpp>

#include "io/inline_plan.hpp"
#include "io/xml_stream.hpp"
#include "io/xml_util.hpp"
#include "io/xml_writer.hpp"
#include "termbridge/base/error.hpp"

namespace termbridge::io {

namespace {

// ASCII case-insensitive equality of names (element, attribute and language names are ASCII);
// no locale call: this runs for every attribute of every unit.
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z')) {
      return false;
    }
  }
  return true;
}

// An attribute by name in any case ("xml:lang", "lang", "XML:LANG").
pugi::xml_attribute attr_ci(const pugi::xml_node& node, std::string_view name) {
  for (auto a : node.attributes()) {
    if (iequals(a.name(), name)) {
      return a;
    }
  }
  return {};
}

std::string attr_str(const pugi::xml_node& node, std::string_view name) {
  auto a = attr_ci(node, name);
  return a ? std::string(a.value()) : std::string();
}

bool is(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && iequals(node.name(), name);
}

// All the character data under a node. This, read_seg and read_native recurse once per
// level: parse_chunk refuses a unit nested deeper than kMaxXmlDepth, which bounds the stack.
void gather_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      gather_text(child, out);
    }
  }
}

// The TMX inline elements, the attribute each keeps its id in, and the attributes the TMX
// 1.4 DTD allows on it (a writer gives back only those, so its output stays valid).
struct TmxElement {
  std::string_view name;
  std::string_view id_attr;
  std::initializer_list<std::string_view> allowed;
};
constexpr std::string_view kTmxPrefix = "tmx:";
const TmxElement kTmxElements[] = {
    {"bpt", "i", {"x", "type"}},  {"ept", "i", {}}, {"ph", "x", {"assoc", "type"}},
    {"it", "x", {"pos", "type"}}, {"ut", "x", {}},  {"hi", "x", {"type"}},
};

const TmxElement* tmx_element(std::string_view name) {
  for (const auto& e : kTmxElements) {
    if (iequals(e.name, name)) {
      return &e;
    }
  }
  return nullptr;
}

void read_seg(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes);

// The content of a bpt/ept/ph/it/ut: native code, with any <sub> kept as a flow of its own.
void read_native(const pugi::xml_node& node, tm::InlineCode& code) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      code.native += child.value();
    } else if (is(child, "sub")) {
      tm::SubFlow sub;
      sub.offset = code.native.size();
      for (auto a : child.attributes()) {
        sub.attrs.push_back({a.name(), a.value()});
      }
      read_seg(child, sub.content, true);
      code.subs.push_back(std::move(sub));
    } else if (child.type() == pugi::node_element) {
      gather_text(child, code.native);
    }
  }
}

// A code for element `el` from the attributes of `node`: the id, type and pos go to their
// fields, every other attribute to attrs, as written.
tm::InlineCode make_code(const pugi::xml_node& node, const TmxElement& el, std::size_t offset) {
  using Kind = tm::InlineCode::Kind;
  tm::InlineCode code;
  code.offset = offset;
  std::string_view name = el.name;
  code.kind = name == "bpt"   ? Kind::open
              : name == "ept" ? Kind::close
              : name == "it"  ? Kind::isolated
                              : Kind::placeholder;
  code.element = std::string(kTmxPrefix) + std::string(name);
  for (auto a : node.attributes()) {
    std::string_view an = a.name();
    if (iequals(an, el.id_attr)) {
      code.id = a.value();
    } else if (iequals(an, "type") && *a.value() != '\0') {
      code.type = a.value();
    } else if (name == "it" && iequals(an, "pos")) {
      code.end = iequals(a.value(), "end");
    } else {
      code.attrs.push_back({std::string(an), a.value()});
    }
  }
  return code;
}

// Reads the content of a <seg> (or of a <hi> or <sub> inside it) into text and codes.
void read_seg(const pugi::xml_node& node, tm::Segment& seg, bool keep_codes) {
  using Kind = tm::InlineCode::Kind;
  for (auto child : node.children()) {
    auto type = child.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      seg.text += child.value();
      continue;
    }
    if (type != pugi::node_element) {
      continue;
    }
    const TmxElement* el = tmx_element(child.name());
    if (el == nullptr) {
      // Unknown markup (e.g. <mrk>, <g> from TMX 2 drafts): keep its text.
      read_seg(child, seg, keep_codes);
      continue;
    }
    if (el->name == "hi") {
      // Highlighted text: the text stays, between an open and a close code.
      if (!keep_codes) {
        read_seg(child, seg, keep_codes);
        continue;
      }
      tm::InlineCode open = make_code(child, *el, seg.text.size());
      open.kind = Kind::open;
      tm::InlineCode close = open;
      seg.codes.push_back(std::move(open));
      read_seg(child, seg, keep_codes);
      close.offset = seg.text.size();
      close.kind = Kind::close;
      close.attrs.clear();
      seg.codes.push_back(std::move(close));
      continue;
    }
    if (!keep_codes) {
      continue;
    }
    tm::InlineCode code = make_code(child, *el, seg.text.size());
    read_native(child, code);
    seg.codes.push_back(std::move(code));
  }
}

void read_prop_note(const pugi::xml_node& child, std::vector<tm::Prop>& props,
                    std::vector<std::string>& notes) {
  if (is(child, "prop")) {
    std::string value;
    gather_text(child, value);
    props.push_back({attr_str(child, "type"), std::move(value)});
  } else if (is(child, "note")) {
    std::string value;
    gather_text(child, value);
    notes.push_back(std::move(value));
  }
}

constexpr std::string_view kToolVersion = "0.1.0";

// The <header> attributes TmxHeader has a field for.
bool is_header_field(std::string_view name) {
  for (std::string_view f : {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                             "srclang", "datatype", "creationdate"}) {
    if (iequals(f, name)) {
      return true;
    }
  }
  return false;
}

// Attributes the TMX 1.4 DTD allows on <header>, <tu> and <tuv> besides those written from
// fields; others a reader kept are written as <prop type="x-attr-NAME"> so nothing is lost
// and the file stays valid.
bool is_dtd_attr(std::string_view element, std::string_view name) {
  static const std::initializer_list<std::string_view> common = {
      "o-encoding",    "datatype",     "usagecount",
      "lastusagedate", "creationtool", "creationtoolversion",
      "creationdate",  "creationid",   "changedate",
      "o-tmf",         "changeid"};
  for (auto c : common) {
    if (iequals(c, name)) {
      return element != "header" ||
             (!iequals(name, "usagecount") && !iequals(name, "lastusagedate"));
    }
  }
  if (element == "tu") {
    return iequals(name, "segtype") || iequals(name, "srclang") || iequals(name, "tuid");
  }
  return false;
}

}  // namespace

LangTag TmxHeader::source() const {
  if (src_lang.empty() || iequals(src_lang, "*all*")) {
    return {};
  }
  auto tag = LangTag::try_parse(src_lang);
  return tag ? *tag : LangTag{};
}

// ---- reader ----

struct TmxReader::Impl {
  Impl(std::istream& in, std::string name, TmxReadOptions opts)
      : stream(in, std::move(name)), options(opts) {}

  XmlStream stream;
  TmxReadOptions options;
  TmxHeader header;
  LangTag src;
  bool src_all = false;
  bool done = false;
  bool warned_src = false;
  pugi::xml_document doc;
  // Language tags as written -> parsed; a file uses a handful, so parse each once.
  std::vector<std::pair<std::string, LangTag>> lang_cache;

  const LangTag* lang_of(const char* raw) {
    for (const auto& [k, v] : lang_cache) {
      if (k == raw) {
        return &v;
      }
    }
    auto tag = LangTag::try_parse(raw);
    if (!tag) {
      return nullptr;
    }
    if (lang_cache.size() >= 16) {
      lang_cache.clear();
    }
    lang_cache.emplace_back(raw, std::move(*tag));
    return &lang_cache.back().second;
  }

  [[noreturn]] void fail(std::size_t at, const std::string& message) {
    throw Error(ErrorKind::parse, message, stream.location(at));
  }

  // Reports a bad unit by the policy; returns normally when it is to be skipped.
  void bad_entry(std::size_t at, const std::string& message) {
    if (options.on_bad_entry == OnBadEntry::fail) {
      fail(at, message);
    }
    if (options.on_bad_entry == OnBadEntry::warn && options.diagnostics != nullptr) {
      options.diagnostics->warn(stream.location(at), message + "; skipped");
    }
  }

  pugi::xml_node parse_chunk(const XmlStream::Chunk& chunk) {
    stream.check_utf8(chunk.begin, chunk.end);
    std::string bad;
    if (auto at = find_bad_char_ref({stream.data(chunk.begin), chunk.end - chunk.begin}, bad);
        at != std::string::npos) {
      fail(chunk.begin + at, bad);
    }
    auto result =
        doc.load_buffer_inplace(stream.data(chunk.begin), chunk.end - chunk.begin,
                                pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!result) {
      fail(chunk.begin + static_cast<std::size_t>(result.offset),
           std::string("not well-formed XML: ") + result.description());
    }
    // read_seg recurses once per level of inline markup.
    if (auto deep = too_deep(doc); deep >= 0) {
      fail(chunk.begin + static_cast<std::size_t>(deep), too_deep_message());
    }
    return doc.first_child();
  }

  void start() {
    XmlStream::Tag tag;
    if (!stream.next_tag(tag)) {
      fail(stream.position(), "empty file; expected a TMX document");
    }
    if (tag.kind == XmlStream::Tag::Kind::end || !iequals(tag.local_name(), "tmx")) {
      fail(tag.begin, "expected <tmx> root element, found <" + std::string(tag.name) + ">" +
                          (iequals(tag.local_name(), "xliff") ? "; is this an XLIFF file?" : ""));
    }
    header.version = tag.attribute("version");
    if (tag.kind == XmlStream::Tag::Kind::empty) {
      fail(tag.begin, "<tmx> has no <header> and no <body>");
    }
    bool have_header = false;
    while (stream.next_tag(tag)) {
      if (tag.kind == XmlStream::Tag::Kind::end) {
        if (iequals(tag.name, "tmx")) {
          done = true;
          break;
        }
        fail(tag.begin, "unexpected </" + std::string(tag.name) + ">");
      }
      if (iequals(tag.name, "header")) {
        auto chunk = stream.element(tag);
        read_header(parse_chunk(chunk));
        have_header = true;
        continue;
      }
      if (iequals(tag.name, "body")) {
        if (tag.kind == XmlStream::Tag::Kind::empty) {
          done = true;
        }
        break;
      }
      stream.element(tag);  // unknown: skipped
    }
    if (!have_header) {
      fail(tag.begin, "<tmx> has no <header> before <body>");
    }
    if (header.src_lang.empty()) {
      std::string message =
          "<header> has no srclang attribute (expected the source language, e.g. srclang=\"ko\")";
      if (options.require_src_lang) {
        fail(tag.begin, message);
      }
      if (options.diagnostics != nullptr) {
        options.diagnostics->warn(stream.location(tag.begin), message);
      }
    } else if (iequals(header.src_lang, "*all*")) {
      src_all = true;
    } else if (auto t = LangTag::try_parse(header.src_lang)) {
      src = *t;
    } else {
      fail(tag.begin, "bad srclang " + quoted(header.src_lang) +
                          " in <header> (expected a language tag such as ko or en-US)");
    }
  }

  void read_header(const pugi::xml_node& h) {
    header.creation_tool = attr_str(h, "creationtool");
    header.creation_tool_version = attr_str(h, "creationtoolversion");
    header.seg_type = attr_str(h, "segtype");
    header.o_tmf = attr_str(h, "o-tmf");
    header.admin_lang = attr_str(h, "adminlang");
    header.src_lang = attr_str(h, "srclang");
    header.data_type = attr_str(h, "datatype");
    header.creation_date = attr_str(h, "creationdate");
    for (auto a : h.attributes()) {
      if (!is_header_field(a.name())) {
        header.attrs.push_back({a.name(), a.value()});
      }
    }
    for (auto child : h.children()) {
      read_prop_note(child, header.props, header.notes);
    }
  }

  // Fills `unit` from a <tu>; returns false (after reporting) when it is bad.
  bool read_unit(const pugi::xml_node& tu, std::size_t at, tm::TranslationUnit& unit) {
    unit = tm::TranslationUnit{};
    unit.id = attr_str(tu, "tuid");
    unit.creation_date = attr_str(tu, "creationdate");
    unit.creation_id = attr_str(tu, "creationid");
    unit.change_date = attr_str(tu, "changedate");
    unit.change_id = attr_str(tu, "changeid");
    for (auto a : tu.attributes()) {
      std::string_view n = a.name();
      if (!iequals(n, "tuid") && !iequals(n, "creationdate") && !iequals(n, "creationid") &&
          !iequals(n, "changedate") && !iequals(n, "changeid")) {
        unit.attrs.push_back({std::string(n), a.value()});
      }
    }
    const std::string what = unit.id.empty() ? "<tu>" : "<tu tuid=" + quoted(unit.id) + ">";
    for (auto child : tu.children()) {
      if (!is(child, "tuv")) {
        read_prop_note(child, unit.props, unit.notes);
        continue;
      }
      tm::Variant v;
      auto lang = attr_ci(child, "xml:lang");
      if (!lang) {
        lang = attr_ci(child, "lang");
      }
      if (!lang) {
        bad_entry(at, what + " has a <tuv> without xml:lang");
        return false;
      }
      const LangTag* tag = lang_of(lang.value());
      if (tag == nullptr) {
        bad_entry(at, what + " has a bad language tag " + quoted(lang.value()) +
                          " (expected a BCP 47 tag such as ko or en-US)");
        return false;
      }
      v.lang = *tag;
      if (v.lang.str() != lang.value()) {
        // The tag as written ("en_US", "DE-DE"), given back by writers that can.
        v.attrs.push_back({"xml:lang", lang.value()});
      }
      for (auto a : child.attributes()) {
        if (!iequals(a.name(), "xml:lang") && !iequals(a.name(), "lang")) {
          v.attrs.push_back({a.name(), a.value()});
        }
      }
      bool have_seg = false;
      for (auto part : child.children()) {
        if (is(part, "seg")) {
          read_seg(part, v.segment, options.keep_inline_codes);
          have_seg = true;
        } else {
          read_prop_note(part, v.props, v.notes);
        }
      }
      if (!have_seg) {
        bad_entry(at, what + " has a <tuv xml:lang=" + quoted(v.lang.str()) + "> without <seg>");
        return false;
      }
      unit.variants.push_back(std::move(v));
    }
    if (unit.variants.size() < 2) {
      bad_entry(at, what + " has " + std::to_string(unit.variants.size()) +
                        " <tuv>; a translation unit needs at least two (source and target)");
      return false;
    }
    LangTag unit_src = src;
    if (std::string s = attr_str(tu, "srclang"); !s.empty() && !iequals(s, "*all*")) {
      if (auto t = LangTag::try_parse(s)) {
        unit_src = *t;
      }
    }
    if (!src_all && !unit_src.empty()) {
      const tm::Variant* v = unit.find(unit_src);
      if (v == nullptr) {
        // A variant of the same language is the source, said once per file.
        v = unit.find_language(unit_src);
        if (v != nullptr && !warned_src && options.diagnostics != nullptr) {
          options.diagnostics->warn(stream.location(at),
                                    "no <tuv> in the source language " + quoted(unit_src.str()) +
                                        "; read " + quoted(v->lang.str()) + " as the source");
        }
        warned_src = warned_src || v != nullptr;
      }
      if (v == nullptr) {
        std::string langs;
        for (const auto& var : unit.variants) {
          langs += (langs.empty() ? "" : ", ") + var.lang.str();
        }
        bad_entry(at, what + " has no <tuv> in the source language " + quoted(unit_src.str()) +
                          " (found " + langs + ")");
        return false;
      }
      auto index = static_cast<std::size_t>(v - unit.variants.data());
      if (index != 0) {
        std::rotate(unit.variants.begin(), unit.variants.begin() + static_cast<long>(index),
                    unit.variants.begin() + static_cast<long>(index) + 1);
      }
    }
    return true;
  }

  bool next(tm::TranslationUnit& unit) {
    XmlStream::Tag tag;
    while (!done) {
      stream.compact();
      if (!stream.next_tag(tag)) {
        fail(stream.position(), "unexpected end of file inside <body> (expected </body>)");
      }
      if (tag.kind == XmlStream::Tag::Kind::end) {
        if (iequals(tag.name, "body")) {
          done = true;
          expect_tmx_end();
          return false;
        }
        fail(tag.begin, "unexpected </" + std::string(tag.name) + "> inside <body>");
      }
      auto chunk = stream.element(tag);
      if (!iequals(tag.name, "tu")) {
        continue;  // unknown element in <body>: skipped
      }
      auto tu = parse_chunk(chunk);
      if (read_unit(tu, chunk.begin, unit)) {
        return true;
      }
    }
    return false;
  }

  void expect_tmx_end() {
    XmlStream::Tag tag;
    while (stream.next_tag(tag)) {
      if (tag.kind == XmlStream::Tag::Kind::end && iequals(tag.name, "tmx")) {
        stream.expect_end_of_document();
        return;
      }
      if (tag.kind == XmlStream::Tag::Kind::end) {
        fail(tag.begin, "unexpected </" + std::string(tag.name) + "> (expected </tmx>)");
      }
      stream.element(tag);
    }
    fail(stream.position(), "unexpected end of file (expected </tmx>)");
  }
};

TmxReader::TmxReader(std::istream& in, std::string name, TmxReadOptions options)
    : impl_(std::make_unique<Impl>(in, std::move(name), options)) {
  impl_->start();
}

TmxReader::~TmxReader() = default;

const TmxHeader& TmxReader::header() const noexcept {
  return impl_->header;
}

bool TmxReader::next(tm::TranslationUnit& unit) {
  return impl_->next(unit);
}

std::uint64_t TmxReader::bytes_read() const noexcept {
  return impl_->stream.bytes_read();
}

TmxHeader read_tmx(std::istream& in, const std::string& name,
                   const std::function<void(tm::TranslationUnit&&)>& consumer,
                   TmxReadOptions options) {
  TmxReader reader(in, name, options);
  tm::TranslationUnit unit;
  while (reader.next(unit)) {
    consumer(std::move(unit));
  }
  return reader.header();
}

// ---- writer ----

namespace {

bool allowed_attr(const TmxElement& el, std::string_view name) {
  for (auto a : el.allowed) {
    if (iequals(a, name)) {
      return true;
    }
  }
  return false;
}

void write_seg(XmlWriter& w, const tm::Segment& seg);

void write_native(XmlWriter& w, const tm::InlineCode& code) {
  write_native_with_subs(w, code, [&](const tm::SubFlow& sub) {
    w.open("sub");
    for (const auto& a : sub.attrs) {
      if (iequals(a.type, "datatype") || iequals(a.type, "type")) {
        w.attr(a.type, a.value, true);
      }
    }
    w.close_start();
    write_seg(w, sub.content);
    w.end("sub");
  });
}

// One code as a TMX element: codes read from TMX come back as they were (their element and
// the attributes the DTD allows on it); others by their kind.
void write_code(XmlWriter& w, const tm::InlineCode& code, const std::string& id, bool as_hi) {
  using Kind = tm::InlineCode::Kind;
  if (as_hi) {
    if (code.kind == Kind::open) {
      w.open("hi").attr("x", code.id).attr("type", code.type);
      for (const auto& a : code.attrs) {
        if (allowed_attr(kTmxElements[5], a.type) && !iequals(a.type, "type")) {
          w.attr(a.type, a.value);
        }
      }
      w.close_start();
    } else {
      w.end("hi");
    }
    return;
  }
  const TmxElement* el = nullptr;
  if (code.element.rfind(kTmxPrefix, 0) == 0) {
    el = tmx_element(std::string_view(code.element).substr(kTmxPrefix.size()));
  }
  // The element a code of this kind is written as; a TMX element of another kind (a <hi>
  // half left alone) falls back to the kind's.
  std::string_view name;
  switch (code.kind) {
    case Kind::open:
      name = "bpt";
      break;
    case Kind::close:
      name = "ept";
      break;
    case Kind::placeholder:
      name = el != nullptr && el->name == "ut" ? "ut" : "ph";
      break;
    case Kind::isolated:
      name = "it";
      break;
  }
  bool hi_half = el != nullptr && el->name == "hi";
  if (hi_half) {
    name = "it";
  }
  const TmxElement& target = *tmx_element(name);
  w.open(name);
  if (name == "bpt" || name == "ept") {
    w.attr("i", id, true);
  } else if (name == "it") {
    bool end = hi_half ? code.kind == Kind::close : code.end;
    w.attr("pos", end ? "end" : "begin", true).attr("x", code.id);
  } else {
    w.attr("x", code.id);
  }
  if (name != "ept" && name != "ut") {
    w.attr("type", code.type);
  }
  if (el != nullptr && el->name == name) {
    for (const auto& a : code.attrs) {
      if (allowed_attr(target, a.type) && !iequals(a.type, "pos") &&
          !(iequals(a.type, "type") && !code.type.empty())) {
        w.attr(a.type, a.value, true);
      }
    }
  }
  w.close_start();
  write_native(w, code);
  w.end(name);
}

void write_seg(XmlWriter& w, const tm::Segment& seg) {
  if (seg.codes.empty()) {
    w.text(seg.text);  // most segments: no layout to plan
    return;
  }
  // A <hi> encloses its text: only halves that nest properly are written as <hi>; any
  // other becomes <it>, so the output is well-formed whatever happened to the segment.
  InlinePlan plan = plan_inline(seg, "tmx:hi");
  write_with_codes(w, seg, [&](std::size_t i) {
    write_code(w, seg.codes[i], plan.ids[i], plan.nested[i] != 0);
  });
}

void write_props_notes(XmlWriter& w, int depth, const std::vector<tm::Prop>& props,
                       const std::vector<std::string>& notes) {
  // The DTD wants (note|prop)*; notes first, as most tools write them.
  for (const auto& n : notes) {
    w.newline(depth).element("note", n);
  }
  for (const auto& p : props) {
    // The DTD requires a type; a prop read without one gets an empty one.
    w.newline(depth).open("prop").attr("type", p.type, true);
    w.close_start().text(p.value).end("prop");
  }
}

}  // namespace

struct TmxWriter::Impl {
  Impl(std::ostream& out, TmxHeader h) : w(out), header(std::move(h)) {}
  XmlWriter w;
  TmxHeader header;
  LangTag src;
  bool src_all = false;
  bool finished = false;
  std::uint64_t count = 0;

  // Writes the attributes the DTD allows on `element`; the others become props.
  void write_attrs(std::string_view element, const std::vector<tm::Prop>& attrs,
                   std::vector<tm::Prop>& extra_props) {
    for (const auto& a : attrs) {
      if (is_dtd_attr(element, a.type)) {
        w.attr(a.type, a.value, true);
      } else {
        extra_props.push_back({"x-attr-" + a.type, a.value});
      }
    }
  }

  void write_variant(const tm::Variant& v, std::string_view lang) {
    std::vector<tm::Prop> attrs;
    for (const auto& a : v.attrs) {
      if (a.type == "xml:lang") {
        if (auto t = LangTag::try_parse(a.value); t && *t == v.lang) {
          lang = a.value;  // the tag as the file wrote it
        }
      } else {
        attrs.push_back(a);
      }
    }
    w.newline(3).open("tuv").attr("xml:lang", lang, true);
    std::vector<tm::Prop> attr_props;
    write_attrs("tuv", attrs, attr_props);
    w.close_start();
    bool extra = !v.props.empty() || !v.notes.empty() || !attr_props.empty();
    write_props_notes(w, 4, v.props, v.notes);
    write_props_notes(w, 4, attr_props, {});
    if (extra) {
      w.newline(4);
    }
    w.open("seg").close_start();
    write_seg(w, v.segment);
    w.end("seg");
    if (extra) {
      w.newline(3);
    }
    w.end("tuv");
  }
};

TmxWriter::TmxWriter(std::ostream& out, TmxHeader header)
    : impl_(std::make_unique<Impl>(out, std::move(header))) {
  auto& h = impl_->header;
  if (h.src_lang.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "a TMX file needs a source language (srclang); name it, e.g. --src-lang ko");
  }
  if (iequals(h.src_lang, "*all*")) {
    impl_->src_all = true;
    h.src_lang = "*all*";
  } else {
    impl_->src = LangTag::parse(h.src_lang);
  }
  auto def = [](std::string& field, std::string_view value) {
    if (field.empty()) {
      field = value;
    }
  };
  def(h.creation_tool, "termbridge");
  if (h.creation_tool == "termbridge") {
    h.creation_tool_version = kToolVersion;
  }
  def(h.creation_tool_version, kToolVersion);
  def(h.seg_type, "sentence");
  def(h.o_tmf, "termbridge");
  def(h.admin_lang, "en-US");
  def(h.data_type, "plaintext");
  def(h.creation_date, tm::now_utc());
  auto& w = impl_->w;
  w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
  w.raw("<tmx version=\"1.4\">");
  w.newline(1).open("header");
  w.attr("creationtool", h.creation_tool, true);
  w.attr("creationtoolversion", h.creation_tool_version, true);
  w.attr("segtype", h.seg_type, true);
  w.attr("o-tmf", h.o_tmf, true);
  w.attr("adminlang", h.admin_lang, true);
  w.attr("srclang", h.src_lang, true);
  w.attr("datatype", h.data_type, true);
  w.attr("creationdate", h.creation_date);
  std::vector<tm::Prop> attr_props;
  impl_->write_attrs("header", h.attrs, attr_props);
  if (h.props.empty() && h.notes.empty() && attr_props.empty()) {
    w.close_empty();
  } else {
    w.close_start();
    write_props_notes(w, 2, h.props, h.notes);
    write_props_notes(w, 2, attr_props, {});
    w.newline(1).end("header");
  }
  w.newline(1).raw("<body>");
  w.maybe_flush();
}

TmxWriter::~TmxWriter() = default;

void TmxWriter::write(const tm::TranslationUnit& unit) {
  auto& im = *impl_;
  auto& w = im.w;
  const tm::Variant* source = nullptr;
  // A unit's own srclang (TMX <tu srclang>) names its source; else the header's, or a
  // variant of the same language (en-US under srclang en-GB).
  LangTag unit_src = im.src;
  bool unit_all = im.src_all;
  for (const auto& a : unit.attrs) {
    if (iequals(a.type, "srclang")) {
      if (iequals(a.value, "*all*")) {
        unit_all = true;
      } else if (auto t = LangTag::try_parse(a.value)) {
        unit_src = *t;
        unit_all = false;
      }
    }
  }
  if (!unit_all) {
    source = unit.find_language(unit_src);
    if (source == nullptr && !im.src_all) {
      throw Error(ErrorKind::invalid_argument, "translation unit " + quoted(unit.id) +
                                                   " has no variant in the source language " +
                                                   quoted(im.header.src_lang));
    }
  }
  if (unit.variants.size() < 2) {
    throw Error(ErrorKind::invalid_argument, "translation unit " + quoted(unit.id) + " has " +
                                                 std::to_string(unit.variants.size()) +
                                                 " variant; TMX needs at least two");
  }
  w.newline(2).open("tu").attr("tuid", unit.id);
  w.attr("creationdate", unit.creation_date).attr("creationid", unit.creation_id);
  w.attr("changedate", unit.change_date).attr("changeid", unit.change_id);
  std::vector<tm::Prop> attr_props;
  im.write_attrs("tu", unit.attrs, attr_props);
  w.close_start();
  write_props_notes(w, 3, unit.props, unit.notes);
  write_props_notes(w, 3, attr_props, {});
  if (source != nullptr) {
    // Tagged as the header writes srclang when it is that language, else as itself.
    bool as_header = !im.src_all && source->lang == im.src;
    im.write_variant(*source, as_header ? std::string_view(im.header.src_lang)
                                        : std::string_view(source->lang.str()));
  }
  for (const auto& v : unit.variants) {
    if (&v != source) {
      im.write_variant(v, v.lang.str());
    }
  }
  w.newline(2).end("tu");
  w.maybe_flush();
  ++im.count;
}

void TmxWriter::finish() {
  if (impl_->finished) {
    return;
  }
  impl_->finished = true;
  impl_->w.newline(1).raw("</body>\n</tmx>\n");
  impl_->w.flush();
}

std::uint64_t TmxWriter::units_written() const noexcept {
  return impl_->count;
}

}  // namespace termbridge::io
