#include "termbridge/io/xliff.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include <pugixml.hpp>

#include "io/xliff_inline.hpp"
#include "io/xml_util.hpp"
#include "io/xml_writer.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

using Kind = tm::InlineCode::Kind;
using tm::SegmentState;

constexpr std::string_view kNs11 = "urn:oasis:names:tc:xliff:document:1.1";
constexpr std::string_view kNs12 = "urn:oasis:names:tc:xliff:document:1.2";
constexpr std::string_view kNs2 = "urn:oasis:names:tc:xliff:document:2.0";
constexpr std::string_view kNs22 = "urn:oasis:names:tc:xliff:document:2.2";
constexpr std::string_view kNsXml = "http://www.w3.org/XML/1998/namespace";
// Elements of other vocabularies are renamed with this prefix (see canonical_names).
constexpr std::string_view kForeign = "x-foreign:";
constexpr std::string_view kNsMtc = "urn:oasis:names:tc:xliff:matches:2.0";
constexpr std::string_view kNsGls = "urn:oasis:names:tc:xliff:glossary:2.0";
constexpr std::string_view kNsMda = "urn:oasis:names:tc:xliff:metadata:2.0";
constexpr std::string_view kNsTb = "urn:termbridge:xliff:1";
constexpr std::string_view kTermsFrom = "termbridge-terms";
constexpr std::string_view kPropsGroup = "properties";
constexpr std::string_view kPropPrefix = "x-prop-";
constexpr std::string_view kToolVersion = "0.1.0";

// `id`, or `id-2`, `id-3` ... when a unit of the file already has it: ids are unique in a
// file (a TMX may repeat a tuid for many units; Pontoon does).
std::string unique_id(std::string id, std::set<std::string, std::less<>>& used) {
  if (used.insert(id).second) {
    return id;
  }
  for (std::size_t n = 2;; ++n) {
    std::string candidate = id + "-" + std::to_string(n);
    if (used.insert(candidate).second) {
      return candidate;
    }
  }
}

