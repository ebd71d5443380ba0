#include "termbridge/io/xliff.hpp"

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "io/xml_util.hpp"
#include "io/xml_writer.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

using Kind = tm::InlineCode::Kind;
using tm::SegmentState;

constexpr std::string_view kNs12 = "urn:oasis:names:tc:xliff:document:1.2";
constexpr std::string_view kNs2 = "urn:oasis:names:tc:xliff:document:2.0";
constexpr std::string_view kNsMtc = "urn:oasis:names:tc:xliff:matches:2.0";
constexpr std::string_view kNsGls = "urn:oasis:names:tc:xliff:glossary:2.0";
constexpr std::string_view kNsMda = "urn:oasis:names:tc:xliff:metadata:2.0";
constexpr std::string_view kNsTb = "urn:termbridge:xliff:1";
constexpr std::string_view kTermsFrom = "termbridge-terms";
constexpr std::string_view kPropsGroup = "properties";
constexpr std::string_view kPropPrefix = "x-prop-";
constexpr std::string_view kTypePrefix = "x-tb-";
constexpr std::string_view kToolVersion = "0.1.0";

// The element name without its prefix: "gls:glossEntry" -> "glossEntry".
std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(const pugi::xml_node& n, std::string_view name) {
  return n.type() == pugi::node_element && local(n) == name;
}

// The segment a match refers to (XLIFF 1.2 mid, 2.x ref): the unit's first when the id is
// empty or unknown. The unit has at least one segment.
tm::DocSegment& segment_for(tm::DocUnit& unit, std::string_view id) {
  for (auto& s : unit.segments) {
    if (!id.empty() && s.id == id) {
      return s;
    }
  }
  return unit.segments.front();
}

std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (auto c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      out += text_of(c);
    }
  }
  return out;
}

std::string attr(const pugi::xml_node& n, const char* name) {
  return n.attribute(name).value();
}

// ---- reading ----

struct Reader {
  std::string_view data;
  std::string_view name;
  XliffReadOptions options;
  const char* base = nullptr;  // where pugixml's buffer starts, for node offsets

  SourceLocation where(const pugi::xml_node& n) const {
    return location_of(data, static_cast<std::size_t>(n.offset_debug() < 0 ? 0 : n.offset_debug()),
                       name);
  }
  [[noreturn]] void fail(const pugi::xml_node& n, const std::string& message) const {
    throw Error(ErrorKind::parse, message, where(n));
  }
  // Reports a bad unit by the policy; returns normally when it is to be skipped.
  void bad_entry(const pugi::xml_node& n, const std::string& message) const {
    if (options.on_bad_entry == OnBadEntry::fail) {
      fail(n, message);
    }
    if (options.on_bad_entry == OnBadEntry::warn && options.diagnostics != nullptr) {
      options.diagnostics->warn(where(n), message + "; skipped");
    }
  }
  LangTag lang(const pugi::xml_node& n, const char* attribute, bool required) const {
    std::string v = attr(n, attribute);
    if (v.empty()) {
      if (required) {
        fail(n, "<" + std::string(n.name()) + "> has no " + attribute +
                    " attribute (expected a language tag such as ko or en-US)");
      }
      return {};
    }
    auto tag = LangTag::try_parse(v);
    if (!tag) {
      fail(n, "bad language tag " + quoted(v) + " in " + attribute +
                  " (expected a BCP 47 tag such as ko or en-US)");
    }
    return *tag;
  }

  // ---- inline content ----

  static std::string type_from_ctype(std::string ctype) {
    if (ctype.rfind(kTypePrefix, 0) == 0) {
      ctype.erase(0, kTypePrefix.size());
    }
    return ctype;
  }

  void add_code(tm::Segment& seg, Kind kind, std::string id, std::string type, std::string native,
                bool end = false) const {
    if (!options.keep_inline_codes) {
      return;
    }
    seg.codes.push_back(
        {seg.text.size(), kind, std::move(id), std::move(type), std::move(native), end});
  }

