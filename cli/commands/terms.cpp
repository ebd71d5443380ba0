// termbridge terms: spotting glossary terms in running text (find, annotate).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::cli {

namespace {

struct Setup {
  glossary::TermBase termbase;
  LangTag lang;
  LangTag tgt;  // the language of the translations shown; empty when the glossary has none
  glossary::MatchOptions options;
};

Setup load(const Args& args) {
  auto glossary_path = args.value("glossary");
  if (!glossary_path) {
    throw UsageError("missing --glossary FILE");
  }
  auto lang_name = args.value("lang");
  if (!lang_name) {
    throw UsageError("missing --lang (the language of the text, e.g. ko or en)");
  }
  Setup s;
  s.lang = LangTag::parse(*lang_name);
  s.termbase = io::read_termbase_file(*glossary_path, args.value_or("glossary-format", ""));
  if (auto tgt = args.value("tgt-lang")) {
    s.tgt = LangTag::parse(*tgt);
  } else {
    for (const auto& l : s.termbase.languages()) {
      if (!l.matches(s.lang) && !s.lang.matches(l)) {
        s.tgt = l;
        break;
      }
    }
  }
  s.options.longest_match_only = !args.flag("all");
  s.options.fold_case = !args.flag("case-sensitive");
  s.options.english_verb_forms = args.flag("verb-forms");
  return s;
}

std::string translation(const glossary::TermBase& tb, const std::string& concept_id,
                        const LangTag& tgt) {
  if (tgt.empty()) {
    return {};
  }
  const glossary::Concept* c = tb.find(concept_id);
  const glossary::Term* t = c ? c->preferred(tgt) : nullptr;
  return t ? t->text : std::string();
}

// Runs `per_line(line_number, line, hits, out, more)` over every input line. With
// `in_parts`, the hits of a long line come in several calls, in order, `more` set on all
// but the first, so that they need not all be held at once.
template <typename F>
int each_line(const Args& args, const Context& ctx, const Setup& setup, F per_line,
              bool in_parts = false) {
  glossary::TermMatcher matcher(setup.termbase, setup.lang, setup.options);
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  Output out(args.value_or("output", "-"));
  // Lines are matched in batches, with one setup of the matcher for each.
  constexpr std::size_t kBatch = 64;
  constexpr std::size_t kLongLine = std::size_t{1} << 20;
  std::vector<std::string> lines;
  std::vector<std::uint64_t> numbers;
  std::vector<std::string_view> views;
  auto flush = [&]() {
    views.assign(lines.begin(), lines.end());
    auto hits = matcher.find_each(views);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      per_line(numbers[i], lines[i], hits[i], out.stream(), false);
    }
    lines.clear();
    numbers.clear();
  };
  std::string line;
  for (const auto& path : files) {
    Input in(path);
    text::LineReader reader = open_lines(in, ctx);
    Progress progress(ctx, "terms", in.size());
    while (reader.next(line)) {
      try {
        text::check_utf8(line, "text");
      } catch (const Error& e) {
        flush();  // the lines before the bad one are written first
        throw Error(e.kind(), e.message(), SourceLocation{in.name(), reader.line_number(), 0});
      }
      if (in_parts && line.size() > kLongLine) {
        flush();
        bool more = false;
        matcher.find_in_batches(line, [&](std::vector<glossary::TermHit>& hits) {
          per_line(reader.line_number(), line, hits, out.stream(), more);
          more = true;
        });
        continue;
      }
      lines.push_back(std::move(line));  // a 30 MB line is not held twice
      numbers.push_back(reader.line_number());
      if (lines.size() == kBatch) {
        flush();
        progress.update(reader.bytes_read());
      }
    }
    flush();
    progress.update(reader.bytes_read());
  }
  out.commit();
  return kExitOk;
}

