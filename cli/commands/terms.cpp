// termbridge terms: spotting glossary terms in running text (find, annotate).

#include <algorithm>
#include <charconv>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
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

// One language of the text: its matcher, and the translations shown for its hits.
struct Side {
  LangTag lang;
  LangTag tgt;  // the language of the translations shown; empty when the glossary has none
  std::unique_ptr<glossary::TermMatcher> matcher;
  std::vector<std::string> translations;  // by concept index; "" when there is none
};

struct Setup {
  glossary::TermBase termbase;
  std::vector<Side> sides;  // one, or with --lang auto one per language of the glossary
  bool auto_lang = false;
};

Side make_side(const glossary::TermBase& tb, LangTag lang, const Args& args,
               const glossary::MatchOptions& options) {
  Side side;
  side.lang = std::move(lang);
  if (auto tgt = args.value("tgt-lang")) {
    side.tgt = LangTag::parse(*tgt);
  }
  if (side.tgt.empty() || side.tgt.matches(side.lang)) {
    side.tgt = {};
    for (const auto& l : tb.languages()) {
      if (!l.matches(side.lang) && !side.lang.matches(l)) {
        side.tgt = l;
        break;
      }
    }
  }
  side.matcher = std::make_unique<glossary::TermMatcher>(tb, side.lang, options);
  // Looked up once per concept, not once per hit: a corpus has millions of hits.
  if (!side.tgt.empty()) {
    side.translations.reserve(tb.concepts().size());
    for (const auto& c : tb.concepts()) {
      const glossary::Term* t = c.preferred(side.tgt);
      side.translations.push_back(t ? t->text : std::string());
    }
  }
  return side;
}

Setup load(const Args& args) {
  auto glossary_path = args.value("glossary");
  if (!glossary_path) {
    throw UsageError("missing --glossary FILE");
  }
  auto lang_name = args.value("lang");
  if (!lang_name) {
    throw UsageError("missing --lang (the language of the text, e.g. ko or en, or auto)");
  }
  Setup s;
  s.termbase = io::read_termbase_file(*glossary_path, args.value_or("glossary-format", ""));
  glossary::MatchOptions options;
  options.longest_match_only = !args.flag("all");
  options.fold_case = !args.flag("case-sensitive");
  options.english_verb_forms = args.flag("verb-forms");
  if (*lang_name == "auto") {
    s.auto_lang = true;
    // Each language's index built on its own core: for a large glossary that is most of the
    // start-up.
    std::vector<std::future<Side>> built;
    for (const auto& l : s.termbase.languages()) {
      built.push_back(std::async(std::launch::async,
                                 [&, l] { return make_side(s.termbase, l, args, options); }));
    }
    for (auto& b : built) {
      s.sides.push_back(b.get());
    }
    if (s.sides.empty()) {
      throw UsageError("--lang auto: the glossary " + termbridge::quoted(*glossary_path) +
                       " has no terms");
    }
  } else {
    s.sides.push_back(make_side(s.termbase, LangTag::parse(*lang_name), args, options));
  }
  return s;
}

// The side a line is matched with: its own with one language; with --lang auto the one of
// the language its letters say (text::guess_language), none for a language the glossary
// does not hold or a line without letters.
const Side* side_of(const Setup& s, std::string_view line) {
  if (!s.auto_lang) {
    return &s.sides.front();
  }
  LangTag guess = LangTag::parse(text::guess_language(line));
  for (const auto& side : s.sides) {
    if (side.lang.matches(guess) || guess.matches(side.lang)) {
      return &side;
    }
  }
  return nullptr;
}

// Writes the hits of one line (or of one part of a long line: `counter` then carries over)
// to `out`. Called from several threads at once: it must only read shared state.
using Formatter = std::function<void(const Side* side, std::uint64_t line_no, std::string_view line,
                                     const std::vector<glossary::TermHit>& hits,
                                     text::CodePointCounter& counter, std::string& out)>;

void append_number(std::string& out, std::uint64_t n) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, r.ptr);
}

struct Batch {
  std::vector<std::string> lines;
  std::vector<std::uint64_t> numbers;
  std::size_t bytes = 0;
};

// Matches and formats one batch: lines of one language are matched together, a few dozen at
// a time (one setup of the matcher for each), and written in input order.
std::string run_batch(const Setup& setup, const Batch& b, const Formatter& format) {
  constexpr std::size_t kWalk = 64;
  std::vector<const Side*> sides(b.lines.size());
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    sides[i] = side_of(setup, b.lines[i]);
  }
  std::vector<std::vector<glossary::TermHit>> hits(b.lines.size());
  std::vector<std::string_view> views;
  std::vector<std::size_t> where;
  for (const auto& side : setup.sides) {
    for (std::size_t i = 0; i <= b.lines.size(); ++i) {
      if (i < b.lines.size() && sides[i] == &side) {
        views.push_back(b.lines[i]);
        where.push_back(i);
      }
      if (views.size() == kWalk || (i == b.lines.size() && !views.empty())) {
        auto found = side.matcher->find_each(views);
        for (std::size_t k = 0; k < found.size(); ++k) {
          hits[where[k]] = std::move(found[k]);
        }
        views.clear();
        where.clear();
      }
    }
  }
  std::string out;
  out.reserve(b.bytes * 2);  // a glossary of the text's own words writes more than it reads
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    text::CodePointCounter counter(b.lines[i]);
    format(sides[i], b.numbers[i], b.lines[i], hits[i], counter, out);
  }
  return out;
}