  void inline12(const pugi::xml_node& node, tm::Segment& seg) const {
    for (auto c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        seg.text += c.value();
        continue;
      }
      if (c.type() != pugi::node_element) {
        continue;
      }
      auto n = local(c);
      std::string id = attr(c, "id");
      std::string rid = attr(c, "rid");
      std::string type = type_from_ctype(attr(c, "ctype"));
      if (n == "g") {
        add_code(seg, Kind::open, id, type, {});
        inline12(c, seg);
        add_code(seg, Kind::close, id, type, {});
      } else if (n == "x") {
        add_code(seg, Kind::placeholder, id, type, {});
      } else if (n == "bx") {
        add_code(seg, Kind::open, rid.empty() ? id : rid, type, {});
      } else if (n == "ex") {
        add_code(seg, Kind::close, rid.empty() ? id : rid, type, {});
      } else if (n == "bpt") {
        add_code(seg, Kind::open, rid.empty() ? id : rid, type, text_of(c));
      } else if (n == "ept") {
        add_code(seg, Kind::close, rid.empty() ? id : rid, type, text_of(c));
      } else if (n == "ph") {
        add_code(seg, Kind::placeholder, id, type, text_of(c));
      } else if (n == "it") {
        add_code(seg, Kind::isolated, id, type, text_of(c), attr(c, "pos") == "close");
      } else {
        inline12(c, seg);  // mrk and anything unknown: the text stays
      }
    }
  }

  void inline2(const pugi::xml_node& node, tm::Segment& seg,
               const std::map<std::string, std::string>& original) const {
    auto data_of = [&](const pugi::xml_node& c, const char* ref) {
      auto it = original.find(attr(c, ref));
      return it == original.end() ? std::string() : it->second;
    };
    auto type_of = [](const pugi::xml_node& c) {
      std::string sub = attr(c, "subType");
      if (sub.rfind("tb:", 0) == 0) {
        return sub.substr(3);
      }
      return sub.empty() ? attr(c, "type") : sub;
    };
    for (auto c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        seg.text += c.value();
        continue;
      }
      if (c.type() != pugi::node_element) {
        continue;
      }
      auto n = local(c);
      bool isolated = attr(c, "isolated") == "yes";
      if (n == "ph") {
        add_code(seg, Kind::placeholder, attr(c, "id"), type_of(c), data_of(c, "dataRef"));
      } else if (n == "sc") {
        add_code(seg, isolated ? Kind::isolated : Kind::open, attr(c, "id"), type_of(c),
                 data_of(c, "dataRef"));
      } else if (n == "ec") {
        std::string id = isolated ? attr(c, "id") : attr(c, "startRef");
        add_code(seg, isolated ? Kind::isolated : Kind::close, id, type_of(c),
                 data_of(c, "dataRef"), isolated);
      } else if (n == "pc") {
        std::string id = attr(c, "id");
        add_code(seg, Kind::open, id, type_of(c), data_of(c, "dataRefStart"));
        inline2(c, seg, original);
        add_code(seg, Kind::close, id, type_of(c), data_of(c, "dataRefEnd"));
      } else if (n == "cp") {
        unsigned long cp = std::strtoul(attr(c, "hex").c_str(), nullptr, 16);
        // Only characters XML cannot hold are written as <cp>: control characters.
        if (cp < 0x80) {
          seg.text += static_cast<char>(cp);
        }
      } else {
        inline2(c, seg, original);  // mrk, sm, em: the text stays
      }
    }
  }

  // ---- notes, terms, props ----

  static bool parse_term_note(std::string_view text, tm::TermHint& hint) {
    // "C001: 한미안보협의회의 = Security Consultative Meeting" (the id is optional).
    auto eq = text.find(" = ");
    if (eq == std::string_view::npos) {
      return false;
    }
    auto left = text.substr(0, eq);
    hint.target_term = std::string(text.substr(eq + 3));
    auto colon = left.find(": ");
    if (colon != std::string_view::npos) {
      hint.concept_id = std::string(left.substr(0, colon));
      left = left.substr(colon + 2);
    }
    hint.source_term = std::string(left);
    return true;
  }

  tm::Note::About about12(const pugi::xml_node& n) const {
    std::string a = attr(n, "annotates");
    return a == "source" ? tm::Note::About::source
                         : (a == "target" ? tm::Note::About::target : tm::Note::About::unit);
  }

  // ---- XLIFF 1.2 ----

  static SegmentState state12(std::string_view s, bool has_target, bool approved) {
    if (s == "final") {
      return SegmentState::final;
    }
    if (s == "signed-off") {
      return SegmentState::reviewed;
    }
    if (s.rfind("needs-review", 0) == 0) {
      return SegmentState::needs_review;
    }
    if (s == "translated") {
      return approved ? SegmentState::reviewed : SegmentState::translated;
    }
    if (s.empty()) {
      if (!has_target) {
        return SegmentState::initial;
      }
      return approved ? SegmentState::reviewed : SegmentState::translated;
    }
    return SegmentState::initial;  // new, needs-translation, needs-l10n, needs-adaptation
  }

  // The segments of a <seg-source> or segmented <target>: mid -> content.
  void mrk_segments(const pugi::xml_node& node,
                    std::vector<std::pair<std::string, tm::Segment>>& out) const {
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) {
        continue;
      }
      if (local(c) == "mrk" && attr(c, "mtype") == "seg") {
        tm::Segment s;
        inline12(c, s);
        out.emplace_back(attr(c, "mid"), std::move(s));
      } else {
        mrk_segments(c, out);
      }
    }
  }

  void unit12(const pugi::xml_node& tu, const tm::Document& doc, tm::DocFile& file) const {
    tm::DocUnit unit;
    unit.id = attr(tu, "id");
    if (unit.id.empty()) {
      bad_entry(tu, "<trans-unit> has no id attribute");
      return;
    }
    auto source = tu.child("source");
    if (!source) {
      bad_entry(tu, "<trans-unit id=" + quoted(unit.id) + "> has no <source>");
      return;
    }
    auto target = tu.child("target");
    bool approved = attr(tu, "approved") == "yes";
    std::string state = attr(target, "state");
    auto seg_source = tu.child("seg-source");
    std::vector<std::pair<std::string, tm::Segment>> src_segs;
    if (seg_source) {
      mrk_segments(seg_source, src_segs);
    }
    if (src_segs.empty()) {
      tm::DocSegment seg;
      seg.id = unit.id;
      inline12(source, seg.source);
      if (target) {
        inline12(target, seg.target);
      }
      seg.state = state12(state, !seg.target.empty(), approved);
      unit.segments.push_back(std::move(seg));
    } else {
      std::vector<std::pair<std::string, tm::Segment>> tgt_segs;
      if (target) {
        mrk_segments(target, tgt_segs);
      }
      for (auto& [mid, s] : src_segs) {
        tm::DocSegment seg;
        seg.id = mid;
        seg.source = std::move(s);
        for (auto& [tmid, t] : tgt_segs) {
          if (tmid == mid) {
            seg.target = t;
          }
        }
        seg.state = seg.target.empty() ? SegmentState::initial : state12(state, true, approved);
        unit.segments.push_back(std::move(seg));
      }
    }
    for (auto c : tu.children()) {
      auto n = local(c);
      if (n == "note") {
        tm::TermHint hint;
        if (attr(c, "from") == kTermsFrom && parse_term_note(text_of(c), hint)) {
          unit.terms.push_back(std::move(hint));
        } else {
          unit.notes.push_back({text_of(c), about12(c), attr(c, "from")});
        }
      } else if (n == "context-group" && attr(c, "name").rfind(kPropsGroup, 0) == 0) {
        for (auto ctx : c.children("context")) {
          std::string type = attr(ctx, "context-type");
          if (type.rfind(kPropPrefix, 0) == 0) {
            type.erase(0, kPropPrefix.size());
          }
          unit.props.push_back({type, text_of(ctx)});
        }
      } else if (n == "alt-trans") {
        tm::Match m;
        std::string q = attr(c, "match-quality");
        m.score = std::strtod(q.c_str(), nullptr);
        m.origin = attr(c, "origin");
        tm::DocSegment* seg = &segment_for(unit, attr(c, "mid"));
        tm::Variant src{doc.src_lang, {}, {}, {}};
        tm::Variant tgt{doc.tgt_lang, {}, {}, {}};
        if (auto s = c.child("source")) {
          if (auto l = LangTag::try_parse(attr(s, "xml:lang"))) {
            src.lang = *l;
          }
          inline12(s, src.segment);
        } else {
          src.segment = seg->source;
        }
        auto t = c.child("target");
        if (auto l = LangTag::try_parse(attr(t, "xml:lang"))) {
          tgt.lang = *l;
        }
        inline12(t, tgt.segment);
        m.unit.variants.push_back(std::move(src));
        m.unit.variants.push_back(std::move(tgt));
        seg->matches.push_back(std::move(m));
      }
    }
    file.units.push_back(std::move(unit));
  }

  void body12(const pugi::xml_node& node, const tm::Document& doc, tm::DocFile& file) const {
    for (auto c : node.children()) {
      if (is(c, "trans-unit")) {
        unit12(c, doc, file);
      } else if (is(c, "group")) {
        body12(c, doc, file);
      }
    }
  }

  tm::Document read12(const pugi::xml_node& root) const {
    tm::Document doc;
    for (auto f : root.children()) {
      if (!is(f, "file")) {
        continue;
      }
      LangTag src = lang(f, "source-language", true);
      LangTag tgt = lang(f, "target-language", false);
      if (doc.src_lang.empty()) {
        doc.src_lang = src;
        doc.tgt_lang = tgt;
      } else if (src != doc.src_lang || (!tgt.empty() && tgt != doc.tgt_lang)) {
        fail(f, "<file> languages " + quoted(src.str()) + " -> " + quoted(tgt.str()) +
                    " differ from the first file's " + quoted(doc.src_lang.str()) + " -> " +
                    quoted(doc.tgt_lang.str()));
      }
      if (doc.tgt_lang.empty()) {
        doc.tgt_lang = tgt;
      }
      tm::DocFile file;
      file.original = attr(f, "original");
      auto body = f.child("body");
      if (!body) {
        fail(f, "<file> has no <body>");
      }
      body12(body, doc, file);
      file.id = "f" + std::to_string(doc.files.size() + 1);
      doc.files.push_back(std::move(file));
    }
    return doc;
  }

  // ---- XLIFF 2 ----

  static SegmentState state2(std::string_view s, std::string_view sub, bool has_target) {
    if (s == "final") {
      return SegmentState::final;
    }
    if (s == "reviewed") {
      return SegmentState::reviewed;
    }
    if (s == "translated") {
      return sub.find("review") != std::string_view::npos ? SegmentState::needs_review
                                                          : SegmentState::translated;
    }
    if (s.empty() && has_target) {
      return SegmentState::translated;
    }
    return SegmentState::initial;
  }

  void unit2(const pugi::xml_node& u, const tm::Document& doc, tm::DocFile& file) const {
    tm::DocUnit unit;
    unit.id = attr(u, "id");
    if (unit.id.empty()) {
      bad_entry(u, "<unit> has no id attribute");
      return;
    }
    std::map<std::string, std::string> original;
    for (auto d : u.child("originalData").children()) {
      if (is(d, "data")) {
        original[attr(d, "id")] = text_of(d);
      }
    }
    for (auto c : u.children()) {
      auto n = local(c);
      if (n == "segment") {
        tm::DocSegment seg;
        seg.id = attr(c, "id");
        auto source = c.child("source");
        if (!source) {
          bad_entry(c, "<segment> in <unit id=" + quoted(unit.id) + "> has no <source>");
          return;
        }
        inline2(source, seg.source, original);
        if (auto t = c.child("target")) {
          inline2(t, seg.target, original);
        }
        seg.state = state2(attr(c, "state"), attr(c, "subState"), !seg.target.empty());
        unit.segments.push_back(std::move(seg));
      }
    }
    if (unit.segments.empty()) {
      bad_entry(u, "<unit id=" + quoted(unit.id) + "> has no <segment>");
      return;
    }
    for (auto c : u.children()) {
      auto n = local(c);
      if (n == "notes") {
        for (auto note : c.children()) {
          if (!is(note, "note")) {
            continue;
          }
          std::string applies = attr(note, "appliesTo");
          auto about = applies == "source" ? tm::Note::About::source
                                           : (applies == "target" ? tm::Note::About::target
                                                                  : tm::Note::About::unit);
          unit.notes.push_back({text_of(note), about, attr(note, "category")});
        }
      } else if (n == "glossary") {
        for (auto e : c.children()) {
          if (!is(e, "glossEntry")) {
            continue;
          }
          tm::TermHint hint;
          for (auto a : e.attributes()) {
            std::string_view an = a.name();
            if (an.size() > 8 && an.substr(an.size() - 8) == ":concept") {
              hint.concept_id = a.value();
            }
          }
          if (hint.concept_id.empty()) {
            hint.concept_id = attr(e, "id");
          }
          for (auto part : e.children()) {
            if (is(part, "term")) {
              hint.source_term = text_of(part);
            } else if (is(part, "translation") && hint.target_term.empty()) {
              hint.target_term = text_of(part);
            }
          }
          unit.terms.push_back(std::move(hint));
        }
      } else if (n == "metadata") {
        for (auto g : c.children()) {
          for (auto m : g.children()) {
            if (is(m, "meta")) {
              unit.props.push_back({attr(m, "type"), text_of(m)});
            }
          }
        }
      } else if (n == "matches") {
        for (auto m : c.children()) {
          if (!is(m, "match")) {
            continue;
          }
          tm::Match match;
          match.score = std::strtod(attr(m, "matchQuality").c_str(), nullptr);
          match.origin = attr(m, "origin");
          std::string ref = attr(m, "ref");
          if (!ref.empty() && ref[0] == '#') {
            ref.erase(0, 1);
          }
          tm::DocSegment* seg = &segment_for(unit, ref);
          std::map<std::string, std::string> match_data;
          for (auto d : m.child("originalData").children()) {
            match_data[attr(d, "id")] = text_of(d);
          }
          tm::Variant src{doc.src_lang, {}, {}, {}};
          tm::Variant tgt{doc.tgt_lang, {}, {}, {}};
          for (auto part : m.children()) {
            if (is(part, "source")) {
              inline2(part, src.segment, match_data);
            } else if (is(part, "target")) {
              inline2(part, tgt.segment, match_data);
            }
          }
          match.unit.variants.push_back(std::move(src));
          match.unit.variants.push_back(std::move(tgt));
          seg->matches.push_back(std::move(match));
        }
      }
    }
    file.units.push_back(std::move(unit));
  }

  void group2(const pugi::xml_node& node, const tm::Document& doc, tm::DocFile& file) const {
    for (auto c : node.children()) {
      if (is(c, "unit")) {
        unit2(c, doc, file);
      } else if (is(c, "group")) {
        group2(c, doc, file);
      }
    }
  }

  tm::Document read2(const pugi::xml_node& root) const {
    tm::Document doc;
    doc.src_lang = lang(root, "srcLang", true);
    doc.tgt_lang = lang(root, "trgLang", false);
    for (auto f : root.children()) {
      if (!is(f, "file")) {
        continue;
      }
      tm::DocFile file;
      file.id = attr(f, "id");
      file.original = attr(f, "original");
      group2(f, doc, file);
      doc.files.push_back(std::move(file));
    }
    return doc;
  }
};

