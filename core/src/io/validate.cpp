#include "termbridge/io/validate.hpp"

#include <iterator>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "io/xml_util.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/bilingual.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::io {

namespace {

void problem(ValidationReport& r, SourceLocation where, std::string message) {
  r.problems.push_back({std::move(where), std::move(message)});
}

void validate_tmx(std::istream& in, const std::string& name, ValidationReport& r) {
  Diagnostics diags;
  TmxReadOptions options;
  options.on_bad_entry = OnBadEntry::warn;
  options.diagnostics = &diags;
  try {
    TmxReader reader(in, name, options);
    const auto& h = reader.header();
    r.version = h.version;
    SourceLocation file_only{name, 0, 0};
    if (h.version.empty()) {
      problem(r, file_only, "<tmx> has no version attribute (expected version=\"1.4\")");
    } else if (h.version != "1.4" && h.version != "1.3" && h.version != "1.2" &&
               h.version != "1.1") {
      problem(r, file_only, "unknown TMX version " + quoted(h.version) + " (expected 1.1-1.4)");
    }
    const std::pair<const std::string*, const char*> required[] = {
        {&h.creation_tool, "creationtool"}, {&h.creation_tool_version, "creationtoolversion"},
        {&h.seg_type, "segtype"},           {&h.o_tmf, "o-tmf"},
        {&h.admin_lang, "adminlang"},       {&h.data_type, "datatype"},
    };
    for (const auto& [value, attr] : required) {
      if (value->empty()) {
        problem(r, file_only,
                std::string("<header> has no ") + attr + " attribute (required by TMX 1.4)");
      }
    }
    if (!h.seg_type.empty() && h.seg_type != "sentence" && h.seg_type != "paragraph" &&
        h.seg_type != "phrase" && h.seg_type != "block") {
      problem(r, file_only,
              "<header> segtype " + quoted(h.seg_type) +
                  " is not one of sentence, paragraph, phrase, block");
    }
    tm::TranslationUnit unit;
    std::set<std::string> ids;
    while (reader.next(unit)) {
      ++r.units;
      if (!unit.id.empty() && !ids.insert(unit.id).second) {
        problem(r, file_only, "tuid " + quoted(unit.id) + " is used twice");
      }
      std::set<std::string> langs;
      for (const auto& v : unit.variants) {
        if (!langs.insert(v.lang.str()).second) {
          problem(r, file_only,
                  "<tu tuid=" + quoted(unit.id) + "> has two <tuv> in " + quoted(v.lang.str()));
        }
      }
    }
  } catch (const Error& e) {
    problem(r, e.where(), e.message());
  }
  for (const auto& d : diags.items()) {
    std::string m = d.message;
    if (auto p = m.rfind("; skipped"); p != std::string::npos && p + 9 == m.size()) {
      m.erase(p);
    }
    problem(r, d.where, m);
  }
}

void validate_xliff(const std::string& data, const std::string& name, ValidationReport& r) {
  Diagnostics diags;
  XliffReadOptions options;
  options.on_bad_entry = OnBadEntry::warn;
  options.diagnostics = &diags;
  try {
    XliffVersion version;
    auto doc = read_xliff(data, name, options, &version);
    r.version = xliff_version_name(version);
    // Checks the model does not keep: ids, target languages.
    std::string utf8 = data.substr(0, 2) == "\xFF\xFE" || data.substr(0, 2) == "\xFE\xFF"
                           ? text::decode_to_utf8(data, text::Encoding::utf16, name)
                           : data;
    auto xml = load_xml(utf8, name);
    auto root = xml.document_element();
    auto where = [&](const pugi::xml_node& n) {
      return location_of(utf8, static_cast<std::size_t>(n.offset_debug()), name);
    };
    if (version == XliffVersion::v12) {
      for (auto f : root.children("file")) {
        for (const char* a : {"original", "datatype"}) {
          if (!f.attribute(a)) {
            problem(r, where(f),
                    std::string("<file> has no ") + a + " attribute (required by XLIFF 1.2)");
          }
        }
        std::string tgt = f.attribute("target-language").value();
        std::set<std::string> ids;
        auto visit = [&](auto&& self, const pugi::xml_node& node) -> void {
          for (auto c : node.children()) {
            if (std::string_view(c.name()) == "group") {
              self(self, c);
            }
            if (std::string_view(c.name()) != "trans-unit") {
              continue;
            }
            std::string id = c.attribute("id").value();
            if (!id.empty() && !ids.insert(id).second) {
              problem(r, where(c), "trans-unit id " + quoted(id) + " is used twice in its <file>");
            }
            auto t = c.child("target");
            std::string tl = t.attribute("xml:lang").value();
            if (t && !tl.empty()) {
              auto a = LangTag::try_parse(tl);
              auto b = LangTag::try_parse(tgt);
              if (!a) {
                problem(r, where(t), "bad language tag " + quoted(tl) + " in <target xml:lang>");
              } else if (!b || !(*a == *b || a->matches(*b) || b->matches(*a))) {
                problem(r, where(t),
                        "<target xml:lang=" + quoted(tl) +
                            "> does not match the file's target-language " + quoted(tgt));
              }
            }
          }
        };
        visit(visit, f.child("body"));
      }
    } else {
      for (auto f : root.children("file")) {
        if (!f.attribute("id")) {
          problem(r, where(f), "<file> has no id attribute (required by XLIFF 2)");
        }
      }
      bool any_target = false;
      for (const auto& f : doc.files) {
        for (const auto& u : f.units) {
          for (const auto& s : u.segments) {
            any_target = any_target || !s.target.empty();
          }
        }
      }
      if (any_target && doc.tgt_lang.empty()) {
        problem(r, where(root), "<xliff> has targets but no trgLang attribute");
      }
    }
    for (const auto& f : doc.files) {
      r.units += f.units.size();
    }
  } catch (const Error& e) {
    problem(r, e.where(), e.message());
  }
  for (const auto& d : diags.items()) {
    problem(r, d.where, d.message);
  }
}

}  // namespace