// A prop name in an XLIFF 1.2 context-type, which may not hold white space ("x-" then no
// space): '%' and white space are percent-escaped, and unescaped on reading.
std::string escape_space(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape_space(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtol(std::string(s.substr(i + 1, 2)).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The element name without its prefix: "gls:glossEntry" -> "glossEntry". Elements of
// other vocabularies keep their whole name, so they match no XLIFF name.
std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  if (name.substr(0, kForeign.size()) == kForeign) {
    return name;
  }
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Names are compared after canonical_names(): core elements without prefix, modules as
// "mtc:", "gls:", "mda:".
bool is(const pugi::xml_node& n, std::string_view name) {
  return n.type() == pugi::node_element && std::string_view(n.name()) == name;
}

// The first child element named `name` (canonical), or an empty node.
pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (auto c : n.children()) {
    if (is(c, name)) {
      return c;
    }
  }
  return {};
}

// The namespace URI of the root element (it has no ancestors to inherit one from).
std::string_view root_namespace(const pugi::xml_node& root) {
  std::string_view name = root.name();
  auto colon = name.find(':');
  std::string decl =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  return root.attribute(decl.c_str()).value();
}

// pugixml does not resolve namespaces, and tools write XLIFF with a default namespace, with
// a prefix of their own (<xlf:trans-unit>) or with none (XLIFF 1.0/1.1, some exporters),
// and put their own elements beside XLIFF's, prefixed or under a default namespace of
// their own (memoQ's <mq:commitinfos xmlns="MQXliff"><commitinfo>). So element names are
// rewritten once, by namespace URI: elements in `core` lose their prefix, module elements
// get the prefix this reader knows, and all others get kForeign, so that no tool's
// <note> or <source> passes for XLIFF's. Only names that change are rewritten.
// `offsets` receives the offset of each renamed element (pugixml knows it only for names it
// did not allocate).
void canonical_names(pugi::xml_node root, std::string_view core,
                     std::unordered_map<const void*, std::ptrdiff_t>& offsets) {
  struct Binding {
    std::string_view prefix;
    std::string_view uri;
  };
  std::vector<Binding> scope;      // namespace declarations in force, innermost last
  std::vector<std::size_t> marks;  // scope size when each open element was entered
  auto uri_of = [&](std::string_view prefix) -> std::string_view {
    for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
      if (it->prefix == prefix) {
        return it->uri;
      }
    }
    return prefix == "xml" ? kNsXml : std::string_view();
  };
  auto first_element = [](pugi::xml_node n) {
    while (n && n.type() != pugi::node_element) {
      n = n.next_sibling();
    }
    return n;
  };
  std::string wanted;
  pugi::xml_node n = root;
  while (n) {
    marks.push_back(scope.size());
    for (auto a : n.attributes()) {
      std::string_view an = a.name();
      if (an == "xmlns") {
        scope.push_back({{}, a.value()});
      } else if (an.substr(0, 6) == "xmlns:") {
        scope.push_back({an.substr(6), a.value()});
      }
    }
    std::string_view name = n.name();
    auto colon = name.find(':');
    std::string_view prefix = colon == std::string_view::npos ? "" : name.substr(0, colon);
    std::string_view local_name = colon == std::string_view::npos ? name : name.substr(colon + 1);
    std::string_view uri = uri_of(prefix);
    wanted.clear();
    if (uri == core) {
      wanted = local_name;
    } else if (uri == kNsMtc) {
      wanted = "mtc:" + std::string(local_name);
    } else if (uri == kNsGls) {
      wanted = "gls:" + std::string(local_name);
    } else if (uri == kNsMda) {
      wanted = "mda:" + std::string(local_name);
    } else if (uri == kNsTb) {
      wanted = "tb:" + std::string(local_name);
    } else {
      wanted = std::string(kForeign) + std::string(local_name);
    }
    if (wanted != name) {
      offsets[n.internal_object()] = n.offset_debug();
      n.set_name(wanted.c_str());
    }
    if (auto c = first_element(n.first_child())) {
      n = c;
      continue;
    }
    // Leave n and the ancestors whose last child it is.
    while (n) {
      scope.resize(marks.back());
      marks.pop_back();
      if (n == root) {
        n = {};
        break;
      }
      if (auto next = first_element(n.next_sibling())) {
        n = next;
        break;
      }
      n = n.parent();
    }
  }
}

bool valid_state12(std::string_view s) {
  static const std::set<std::string_view> kStates = {"final",
                                                     "needs-adaptation",
                                                     "needs-l10n",
                                                     "needs-review-adaptation",
                                                     "needs-review-l10n",
                                                     "needs-review-translation",
                                                     "needs-translation",
                                                     "new",
                                                     "signed-off",
                                                     "translated"};
  return s.empty() || kStates.count(s) != 0 || s.substr(0, 2) == "x-";
}

bool valid_state2(std::string_view s) {
  return s.empty() || s == "initial" || s == "translated" || s == "reviewed" || s == "final";
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

// Recursive, like `walk` below: load_xml refuses a document nested deeper than kMaxXmlDepth,
// which bounds the stack.
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
  std::unordered_map<const void*, std::ptrdiff_t> renamed;  // offsets of renamed elements
  mutable std::vector<std::size_t> line_starts;             // byte offsets, for where()

  SourceLocation where(const pugi::xml_node& n) const {
    std::ptrdiff_t offset = n.offset_debug();
    if (offset < 0) {
      auto it = renamed.find(n.internal_object());
      offset = it == renamed.end() ? 0 : it->second;
    }
    // pugixml gives where the name starts; the element starts at its '<'.
    auto at = static_cast<std::size_t>(offset < 0 ? 0 : offset);
    if (n.type() == pugi::node_element && at > 0 && at <= data.size() && data[at - 1] == '<') {
      offset = static_cast<std::ptrdiff_t>(at - 1);
    }
    // Lines are found in an index of line starts built once: a file with many findings
    // would otherwise be scanned from its start for each.
    if (line_starts.empty()) {
      line_starts.push_back(0);
      for (std::size_t i = 0; i < data.size(); ++i) {
        if (data[i] == '\n') {
          line_starts.push_back(i + 1);
        }
      }
    }
    std::size_t pos = std::min(static_cast<std::size_t>(offset < 0 ? 0 : offset), data.size());
    auto line = std::upper_bound(line_starts.begin(), line_starts.end(), pos) - 1;
    SourceLocation loc = location_of(data.substr(*line), pos - *line, name);
    loc.line = static_cast<std::uint64_t>(line - line_starts.begin()) + 1;
    loc.byte_offset = pos;
    return loc;
  }
  // Something the schemas forbid that reading can live with: a warning, never a failure.
  void note(const pugi::xml_node& n, std::string message) const {
    if (options.diagnostics != nullptr) {
      options.diagnostics->warn(where(n), std::move(message));
    }
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

  void inline12(const pugi::xml_node& node, tm::Segment& seg) const {
    xliff_inline::read12(node, seg, options.keep_inline_codes);
  }

  void inline2(const pugi::xml_node& node, tm::Segment& seg,
               const std::map<std::string, std::string>& original) const {
    xliff_inline::read2(node, seg, options.keep_inline_codes, original);
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

  // What a reader keeps about the file it is in: its language pair, the ids seen (a
  // duplicate is reported), the units that came without an id (named at the end).
  struct FileState {
    LangTag src, tgt;
    // id -> its first unit (its line is found only for a duplicate: finding lines is a scan)
    std::map<std::string, pugi::xml_node, std::less<>> ids;
    std::vector<std::size_t> unnamed;  // positions in DocFile::units
    pugi::xml_node first_unnamed;
  };

  // A unit's id: checked against the file's others; empty when it has none (named later).
  void take_id(const pugi::xml_node& u, const std::string& id, const tm::DocFile& file,
               FileState& fs) const {
    if (id.empty()) {
      if (fs.unnamed.empty()) {
        fs.first_unnamed = u;
      }
      fs.unnamed.push_back(file.units.size());
      return;
    }
    auto [it, added] = fs.ids.emplace(id, u);
    if (!added) {
      note(u, "<" + std::string(u.name()) + "> id " + quoted(id) +
                  " is used twice in its <file> (first on line " +
                  std::to_string(where(it->second).line) + ")");
    }
  }

  // Units without an id are named "u" + their position in the file (1-based), so reading
  // the same file twice gives the same names; "-2", "-3" ... is added when a unit already
  // has that id. Said once per file.
  void name_units(tm::DocFile& file, FileState& fs, std::string_view element) const {
    if (fs.unnamed.empty()) {
      return;
    }
    std::string names;
    for (std::size_t i : fs.unnamed) {
      std::string id = "u" + std::to_string(i + 1);
      for (int k = 2; fs.ids.count(id) != 0; ++k) {
        id = "u" + std::to_string(i + 1) + "-" + std::to_string(k);
      }
      fs.ids.emplace(id, pugi::xml_node());
      auto& unit = file.units[i];
      unit.id = id;
      for (auto& seg : unit.segments) {
        if (seg.id.empty() && unit.segments.size() == 1) {
          seg.id = id;
        }
      }
      if (names.size() < 40) {
        names += (names.empty() ? "" : ", ") + id;
      } else if (names.substr(names.size() - 3) != "...") {
        names += ", ...";
      }
    }
    note(fs.first_unnamed,
         std::to_string(fs.unnamed.size()) + " <" + std::string(element) +
             "> without an id (required); named by their position in the file: " + names);
  }

  // A target without text is no translation, whatever its state says.
  static void settle(tm::DocSegment& seg) {
    if (tm::is_translatable(seg) && !tm::has_text(seg.target)) {
      seg.state = SegmentState::initial;
    }
  }

  void unit12(const pugi::xml_node& tu, tm::DocFile& file, FileState& fs) const {
    tm::DocUnit unit;
    unit.id = attr(tu, "id");
    std::string label =
        "<trans-unit" + (unit.id.empty() ? std::string() : " id=" + quoted(unit.id)) + ">";
    auto source = child(tu, "source");
    if (!source) {
      bad_entry(tu, label + " has no <source>");
      return;
    }
    auto target = child(tu, "target");
    bool approved = attr(tu, "approved") == "yes";
    std::string state = attr(target, "state");
    if (!valid_state12(state)) {
      note(target, "<target state=" + quoted(state) +
                       "> is not an XLIFF 1.2 state (expected new, needs-translation, "
                       "translated, needs-review-translation, signed-off, final, another "
                       "needs-* or x-...); read as needs-translation");
    }
    auto seg_source = child(tu, "seg-source");
    std::vector<std::pair<std::string, tm::Segment>> src_segs;
    if (seg_source) {
      mrk_segments(seg_source, src_segs);
    }
    std::vector<std::pair<std::string, tm::Segment>> tgt_segs;
    if (target && !src_segs.empty()) {
      mrk_segments(target, tgt_segs);
    }
    tm::Segment whole;  // the target as one piece, when it has no <mrk mtype="seg">
    if (target && tgt_segs.empty()) {
      inline12(target, whole);
    }
    if (src_segs.empty() || (tgt_segs.empty() && tm::has_text(whole))) {
      // A target typed for the whole unit (the CAT tool dropped the segment markers) is
      // the unit's translation: one segment, source and target whole.
      if (src_segs.size() > 1) {
        note(target, "<target> of " + label + " has no <mrk mtype=\"seg\"> for the " +
                         std::to_string(src_segs.size()) +
                         " segments of its <seg-source>; read as the translation of the whole "
                         "unit");
      }
      tm::DocSegment seg;
      seg.id = src_segs.size() == 1 ? src_segs[0].first : unit.id;
      inline12(source, seg.source);
      seg.target = std::move(whole);
      seg.state = state12(state, tm::has_text(seg.target), approved);
      settle(seg);
      unit.segments.push_back(std::move(seg));
    } else {
      for (auto& [mid, s] : src_segs) {
        tm::DocSegment seg;
        seg.id = mid;
        seg.source = std::move(s);
        for (auto& [tmid, t] : tgt_segs) {
          if (tmid == mid) {
            seg.target = t;
          }
        }
        seg.state = state12(state, true, approved);
        settle(seg);
        unit.segments.push_back(std::move(seg));
      }
    }
    for (auto c : tu.children()) {
      if (is(c, "note")) {
        tm::TermHint hint;
        if (attr(c, "from") == kTermsFrom && parse_term_note(text_of(c), hint)) {
          unit.terms.push_back(std::move(hint));
        } else {
          unit.notes.push_back({text_of(c), about12(c), attr(c, "from")});
        }
      } else if (is(c, "context-group") && attr(c, "name").rfind(kPropsGroup, 0) == 0) {
        for (auto ctx : c.children()) {
          if (!is(ctx, "context")) {
            continue;
          }
          std::string type = attr(ctx, "context-type");
          if (type.rfind(kPropPrefix, 0) == 0) {
            type = unescape_space(type.substr(kPropPrefix.size()));
          }
          unit.props.push_back({type, text_of(ctx)});
        }
      } else if (is(c, "alt-trans")) {
        tm::Match m;
        std::string q = attr(c, "match-quality");
        m.score = std::strtod(q.c_str(), nullptr);
        m.origin = attr(c, "origin");
        tm::DocSegment* seg = &segment_for(unit, attr(c, "mid"));
        tm::Variant src;
        src.lang = fs.src;
        tm::Variant tgt;
        tgt.lang = fs.tgt;
        if (auto s = child(c, "source")) {
          if (auto l = LangTag::try_parse(attr(s, "xml:lang"))) {
            src.lang = *l;
          }
          inline12(s, src.segment);
        } else {
          src.segment = seg->source;
        }
        auto t = child(c, "target");
        if (auto l = LangTag::try_parse(attr(t, "xml:lang"))) {
          tgt.lang = *l;
        }
        inline12(t, tgt.segment);
        m.unit.variants.push_back(std::move(src));
        m.unit.variants.push_back(std::move(tgt));
        seg->matches.push_back(std::move(m));
      }
    }
    if (options.schema_checks && target) {
      std::string tl = attr(target, "xml:lang");
      if (!tl.empty()) {
        auto a = LangTag::try_parse(tl);
        if (!a) {
          note(target, "bad language tag " + quoted(tl) + " in <target xml:lang>");
        } else if (fs.tgt.empty() || !(*a == fs.tgt || a->matches(fs.tgt) || fs.tgt.matches(*a))) {
          note(target, "<target xml:lang=" + quoted(tl) +
                           "> does not match the file's target-language " + quoted(fs.tgt.str()));
        }
      }
    }
    take_id(tu, unit.id, file, fs);
    file.units.push_back(std::move(unit));
  }

  void body12(const pugi::xml_node& node, tm::DocFile& file, FileState& fs) const {
    for (auto c : node.children()) {
      if (is(c, "trans-unit")) {
        unit12(c, file, fs);
      } else if (is(c, "group")) {
        body12(c, file, fs);
      }
    }
  }

  tm::Document read12(const pugi::xml_node& root) const {
    tm::Document doc;
    for (auto f : root.children()) {
      if (!is(f, "file")) {
        continue;
      }
      FileState fs;
      fs.src = lang(f, "source-language", true);
      fs.tgt = lang(f, "target-language", false);
      tm::DocFile file;
      // The document's pair is the first file's; a file in another pair keeps its own.
      if (doc.files.empty()) {
        doc.src_lang = fs.src;
        doc.tgt_lang = fs.tgt;
      } else if (fs.src == doc.src_lang &&
                 (fs.tgt.empty() || doc.tgt_lang.empty() || fs.tgt == doc.tgt_lang)) {
        if (doc.tgt_lang.empty()) {
          doc.tgt_lang = fs.tgt;
        }
      } else {
        file.src_lang = fs.src;
        file.tgt_lang = fs.tgt;
      }
      if (fs.tgt.empty()) {
        fs.tgt = tm::target_lang(doc, file);
      }
      if (options.schema_checks) {
        for (const char* a : {"original", "datatype"}) {
          if (!f.attribute(a)) {
            note(f, std::string("<file> has no ") + a + " attribute (required by XLIFF 1.2)");
          }
        }
      }
      file.original = attr(f, "original");
      auto body = child(f, "body");
      if (!body) {
        fail(f, "<file> has no <body>");
      }
      body12(body, file, fs);
      name_units(file, fs, "trans-unit");
      file.id = "f" + std::to_string(doc.files.size() + 1);
      doc.files.push_back(std::move(file));
    }
    // In a document of several pairs every file names its own, so that a caller setting
    // the document's pair (convert --tgt-lang) does not relabel the first file's.
    bool several = false;
    for (const auto& file : doc.files) {
      several = several || !file.src_lang.empty();
    }
    for (auto& file : doc.files) {
      if (several && file.src_lang.empty()) {
        file.tgt_lang = tm::target_lang(doc, file);
        file.src_lang = doc.src_lang;
      }
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

  // The spanning codes of one side (source or target) of a unit: an <ec> must follow the
  // <sc> it closes, in the same unit, possibly in an earlier segment.
  void check_codes2(const pugi::xml_node& unit, const char* side) const {
    std::vector<pugi::xml_node> contents;
    for (auto c : unit.children()) {
      if (is(c, "segment") || is(c, "ignorable")) {
        if (auto part = child(c, side)) {
          contents.push_back(part);
        }
      }
    }
    std::set<std::string> all_sc;
    auto walk = [&](auto&& self, const pugi::xml_node& n, auto&& visit) -> void {
      for (auto c : n.children()) {
        if (c.type() == pugi::node_element) {
          visit(c);
          self(self, c, visit);
        }
      }
    };
    for (const auto& part : contents) {
      walk(walk, part, [&](const pugi::xml_node& c) {
        if (is(c, "sc") && attr(c, "isolated") != "yes") {
          all_sc.insert(attr(c, "id"));
        }
      });
    }
    std::set<std::string> seen;
    for (const auto& part : contents) {
      walk(walk, part, [&](const pugi::xml_node& c) {
        if (is(c, "sc") && attr(c, "isolated") != "yes") {
          seen.insert(attr(c, "id"));
        } else if (is(c, "ec") && attr(c, "isolated") != "yes") {
          std::string ref = attr(c, "startRef");
          if (ref.empty()) {
            note(c, "<ec> has neither startRef nor isolated=\"yes\"");
          } else if (seen.count(ref) == 0) {
            note(c,
                 "<ec startRef=" + quoted(ref) + "> in <" + side + "> " +
                     (all_sc.count(ref) != 0 ? "comes before its <sc id=" + quoted(ref) + ">"
                                             : "has no <sc id=" + quoted(ref) + "> in its unit"));
          }
        }
      });
    }
  }

  // <mda:meta> elements at any depth of nested <mda:metaGroup>s.
  static void metadata2(const pugi::xml_node& n, std::vector<tm::Prop>& out) {
    for (auto c : n.children()) {
      if (is(c, "mda:meta")) {
        out.push_back({attr(c, "type"), text_of(c)});
      } else if (is(c, "mda:metaGroup")) {
        metadata2(c, out);
      }
    }
  }

  void unit2(const pugi::xml_node& u, const tm::Document& doc, tm::DocFile& file,
             FileState& fs) const {
    tm::DocUnit unit;
    unit.id = attr(u, "id");
    std::string label =
        "<unit" + (unit.id.empty() ? std::string() : " id=" + quoted(unit.id)) + ">";
    std::map<std::string, std::string> original;
    for (auto d : child(u, "originalData").children()) {
      if (is(d, "data")) {
        original[attr(d, "id")] = text_of(d);
      }
    }
    for (auto c : u.children()) {
      if (is(c, "segment")) {
        tm::DocSegment seg;
        seg.id = attr(c, "id");
        auto source = child(c, "source");
        if (!source) {
          bad_entry(c, "<segment> in " + label + " has no <source>");
          return;
        }
        inline2(source, seg.source, original);
        if (auto t = child(c, "target")) {
          inline2(t, seg.target, original);
        }
        std::string state = attr(c, "state");
        if (!valid_state2(state)) {
          note(c, "<segment state=" + quoted(state) +
                      "> is not an XLIFF 2 state (expected initial, translated, reviewed or "
                      "final); read as initial");
        }
        seg.state = state2(state, attr(c, "subState"), tm::has_text(seg.target));
        settle(seg);
        unit.segments.push_back(std::move(seg));
      }
    }
    if (unit.segments.empty()) {
      bad_entry(u, label + " has no <segment>");
      return;
    }
    check_codes2(u, "source");
    check_codes2(u, "target");
    for (auto c : u.children()) {
      if (is(c, "tb:variants")) {
        for (auto v : c.children()) {
          if (!is(v, "tb:variant")) {
            continue;
          }
          tm::Variant other;
          other.lang = lang(v, "xml:lang", true);
          for (auto a : v.attributes()) {
            std::string_view an = a.name();
            if (an.substr(0, 3) == "tb:") {
              other.attrs.push_back(
                  {an == "tb:tag" ? std::string("xml:lang") : std::string(an.substr(3)),
                   a.value()});
            }
          }
          inline2(v, other.segment, original);
          unit.others.push_back(std::move(other));
        }
      } else if (is(c, "notes")) {
        for (auto note_node : c.children()) {
          if (!is(note_node, "note")) {
            continue;
          }
          std::string applies = attr(note_node, "appliesTo");
          auto about = applies == "source" ? tm::Note::About::source
                                           : (applies == "target" ? tm::Note::About::target
                                                                  : tm::Note::About::unit);
          unit.notes.push_back({text_of(note_node), about, attr(note_node, "category")});
        }
      } else if (is(c, "gls:glossary")) {
        for (auto e : c.children()) {
          if (!is(e, "gls:glossEntry")) {
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
            if (is(part, "gls:term")) {
              hint.source_term = text_of(part);
            } else if (is(part, "gls:translation") && hint.target_term.empty()) {
              hint.target_term = text_of(part);
            }
          }
          unit.terms.push_back(std::move(hint));
        }
      } else if (is(c, "mda:metadata")) {
        metadata2(c, unit.props);
      } else if (is(c, "mtc:matches")) {
        for (auto m : c.children()) {
          if (!is(m, "mtc:match")) {
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
          for (auto d : child(m, "originalData").children()) {
            if (is(d, "data")) {
              match_data[attr(d, "id")] = text_of(d);
            }
          }
          tm::Variant src;
          src.lang = doc.src_lang;
          tm::Variant tgt;
          tgt.lang = doc.tgt_lang;
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
    take_id(u, unit.id, file, fs);
    file.units.push_back(std::move(unit));
  }

  void group2(const pugi::xml_node& node, const tm::Document& doc, tm::DocFile& file,
              FileState& fs) const {
    for (auto c : node.children()) {
      if (is(c, "unit")) {
        unit2(c, doc, file, fs);
      } else if (is(c, "group")) {
        group2(c, doc, file, fs);
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
      if (options.schema_checks && !f.attribute("id")) {
        note(f, "<file> has no id attribute (required by XLIFF 2)");
      }
      FileState fs;
      fs.src = doc.src_lang;
      fs.tgt = doc.tgt_lang;
      tm::DocFile file;
      file.id = attr(f, "id");
      file.original = attr(f, "original");
      group2(f, doc, file, fs);
      name_units(file, fs, "unit");
      doc.files.push_back(std::move(file));
    }
    if (options.schema_checks && doc.tgt_lang.empty()) {
      for (const auto& f : doc.files) {
        for (const auto& u : f.units) {
          for (const auto& s : u.segments) {
            if (!s.target.empty()) {
              note(root, "<xliff> has targets but no trgLang attribute");
              return doc;
            }
          }
        }
      }
    }
    return doc;
  }
};

// ---- writing ----

using xliff_inline::nmtoken;

void write_inline12(XmlWriter& w, const tm::Segment& seg) {
  xliff_inline::write12(w, seg);
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
  // The 1.2 schema wants a <file>, and only a <file> carries the languages: a document with
  // none (an XLIFF 2 without <file>) is written with one empty file.
  static const std::vector<tm::DocFile> kOneEmptyFile(1);
  std::size_t file_no = 0;
  for (const auto& file : doc.files.empty() ? kOneEmptyFile : doc.files) {
    ++file_no;
    w.newline(1).open("file");
    w.attr("original", file.original.empty() ? "file" + std::to_string(file_no) : file.original,
           true);
    const LangTag& tgt_lang = tm::target_lang(doc, file);
    w.attr("source-language", tm::source_lang(doc, file).str(), true);
    w.attr("target-language", tgt_lang.str());
    w.attr("datatype", "plaintext", true).close_start();
    w.newline(2).raw("<header>");
    w.newline(3).open("tool").attr("tool-id", "termbridge").attr("tool-name", "termbridge");
    w.attr("tool-version", kToolVersion).close_empty();
    w.newline(2).raw("</header>");
    w.newline(2).raw("<body>");
    std::size_t unit_no = 0;
    std::set<std::string, std::less<>> used_ids;
    for (const auto& unit : file.units) {
      ++unit_no;
      w.newline(3)
          .open("trans-unit")
          .attr("id", unique_id(unit.id.empty() ? std::to_string(unit_no) : unit.id, used_ids),
                true);
      w.close_start();
      bool segmented = unit.segments.size() > 1;
      // XLIFF 1.2 has one state per unit: the least advanced of its translated segments.
      // An untranslated segment (told by its empty <mrk>, or a target of spaces) keeps the
      // unit from every finished state: needs-review-translation when other segments are
      // translated, else needs-translation. Segments of bare tags are not rated.
      bool any_target = false;
      bool any_translatable = false;
      bool any_translated = false;
      bool any_untranslated = false;
      SegmentState least = SegmentState::final;
      SegmentState least_of_all = SegmentState::final;
      for (const auto& s : unit.segments) {
        any_target = any_target || !s.target.empty();
        least_of_all = std::min(least_of_all, s.state);
        if (!tm::is_translatable(s)) {
          continue;
        }
        any_translatable = true;
        if (tm::has_text(s.target)) {
          any_translated = true;
          least = std::min(least, s.state);
        } else {
          any_untranslated = true;
        }
      }
      if (!any_translatable) {
        least = least_of_all;
      } else if (!any_translated) {
        least = SegmentState::initial;
      } else if (any_untranslated) {
        least = SegmentState::needs_review;
      }
      // The <source> is the <mrk>s of the <seg-source> without their markers, written
      // segment by segment: codes then get the ids and pairing of their <mrk>. Written
      // joined, a code without id would get another fresh id there, and a reader (which
      // takes the <mrk>s) would write a different <source> next time.
      // Sentences are separated as their language writes them: a Japanese source or target
      // gets no space between its <mrk>s, which would become part of its text.
      const std::string_view src_sep = joins_without_space(tm::source_lang(doc, file)) ? "" : " ";
      const std::string_view tgt_sep = joins_without_space(tgt_lang) ? "" : " ";
      w.newline(4).open("source").close_start();
      for (std::size_t i = 0; i < unit.segments.size(); ++i) {
        if (i > 0) {
          w.text(src_sep);
        }
        write_inline12(w, unit.segments[i].source);
      }
      w.end("source");
      // Targets are matched to sources by mid: an id given twice in the unit (XLIFF 2 read
      // with a duplicate) would put one segment's target on another, so it gets a new one.
      std::vector<std::string> mids;
      {
        std::set<std::string> taken, used;
        for (const auto& sg : unit.segments) {
          taken.insert(sg.id);
        }
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          std::string m = unit.segments[i].id;
          if (m.empty() || used.count(m) != 0) {
            m = std::to_string(i + 1);
            while (taken.count(m) != 0 || used.count(m) != 0) {
              m += '_';
            }
          }
          used.insert(m);
          mids.push_back(std::move(m));
        }
      }
      auto mid = [&](const tm::DocSegment&, std::size_t i) { return mids[i]; };
      if (segmented) {
        w.newline(4).open("seg-source").close_start();
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          if (i > 0) {
            w.text(src_sep);
          }
          w.open("mrk").attr("mtype", "seg").attr("mid", mid(unit.segments[i], i)).close_start();
          write_inline12(w, unit.segments[i].source);
          w.end("mrk");
        }
        w.end("seg-source");
      }
      if (any_target || least != SegmentState::initial) {
        w.newline(4).open("target").attr("xml:lang", tgt_lang.str());
        w.attr("state", state_attr12(least)).close_start();
        if (segmented) {
          for (std::size_t i = 0; i < unit.segments.size(); ++i) {
            if (i > 0) {
              w.text(tgt_sep);
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
          w.newline(5).open("context").attr("context-type",
                                            std::string(kPropPrefix) + escape_space(p.type), true);
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
using Inline2 = xliff_inline::Writer2;

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

// The unit's languages beyond the file's pair (a TMX unit in more than two), which XLIFF 2
// cannot hold: a <tb:variants> extension at the start of the unit, their content in XLIFF 2
// inline markup, its original data in the unit's.
void write_other_variants(XmlWriter& w, Inline2& in, const tm::DocUnit& unit) {
  if (unit.others.empty()) {
    return;
  }
  w.newline(3).raw("<tb:variants>");
  for (const auto& v : unit.others) {
    w.newline(4).open("tb:variant").attr("xml:lang", v.lang.str(), true);
    for (const auto& a : v.attrs) {
      w.attr(a.type == "xml:lang" ? std::string("tb:tag") : "tb:" + nmtoken(a.type, "x"), a.value,
             true);
    }
    w.close_start();
    in.write(w, v.segment);
    w.end("tb:variant");
  }
  w.newline(3).raw("</tb:variants>");
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
    std::set<std::string, std::less<>> used_ids;
    if (file.units.empty()) {
      // A <file> holds at least one unit or group: an empty group, and a note saying why.
      w.newline(2).raw("<notes>").newline(3).open("note").attr("category", "termbridge");
      w.close_start().text("no translation units").end("note").newline(2).raw("</notes>");
      w.newline(2).raw("<group id=\"empty\"/>");
    }
    for (const auto& unit : file.units) {
      ++unit_no;
      w.newline(2).open("unit");
      w.attr("id", unique_id(nmtoken(unit.id, "u" + std::to_string(unit_no)), used_ids), true);
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
      Inline2 in;
      write_other_variants(w, in, unit);
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
      std::ostringstream side;
      {
        XmlWriter sw(side);
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          const auto& s = unit.segments[i];
          sw.newline(3).open("segment").attr("id", seg_id(s, i), true);
          // A target without text is no translation, whatever the state says.
          SegmentState state =
              tm::is_translatable(s) && !tm::has_text(s.target) ? SegmentState::initial : s.state;
          sw.attr("state", state_attr2(state));
          if (state == SegmentState::needs_review) {
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
    case XliffVersion::v22:
      return "2.2";
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
  auto doc = load_xml(data, name, true);  // spaces between inline codes are text
  auto root = doc.document_element();
  Reader reader{data, name, options, data.data(), {}, {}};
  if (local(root) != "xliff") {
    reader.fail(root, "expected <xliff> root element, found <" + std::string(root.name()) + ">" +
                          (local(root) == "tmx" ? "; is this a translation memory (TMX)?" : ""));
  }
  std::string v = attr(root, "version");
  std::string ns(root_namespace(root));
  XliffVersion found;
  if (v == "1.2" || v == "1.1" || v == "1.0") {
    found = XliffVersion::v12;
  } else if (v == "2.0") {
    found = XliffVersion::v20;
  } else if (v == "2.1") {
    found = XliffVersion::v21;
  } else if (v == "2.2") {
    found = XliffVersion::v22;
  } else if (v.empty() && (ns == kNs2 || ns == kNs22)) {
    found = ns == kNs2 ? XliffVersion::v20 : XliffVersion::v22;
  } else if (v.empty() && (ns.empty() || ns == kNs12 || ns == kNs11)) {
    found = XliffVersion::v12;  // XLIFF 1.0 had neither version nor namespace
  } else {
    reader.fail(root, "unsupported XLIFF version " + quoted(v) +
                          (ns.empty() ? std::string() : " in namespace " + quoted(ns)) +
                          " (expected 1.2, 2.0, 2.1 or 2.2; 1.0 and 1.1 are read as 1.2)");
  }
  if (version != nullptr) {
    *version = found;
  }
  canonical_names(root, ns, reader.renamed);
  return found == XliffVersion::v12 ? reader.read12(root) : reader.read2(root);
}

tm::Document read_xliff(std::istream& in, std::string_view name, XliffReadOptions options,
                        XliffVersion* version) {
  std::string data = text::read_whole(in, name);  // bounded; NUL bytes fail at once
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
  if (version != XliffVersion::v12) {
    for (const auto& file : document.files) {
      const LangTag& src = tm::source_lang(document, file);
      const LangTag& tgt = tm::target_lang(document, file);
      if (src != document.src_lang || tgt != document.tgt_lang) {
        throw Error(ErrorKind::invalid_argument,
                    "XLIFF 2 holds one language pair, but file " + quoted(file.original) + " is " +
                        src.str() + " -> " + tgt.str() + " and the document " +
                        document.src_lang.str() + " -> " + document.tgt_lang.str() +
                        "; keep one pair (--src-lang, --tgt-lang) or write XLIFF 1.2");
      }
    }
  }
  if (version == XliffVersion::v22) {
    throw Error(ErrorKind::invalid_argument,
                "termbridge reads XLIFF 2.2 but writes 1.2, 2.0 and 2.1; write 2.1");
  }
  XmlWriter w(out);
  if (version == XliffVersion::v12) {
    write12(w, document);
  } else {
    write2(w, document, version);
  }
}

}  // namespace termbridge::io
