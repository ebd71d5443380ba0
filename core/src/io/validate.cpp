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
  // The reader checks what the model does not keep (ids, states, codes, languages) as it
  // reads, on elements matched by namespace, so a prefixed file is checked like any other.
  Diagnostics diags;
  XliffReadOptions options;
  options.on_bad_entry = OnBadEntry::warn;
  options.diagnostics = &diags;
  options.schema_checks = true;
  try {
    XliffVersion version;
    auto doc = read_xliff(data, name, options, &version);
    r.version = xliff_version_name(version);
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
  std::string data = text::read_whole(in, name);  // bounded; NUL bytes fail at once
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
