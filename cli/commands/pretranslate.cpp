// termbridge pretranslate: a new article into an XLIFF job, filled from the translation
// memory (exact and term-repaired matches), with fuzzy matches and glossary hints attached.

#include "termbridge/job/pretranslate.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::cli {

namespace {

constexpr const char* kDefaultTm = "termbridge.tm.sqlite";

io::XliffVersion xliff_version(const Args& args, const std::string& out_path) {
  if (auto v = args.value("xliff")) {
    if (*v == "1.2") {
      return io::XliffVersion::v12;
    }
    if (*v == "2.0") {
      return io::XliffVersion::v20;
    }
    if (*v == "2.1" || *v == "2") {
      return io::XliffVersion::v21;
    }
    throw UsageError("unknown --xliff " + termbridge::quoted(*v) + " (expected 1.2, 2.0 or 2.1)");
  }
  if (!out_path.empty() && out_path != "-") {
    auto f = io::format_from_extension(out_path);
    if (f == io::Format::xliff21) {
      return io::XliffVersion::v21;
    }
  }
  return io::XliffVersion::v12;
}

std::string summary_text(const std::string& name, const job::Summary& s) {
  std::ostringstream out;
  auto row = [&](const char* label, std::size_t segments, std::size_t words) {
    char line[96];
    std::snprintf(line, sizeof line, "  %-13s %5zu %-8s %6zu %s\n", label, segments,
                  segments == 1 ? "segment" : "segments", words, words == 1 ? "word" : "words");
    out << line;
  };
  out << "pre-translated " << name << ": " << counted(s.segments, "segment") << ", "
      << counted(s.words, "word") << '\n';
  row("exact", s.exact, s.exact_words);
  row("repaired", s.repaired, s.repaired_words);
  const char* bands[] = {"fuzzy 95-99%", "fuzzy 85-94%", "fuzzy 75-84%", "fuzzy 70-74%"};
  for (int b = 0; b < 4; ++b) {
    row(bands[b], s.fuzzy[b], s.fuzzy_words[b]);
  }
  row("new", s.fresh, s.fresh_words);
  out << "  term hints    " << s.term_hints << '\n';
  return out.str();
}

std::size_t parse_count(const std::string& v) {
  if (!v.empty() && v.size() < 6 && v.find_first_not_of("0123456789") == std::string::npos) {
    return static_cast<std::size_t>(std::stoul(v));
  }
  throw UsageError("--max-matches must be a number from 0 to 99999, not " + termbridge::quoted(v));
}

double parse_percent(const std::string& v, const char* what) {
  try {
    std::size_t used = 0;
    double d = std::stod(v, &used);
    if (used == v.size() && d >= 0 && d <= 100) {
      return d;
    }
  } catch (const std::exception&) {
  }
  throw UsageError(std::string(what) + " must be a percentage from 0 to 100, not " +
                   termbridge::quoted(v));
}

int run(const Args& args, const Context& ctx) {
  if (args.positionals().size() != 1) {
    throw UsageError("expected one ARTICLE");
  }
  const std::string article = args.positionals()[0];
  auto src = args.value("src-lang");
  auto tgt = args.value("tgt-lang");
  if (!src || !tgt) {
    throw UsageError("--src-lang and --tgt-lang are required");
  }
  job::PretranslateOptions options;
  options.src_lang = LangTag::parse(*src);
  options.tgt_lang = LangTag::parse(*tgt);
  options.fuzzy_threshold = parse_percent(args.value_or("threshold", "70"), "--threshold");
  options.max_matches = parse_count(args.value_or("max-matches", "3"));
  options.repair = !args.flag("no-repair");
  // Without --tm the memory `tm import` makes by default is used when it is there; without
  // one the job holds the article's segments with glossary hints only. A memory named with
  // --tm must exist: a mistyped path would otherwise give a job without matches quietly.
  const std::string tm_path = args.value_or("tm", kDefaultTm);
  std::error_code ec;
  const bool have_tm = args.value("tm") || std::filesystem::exists(tm_path, ec);
  // A database memory is checked when it is opened (no termbridge memory there is an error).
  if (args.value("tm") && !tm::is_database_uri(tm_path) && !tm::is_http_uri(tm_path) &&
      !std::filesystem::exists(tm_path, ec)) {
    throw Error(ErrorKind::io, "translation memory " + termbridge::quoted(tm_path) +
                                   " does not exist; make it with 'termbridge tm import --tm " +
                                   tm_path +
                                   " FILE...', or leave out --tm for a job with glossary "
                                   "hints only");
  }
  if (have_tm) {
    options.tm_name = tm_path;
    if (!args.value("tm")) {
      // dispatch registers a memory given with --tm; the default is an input too.
      register_input(tm_path, "the memory (the default of --tm)");
    }
  }

  auto paragraphs = read_paragraphs(article);
  std::optional<glossary::TermBase> terms;
  if (auto g = args.value("glossary")) {
    terms = load_glossary(*g, ctx);
  }
  std::optional<tm::TranslationMemory> memory;
  if (have_tm) {
    tm::OpenOptions open;
    open.create = false;
    open.read_only = true;
    open.token = args.value_or("token", "");
    memory.emplace(tm_path, open);
    options.tm_name = memory->path();  // a URI without its password
  } else {
    ctx.note(std::string("no translation memory (no --tm, and no ") + kDefaultTm +
             " here): every segment is new" + (terms ? "; the job holds glossary hints only" : ""));
  }
  Progress progress(ctx, "pretranslate", paragraphs.size(), Progress::Count::items, "paragraph");
  options.on_progress = [&progress](std::size_t done, std::size_t) { progress.update(done); };
  auto segmenter = segment::Segmenter::builtin();
  std::string original = article == "-" ? "stdin" : article;
  if (auto slash = original.find_last_of('/'); slash != std::string::npos) {
    original = original.substr(slash + 1);
  }
  auto result = job::pretranslate(paragraphs, original, segmenter, memory ? &*memory : nullptr,
                                  terms ? &*terms : nullptr, options);
  progress.finish();
  const std::string out_path = args.value_or("output", "-");
  Output out(out_path);
  io::write_xliff(out.stream(), result.document, xliff_version(args, out_path));
  out.commit();
  std::string summary = summary_text(article, result.summary);
  if (out.is_stdout()) {
    if (!ctx.quiet) {
      std::cerr << summary;
    }
  } else {
    std::cout << summary << "wrote " << out_path << '\n';
  }
  return kExitOk;
}

}  // namespace

