// termbridge normalize: Unicode normalization of text files.

#include "termbridge/text/normalize.hpp"

#include <string>

#include "commands/commands.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::cli {

namespace {

int run(const Args& args, const Context& ctx) {
  auto form = text::parse_normal_form(args.value_or("form", "nfc"));
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  Output out(args.value_or("output", "-"));
  std::string line;
  for (const auto& path : files) {
    Input in(path);
    text::LineReader reader = open_lines(in, ctx);
    Progress progress(ctx, "normalize", in.size());
    while (reader.next(line)) {
      out.stream() << text::normalize(line, form) << '\n';
      progress.update(reader.bytes_read());
    }
  }
  out.commit();
  return kExitOk;
}

}  // namespace

Command normalize_command() {
  return Command{
      "normalize",
      "normalize Unicode text (NFC by default; decomposed Hangul is composed)",
      "[--form nfc|nfkc|nfkc_cf] [--encoding E] [-o FILE] [FILE...]",
      {
          {"form", 0, "FORM",
           "nfc (default), nfkc, or nfkc_cf (the matching key: NFKC + case folding)"},
          {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"},
      },
      "Reads FILEs (or stdin) and writes them normalized, with LF line ends and without a\n"
      "byte-order mark.\n\n"
      "example:\n  printf 'ＮＣＧ 회의\\n' | termbridge normalize --form nfkc_cf\n  ncg 회의\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
