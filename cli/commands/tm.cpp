// termbridge tm: the translation memory (import, export, lookup, stats, remove).

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::cli {

namespace {

constexpr std::string_view kDefaultTm = "termbridge.tm.sqlite";

const OptionSpec kTmOption{"tm", 0, "FILE",
                           "the translation memory (default termbridge.tm.sqlite; created on "
                           "import)"};
const OptionSpec kSrcOption{"src-lang", 0, "LANG", "source language, e.g. ko"};
const OptionSpec kTgtOption{"tgt-lang", 0, "LANG", "target language, e.g. en"};

std::string tm_path(const Args& args) {
  return args.value_or("tm", kDefaultTm);
}

LangTag lang_arg(const Args& args, std::string_view name, bool required) {
  auto v = args.value(name);
  if (!v) {
    if (required) {
      throw UsageError("--" + std::string(name) + " is required");
    }
    return {};
  }
  return LangTag::parse(*v);
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) {
      return out;
    }
    start = tab + 1;
  }
}

std::string base_name(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ---- import ----

int run_import(const Args& args, const Context& ctx) {
  auto format = args.value_or("format", "tsv");
  if (format != "tsv") {
    throw UsageError("unknown --format " + termbridge::quoted(format) + " (expected tsv)");
  }
  tm::ImportOptions options;
  options.src_lang = lang_arg(args, "src-lang", true);
  options.tgt_lang = lang_arg(args, "tgt-lang", true);
  tm::OpenOptions open;
  if (auto k = args.value("korean-tokens")) {
    open.korean_tokens = tm::parse_korean_tokens(*k);
  }
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  tm::TranslationMemory memory(tm_path(args), open);
  tm::ImportResult total;
  for (const auto& path : files) {
    Input in(path);
    text::LineReader reader(in.stream(), in.name());
    Progress progress(ctx, "import", in.size());
    options.document = args.value_or("document", path == "-" ? "" : base_name(path));
    options.on_progress = [&](std::uint64_t) { progress.update(reader.bytes_read()); };
    std::string line;
    bool first = true;
    // TSV as `termbridge align --format tsv` writes it: source, target, optional score.
    auto next = [&](tm::TranslationUnit& unit) {
      while (reader.next(line)) {
        bool header = first;
        first = false;
        if (line.empty()) {
          continue;
        }
        auto f = split_tabs(line);
        if (header && f.size() >= 2 && (f[0] == "src" || f[0] == "source") &&
            (f[1] == "tgt" || f[1] == "target")) {
          continue;
        }
        SourceLocation where{in.name(), reader.line_number(), 0};
        if (f.size() < 2) {
          throw Error(ErrorKind::parse,
                      "expected source<TAB>target, found no tab; is this an aligned TSV file?",
                      where);
        }
        unit.variants.push_back({options.src_lang, {f[0], {}}, {}, {}});
        unit.variants.push_back({options.tgt_lang, {f[1], {}}, {}, {}});
        if (f.size() >= 3 && !f[2].empty()) {
          char* end = nullptr;
          std::strtod(f[2].c_str(), &end);
          if (end == nullptr || *end != '\0') {
            where.column = f[0].size() + f[1].size() + 3;
            throw Error(ErrorKind::parse,
                        "expected an alignment score in the third column, found " +
                            termbridge::quoted(f[2]),
                        where);
          }
          unit.props.push_back({"x-align-score", f[2]});
        }
        return true;
      }
      return false;
    };
    auto r = memory.import_units(next, options);
    progress.finish();
    total.added += r.added;
    total.duplicates += r.duplicates;
    total.skipped += r.skipped;
  }
  Output out("-");
  out.stream() << memory.path() << ": " << total.added << " added, " << total.duplicates
               << " duplicates, " << total.skipped << " skipped\n";
  out.commit();
  return kExitOk;
}

// ---- export ----

int run_export(const Args& args, const Context&) {
  auto format = args.value_or("format", "tsv");
  if (format != "tsv") {
    throw UsageError("unknown --format " + termbridge::quoted(format) + " (expected tsv)");
  }
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  tm::ExportFilter filter;
  filter.src_lang = lang_arg(args, "src-lang", false);
  filter.tgt_lang = lang_arg(args, "tgt-lang", false);
  filter.document = args.value_or("document", "");
  Output out(args.value_or("output", "-"));
  auto clean = [](std::string s) {
    for (char& c : s) {
      if (c == '\t' || c == '\n' || c == '\r') {
        c = ' ';
      }
    }
    return s;
  };
  memory.export_units(
      [&](const tm::TranslationUnit& u) {
        out.stream() << clean(u.variants[0].segment.text) << '\t'
                     << clean(u.variants[1].segment.text) << '\n';
      },
      filter);
  out.commit();
  return kExitOk;
}

// ---- lookup ----

// The match source with the differences marked, wdiff style: [-match words-]{+query words+}.
std::string marked(const std::string& query, const tm::MemoryMatch& m) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& part : m.diff) {
    if (part.kind == tm::DiffPart::Kind::same) {
      continue;
    }
    std::size_t at = part.match.begin;
    out.append(m.source, pos, at - pos);
    if (!part.match.empty()) {
      out += "[-" + std::string(part.match.of(m.source)) + "-]";
    }
    if (!part.query.empty()) {
      out += "{+" + std::string(part.query.of(query)) + "+}";
    }
    pos = part.match.end;
  }
  out.append(m.source, pos, std::string::npos);
  return out;
}

