// termbridge qa: terminology, number and consistency checks of translations in XLIFF, TMX
// or aligned TSV files.

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/review_html.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/units.hpp"
#include "termbridge/qa/check.hpp"
#include "termbridge/tm/document.hpp"

namespace termbridge::cli {

namespace {

using io::Format;

struct PairSet {
  LangTag src;
  LangTag tgt;
  std::vector<qa::Pair> pairs;
  std::vector<std::optional<double>> scores;  // per pair: its alignment score, when the file has
                                              // one (align's TSV score column, TMX x-align-score)
};

std::optional<double> align_score(const tm::TranslationUnit& u) {
  for (const auto& prop : u.props) {
    if (prop.type == "x-align-score") {
      char* end = nullptr;
      double v = std::strtod(prop.value.c_str(), &end);
      if (!prop.value.empty() && *end == '\0' && v >= 0 && v <= 1) {
        return v;
      }
    }
  }
  return std::nullopt;
}

std::string plain(const tm::Segment& s) {
  return s.text;
}

PairSet pairs_from_units(std::vector<tm::TranslationUnit>& units, const std::string& name,
                         LangTag src, LangTag tgt) {
  PairSet set{std::move(src), std::move(tgt), {}, {}};
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
    set.scores.push_back(align_score(u));
  }
  return set;
}

PairSet read_pairs(const std::string& path, const Args& args, const Context& ctx) {
  Input input(path);
  std::string head = read_head(input.stream(), input.name());
  Format format =
      io::input_format(path == "-" ? "" : path, head_for_sniffing(head), args.value_or("from", ""));
  ReplayBuf replay(std::move(head), input.stream().rdbuf());
  std::istream in(&replay);
  io::UnitReadOptions options;
  options.src_lang = args.value("src-lang") ? LangTag::parse(*args.value("src-lang")) : LangTag();
  options.tgt_lang = args.value("tgt-lang") ? LangTag::parse(*args.value("tgt-lang")) : LangTag();
  options.encoding = ctx.encoding;
  options.on_sniffed = [&](const std::string& encoding) {
    note_sniffed(ctx, input.name(), encoding);
  };
  io::UnitReader reader(in, input.name(), format, options);
  const std::string& name = input.name();
  if (const tm::Document* doc = reader.document()) {
    // Every segment, translated or not: an empty target is a finding.
    PairSet set{reader.src_lang(), reader.tgt_lang(), {}, {}};
    for (const auto& file : doc->files) {
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
  if (reader.src_lang().empty()) {
    throw Error(ErrorKind::invalid_argument,
                termbridge::quoted(name) + " has no source language (srclang); give --src-lang");
  }
  // Table units are named by their row number (header and blank lines not counted).
  std::vector<tm::TranslationUnit> units;
  tm::TranslationUnit unit;
  while (reader.next(unit)) {
    units.push_back(std::move(unit));
  }
  return pairs_from_units(units, name, reader.src_lang(), reader.tgt_lang());
}

// The review page: each pair a row, its terms highlighted, its findings beside it.
void write_html(const PairSet& set, const std::vector<qa::Finding>& findings,
                const glossary::TermBase& terms, const std::string& path, std::ostream& out) {
  io::ReviewPage page;
  page.title = "QA";
  page.src_lang = set.src;
  page.tgt_lang = set.tgt;
  page.src_name = path == "-" ? "<stdin>" : path;
  page.checked = true;
  for (std::size_t k = 0; k < set.pairs.size(); ++k) {
    const qa::Pair& p = set.pairs[k];
    io::ReviewRow row;
    row.id = p.id;
    row.score = k < set.scores.size() ? set.scores[k] : std::nullopt;
    row.src.push_back({p.source, k, {}});
    row.tgt.push_back({p.target, k, {}});
    page.rows.push_back(std::move(row));
  }
  glossary::MatchOptions target_side;  // translations kept for the target side show there
  target_side.include_translation_only = true;
  glossary::TermMatcher src_terms(terms, set.src), tgt_terms(terms, set.tgt, target_side);
  io::mark_terms(page.rows, terms, src_terms, tgt_terms);
  io::place_findings(page.rows, findings);
  // Pairs of several files: ids repeat across them, so each row names its file.
  std::vector<std::string> files;
  for (const qa::Pair& p : set.pairs) {
    if (std::find(files.begin(), files.end(), p.where.file) == files.end()) {
      files.push_back(p.where.file);
    }
  }
  if (files.size() > 1) {
    page.src_name.clear();
    for (const std::string& file : files) {
      page.src_name += (page.src_name.empty() ? "" : ", ") + file;
    }
    for (std::size_t k = 0; k < set.pairs.size(); ++k) {
      page.rows[k].where = set.pairs[k].where.file;
    }
  }
  io::write_review_html(out, page);
}

// The pairs of every file, in order, checked as one set: a source translated one way in one
// file and another way in the next is inconsistent too. The files must share their languages.
PairSet read_files(const std::vector<std::string>& paths, const Args& args, const Context& ctx) {
  Progress progress(ctx, "qa", paths.size() > 1 ? paths.size() : 0, Progress::Count::items, "file");
  PairSet all;
  for (std::size_t k = 0; k < paths.size(); ++k) {
    if (paths.size() > 1) {
      progress.update(k);  // a bar over one file would say nothing
    }
    PairSet set = read_pairs(paths[k], args, ctx);
    if (k == 0) {
      all = std::move(set);
      continue;
    }
    if (!(set.src == all.src && set.tgt == all.tgt) && !set.src.empty() && !set.tgt.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  termbridge::quoted(paths[k]) + " is in " + set.src.str() + " -> " +
                      set.tgt.str() + ", not " + all.src.str() + " -> " + all.tgt.str() + " as " +
                      termbridge::quoted(paths[0]) +
                      "; check the files of one language pair together, or give --src-lang and "
                      "--tgt-lang");
    }
    for (std::size_t i = 0; i < set.pairs.size(); ++i) {
      all.pairs.push_back(std::move(set.pairs[i]));
      all.scores.push_back(i < set.scores.size() ? set.scores[i] : std::nullopt);
    }
  }
  progress.finish();
  return all;
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
    throw UsageError("-g/--glossary FILE is required");
  }
  std::vector<std::string> paths = args.positionals();
  if (paths.empty()) {
    paths.push_back("-");
  }
  std::string path = paths[0];
  auto checks = parse_checks(args);
  glossary::TermBase terms = load_glossary(*glossary_path, ctx);
  PairSet set = read_files(paths, args, ctx);
  if (set.src.empty() || set.tgt.empty()) {
    throw UsageError("cannot tell the languages of " + termbridge::quoted(path) +
                     "; give --src-lang and --tgt-lang");
  }
  qa::Checker checker(terms, set.src, set.tgt, checks);
  auto findings = checker.check(set.pairs);
  Output out(args.value_or("output", "-"));
  bool jsonl = args.flag("jsonl");
  std::string format = args.value_or("format", jsonl ? "jsonl" : "text");
  if (format != "text" && format != "jsonl" && format != "html") {
    throw UsageError("unknown --format " + termbridge::quoted(format) +
                     " (expected text, jsonl or html)");
  }
  jsonl = format == "jsonl";
  if (format == "html") {
    write_html(set, findings, terms, path, out.stream());
    out.commit();
    return findings.empty() ? kExitOk : kExitFindings;
  }
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
    out.stream() << counted(findings.size(), "finding") << " in "
                 << counted(set.pairs.size(), "segment");
    if (paths.size() > 1) {
      out.stream() << " of " << counted(paths.size(), "file");
    }
    out.stream() << '\n';
  }
  out.commit();
  return findings.empty() ? kExitOk : kExitFindings;
}

}  // namespace