// Runs `format` over every input line, in input order, `header` first when there is a line.
// Batches of about a megabyte are matched on all cores while the next ones are read; at most
// one batch a core waits, so memory stays a few megabytes whatever the input. With
// `in_parts`, a line over a megabyte is matched alone, its hits written a batch at a time
// (find_in_batches), so that they need not all be held at once.
int each_line(const Args& args, const Context& ctx, const Setup& setup, const Formatter& format,
              std::string_view header, bool in_parts) {
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  Output out(args.value_or("output", "-"));
  constexpr std::size_t kBatchBytes = std::size_t{1} << 20;
  constexpr std::size_t kLongLine = std::size_t{1} << 20;
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::deque<std::future<std::string>> pending;
  bool any_line = false;
  auto write_front = [&] {
    std::string text = pending.front().get();  // rethrows the batch's error, in order
    pending.pop_front();
    out.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  };
  auto drain = [&] {
    while (!pending.empty()) {
      write_front();
    }
  };
  Batch batch;
  auto submit = [&] {
    if (batch.lines.empty()) {
      return;
    }
    if (!any_line) {
      out.stream() << header;
      any_line = true;
    }
    pending.push_back(std::async(std::launch::async, [&setup, &format, b = std::move(batch)] {
      return run_batch(setup, b, format);
    }));
    batch = Batch{};
    while (pending.size() > workers) {
      write_front();
    }
  };
  std::string line;
  try {
    for (const auto& path : files) {
      Input in(path);
      text::LineReader reader = open_lines(in, ctx);  // checked UTF-8, within --max-line
      Progress progress(ctx, "terms", in.size());
      while (reader.next(line)) {
        if (in_parts && line.size() > kLongLine) {
          submit();
          drain();
          if (!any_line) {
            out.stream() << header;
            any_line = true;
          }
          const Side* side = side_of(setup, line);
          text::CodePointCounter counter(line);
          std::string text;
          if (side) {
            side->matcher->find_in_batches(line, [&](std::vector<glossary::TermHit>& hits) {
              text.clear();
              format(side, reader.line_number(), line, hits, counter, text);
              out.stream() << text;
            });
          }
          progress.update(reader.bytes_read());
          continue;
        }
        batch.bytes += line.size();
        batch.lines.push_back(std::move(line));  // a long line is not held twice
        batch.numbers.push_back(reader.line_number());
        if (batch.bytes >= kBatchBytes) {
          submit();
          progress.update(reader.bytes_read());
        }
      }
      submit();
      progress.update(reader.bytes_read());
    }
    drain();
  } catch (...) {
    // The lines before a bad one are written first; then the error.
    try {
      submit();
      drain();
    } catch (...) {
    }
    throw;
  }
  out.commit();
  return kExitOk;
}

void append_json_string(std::string& out, std::string_view s) {
  out += nlohmann::json(s).dump();
}

int run_find(const Args& args, const Context& ctx) {
  Setup setup = load(args);
  const bool jsonl = args.flag("jsonl");
  Formatter format = [jsonl](const Side* side, std::uint64_t line_no, std::string_view,
                             const std::vector<glossary::TermHit>& hits,
                             text::CodePointCounter& counter, std::string& out) {
    for (const auto& hit : hits) {
      // Code points, as editors and the JSON consumers count them.
      std::size_t start = counter.at(hit.span.begin);
      std::size_t end = start + text::count_code_points(hit.surface);
      if (jsonl) {
        // The documented layout: keys in this order, ", " and ": ".
        out += "{\"line\": ";
        append_number(out, line_no);
        out += ", \"start\": ";
        append_number(out, start);
        out += ", \"end\": ";
        append_number(out, end);
        out += ", \"text\": ";
        append_json_string(out, hit.surface);
        out += ", \"concept\": ";
        append_json_string(out, hit.concept_id);
        out += "}\n";
      } else {
        append_number(out, line_no);
        out += '\t';
        append_number(out, start);
        out += '\t';
        append_number(out, end);
        out += '\t';
        out += hit.concept_id;
        out += '\t';
        out += hit.surface;
        out += '\t';
        if (!side->translations.empty()) {
          out += side->translations[hit.concept_index];
        }
        out += '\n';
      }
    }
  };
  return each_line(args, ctx, setup, format,
                   jsonl ? "" : "line\tstart\tend\tconcept\tsurface\ttranslation\n", true);
}

int run_annotate(const Args& args, const Context& ctx) {
  Setup setup = load(args);  // longest first: annotate has no --all, annotations cannot overlap
  Formatter format = [](const Side* side, std::uint64_t, std::string_view line,
                        const std::vector<glossary::TermHit>& hits, text::CodePointCounter&,
                        std::string& out) {
    std::size_t pos = 0;
    for (const auto& hit : hits) {
      out.append(line.substr(pos, hit.span.end - pos));
      const std::string* t =
          side->translations.empty() ? nullptr : &side->translations[hit.concept_index];
      out += '[';
      out += t && !t->empty() ? *t : hit.concept_id;
      out += ']';
      pos = hit.span.end;
    }
    out.append(line.substr(pos));
    out += '\n';
  };
  return each_line(args, ctx, setup, format, "", false);
}

std::vector<OptionSpec> common_options() {
  return {
      {"glossary", 'g', "GLOSSARY",
       "the term base (TBX, CSV, TSV; format by content or extension)"},
      {"glossary-format", 0, "F", "format of the term base when its extension does not say"},
      {"lang", 'l', "LANG",
       "language of the text (ko, en, ...), or auto: each line in the glossary language its "
       "letters say"},
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
              "-g GLOSSARY --lang LANG|auto [--jsonl] [--all] [-o FILE] [FILE...]",
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
              "-g GLOSSARY --lang LANG|auto [--tgt-lang LANG] [-o FILE] [FILE...]",
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
