// termbridge segment: sentence segmentation by SRX rules (ICU's for languages without
// built-in rules), one sentence per line.

#include <algorithm>
#include <optional>
#include <string>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::cli {

namespace {

// "auto" (empty result) or a well-formed BCP 47 tag in canonical form. Any language can be
// segmented, so only a tag that is not one is refused.
std::optional<std::string> parse_lang(const std::string& value) {
  if (value == "auto") {
    return std::nullopt;
  }
  auto tag = LangTag::try_parse(value);
  if (!tag) {
    throw UsageError("invalid language tag " + quoted(value) +
                     " (expected auto or a BCP 47 tag such as ko, en-US, ja or fr)");
  }
  return tag->str();
}

int run(const Args& args, const Context& ctx) {
  auto srx = args.value("srx");
  auto lang = parse_lang(args.value_or("lang", "auto"));
  auto segmenter =
      srx ? segment::Segmenter::from_srx(read_all(*srx), *srx) : segment::Segmenter::builtin();
  if (lang && segmenter.method(*lang) == segment::Method::icu) {
    ctx.note("no built-in rules for " + quoted(*lang) +
             "; segmenting by ICU's sentence rules for that locale");
  }
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  const bool clauses = args.flag("clauses");
  Output out(args.value_or("output", "-"));
  std::string paragraph;
  std::string sentence;
  bool first = true;
  for (const auto& path : files) {
    Input in(path);
    text::LineReader lines = open_lines(in, ctx);
    segment::ParagraphReader paragraphs(lines);
    Progress progress(ctx, "segment", in.size());
    while (paragraphs.next(paragraph)) {
      if (!first && !paragraphs.continues()) {
        out.stream() << '\n';
      }
      first = false;
      std::string guessed;
      if (!lang) {
        guessed = text::guess_language(paragraph);
      }
      for (Span s : segmenter.split(paragraph, lang ? *lang : guessed)) {
        // A paragraph wrapped over several lines: its sentences go on one line each.
        sentence = text::normalize(s.of(paragraph), text::NormalForm::nfc);
        std::replace(sentence.begin(), sentence.end(), '\n', ' ');
        if (!clauses) {
          out.stream() << sentence << '\n';
          continue;
        }
        for (Span c : segment::clauses(sentence)) {
          out.stream() << c.of(sentence) << '\n';
        }
      }
      progress.update(paragraphs.bytes_read());
    }
  }
  out.commit();
  return kExitOk;
}

}  // namespace

Command segment_command() {
  return Command{
      "segment",
      "split text into sentences (SRX rules; ko, en, ja, zh, de, fr, es, ru built in)",
      "[--lang LANG|auto] [--srx FILE] [--clauses] [--encoding E] [-o FILE] [FILE...]",
      {
          {"lang", 0, "LANG",
           "language of the text, a BCP 47 tag (ko, en-US, ja, ...), or auto (default: "
           "guessed per paragraph among ko, en, ja and zh)"},
          {"srx", 0, "FILE", "segmentation rules from an SRX 2.0 file instead of the built-in"},
          {"clauses", 0, "",
           "cut sentences after ';' or ':' before a capital or quotation mark too, into the "
           "units `align` matches in raw text"},
          {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"},
      },
      "Writes one sentence per line, NFC-normalized, and a blank line between paragraphs.\n"
      "A blank line in the input ends a paragraph; lines of one paragraph are joined.\n"
      "Languages without built-in rules are segmented by ICU's sentence rules for their\n"
      "locale, with a note on stderr.\n\n"
      "example:\n"
      "  printf 'Sen. Kim met U.S. officials at 9 a.m. Monday. They agreed.\\n' |\n"
      "    termbridge segment --lang en\n"
      "  Sen. Kim met U.S. officials at 9 a.m. Monday.\n"
      "  They agreed.\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
