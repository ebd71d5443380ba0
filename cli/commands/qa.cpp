// termbridge qa: terminology, number and consistency checks of translations in XLIFF, TMX
// or aligned TSV files.

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/bilingual.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/qa/check.hpp"
#include "termbridge/tm/document.hpp"

namespace termbridge::cli {

namespace {

using io::Format;

struct PairSet {
  LangTag src;
  LangTag tgt;
  std::vector<qa::Pair> pairs;
};

std::string plain(const tm::Segment& s) {
  return s.text;
}

PairSet pairs_from_units(std::vector<tm::TranslationUnit>& units, const std::string& name,
                         LangTag src, LangTag tgt) {
  PairSet set{std::move(src), std::move(tgt), {}};
  if (set.tgt.empty()) {
    // The first language other than the source.
    for (const auto& u : units) {
      for (const auto& v : u.variants) {
        if (!(v.lang.matches(set.src) || set.src.matches(v.lang))) {
          set.tgt = v.lang;
          break;
        }
      }
      if (!set.tgt.empty()) {
        break;
      }
    }
  }
  std::size_t n = 0;
  for (const auto& u : units) {
    ++n;
    const tm::Variant* s = u.find(set.src);
    const tm::Variant* t = set.tgt.empty() ? nullptr : u.find(set.tgt);
    if (!s) {
      continue;
    }
    qa::Pair p;
    p.id = u.id.empty() ? std::to_string(n) : u.id;
    p.where.file = name;
    p.source = plain(s->segment);
    p.target = t ? plain(t->segment) : std::string();
    set.pairs.push_back(std::move(p));
  }
  return set;
}

PairSet read_pairs(const std::string& path, const Args& args) {
  std::string data = read_all(path);
  const std::string name = path == "-" ? "<stdin>" : path;
  Format format =
      io::input_format(path == "-" ? "" : path, head_for_sniffing(data), args.value_or("from", ""));
  LangTag src = args.value("src-lang") ? LangTag::parse(*args.value("src-lang")) : LangTag();
  LangTag tgt = args.value("tgt-lang") ? LangTag::parse(*args.value("tgt-lang")) : LangTag();
  std::istringstream in(data);
  if (format == Format::xliff12 || format == Format::xliff20 || format == Format::xliff21) {
    tm::Document doc = io::read_xliff(data, name);
    PairSet set{src.empty() ? doc.src_lang : src, tgt.empty() ? doc.tgt_lang : tgt, {}};
    for (const auto& file : doc.files) {
      for (const auto& unit : file.units) {
        for (std::size_t i = 0; i < unit.segments.size(); ++i) {
          const auto& seg = unit.segments[i];
          qa::Pair p;
          p.id = unit.segments.size() == 1 || seg.id.empty()
                     ? (unit.segments.size() == 1 ? unit.id : unit.id + "#" + std::to_string(i + 1))
                     : unit.id + "#" + seg.id;
          p.where.file = name;
          p.source = plain(seg.source);
          p.target = plain(seg.target);
          set.pairs.push_back(std::move(p));
        }
      }
    }
    return set;
  }
  std::vector<tm::TranslationUnit> units;
  auto keep = [&](tm::TranslationUnit&& u) { units.push_back(std::move(u)); };
  if (format == Format::tmx) {
    io::TmxHeader header = io::read_tmx(in, name, keep);
    if (src.empty()) {
      src = header.source();
    }
    if (src.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  termbridge::quoted(name) + " has no source language (srclang); give --src-lang");
    }
    return pairs_from_units(units, name, src, tgt);
  }
  if (format == Format::tsv || format == Format::csv || format == Format::omegat_tsv) {
    io::BilingualReadOptions options;
    options.src_lang = src;
    options.tgt_lang = tgt;
    auto langs = io::read_bilingual(in, name, format, keep, options);
    // Units are named by their row number (header and blank lines not counted).
    return pairs_from_units(units, name, langs.src, langs.tgt);
  }
  throw Error(ErrorKind::invalid_argument, termbridge::quoted(path) + " is " +
                                               std::string(io::format_name(format)) +
                                               "; qa reads XLIFF, TMX and bilingual TSV/CSV");
}

qa::CheckOptions parse_checks(const Args& args) {
  qa::CheckOptions options;
  auto list = args.value("checks");
  if (!list) {
    return options;
  }
  options = qa::CheckOptions{false, false, false, false};
  std::stringstream ss(*list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item == "terms") {
      options.terms = true;
    } else if (item == "numbers") {
      options.numbers = true;
    } else if (item == "consistency") {
      options.consistency = true;
    } else if (item == "empty") {
      options.empty = true;
    } else {
      throw UsageError("unknown check " + termbridge::quoted(item) +
                       " (expected terms, numbers, consistency, empty)");
    }
  }
  return options;
}