std::string document_of(const tm::TranslationUnit& u) {
  for (const auto& p : u.props) {
    if (p.type == "x-document") {
      return p.value;
    }
  }
  return {};
}

int run_lookup(const Args& args, const Context&) {
  tm::LookupOptions options;
  options.src_lang = lang_arg(args, "src-lang", false);
  options.tgt_lang = lang_arg(args, "tgt-lang", false);
  try {
    options.max_results = std::stoul(args.value_or("max", "5"));
    options.threshold = std::stod(args.value_or("threshold", "70"));
  } catch (const std::exception&) {
    throw UsageError("--max and --threshold take numbers");
  }
  if (options.threshold < 0 || options.threshold > 100) {
    throw UsageError("--threshold must be between 0 and 100");
  }
  std::vector<std::string> queries = args.positionals();
  if (auto file = args.value("file")) {
    Input in(*file);
    text::LineReader reader(in.stream(), in.name());
    std::string line;
    while (reader.next(line)) {
      if (!line.empty()) {
        queries.push_back(line);
      }
    }
  }
  if (queries.empty()) {
    throw UsageError("give a SENTENCE or --file FILE");
  }
  bool jsonl = args.flag("jsonl");
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  Output out(args.value_or("output", "-"));
  for (const auto& q : queries) {
    auto matches = memory.lookup(q, options);
    if (jsonl) {
      nlohmann::json j;
      j["query"] = q;
      j["matches"] = nlohmann::json::array();
      for (const auto& m : matches) {
        nlohmann::json jm;
        jm["id"] = m.id;
        jm["score"] = std::floor(m.score * 10.0) / 10.0;
        jm["source"] = m.source;
        jm["target"] = m.target;
        jm["document"] = document_of(m.unit);
        jm["diff"] = nlohmann::json::array();
        for (const auto& d : m.diff) {
          jm["diff"].push_back({{"kind", tm::to_string(d.kind)},
                                {"query", d.query.of(q)},
                                {"match", d.match.of(m.source)}});
        }
        j["matches"].push_back(std::move(jm));
      }
      out.stream() << j.dump() << '\n';
      continue;
    }
    out.stream() << "query: " << q << '\n';
    if (matches.empty()) {
      out.stream() << "  no match >= " << options.threshold << "%\n";
    }
    for (const auto& m : matches) {
      char pct[16];
      // CAT tools show whole percentages rounded down: 99.9 is not 100.
      std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(m.score));
      out.stream() << "  " << pct << "  #" << m.id << "  " << m.source << '\n';
      out.stream() << "        " << m.target << '\n';
      if (m.score < 100.0) {
        out.stream() << "        diff: " << marked(q, m) << '\n';
      }
      std::string doc = document_of(m.unit);
      if (!doc.empty()) {
        out.stream() << "        from: " << doc << '\n';
      }
    }
  }
  out.commit();
  return kExitOk;
}

// ---- stats ----

int run_stats(const Args& args, const Context&) {
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  auto s = memory.stats();
  Output out("-");
  auto& o = out.stream();
  o << "memory\t" << memory.path() << '\n';
  o << "schema_version\t" << s.schema_version << '\n';
  o << "korean_tokens\t" << tm::to_string(s.korean_tokens) << '\n';
  o << "units\t" << s.units << '\n';
  o << "index_tokens\t" << s.index_tokens << '\n';
  o << "file_bytes\t" << s.file_bytes << '\n';
  for (const auto& p : s.language_pairs) {
    o << "pair\t" << p.src_lang << '\t' << p.tgt_lang << '\t' << p.units << '\n';
  }
  for (const auto& d : s.documents) {
    o << "document\t" << d.document << '\t' << d.units << '\n';
  }
  out.commit();
  return kExitOk;
}

