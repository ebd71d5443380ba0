// termbridge lexicon: word translation probabilities learned from aligned units.

#include "termbridge/lexicon/lexicon.hpp"

#include <optional>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"

namespace termbridge::cli {

namespace {

int run_train(const Args& args, const Context& ctx) {
  auto src_arg = args.value("src-lang");
  auto tgt_arg = args.value("tgt-lang");
  if (!src_arg || !tgt_arg) {
    throw UsageError("--src-lang and --tgt-lang are required");
  }
  LangTag src = LangTag::parse(*src_arg);
  LangTag tgt = LangTag::parse(*tgt_arg);
  auto tms = args.values("tm");
  if (args.positionals().empty() && tms.empty()) {
    throw UsageError("expected aligned units: one or more files, or --tm MEMORY");
  }
  lexicon::TrainOptions options;
  if (auto v = args.value("iterations")) {
    try {
      std::size_t used = 0;
      options.iterations = std::stoi(*v, &used);
      if (used != v->size() || options.iterations < 1 || options.iterations > 100) {
        throw std::invalid_argument(*v);
      }
    } catch (const std::logic_error&) {
      throw UsageError("--iterations takes a whole number from 1 to 100, not " +
                       termbridge::quoted(*v));
    }
  }
  options.diagonal_prior = !args.flag("no-diagonal");
  std::optional<glossary::TermBase> terms;
  if (auto g = args.value("glossary")) {
    terms = load_glossary(*g, ctx);
    options.terms = &*terms;
  }

  std::vector<lexicon::UnitPair> pairs =
      read_aligned_units(args.positionals(), tms, args.value_or("format", ""), src, tgt, ctx);

  Output out(args.value_or("output", "-"));
  Progress progress(ctx, "train", static_cast<std::uint64_t>(options.iterations),
                    Progress::Count::items, "iteration");
  options.progress = [&](int done, int) { progress.update(static_cast<std::uint64_t>(done)); };
  lexicon::Lexicon lex = lexicon::train(pairs, src, tgt, options);
  progress.finish();
  lex.write(out.stream());
  out.commit();
  if (!out.is_stdout()) {
    ctx.note(args.value_or("output", "-") + ": " + counted(lex.size(), "word pair") + " from " +
             counted(pairs.size(), "unit"));
  }
  return kExitOk;
}

}  // namespace

Command lexicon_command() {
  return Command{
      "lexicon",
      "word translation probabilities learned from aligned units",
      "",
      {},
      "",
      nullptr,
      {
          Command{
              "train",
              "learn a lexicon from aligned units (TMX, XLIFF, align's TSV, a memory)",
              "--src-lang L --tgt-lang L [-g GLOSSARY] [--tm MEMORY]... [-o OUT] [FILE...]",
              {{"src-lang", 0, "LANG", "source language, e.g. ko"},
               {"tgt-lang", 0, "LANG", "target language, e.g. en"},
               {"tm", 0, "FILE",
                "also read the units of this memory (a file or a postgresql:// URI)", true},
               {"glossary", 'g', "FILE",
                "term base (a file or a postgresql:// URI) whose term pairs become fixed entries "
                "(and train as units)"},
               {"format", 0, "FMT",
                "input format: tmx, xliff12, xliff20, xliff21, tsv or csv (default: by content, "
                "else by extension)"},
               {"iterations", 0, "N", "EM iterations of each direction (default 5)"},
               {"no-diagonal", 0, "", "no preference for links near the diagonal of a unit"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "Learns p(target word | source word) and p(source word | target word) from\n"
              "aligned units: IBM Model 1 in both directions with fast_align's diagonal prior.\n"
              "Korean words are eojeols with their particles and endings split off (국방부는 ->\n"
              "국방부), English words are case-folded; numbers and punctuation are left out.\n"
              "With -g the term base's pairs are fixed entries. The file is text, one pair a\n"
              "line (source, target, both probabilities, 'term' for a fixed pair); `termbridge\n"
              "align --lexicon FILE` uses it.\n\n"
              "example:\n"
              "  termbridge align --format tsv --header a.ko.txt a.en.txt -o a.tsv\n"
              "  termbridge lexicon train --src-lang ko --tgt-lang en a.tsv memory.tmx "
              "-o ko-en.lex\n",
              run_train,
              {},
          },
      },
  };
}

}  // namespace termbridge::cli