int run_find(const Args& args, const Context& ctx) {
  Setup setup = load(args);
  const bool jsonl = args.flag("jsonl");
  bool header = !jsonl;
  std::optional<text::CodePointCounter> counter;  // kept across the parts of a long line
  return each_line(
      args, ctx, setup,
      [&](std::uint64_t line_no, const std::string& line,
          const std::vector<glossary::TermHit>& hits, std::ostream& out, bool more) {
        if (header) {
          out << "line\tstart\tend\tconcept\tsurface\ttranslation\n";
          header = false;
        }
        if (!more) {
          counter.emplace(line);
        }
        for (const auto& hit : hits) {
          // Code points, as editors and the JSON consumers count them.
          std::size_t start = counter->at(hit.span.begin);
          std::size_t end = start + text::count_code_points(hit.surface);
          if (jsonl) {
            // The documented layout: keys in this order, ", " and ": ".
            out << "{\"line\": " << line_no << ", \"start\": " << start << ", \"end\": " << end
                << ", \"text\": " << nlohmann::json(hit.surface).dump()
                << ", \"concept\": " << nlohmann::json(hit.concept_id).dump() << "}\n";
          } else {
            out << line_no << '\t' << start << '\t' << end << '\t' << hit.concept_id << '\t'
                << hit.surface << '\t' << translation(setup.termbase, hit.concept_id, setup.tgt)
                << '\n';
          }
        }
      },
      true);
}

int run_annotate(const Args& args, const Context& ctx) {
  Setup setup = load(args);
  setup.options.longest_match_only = true;  // annotations cannot overlap
  return each_line(args, ctx, setup,
                   [&](std::uint64_t, const std::string& line,
                       const std::vector<glossary::TermHit>& hits, std::ostream& out, bool) {
                     std::size_t pos = 0;
                     for (const auto& hit : hits) {
                       out << std::string_view(line).substr(pos, hit.span.end - pos);
                       std::string t = translation(setup.termbase, hit.concept_id, setup.tgt);
                       out << '[' << (t.empty() ? hit.concept_id : t) << ']';
                       pos = hit.span.end;
                     }
                     out << std::string_view(line).substr(pos) << '\n';
                   });
}

std::vector<OptionSpec> common_options() {
  return {
      {"glossary", 'g', "FILE", "the term base (TBX, CSV, TSV; format by content or extension)"},
      {"glossary-format", 0, "F", "format of the term base when its extension does not say"},
      {"lang", 'l', "LANG", "language of the text (ko, en, ...)"},
      {"tgt-lang", 0, "LANG",
       "language of the translations shown (default: the glossary's other language)"},
      {"case-sensitive", 0, "", "do not fold case (acronyms are always matched in capitals)"},
      {"verb-forms", 0, "", "English: also match -ed/-ing forms of a term's last word"},
      {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"},
  };
}

}  // namespace

Command terms_command() {
  auto find_options = common_options();
  find_options.push_back({"jsonl", 0, "", "one JSON object per occurrence"});
  find_options.push_back({"all", 0, "", "report overlapping hits too, not only the longest"});
  return Command{
      "terms",
      "spot glossary terms in Korean or English text",
      "",
      {},
      "",
      nullptr,
      {
          Command{
              "find",
              "list every occurrence of a glossary term",
              "--glossary FILE --lang LANG [--jsonl] [-o FILE] [FILE...]",
              find_options,
              "Reads FILEs (or stdin) line by line and lists each occurrence of a term of the\n"
              "glossary in language LANG: a TSV table (line, start, end, concept, surface,\n"
              "translation) or, with --jsonl, one object per occurrence:\n"
              "  {\"line\": N, \"start\": S, \"end\": E, \"text\": \"...\", \"concept\": \"ID\"}\n"
              "N is the 1-based line, S/E code-point offsets into it (end exclusive).\n"
              "Korean particles stay outside the span (국방부는 -> 국방부), spacing variants\n"
              "match (핵 실험), English plurals match (nuclear tests), acronyms match only in\n"
              "capitals and as whole words, and the longest match wins.\n\n"
              "example:\n"
              "  termbridge terms find -g defense.csv -l ko --jsonl news.ko.txt\n",
              run_find,
              {},
          },
          Command{
              "annotate",
              "print the text with each term followed by its translation",
              "--glossary FILE --lang LANG [--tgt-lang LANG] [-o FILE] [FILE...]",
              common_options(),
              "Prints the text with each occurrence of a glossary term followed by the\n"
              "preferred translation in brackets (the concept id when there is none).\n\n"
              "example:\n"
              "  echo '핵협의그룹은 회의를 열었다' | termbridge terms annotate -g defense.csv -l "
              "ko\n"
              "  핵협의그룹[Nuclear Consultative Group]은 회의를 열었다\n",
              run_annotate,
              {},
          },
      },
  };
}

}  // namespace termbridge::cli
