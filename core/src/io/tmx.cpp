#include "termbridge/io/tmx.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include <pugixml.hpp>

#include "io/xml_stream.hpp"
#include "io/xml_writer.hpp"
#include "termbridge/base/error.hpp"

namespace termbridge::io {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
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

// All the character data under a node (the native code of a bpt, the text of a sub).
void gather_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      gather_text(child, out);
    }
  }
}

// Reads the content of a <seg> (or of a <hi> inside it) into text and codes.
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
    std::string_view name = child.name();
    Kind kind;
    std::string id;
    if (name == "bpt") {
      kind = Kind::open;
      id = attr_str(child, "i");
    } else if (name == "ept") {
      kind = Kind::close;
      id = attr_str(child, "i");
    } else if (name == "ph" || name == "ut") {
      kind = Kind::placeholder;
      id = attr_str(child, "x");
    } else if (name == "it") {
      kind = Kind::isolated;
      id = attr_str(child, "x");
    } else if (name == "hi") {
      // Highlighted text: the text stays, marked by a pair of codes of type "hi".
      std::string x = attr_str(child, "x");
      if (keep_codes) {
        seg.codes.push_back({seg.text.size(), Kind::open, x, "hi", {}, false});
      }
      read_seg(child, seg, keep_codes);
      if (keep_codes) {
        seg.codes.push_back({seg.text.size(), Kind::close, x, "hi", {}, false});
      }
      continue;
    } else {
      // Unknown markup (e.g. <mrk>, <g> from TMX 2 drafts): keep its text.
      read_seg(child, seg, keep_codes);
      continue;
    }
    if (!keep_codes) {
      continue;
    }
    tm::InlineCode code;
    code.offset = seg.text.size();
    code.kind = kind;
    code.id = std::move(id);
    code.type = attr_str(child, "type");
    gather_text(child, code.native);
    code.end = kind == Kind::isolated && attr_str(child, "pos") == "end";
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
    auto result =
        doc.load_buffer_inplace(stream.data(chunk.begin), chunk.end - chunk.begin,
                                pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!result) {
      fail(chunk.begin + static_cast<std::size_t>(result.offset),
           std::string("not well-formed XML: ") + result.description());
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
      auto* v = unit.find(unit_src);
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

void write_codes_and_text(XmlWriter& w, const tm::Segment& seg) {
  using Kind = tm::InlineCode::Kind;
  std::size_t pos = 0;
  for (const auto& code : seg.codes) {
    std::size_t at = std::min(code.offset, seg.text.size());
    if (at > pos) {
      w.text(std::string_view(seg.text).substr(pos, at - pos));
      pos = at;
    }
    if (code.type == "hi" && code.native.empty() && code.kind != Kind::placeholder &&
        code.kind != Kind::isolated) {
      if (code.kind == Kind::open) {
        w.open("hi").attr("x", code.id).close_start();
      } else {
        w.end("hi");
      }
      continue;
    }
    switch (code.kind) {
      case Kind::open:
        w.open("bpt").attr("i", code.id.empty() ? "1" : code.id, true).attr("type", code.type);
        w.close_start().text(code.native).end("bpt");
        break;
      case Kind::close:
        w.open("ept").attr("i", code.id.empty() ? "1" : code.id, true).close_start();
        w.text(code.native).end("ept");
        break;
      case Kind::placeholder:
        w.open("ph").attr("x", code.id).attr("type", code.type).close_start();
        w.text(code.native).end("ph");
        break;
      case Kind::isolated:
        w.open("it").attr("pos", code.end ? "end" : "begin", true).attr("x", code.id);
        w.attr("type", code.type).close_start().text(code.native).end("it");
        break;
    }
  }
  if (pos < seg.text.size()) {
    w.text(std::string_view(seg.text).substr(pos));
  }
}

void write_props_notes(XmlWriter& w, int depth, const std::vector<tm::Prop>& props,
                       const std::vector<std::string>& notes) {
  // The DTD wants (note|prop)*; notes first, as most tools write them.
  for (const auto& n : notes) {
    w.newline(depth).element("note", n);
  }
  for (const auto& p : props) {
    w.newline(depth).open("prop").attr("type", p.type.empty() ? "x-prop" : p.type, true);
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

  void write_variant(const tm::Variant& v, std::string_view lang) {
    w.newline(3).open("tuv").attr("xml:lang", lang, true).close_start();
    bool extra = !v.props.empty() || !v.notes.empty();
    write_props_notes(w, 4, v.props, v.notes);
    if (extra) {
      w.newline(4);
    }
    w.open("seg").close_start();
    write_codes_and_text(w, v.segment);
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
  if (h.props.empty() && h.notes.empty()) {
    w.close_empty();
  } else {
    w.close_start();
    write_props_notes(w, 2, h.props, h.notes);
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
  if (!im.src_all) {
    source = unit.find(im.src);
    if (source == nullptr) {
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
  w.attr("changedate", unit.change_date).attr("changeid", unit.change_id).close_start();
  write_props_notes(w, 3, unit.props, unit.notes);
  if (source != nullptr) {
    im.write_variant(*source, im.header.src_lang);
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