ValidationReport validate(std::istream& in, const std::string& name, Format format) {
  ValidationReport r;
  r.format = format;
  if (format == Format::tmx) {
    validate_tmx(in, name, r);
    return r;
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read " + quoted(name));
  }
  switch (format) {
    case Format::xliff12:
    case Format::xliff20:
    case Format::xliff21:
      validate_xliff(data, name, r);
      break;
    case Format::tbx2:
    case Format::tbx3:
      try {
        Diagnostics diags;
        TermBaseReadOptions options;
        options.on_bad_entry = OnBadEntry::warn;
        options.diagnostics = &diags;
        auto tb = read_termbase(data, format, name, options);
        r.units = tb.size();
        for (const auto& d : diags.items()) {
          problem(r, d.where, d.message);
        }
      } catch (const Error& e) {
        problem(r, e.where(), e.message());
      }
      break;
    case Format::tsv:
    case Format::csv:
    case Format::omegat_tsv: {
      Diagnostics diags;
      BilingualReadOptions options;
      options.on_bad_entry = OnBadEntry::warn;
      options.diagnostics = &diags;
      if (format == Format::omegat_tsv) {
        options.src_lang = LangTag::parse("und");
        options.tgt_lang = LangTag::parse("und");
      }
      std::istringstream s(data);
      try {
        read_bilingual(
            s, name, format, [&](tm::TranslationUnit&&) { ++r.units; }, options);
      } catch (const Error& e) {
        problem(r, e.where(), e.message());
      }
      for (const auto& d : diags.items()) {
        problem(r, d.where, d.message);
      }
      break;
    }
    default:
      try {
        load_xml(data, name);
      } catch (const Error& e) {
        problem(r, e.where(), e.message());
      }
      break;
  }
  return r;
}

}  // namespace termbridge::io