int run(const Args& args, const Context& ctx) {
  auto glossary_path = args.value("glossary");
  if (!glossary_path) {
    throw UsageError("--glossary FILE is required");
  }
  if (args.positionals().size() > 1) {
    throw UsageError("one FILE at a time");
  }
  std::string path = args.positionals().empty() ? "-" : args.positionals()[0];
  auto checks = parse_checks(args);
  glossary::TermBase terms = load_glossary(*glossary_path, ctx);
  PairSet set = read_pairs(path, args);
  if (set.src.empty() || set.tgt.empty()) {
    throw UsageError("cannot tell the languages of " + termbridge::quoted(path) +
                     "; give --src-lang and --tgt-lang");
  }
  qa::Checker checker(terms, set.src, set.tgt, checks);
  auto findings = checker.check(set.pairs);
  Output out(args.value_or("output", "-"));
  bool jsonl = args.flag("jsonl");
  for (const auto& f : findings) {
    if (jsonl) {
      nlohmann::ordered_json j;
      j["unit"] = f.unit_id;
      if (f.where.line > 0) {
        j["line"] = f.where.line;
      }
      j["kind"] = std::string(qa::to_string(f.kind));
      j["message"] = f.message;
      if (!f.concept_id.empty()) {
        j["concept"] = f.concept_id;
      }
      out.stream() << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
      out.stream() << f.where.to_string() << ": unit " << f.unit_id << ": " << qa::to_string(f.kind)
                   << ": " << f.message << '\n';
    }
  }
  if (!jsonl) {
    out.stream() << findings.size() << (findings.size() == 1 ? " finding" : " findings") << " in "
                 << set.pairs.size() << " segments\n";
  }
  out.commit();
  return findings.empty() ? kExitOk : kExitFindings;
}

}  // namespace

Command qa_command() {
  return Command{
      "qa",
      "check translations: approved and forbidden terms, numbers, consistency, empty targets",
      "--glossary FILE [--src-lang L] [--tgt-lang L] [--checks LIST] [--jsonl] [-o OUT] [FILE]",
      {
          {"glossary", 'g', "FILE", "term base (TBX, CSV, TSV) with approved and forbidden terms"},
          {"src-lang", 0, "L",
           "source language (default: from the file; TSV without header: needed)"},
          {"tgt-lang", 0, "L", "target language (default: from the file)"},
          {"from", 0, "FORMAT",
           "input format: xliff12, xliff20, xliff21, tmx, tsv, csv (default: sniffed)"},
          {"checks", 0, "LIST", "comma-separated: terms,numbers,consistency,empty (default: all)"},
          {"jsonl", 0, "", "one JSON object per finding: unit, line, kind, message, concept"},
          {"output", 'o', "FILE", "write the report to FILE instead of stdout"},
      },
      "Reads an XLIFF (1.2, 2.0, 2.1), a TMX or a bilingual TSV/CSV (such as `termbridge align\n"
      "--format tsv` writes, with --src-lang/--tgt-lang) and reports, per segment:\n"
      "  missing-term     a source term whose approved translation is not in the target\n"
      "  forbidden-term   a forbidden or deprecated target term\n"
      "  number-mismatch  numbers of source and target that do not agree\n"
      "  inconsistent     the same source translated differently\n"
      "  untranslated     an empty target; same-as-source: a copied source\n"
      "Exit status 1 when there are findings.\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