Command qa_command() {
  return Command{
      "qa",
      "check translations: approved and forbidden terms, numbers, consistency, empty targets",
      "-g GLOSSARY [--src-lang L] [--tgt-lang L] [--checks LIST] [--jsonl] [-o OUT] [FILE...]",
      {
          {"glossary", 'g', "FILE",
           "term base (TBX, CSV, TSV, or a postgresql:// URI) with approved and forbidden terms"},
          {"src-lang", 0, "L",
           "source language (default: from the file; TSV without header: needed)"},
          {"tgt-lang", 0, "L", "target language (default: from the file)"},
          {"from", 0, "FORMAT",
           "input format: xliff12, xliff20, xliff21, tmx, tsv, csv (default: sniffed)"},
          {"checks", 0, "LIST", "comma-separated: terms,numbers,consistency,empty (default: all)"},
          {"jsonl", 0, "", "one JSON object per finding: unit, line, kind, message, concept"},
          {"format", 0, "F",
           "text (default), jsonl (as --jsonl), or html: a review page with source and target "
           "side by side, terms highlighted, each segment's findings beside it"},
          {"output", 'o', "FILE", "write the report to FILE instead of stdout"},
      },
      "Reads XLIFF (1.2, 2.0, 2.1), TMX or bilingual TSV/CSV files (such as `termbridge align\n"
      "--format tsv` writes, its header naming the languages) and reports, per segment:\n"
      "  missing-term     a source term whose approved translation is not in the target\n"
      "  forbidden-term   a forbidden or deprecated target term\n"
      "  number-mismatch  numbers of source and target that do not agree\n"
      "  inconsistent     the same source translated differently\n"
      "  untranslated     an empty target; same-as-source: a copied source\n"
      "Several FILEs of one language pair are checked as one set (a source translated\n"
      "differently in two files is inconsistent), with a progress bar on a terminal.\n"
      "Exit status 1 when there are findings.\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
