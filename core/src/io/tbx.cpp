// TBX v2 (ISO 30042:2008, <martif>) and TBX v3 (ISO 30042:2019, <tbx>, DCA or DCT style) term
// bases. Both versions share one reader: v3 renamed termEntry/langSet/tig to
// conceptEntry/langSec/termSec but kept the data categories. DCA names a data category in a
// type attribute (<termNote type="partOfSpeech">), DCT in an element of a dialect namespace
// (<min:partOfSpeech>); the reader takes either wherever it stands.

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include <pugixml.hpp>

#include "io/termbase_builder.hpp"
#include "io/xml_util.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/ascii.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::io {

namespace {

using glossary::TermStatus;
using glossary::TermType;

constexpr const char* kTbx3Namespace = "urn:iso:std:iso:30042:ed-2";
// The TBX-Min and TBX-Basic modules, whose elements DCT files use (TBX-Basic includes Min).
constexpr const char* kMinNamespace = "http://www.tbxinfo.net/ns/min";
constexpr const char* kBasicNamespace = "http://www.tbxinfo.net/ns/basic";

// The local name of an element, without a namespace prefix.
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(const pugi::xml_node& n, std::string_view name) {
  return n.type() == pugi::node_element && local_name(n) == name;
}

// The namespace URI bound to the prefix of an element name ("" for no prefix or an unbound one).
std::string_view namespace_of(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  if (colon == std::string_view::npos) {
    return {};
  }
  std::string attr = "xmlns:" + std::string(name.substr(0, colon));
  for (auto a = n; a; a = a.parent()) {
    if (auto v = a.attribute(attr.c_str())) {
      return v.value();
    }
  }
  return {};
}

// True for an element of TBX's own vocabulary (no prefix, or a prefix bound to the TBX v3
// namespace), as opposed to a DCT data-category element or a vendor's.
bool is_core(const pugi::xml_node& n) {
  std::string_view name = n.name();
  return name.find(':') == std::string_view::npos || namespace_of(n) == kTbx3Namespace;
}

// The data category an element holds: the type of a core <descrip>, <termNote> or <admin>
// (DCA), or the local name of a prefixed element outside the TBX namespace (DCT). Empty for
// anything else, which includes vendor elements without a prefix (InterpretBank's <extra1>).
std::string_view data_category(const pugi::xml_node& n) {
  if (n.type() != pugi::node_element) {
    return {};
  }
  if (is_core(n)) {
    std::string_view ln = local_name(n);
    if (ln == "descrip" || ln == "termNote" || ln == "admin") {
      // Trimmed, so that type="administrativeStatus " (a line break in the attribute) is
      // read as the category it names and not kept as another one that writes back as it.
      std::string_view type = n.attribute("type").value();
      std::string_view trimmed = trim(type);
      return trimmed.empty() ? type : trimmed;
    }
    return {};
  }
  return local_name(n);
}

// All text inside an element, inline markup (<hi>, <ph> ...) included, trimmed. Recursive:
// load_xml refuses a document nested deeper than kMaxXmlDepth, which bounds the stack.
std::string all_text(const pugi::xml_node& n) {
  std::string out;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (it->type() == pugi::node_pcdata || it->type() == pugi::node_cdata) {
      out += it->value();
    } else if (it->type() == pugi::node_element) {
      out += all_text(*it);
    }
  }
  return std::string(trim(out));
}

// TBX-Default and TBX-Basic status values, with or without the "-admn-sts" suffix, and the
// older normativeAuthorization values.
std::optional<TermStatus> tbx_status(std::string_view value) {
  if (auto s = glossary::parse_term_status(value)) {
    return s;
  }
  std::string v = text::ascii_lower(trim(value));
  if (v.size() > 9 && v.compare(v.size() - 9, 9, "-admn-sts") == 0) {
    v.resize(v.size() - 9);
  }
  if (v.size() > 4 && v.compare(v.size() - 4, 4, "term") == 0) {
    v.resize(v.size() - 4);
  }
  if (v == "preferred" || v == "standardized" || v == "legal" || v == "regulated") {
    return TermStatus::preferred;
  }
  if (v == "admitted") {
    return TermStatus::admitted;
  }
  if (v == "deprecated" || v == "notrecommended" || v == "obsolete") {
    return TermStatus::deprecated;
  }
  if (v == "superseded" || v == "forbidden") {
    return TermStatus::forbidden;
  }
  return std::nullopt;
}