// ---- writing ----

bool nmtoken_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':' || c >= 0x80;
}

// An id usable where the schema wants an NMTOKEN: other characters become '_'.
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

std::string ctype(const tm::InlineCode& code) {
  static const std::set<std::string, std::less<>> kPaired = {"bold", "italic", "underlined",
                                                             "link"};
  static const std::set<std::string, std::less<>> kPlaceholder = {"image", "pb", "lb"};
  if (code.type.empty()) {
    return {};
  }
  if (code.type.rfind("x-", 0) == 0 && code.type.rfind(kTypePrefix, 0) != 0) {
    return code.type;
  }
  const auto& allowed = code.kind == Kind::placeholder ? kPlaceholder : kPaired;
  if (allowed.count(code.type) != 0) {
    return code.type;
  }
  return std::string(kTypePrefix) + code.type;
}

void write_inline12(XmlWriter& w, const tm::Segment& seg) {
  std::size_t pos = 0;
  std::size_t n = 0;
  for (const auto& code : seg.codes) {
    ++n;
    std::size_t at = std::min(code.offset, seg.text.size());
    if (at > pos) {
      w.text(std::string_view(seg.text).substr(pos, at - pos));
      pos = at;
    }
    std::string id = code.id.empty() ? std::to_string(n) : code.id;
    std::string ct = ctype(code);
    bool native = !code.native.empty();
    switch (code.kind) {
      case Kind::open:
        if (native) {
          w.open("bpt").attr("id", id, true).attr("ctype", ct).close_start();
          w.text(code.native).end("bpt");
        } else {
          w.open("bx").attr("id", id, true).attr("ctype", ct).close_empty();
        }
        break;
      case Kind::close:
        if (native) {
          w.open("ept").attr("id", id, true).close_start().text(code.native).end("ept");
        } else {
          w.open("ex").attr("id", id, true).close_empty();
        }
        break;
      case Kind::placeholder:
        if (native) {
          w.open("ph").attr("id", id, true).attr("ctype", ct).close_start();
          w.text(code.native).end("ph");
        } else {
          w.open("x").attr("id", id, true).attr("ctype", ct).close_empty();
        }
        break;
      case Kind::isolated:
        w.open("it").attr("id", id, true).attr("pos", code.end ? "close" : "open", true);
        w.attr("ctype", ct).close_start().text(code.native).end("it");
        break;
    }
  }
  if (pos < seg.text.size()) {
    w.text(std::string_view(seg.text).substr(pos));
  }
}