// ---- remove ----

int run_remove(const Args& args, const Context&) {
  auto ids_text = args.values("id");
  auto document = args.value("document");
  if (ids_text.empty() && !document) {
    throw UsageError("give --id ID or --document NAME");
  }
  std::vector<std::int64_t> ids;
  for (const auto& t : ids_text) {
    try {
      std::size_t used = 0;
      ids.push_back(std::stoll(t, &used));
      if (used != t.size()) {
        throw std::invalid_argument(t);
      }
    } catch (const std::exception&) {
      throw UsageError("--id takes a unit number, not " + termbridge::quoted(t));
    }
  }
  tm::TranslationMemory memory(tm_path(args), {.create = false});
  std::uint64_t removed = 0;
  if (!ids.empty()) {
    removed += memory.remove_ids(ids);
  }
  if (document) {
    removed += memory.remove_document(*document);
  }
  Output out("-");
  out.stream() << memory.path() << ": " << removed << " removed\n";
  out.commit();
  return kExitOk;
}

}  // namespace

Command tm_command() {
  return Command{
      "tm",
      "translation memory: import, export, fuzzy lookup, stats, remove",
      "",
      {},
      "",
      nullptr,
      {
          Command{
              "import",
              "store aligned sentence pairs in the memory (one transaction per file)",
              "--src-lang L --tgt-lang L [--tm FILE] [--document NAME] [FILE...]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"document", 0, "NAME", "origin recorded on the units (default: the file name)"},
               {"format", 0, "FMT", "input format: tsv (source<TAB>target[<TAB>score])"},
               {"korean-tokens", 0, "MODE",
                "for a new memory: particles (default), eojeol or syllables"}},
              "Reads bilingual TSV as `termbridge align --format tsv` writes it. Units already\n"
              "in the memory (same languages and texts) are counted as duplicates and not\n"
              "stored again. A bad line stops the import of its file and stores nothing of it.\n\n"
              "example:\n  termbridge tm import --src-lang ko --tgt-lang en --tm news.tm.sqlite "
              "ncg.tsv\n",
              run_import,
              {},
          },
          Command{
              "export",
              "write the memory's units as bilingual TSV",
              "[--tm FILE] [--src-lang L] [--tgt-lang L] [--document NAME] [-o FILE]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"document", 0, "NAME", "only units of this document"},
               {"format", 0, "FMT", "output format: tsv"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "example:\n  termbridge tm export --tm news.tm.sqlite -o news.tsv\n",
              run_export,
              {},
          },
          Command{
              "lookup",
              "fuzzy matches for sentences, with percentages and differences",
              "[--tm FILE] [--src-lang L] [--tgt-lang L] [--max K] [--threshold P] [--jsonl] "
              "[--file FILE] [SENTENCE...]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"max", 'k', "K", "at most K matches a sentence (default 5)"},
               {"threshold", 0, "P", "lowest match percentage shown (default 70)"},
               {"file", 'f', "FILE", "look up every line of FILE ('-' for stdin)"},
               {"jsonl", 0, "", "one JSON object per sentence instead of text"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "Percentages are edit distances over normalized words (Korean particles are\n"
              "words of their own): 100 is the same text, 99 differs only in case, width or\n"
              "spacing. The diff marks the match: [-its words-]{+the sentence's words+}.\n\n"
              "example:\n  termbridge tm lookup --tm news.tm.sqlite '국방부는 연합훈련 일정을 "
              "발표했다.'\n",
              run_lookup,
              {},
          },
          Command{
              "stats",
              "what the memory holds: units, language pairs, documents",
              "[--tm FILE]",
              {kTmOption},
              "",
              run_stats,
              {},
          },
          Command{
              "remove",
              "remove units by id or by document",
              "[--tm FILE] [--id ID]... [--document NAME]",
              {kTmOption,
               {"id", 0, "ID", "a unit id as lookup shows it (#ID)", true},
               {"document", 0, "NAME", "every unit imported from this document"}},
              "example:\n  termbridge tm remove --tm news.tm.sqlite --document draft.tsv\n",
              run_remove,
              {},
          },
      },
  };
}

}  // namespace termbridge::cli