std::optional<TermType> tbx_type(std::string_view value) {
  if (auto t = glossary::parse_term_type(value)) {
    return t;
  }
  std::string v = text::ascii_lower(trim(value));
  if (v == "abbreviatedform" || v == "initialism") {
    return TermType::abbreviation;
  }
  if (v == "shortcut" || v == "clippedterm") {
    return TermType::short_form;
  }
  return std::nullopt;
}

class TbxReader {
 public:
  TbxReader(std::string_view data, std::string_view name, const TermBaseReadOptions& options)
      : data_(data), name_(name), builder_(options) {}

  glossary::TermBase read() {
    pugi::xml_document doc = load_xml(data_, name_);
    pugi::xml_node root = doc.document_element();
    if (!root) {
      throw Error(ErrorKind::parse, "no root element; expected <martif> (TBX v2) or <tbx> (TBX v3)",
                  SourceLocation{std::string(name_), 1, 1});
    }
    std::string_view rn = local_name(root);
    if (rn == "martif") {
      v3_ = false;
    } else if (rn == "tbx") {
      v3_ = true;
      check_v3_root(root);
    } else {
      throw Error(ErrorKind::parse,
                  "expected <martif> (TBX v2) or <tbx> (TBX v3) root element, found <" +
                      std::string(root.name()) + ">" + root_hint(root),
                  where(root));
    }
    pugi::xml_node header = child(root, v3_ ? "tbxHeader" : "martifHeader");
    pugi::xml_node file_desc = child(header, "fileDesc");
    std::string title = all_text(child(child(file_desc, "titleStmt"), "title"));
    std::string source_desc;
    for (auto sd : file_desc.children()) {
      if (!is(sd, "sourceDesc")) {
        continue;
      }
      for (auto p : sd.children()) {
        if (is(p, "p")) {
          source_desc += source_desc.empty() ? "" : "\n";
          source_desc += all_text(p);
        }
      }
    }
    pugi::xml_node text = child(root, "text");
    if (!text) {
      throw Error(
          ErrorKind::parse,
          std::string("<") + root.name() + "> has no <text> element; expected " +
              (v3_ ? "<tbx><tbxHeader/><text><body>" : "<martif><martifHeader/><text><body>"),
          where(root));
    }
    std::size_t ordinal = 0;
    for (auto entry : child(text, "body").children()) {
      if (is(entry, v3_ ? "conceptEntry" : "termEntry")) {
        read_entry(entry, ++ordinal);
      } else if (is(entry, v3_ ? "termEntry" : "conceptEntry")) {
        throw Error(ErrorKind::parse,
                    std::string("found <") + entry.name() + "> in a TBX " + (v3_ ? "v3" : "v2") +
                        " file; expected <" + (v3_ ? "conceptEntry" : "termEntry") +
                        "> (mixed TBX versions)",
                    where(entry));
      }
    }
    glossary::TermBase tb = builder_.finish(std::move(title), std::move(source_desc));
    // The root's language as written, so that even an empty term base keeps it ("en-US").
    std::string_view root_lang = trim(root.attribute("xml:lang").value());
    if (auto tag = LangTag::try_parse(root_lang)) {
      tb.source_lang = tag->str();
    } else {
      tb.source_lang = std::string(root_lang);
    }
    return tb;
  }