Command pretranslate_command() {
  return Command{
      "pretranslate",
      "pre-translate an article into XLIFF from the translation memory and the glossary",
      "ARTICLE --src-lang L --tgt-lang L [--tm TM] [-g GLOSSARY] [--xliff 1.2|2.0|2.1] "
      "[-o OUT.xlf]",
      {
          {"src-lang", 0, "L", "the article's language, e.g. ko (required)"},
          {"tgt-lang", 0, "L", "the translation's language, e.g. en (required)"},
          {"tm", 0, "FILE",
           "translation memory, a file, a postgresql:// URI or a served memory "
           "(http://HOST:PORT); must exist (default "
           "termbridge.tm.sqlite when it is there, else none: glossary hints only)"},
          {"token", 0, "TOKEN", "the access token of a served memory (default: $TERMBRIDGE_TOKEN)"},
          {"glossary", 'g', "FILE",
           "term base (a file or a postgresql:// URI) for hints and term-aware repair of fuzzy "
           "matches"},
          {"xliff", 0, "VERSION", "1.2 (default, also for .xlf), 2.0 or 2.1 (default for .xlf2)"},
          {"threshold", 0, "PERCENT", "lowest fuzzy match offered (default 70)"},
          {"max-matches", 0, "N", "matches attached per segment (default 3)"},
          {"no-repair", 0, "", "do not repair fuzzy matches that differ only in glossary terms"},
          {"output", 'o', "FILE", "write the XLIFF to FILE (atomically) instead of stdout"},
      },
      "Cuts the article into paragraphs (blank lines) and sentences, looks every sentence up\n"
      "in the memory and writes an XLIFF job: exact matches fill the target (state\n"
      "translated), fuzzy matches that differ only in glossary terms are repaired with the\n"
      "approved terms and fill the target (state needs-review), other matches above the\n"
      "threshold are attached (alt-trans / mtc:matches), and the glossary's terms in each\n"
      "paragraph are attached with their approved translations (notes / gls:glossary).\n"
      "Without a memory (no --tm and no termbridge.tm.sqlite here) every segment is new and\n"
      "the job carries the glossary's hints only. A summary by match category goes to stdout\n"
      "with -o, else to stderr.\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
