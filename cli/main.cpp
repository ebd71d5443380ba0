// The termbridge command: one binary, subcommands dispatched from one table.

#include <vector>

#include "cli.hpp"
#include "commands/commands.hpp"

int main(int argc, char** argv) {
  using namespace termbridge::cli;
  // SIGPIPE keeps its default action: `termbridge ... | head` ends quietly.
  std::ios::sync_with_stdio(false);
  const std::vector<Command> table = {
      normalize_command(),
      terms_command(),
      convert_command(),
      validate_command(),
      pretranslate_command(),
      merge_command(),
      qa_command(),
      tm_command(),
      segment_command(),
      glossary_command(),
      align_command(),
      lexicon_command(),
      serve_command(),
  };
  return dispatch(table, argc, argv);
}