 private:
  static pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
    for (auto c : n.children()) {
      if (is(c, name)) {
        return c;
      }
    }
    return {};
  }

  // Every entry and term records where it came from, so lines are found by binary search
  // over the line starts, not by scanning from the top each time.
  SourceLocation where(const pugi::xml_node& n) {
    auto signed_off = n.offset_debug();
    if (signed_off < 0) {
      return SourceLocation{std::string(name_)};
    }
    auto off = std::min(static_cast<std::size_t>(signed_off), data_.size());
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (std::size_t i = 0; i < data_.size(); ++i) {
        if (data_[i] == '\n') {
          line_starts_.push_back(i + 1);
        }
      }
    }
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    std::size_t start = line_starts_[line - 1];
    std::uint64_t column = 1;
    for (std::size_t i = start; i < off; ++i) {
      if ((static_cast<unsigned char>(data_[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    return SourceLocation{std::string(name_), line, column, off};
  }

  static std::string root_hint(const pugi::xml_node& root) {
    std::string r = text::ascii_lower(local_name(root));
    if (r == "tmx") {
      return "; is this a translation memory? (read it with termbridge tm import)";
    }
    if (r == "xliff") {
      return "; is this an XLIFF file? (term bases are TBX, CSV or TSV)";
    }
    if (r == "mtf") {
      return "; this is MultiTerm XML: export the term base as TBX from MultiTerm";
    }
    if (local_name(root) == "TBX") {
      return "; this is TBX-Min (2015), a different dialect: export as TBX-Basic";
    }
    return "";
  }

  void check_v3_root(const pugi::xml_node& root) {
    std::string_view style = root.attribute("style").value();
    std::string_view type = root.attribute("type").value();
    if (!style.empty() && style != "dca" && style != "dct") {
      throw Error(ErrorKind::parse,
                  "unknown TBX v3 style " + quoted(style) + " (expected \"dca\" or \"dct\")",
                  where(root));
    }
    if (!type.empty() && type.substr(0, 4) != "TBX-") {
      throw Error(ErrorKind::parse,
                  "unknown TBX v3 dialect " + quoted(type) +
                      " (expected type=\"TBX-Basic\", \"TBX-Core\" or \"TBX-Min\")",
                  where(root));
    }
    std::string_view ns = root.attribute("xmlns").value();
    if (!ns.empty() && ns != kTbx3Namespace) {
      throw Error(ErrorKind::parse,
                  "<tbx> in namespace " + quoted(ns) + "; expected " + quoted(kTbx3Namespace),
                  where(root));
    }
  }

  std::optional<LangTag> lang_of(const pugi::xml_node& n) {
    std::string_view v = n.attribute("xml:lang").value();
    if (v.empty()) {
      v = n.attribute("lang").value();
    }
    if (v.empty()) {
      builder_.bad(where(n), std::string("<") + n.name() + "> has no xml:lang; skipped");
      return std::nullopt;
    }
    auto tag = LangTag::try_parse(trim(v));
    if (!tag) {
      builder_.bad(where(n), "bad language tag " + quoted(v) +
                                 " (expected BCP 47, e.g. en, "
                                 "ko, en-US); skipped");
    }
    return tag;
  }

  // A descrip, note or admin at concept level (`lang` null) or in a langSet. A definition or
  // note in a langSet, or one carrying its own xml:lang, belongs to that language.
  void read_aux(const pugi::xml_node& n, std::size_t c, const LangTag* lang) {
    std::optional<LangTag> own;
    if (!lang && n.attribute("xml:lang")) {
      own = LangTag::try_parse(trim(n.attribute("xml:lang").value()));
      lang = own ? &*own : nullptr;
    }
    if (is_core(n) && is(n, "descripGrp")) {
      for (auto d : n.children()) {
        if (!is_core(d) || is(d, "descrip")) {
          read_aux(d, c, lang);
        }
      }
      return;
    }
    if (is_core(n) && is(n, "note")) {
      std::string v = all_text(n);
      if (lang) {
        builder_.add_language_note(c, *lang, std::move(v));
      } else {
        builder_.add_note(c, std::move(v));
      }
      return;
    }
    std::string_view category = data_category(n);
    if (category == "definition") {
      if (lang) {
        builder_.set_language_definition(c, *lang, all_text(n), where(n));
      } else {
        builder_.set_definition(c, all_text(n), where(n));
      }
    } else if (category == "subjectField") {
      builder_.set_domain(c, all_text(n), where(n));
    } else if (!lang && !category.empty() && (is(n, "descrip") || !is_core(n))) {
      // Always a <descrip> here (DCT too), so its element need not be recorded.
      builder_.add_description(c, std::string(category), all_text(n));
    }
  }

  void read_entry(const pugi::xml_node& entry, std::size_t ordinal) {
    std::string id(trim(entry.attribute("id").value()));
    if (id.empty()) {
      id = "c" + std::to_string(ordinal);
    }
    std::size_t c = builder_.concept_index(id);
    for (auto n : entry.children()) {
      if (is(n, v3_ ? "langSec" : "langSet")) {
        auto lang = lang_of(n);
        if (!lang) {
          continue;
        }
        for (auto ts : n.children()) {
          if (is(ts, v3_ ? "termSec" : "tig")) {
            read_term(ts, ts, *lang, c);
          } else if (!v3_ && is(ts, "ntig")) {
            read_term(child(ts, "termGrp"), ts, *lang, c);
          } else {
            read_aux(ts, c, &*lang);
          }
        }
      } else {
        read_aux(n, c, nullptr);
      }
    }
  }

  static void add_extra(glossary::Term& term, std::string_view type, std::string value,
                        std::string_view element) {
    if (value.empty()) {
      return;
    }
    // Trimmed as a table's header is: "termId " would be another column name there.
    std::string_view trimmed = trim(type);
    glossary::Description d{std::string(trimmed.empty() ? type : trimmed), std::move(value),
                            std::string(element)};
    if (std::find(term.extra.begin(), term.extra.end(), d) == term.extra.end()) {
      term.extra.push_back(std::move(d));
    }
  }

  // `grp` holds term and termNotes (tig, termSec, or ntig's termGrp); `outer` the rest.
  void read_term(const pugi::xml_node& grp, const pugi::xml_node& outer, const LangTag& lang,
                 std::size_t c) {
    pugi::xml_node term_node = child(grp, "term");
    glossary::Term term;
    term.text = text::normalize(all_text(term_node), text::NormalForm::nfc);
    term.lang = lang;
    if (!term_node) {
      builder_.bad(where(grp), std::string("<") + grp.name() + "> has no <term>; skipped");
      return;
    }
    if (term.text.empty()) {
      // Glossary tools export a language they have no term for as <term></term>. It is kept,
      // so that converting the file keeps its shape, but nothing takes it for a translation.
      builder_.note(where(term_node), "empty <term> in the " + lang.str() + " section of entry " +
                                          quoted(builder_.concept_id(c)) +
                                          "; kept empty, never used as a term");
    }
    auto read_notes = [&](const pugi::xml_node& holder) {
      for (auto n : holder.children()) {
        pugi::xml_node tn = n;
        if (is(n, "termNoteGrp")) {
          tn = {};
          for (auto k : n.children()) {
            if (!data_category(k).empty()) {
              tn = k;
              break;
            }
          }
        }
        std::string_view type = data_category(tn);
        if (!type.empty()) {
          std::string value = all_text(tn);
          if (is_core(tn) && !is(tn, "termNote")) {
            // A term-level <descrip> or <admin>: kept as it is.
            add_extra(term, type, value, local_name(tn));
          } else if (type == "termType") {
            term.type = tbx_type(value).value_or(TermType::unspecified);
          } else if (type == "administrativeStatus" || type == "normativeAuthorization") {
            if (auto s = tbx_status(value)) {
              term.status = *s;
            } else {
              builder_.bad(where(tn), "unknown " + std::string(type) + " " + quoted(value) +
                                          " (expected preferredTerm-admn-sts, "
                                          "admittedTerm-admn-sts, deprecatedTerm-admn-sts or "
                                          "supersededTerm-admn-sts)");
            }
          } else if (type == "partOfSpeech") {
            term.part_of_speech = value;
          } else {
            add_extra(term, type, value, is_core(tn) ? "termNote" : "");
          }
        } else if (is_core(n) && is(n, "note")) {
          std::string v = all_text(n);
          if (!v.empty()) {
            term.note += term.note.empty() ? v : "; " + v;
          }
        }
      }
    };
    read_notes(grp);
    if (outer != grp) {
      read_notes(outer);
    }
    builder_.add_term(c, std::move(term), where(term_node));
  }

  std::string_view data_;
  std::string_view name_;
  TermBaseBuilder builder_;
  bool v3_ = false;
  std::vector<std::size_t> line_starts_;
};

std::string xml_id(std::string_view id) {
  if (is_xml_name(id)) {
    return std::string(id);
  }
  std::string out = "_";
  for (char ch : id) {
    auto c = static_cast<unsigned char>(ch);
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c >= 0x80;
    out += ok ? ch : '_';
  }
  return out;
}

void add_text(pugi::xml_node parent, const char* name, std::string_view value) {
  parent.append_child(name).append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
}

pugi::xml_node add_typed(pugi::xml_node parent, const char* name, const char* type,
                         std::string_view value) {
  auto n = parent.append_child(name);
  n.append_attribute("type") = type;
  n.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
  return n;
}

std::string_view tbx_status_value(TermStatus s) {
  switch (s) {
    case TermStatus::preferred:
      return "preferredTerm-admn-sts";
    case TermStatus::admitted:
      return "admittedTerm-admn-sts";
    case TermStatus::deprecated:
      return "deprecatedTerm-admn-sts";
    case TermStatus::forbidden:
      return "supersededTerm-admn-sts";
    case TermStatus::unspecified:
      break;
  }
  return "";
}

}  // namespace

glossary::TermBase read_tbx(std::string_view data, std::string_view source_name,
                            const TermBaseReadOptions& options) {
  // pugixml would take a windows-1254 or EUC-KR file for UTF-8 and pass its bytes through:
  // decode by the byte-order mark and the XML declaration first.
  std::string text = text::decode_xml(data, source_name);
  return TbxReader(text, source_name, options).read();
}

void write_tbx(const glossary::TermBase& tb, std::ostream& out, bool v3,
               const TermBaseWriteOptions& options) {
  const bool dct = v3 && options.tbx_dct;
  auto langs = tb.languages();
  std::string root_lang = options.src_lang;
  if (root_lang.empty()) {
    root_lang = tb.source_lang;
  }
  if (root_lang.empty()) {
    root_lang = langs.empty() ? "en" : langs[0].str();
    for (const auto& l : langs) {
      if (l.language() == "en") {
        root_lang = l.str();
      }
    }
  }
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child(v3 ? "tbx" : "martif");
  if (v3) {
    root.append_attribute("xmlns") = kTbx3Namespace;
    if (dct) {
      root.append_attribute("xmlns:min") = kMinNamespace;
      root.append_attribute("xmlns:basic") = kBasicNamespace;
    }
    root.append_attribute("type") = "TBX-Basic";
    root.append_attribute("style") = dct ? "dct" : "dca";
  } else {
    root.append_attribute("type") = "TBX";
  }
  root.append_attribute("xml:lang") = root_lang.c_str();
  auto header = root.append_child(v3 ? "tbxHeader" : "martifHeader");
  auto file_desc = header.append_child("fileDesc");
  if (!tb.title.empty()) {
    add_text(file_desc.append_child("titleStmt"), "title", tb.title);
  }
  auto source_desc = file_desc.append_child("sourceDesc");
  std::string sd = tb.source_desc.empty() ? "written by termbridge" : tb.source_desc;
  std::size_t start = 0;
  while (start <= sd.size()) {
    auto nl = sd.find('\n', start);
    // One <p> per line, trimmed as reading trims each <p>: a line's edge spaces are not
    // kept by TBX either way, and written they would change on the next round.
    add_text(source_desc, "p",
             trim(std::string_view(sd).substr(start, nl == std::string::npos ? nl : nl - start)));
    if (nl == std::string::npos) {
      break;
    }
    start = nl + 1;
  }
  if (!v3) {
    add_typed(header.append_child("encodingDesc"), "p", "XCSURI", "TBXXCSV02.xcs");
  }
  // A data category: <descrip type="definition"> (DCA) or <basic:definition> (DCT). In DCT,
  // TBX-Basic takes subjectField, administrativeStatus and partOfSpeech from the Min module.
  // A kept data category goes back in its element; from DCT or CSV, by what the type is.
  auto element_of = [](const glossary::Description& d, bool term_level) -> const char* {
    if (d.element == "descrip" || d.element == "admin" || d.element == "termNote") {
      return d.element == "descrip" ? "descrip" : d.element == "admin" ? "admin" : "termNote";
    }
    std::string_view t = d.type;
    if (t == "customerSubset" || t == "projectSubset" || t == "source" || t == "responsibility" ||
        t == "sourceIdentifier") {
      return "admin";
    }
    if (!term_level || t == "context" || t == "example" || t == "explanation" ||
        t == "definition") {
      return "descrip";
    }
    return "termNote";
  };
  auto category = [&](pugi::xml_node parent, const char* dca_element, const char* type,
                      std::string_view value) {
    if (!dct || !is_xml_name(type)) {
      return add_typed(parent, dca_element, type, value);
    }
    std::string_view t(type);
    bool min = t == "subjectField" || t == "administrativeStatus" || t == "partOfSpeech" ||
               t == "customerSubset";
    std::string name = std::string(min ? "min:" : "basic:") + type;
    auto n = parent.append_child(name.c_str());
    n.append_child(pugi::node_pcdata).set_value(std::string(value).c_str());
    return n;
  };
  auto text_node = root.append_child("text");
  // TBX v3 requires one entry in a <body> but allows <text> without one.
  auto body = v3 && tb.empty() ? pugi::xml_node() : text_node.append_child("body");
  // Two ids made into one XML name ("(" and "'" both "__") would merge their concepts on
  // reading: refuse instead.
  std::map<std::string, std::string_view> written_ids;
  for (const auto& c : tb.concepts()) {
    if (c.terms.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "concept " + quoted(c.id) + " has no terms; TBX needs at least one per entry");
    }
    auto [at, fresh] = written_ids.emplace(xml_id(c.id), c.id);
    if (!fresh) {
      throw Error(ErrorKind::invalid_argument,
                  "concepts " + quoted(at->second) + " and " + quoted(c.id) +
                      " would both be TBX entry " + quoted(at->first) +
                      " (TBX ids are XML names); give one of them another id");
    }
    auto entry = body.append_child(v3 ? "conceptEntry" : "termEntry");
    entry.append_attribute("id") = at->first.c_str();
    if (!c.domain.empty()) {
      category(entry, "descrip", "subjectField", c.domain);
    }
    if (!c.definition.empty()) {
      category(entry, "descrip", "definition", c.definition);
    }
    for (const auto& d : c.descriptions) {
      category(entry, element_of(d, false), d.type.c_str(), d.text);
    }
    for (const auto& n : c.notes) {
      add_text(entry, "note", n);
    }
    // Languages in order of first appearance, each with its terms in order.
    std::vector<LangTag> order;
    for (const auto& t : c.terms) {
      if (std::find(order.begin(), order.end(), t.lang) == order.end()) {
        order.push_back(t.lang);
      }
    }
    // A language with a definition or note but no term cannot have a langSet (it needs a
    // term): its data stays at entry level, marked with its language.
    for (const auto& info : c.languages) {
      if (std::find(order.begin(), order.end(), info.lang) != order.end()) {
        continue;
      }
      if (!info.definition.empty()) {
        category(entry, "descrip", "definition", info.definition).append_attribute("xml:lang") =
            info.lang.str().c_str();
      }
      for (const auto& n : info.notes) {
        auto note = entry.append_child("note");
        note.append_attribute("xml:lang") = info.lang.str().c_str();
        note.append_child(pugi::node_pcdata).set_value(n.c_str());
      }
    }
    for (const auto& lang : order) {
      auto ls = entry.append_child(v3 ? "langSec" : "langSet");
      ls.append_attribute("xml:lang") = lang.str().c_str();
      if (const auto* info = c.language_info(lang)) {
        if (!info->definition.empty()) {
          category(ls, "descrip", "definition", info->definition);
        }
        for (const auto& n : info->notes) {
          add_text(ls, "note", n);
        }
      }
      for (const auto& t : c.terms) {
        if (t.lang != lang) {
          continue;
        }
        auto ts = ls.append_child(v3 ? "termSec" : "tig");
        add_text(ts, "term", t.text);
        if (t.type != TermType::unspecified) {
          category(ts, "termNote", "termType", glossary::to_string(t.type));
        }
        if (t.status != TermStatus::unspecified) {
          category(ts, "termNote", "administrativeStatus", tbx_status_value(t.status));
        }
        if (!t.part_of_speech.empty()) {
          category(ts, "termNote", "partOfSpeech", t.part_of_speech);
        }
        // termNotes first: the core structure wants them before descrip, admin and note.
        for (const auto& e : t.extra) {
          if (std::string_view(element_of(e, true)) == "termNote") {
            category(ts, "termNote", e.type.c_str(), e.text);
          }
        }
        for (const auto& e : t.extra) {
          if (std::string_view(element_of(e, true)) != "termNote") {
            category(ts, element_of(e, true), e.type.c_str(), e.text);
          }
        }
        if (!t.note.empty()) {
          add_text(ts, "note", t.note);
        }
      }
    }
  }
  check_writable(doc);  // pugixml would write &#27;, which no XML 1.0 reader accepts
  // pugixml writes a CR in text as it is, and a reader's line-end handling makes it an LF:
  // a character reference survives. (Attributes get &#13; from pugixml already.)
  struct CrEscaping : pugi::xml_writer {
    std::ostream& out;
    explicit CrEscaping(std::ostream& o) : out(o) {}
    void write(const void* data, std::size_t size) override {
      std::string_view s(static_cast<const char*>(data), size);
      for (std::size_t cr; (cr = s.find('\r')) != std::string_view::npos; s.remove_prefix(cr + 1)) {
        out.write(s.data(), static_cast<std::streamsize>(cr));
        out << "&#13;";
      }
      out.write(s.data(), static_cast<std::streamsize>(s.size()));
    }
  } writer(out);
  doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
}

namespace {

// The whitespace before byte `pos` on its line, or nullopt when text precedes it there.
std::optional<std::string> indent_before(std::string_view data, std::size_t pos) {
  std::size_t start = pos;
  while (start > 0 && data[start - 1] != '\n') {
    --start;
  }
  std::string_view ws = data.substr(start, pos - start);
  if (ws.find_first_not_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(ws);
}

// One past the '>' that ends the element whose start tag begins at byte `start` of the
// well-formed `data`, or npos. The markup is scanned, not searched for "</name": a closing
// tag inside a comment, processing instruction or CDATA section is text, and taking it for
// the end once cut an entry short and turned the rest of a comment into entries.
std::size_t element_end(std::string_view data, std::size_t start) {
  constexpr auto npos = std::string_view::npos;
  auto past = [&](std::string_view end, std::size_t from) {
    auto at = data.find(end, from);
    return at == npos ? npos : at + end.size();
  };
  std::size_t depth = 0;
  std::size_t pos = start;
  while (pos < data.size()) {
    pos = data.find('<', pos);
    if (pos == npos) {
      break;
    }
    std::string_view rest = data.substr(pos);
    if (rest.starts_with("<!--")) {
      pos = past("-->", pos + 4);
    } else if (rest.starts_with("<?")) {
      pos = past("?>", pos + 2);
    } else if (rest.starts_with("<![CDATA[")) {
      pos = past("]]>", pos + 9);
    } else if (rest.starts_with("<!")) {
      return npos;  // no other declaration belongs inside an element
    } else if (rest.starts_with("</")) {
      pos = past(">", pos + 2);
      if (depth <= 1) {
        return pos;
      }
      --depth;
    } else {
      // A start tag; a quoted attribute value may hold '>'.
      char quote = 0;
      std::size_t i = pos + 1;
      for (; i < data.size(); ++i) {
        char c = data[i];
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (i >= data.size()) {
        return npos;
      }
      pos = i + 1;
      if (data[i - 1] != '/') {
        ++depth;
      } else if (depth == 0) {
        return pos;
      }
    }
  }
  return npos;
}

// One entry written the way write_tbx writes it, re-indented to `indent`.
std::string entry_text(const glossary::Concept& c, bool v3, bool dct, const std::string& indent,
                       const std::string& eol) {
  glossary::TermBase one;
  one.add(c);
  std::ostringstream out;
  TermBaseWriteOptions options;
  options.tbx_dct = dct;
  write_tbx(one, out, v3, options);
  std::string all = out.str();
  std::string open = v3 ? "<conceptEntry" : "<termEntry";
  std::string close = v3 ? "</conceptEntry>" : "</termEntry>";
  auto b = all.find(open);
  // An entry with nothing in it is written as an empty element (<conceptEntry id="x"/>).
  auto e = all.find(close, b);
  e = e == std::string::npos ? all.find("/>", b) + 2 : e + close.size();
  // write_tbx indents entries by six spaces (tbx > text > body > entry).
  std::string_view block(all.data() + b, e - b);
  std::string text;
  std::size_t pos = 0;
  bool first = true;
  while (pos <= block.size()) {
    auto nl = block.find('\n', pos);
    std::string_view line = block.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!first) {
      // A line of markup starts with a tag after pugixml's indentation, which is replaced by
      // the file's. Any other line continues a text with line breaks (a note, a definition:
      // '<' in text is written &lt;) and is the text itself: kept as it is.
      std::size_t tag = line.find_first_not_of(' ');
      if (tag != std::string_view::npos && line[tag] == '<') {
        text += eol + indent;
        line.remove_prefix(std::min<std::size_t>(6, tag));
      } else {
        text += eol;
      }
    }
    text.append(line);
    first = false;
    if (nl == std::string_view::npos) {
      break;
    }
    pos = nl + 1;
  }
  return text;
}

}  // namespace

std::string edit_tbx(std::string_view data, std::string_view source_name, std::string_view id,
                     const glossary::Concept* replacement) {
  // A term or language section without a language would be written as a <langSec> (or
  // <langSet>) without xml:lang, which does not read back: refused before anything is done.
  if (replacement) {
    auto refuse = [&](const std::string& what) {
      throw Error(ErrorKind::invalid_argument, "the entry " + quoted(replacement->id) +
                                                   " cannot be written to " + quoted(source_name) +
                                                   ": " + what + " has no language");
    };
    for (const auto& t : replacement->terms) {
      if (t.lang.empty()) {
        refuse("its term " + quoted(t.text));
      }
    }
    for (const auto& info : replacement->languages) {
      if (info.lang.empty()) {
        refuse("a definition or note of one of its languages");
      }
    }
  }
  // Entries are spliced in as UTF-8: the file must be UTF-8 (with or without a BOM).
  std::string_view unmarked = data.substr(0, 3) == "\xEF\xBB\xBF" ? data.substr(3) : data;
  if (text::decode_xml(data, source_name) != unmarked) {
    throw Error(ErrorKind::invalid_argument,
                "editing in place needs a UTF-8 file; " + quoted(source_name) +
                    " is in another encoding: convert it first (glossary convert)");
  }
  // Check the whole file first: it must read as a term base.
  read_tbx(data, source_name, {});
  pugi::xml_document doc = load_xml(data, source_name);
  pugi::xml_node root = doc.document_element();
  bool v3 = local_name(root) == "tbx";
  // New entries follow the file's style; a DCT file's prefixes are declared on its root.
  bool dct = v3 && std::string_view(root.attribute("style").value()) == "dct";
  std::string eol = data.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  auto new_entry = [&](const std::string& indent) {
    std::string text = entry_text(*replacement, v3, dct, indent, eol);
    for (auto [prefix, uri] : {std::pair{"min", kMinNamespace}, {"basic", kBasicNamespace}}) {
      std::string decl = std::string("xmlns:") + prefix;
      if (text.find(std::string("<") + prefix + ":") != std::string::npos &&
          root.attribute(decl.c_str()).value() != std::string_view(uri)) {
        throw Error(ErrorKind::invalid_argument, "the new entry needs the prefix " +
                                                     quoted(prefix) + " bound to " + quoted(uri) +
                                                     " on the root of " + quoted(source_name) +
                                                     "; declare it there, or convert the file");
      }
    }
    return text;
  };
  pugi::xml_node body;
  for (auto t : root.children()) {
    if (is(t, "text")) {
      for (auto b : t.children()) {
        if (is(b, "body")) {
          body = b;
        }
      }
    }
  }
  auto start_of = [&](const pugi::xml_node& n) {
    auto off = static_cast<std::size_t>(n.offset_debug());
    while (off > 0 && data[off] != '<') {
      --off;
    }
    return off;
  };
  auto end_of = [&](const pugi::xml_node& n, std::size_t start) {
    std::size_t end = element_end(data, start);
    if (end == std::string_view::npos) {
      std::string what = trim(n.attribute("id").value()).empty()
                             ? std::string("<") + n.name() + ">"
                             : "the entry " + quoted(trim(n.attribute("id").value()));
      throw Error(ErrorKind::invalid_argument,
                  what + " of " + quoted(source_name) +
                      " cannot be edited in place: its end tag was not found; convert the "
                      "file first (glossary convert)");
    }
    return end;
  };
  std::string xid = xml_id(id);
  std::string out;
  std::optional<std::string> last_indent;
  bool found = false;
  std::size_t copied = 0;
  for (auto entry : body.children()) {
    if (!is(entry, v3 ? "conceptEntry" : "termEntry")) {
      continue;
    }
    std::size_t b = start_of(entry);
    last_indent = indent_before(data, b);
    if (trim(entry.attribute("id").value()) != xid && trim(entry.attribute("id").value()) != id) {
      continue;
    }
    std::size_t e = end_of(entry, b);
    auto indent = indent_before(data, b);
    if (replacement) {
      out.append(data.substr(copied, b - copied));
      if (!found) {
        out += new_entry(indent.value_or(""));
      }
      copied = e;
    } else {
      // Remove the whole line(s) when the entry stands on lines of its own.
      std::size_t lb = indent ? b - indent->size() : b;
      std::size_t le = e;
      std::size_t after = data.find_first_not_of(" \t", e);
      if (indent && after != std::string_view::npos && data.substr(after, eol.size()) == eol) {
        le = after + eol.size();
      }
      out.append(data.substr(copied, lb - copied));
      copied = le;
    }
    found = true;
  }
  if (found) {
    out.append(data.substr(copied));
    return out;
  }
  if (!replacement) {
    throw Error(ErrorKind::invalid_argument,
                "no concept " + quoted(id) + " in " + quoted(source_name));
  }
  if (!body) {
    throw Error(ErrorKind::invalid_argument,
                quoted(source_name) + " has no <body> to add a concept to");
  }
  std::size_t bb = start_of(body);
  auto body_indent = indent_before(data, bb).value_or("");
  std::string indent = last_indent.value_or(body_indent + "  ");
  std::string entry = new_entry(indent);
  std::size_t be = end_of(body, bb);
  if (data[be - 2] == '/') {
    // <body/>: open it.
    out.assign(data.substr(0, bb));
    out += std::string("<") + body.name() + ">" + eol + indent + entry + eol + body_indent + "</" +
           body.name() + ">";
    out.append(data.substr(be));
    return out;
  }
  std::size_t close = data.rfind(std::string("</") + body.name(), be);
  auto close_indent = indent_before(data, close);
  if (close_indent) {
    std::size_t line_start = close - close_indent->size();
    out.assign(data.substr(0, line_start));
    out += indent + entry + eol;
    out.append(data.substr(line_start));
  } else {
    out.assign(data.substr(0, close));
    out += eol + indent + entry + eol;
    out.append(data.substr(close));
  }
  return out;
}

}  // namespace termbridge::io