std::string_view state_attr12(SegmentState s) {
  switch (s) {
    case SegmentState::initial:
      return "needs-translation";
    case SegmentState::translated:
      return "translated";
    case SegmentState::needs_review:
      return "needs-review-translation";
    case SegmentState::reviewed:
      return "signed-off";
    case SegmentState::final:
      return "final";
  }
  return "needs-translation";
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') {
    s.pop_back();
  }
  if (!s.empty() && s.back() == '.') {
    s.pop_back();
  }
  return s;
}

void write12(XmlWriter& w, const tm::Document& doc) {
  w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  w.raw("<xliff version=\"1.2\" xmlns=\"").raw(kNs12).raw("\">");
  std::size_t file_no = 0;
  for (const auto& file : doc.files) {
    ++file_no;
    w.newline(1).open("file");
    w.attr("original", file.original.empty() ? "file" + std::to_string(file_no) : file.original,
           true);
    w.attr("source-language", doc.src_lang.str(), true);
    w.attr("target-language", doc.tgt_lang.str());
    w.attr("datatype", "plaintext", true).close_start();
    w.newline(2).raw("<header>");
    w.newline(3).open("tool").attr("tool-id", "termbridge").attr("tool-name", "termbridge");
    w.attr("tool-version", kToolVersion).close_empty();
    w.newline(2).raw("</header>");
    w.newline(2).raw("<body>");
    std::size_t unit_no = 0;
    for (const auto& unit : file.units) {
      ++unit_no;
      w.newline(3)
          .open("trans-unit")
          .attr("id", unit.id.empty() ? std::to_string(unit_no) : unit.id, true);
      w.close_start();
      bool segmented = unit.segments.size() > 1;
      bool any_target = false;
      SegmentState least = SegmentState::final;
      // XLIFF 1.2 has one state per unit: the least advanced of the translated segments
      // (an untranslated segment is told by its empty <mrk>).
      for (const auto& s : unit.segments) {
        any_target = any_target || !s.target.empty();
        if (!s.target.empty() || !segmented) {
          least = std::min(least, s.state);
        }
      }
      if (!any_target && segmented) {
        least = SegmentState::initial;
      }
      w.newline(4).open("source").close_start();
      write_inline12(w, tm::join_source(unit));
      w.end("source");
      auto mid = [&](const tm::DocSegment& s, std::size_t i) {
        return s.id.empty() ? std::to_string(i + 1) : s.id;
      };
      if (segmented) {
        w.newline(4).open("seg-source").close_start();
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          if (i > 0) {
            w.text(" ");
          }
          w.open("mrk").attr("mtype", "seg").attr("mid", mid(unit.segments[i], i)).close_start();
          write_inline12(w, unit.segments[i].source);
          w.end("mrk");
        }
        w.end("seg-source");
      }
      if (any_target || least != SegmentState::initial) {
        w.newline(4).open("target").attr("xml:lang", doc.tgt_lang.str());
        w.attr("state", state_attr12(least)).close_start();
        if (segmented) {
          for (std::size_t i = 0; i < unit.segments.size(); ++i) {
            if (i > 0) {
              w.text(" ");
            }
            w.open("mrk").attr("mtype", "seg").attr("mid", mid(unit.segments[i], i)).close_start();
            write_inline12(w, unit.segments[i].target);
            w.end("mrk");
          }
        } else {
          write_inline12(w, unit.segments.front().target);
        }
        w.end("target");
      }
      if (!unit.props.empty()) {
        // Group names are unique in a file: "properties:<unit id>".
        w.newline(4).open("context-group");
        w.attr("name", std::string(kPropsGroup) + ":" + std::to_string(unit_no));
        w.attr("purpose", "information").close_start();
        for (const auto& p : unit.props) {
          w.newline(5).open("context").attr("context-type", std::string(kPropPrefix) + p.type,
                                            true);
          w.close_start().text(p.value).end("context");
        }
        w.newline(4).end("context-group");
      }
      for (const auto& note : unit.notes) {
        w.newline(4).open("note").attr("from", note.from);
        w.attr("annotates", note.about == tm::Note::About::source
                                ? "source"
                                : (note.about == tm::Note::About::target ? "target" : ""));
        w.close_start().text(note.text).end("note");
      }
      for (const auto& term : unit.terms) {
        std::string text = term.concept_id.empty() ? "" : term.concept_id + ": ";
        text += term.source_term + " = " + term.target_term;
        w.newline(4).open("note").attr("from", kTermsFrom).close_start().text(text).end("note");
      }
      for (std::size_t i = 0; i < unit.segments.size(); ++i) {
        for (const auto& m : unit.segments[i].matches) {
          w.newline(4).open("alt-trans");
          if (segmented) {
            w.attr("mid", mid(unit.segments[i], i));
          }
          w.attr("match-quality", format_score(m.score), true).attr("origin", m.origin);
          w.close_start();
          const auto& vs = m.unit.variants;
          if (!vs.empty()) {
            w.newline(5).open("source").attr("xml:lang", vs[0].lang.str()).close_start();
            write_inline12(w, vs[0].segment);
            w.end("source");
          }
          w.newline(5).open("target");
          if (vs.size() > 1) {
            w.attr("xml:lang", vs[1].lang.str());
          }
          w.close_start();
          if (vs.size() > 1) {
            write_inline12(w, vs[1].segment);
          }
          w.end("target");
          w.newline(4).end("alt-trans");
        }
      }
      w.newline(3).end("trans-unit");
      w.maybe_flush();
    }
    w.newline(2).raw("</body>");
    w.newline(1).end("file");
  }
  w.raw("\n</xliff>\n");
  w.flush();
}

// XLIFF 2 inline codes: the <originalData> entries a unit needs, then the content.
struct Inline2 {
  std::vector<std::pair<std::string, std::string>> data;  // id, native

  std::string data_ref(const std::string& native) {
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

  void write(XmlWriter& w, const tm::Segment& seg) {
    std::size_t pos = 0;
    std::size_t n = 0;
    for (const auto& code : seg.codes) {
      ++n;
      std::size_t at = std::min(code.offset, seg.text.size());
      if (at > pos) {
        w.text(std::string_view(seg.text).substr(pos, at - pos));
        pos = at;
      }
      std::string id = nmtoken(code.id, std::to_string(n));
      std::string ref = data_ref(code.native);
      auto type_attrs = [&](bool allowed) {
        if (!allowed || code.type.empty()) {
          return;
        }
        std::string_view t =
            code.type == "link" ? "link" : (code.type == "image" ? "image" : "fmt");
        w.attr("type", t).attr("subType", "tb:" + nmtoken(code.type, "x"));
      };
      switch (code.kind) {
        case Kind::open:
          w.open("sc").attr("id", id, true).attr("dataRef", ref);
          type_attrs(true);
          w.close_empty();
          break;
        case Kind::close:
          w.open("ec").attr("startRef", id, true).attr("dataRef", ref);
          type_attrs(true);
          w.close_empty();
          break;
        case Kind::placeholder:
          w.open("ph").attr("id", id, true).attr("dataRef", ref);
          type_attrs(true);
          w.close_empty();
          break;
        case Kind::isolated:
          w.open(code.end ? "ec" : "sc").attr("id", id, true).attr("isolated", "yes");
          w.attr("dataRef", ref);
          type_attrs(true);
          w.close_empty();
          break;
      }
    }
    if (pos < seg.text.size()) {
      w.text(std::string_view(seg.text).substr(pos));
    }
  }
};

void write_original_data(XmlWriter& w, int depth, const Inline2& in) {
  if (in.data.empty()) {
    return;
  }
  w.newline(depth).raw("<originalData>");
  for (const auto& [id, native] : in.data) {
    w.newline(depth + 1).open("data").attr("id", id, true).close_start().text(native).end("data");
  }
  w.newline(depth).raw("</originalData>");
}

std::string_view state_attr2(SegmentState s) {
  switch (s) {
    case SegmentState::initial:
      return "initial";
    case SegmentState::translated:
    case SegmentState::needs_review:
      return "translated";
    case SegmentState::reviewed:
      return "reviewed";
    case SegmentState::final:
      return "final";
  }
  return "initial";
}

void write2(XmlWriter& w, const tm::Document& doc, XliffVersion version) {
  w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  w.open("xliff").attr("xmlns", kNs2).attr("version", version == XliffVersion::v20 ? "2.0" : "2.1");
  w.attr("xmlns:mtc", kNsMtc).attr("xmlns:gls", kNsGls).attr("xmlns:mda", kNsMda);
  w.attr("xmlns:tb", kNsTb);
  w.attr("srcLang", doc.src_lang.str(), true).attr("trgLang", doc.tgt_lang.str()).close_start();
  std::size_t file_no = 0;
  for (const auto& file : doc.files) {
    ++file_no;
    w.newline(1).open("file").attr("id", nmtoken(file.id, "f" + std::to_string(file_no)), true);
    w.attr("original", file.original).close_start();
    std::size_t unit_no = 0;
    for (const auto& unit : file.units) {
      ++unit_no;
      w.newline(2).open("unit").attr("id", nmtoken(unit.id, "u" + std::to_string(unit_no)), true);
      w.close_start();
      auto seg_id = [&](const tm::DocSegment& s, std::size_t i) {
        return nmtoken(s.id, "s" + std::to_string(i + 1));
      };
      bool any_match = false;
      for (const auto& s : unit.segments) {
        any_match = any_match || !s.matches.empty();
      }
      if (any_match) {
        w.newline(3).raw("<mtc:matches>");
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          for (const auto& m : unit.segments[i].matches) {
            Inline2 in;
            XmlWriter* out = &w;
            w.newline(4).open("mtc:match").attr("ref", "#" + seg_id(unit.segments[i], i), true);
            w.attr("matchQuality", format_score(m.score)).attr("origin", m.origin).close_start();
            // originalData comes first but is known only after the content: write the
            // content to a side buffer.
            std::ostringstream side;
            {
              XmlWriter sw(side);
              const auto& vs = m.unit.variants;
              sw.newline(5).open("source").close_start();
              if (!vs.empty()) {
                in.write(sw, vs[0].segment);
              }
              sw.end("source").newline(5).open("target").close_start();
              if (vs.size() > 1) {
                in.write(sw, vs[1].segment);
              }
              sw.end("target");
              sw.flush();
            }
            write_original_data(*out, 5, in);
            w.raw(side.str());
            w.newline(4).end("mtc:match");
          }
        }
        w.newline(3).raw("</mtc:matches>");
      }
      if (!unit.terms.empty()) {
        w.newline(3).raw("<gls:glossary>");
        for (const auto& t : unit.terms) {
          w.newline(4).open("gls:glossEntry").attr("tb:concept", t.concept_id).close_start();
          w.newline(5).element("gls:term", t.source_term);
          if (!t.target_term.empty()) {
            w.newline(5).element("gls:translation", t.target_term);
          }
          w.newline(4).end("gls:glossEntry");
        }
        w.newline(3).raw("</gls:glossary>");
      }
      if (!unit.props.empty()) {
        w.newline(3).raw("<mda:metadata>").newline(4);
        w.open("mda:metaGroup").attr("category", "properties").close_start();
        for (const auto& p : unit.props) {
          w.newline(5).open("mda:meta").attr("type", p.type, true).close_start();
          w.text(p.value).end("mda:meta");
        }
        w.newline(4).end("mda:metaGroup").newline(3).raw("</mda:metadata>");
      }
      if (!unit.notes.empty()) {
        w.newline(3).raw("<notes>");
        for (const auto& note : unit.notes) {
          w.newline(4).open("note").attr("category", note.from);
          w.attr("appliesTo", note.about == tm::Note::About::source
                                  ? "source"
                                  : (note.about == tm::Note::About::target ? "target" : ""));
          w.close_start().text(note.text).end("note");
        }
        w.newline(3).raw("</notes>");
      }
      Inline2 in;
      std::ostringstream side;
      {
        XmlWriter sw(side);
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          const auto& s = unit.segments[i];
          sw.newline(3).open("segment").attr("id", seg_id(s, i), true);
          sw.attr("state", state_attr2(s.state));
          if (s.state == SegmentState::needs_review) {
            sw.attr("subState", "tb:needs-review");
          }
          sw.close_start().newline(4).open("source").close_start();
          in.write(sw, s.source);
          sw.end("source");
          if (!s.target.empty()) {
            sw.newline(4).open("target").close_start();
            in.write(sw, s.target);
            sw.end("target");
          }
          sw.newline(3).end("segment");
        }
        sw.flush();
      }
      write_original_data(w, 3, in);
      w.raw(side.str());
      w.newline(2).end("unit");
      w.maybe_flush();
    }
    w.newline(1).end("file");
  }
  w.raw("\n</xliff>\n");
  w.flush();
}

}  // namespace

std::string_view xliff_version_name(XliffVersion version) {
  switch (version) {
    case XliffVersion::v12:
      return "1.2";
    case XliffVersion::v20:
      return "2.0";
    case XliffVersion::v21:
      return "2.1";
  }
  return "?";
}

tm::Document read_xliff(std::string_view data, std::string_view name, XliffReadOptions options,
                        XliffVersion* version) {
  std::string decoded;
  if (data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF") {
    decoded = text::decode_to_utf8(data, text::Encoding::utf16, name);
    data = decoded;
  }
  auto doc = load_xml(data, name);
  auto root = doc.document_element();
  Reader reader{data, name, options, data.data()};
  if (local(root) != "xliff") {
    reader.fail(root, "expected <xliff> root element, found <" + std::string(root.name()) + ">" +
                          (local(root) == "tmx" ? "; is this a translation memory (TMX)?" : ""));
  }
  std::string v = attr(root, "version");
  std::string ns = attr(root, "xmlns");
  XliffVersion found;
  if (v == "1.2" || v == "1.1" || v == "1.0") {
    found = XliffVersion::v12;
  } else if (v == "2.0") {
    found = XliffVersion::v20;
  } else if (v == "2.1") {
    found = XliffVersion::v21;
  } else {
    reader.fail(root, "unsupported XLIFF version " + quoted(v) +
                          " (expected 1.2, 2.0 or 2.1; 1.0 and 1.1 are read as 1.2)");
  }
  if (version != nullptr) {
    *version = found;
  }
  return found == XliffVersion::v12 ? reader.read12(root) : reader.read2(root);
}

tm::Document read_xliff(std::istream& in, std::string_view name, XliffReadOptions options,
                        XliffVersion* version) {
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + quoted(name));
  }
  return read_xliff(data, name, options, version);
}

void write_xliff(std::ostream& out, const tm::Document& document, XliffVersion version) {
  if (document.src_lang.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "an XLIFF file needs a source language; name it, e.g. --src-lang ko");
  }
  XmlWriter w(out);
  if (version == XliffVersion::v12) {
    write12(w, document);
  } else {
    write2(w, document, version);
  }
}

}  // namespace termbridge::io
