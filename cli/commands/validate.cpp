// termbridge validate: checks TMX, XLIFF, TBX and bilingual tables and says what is wrong.

#include "termbridge/io/validate.hpp"

#include <iostream>
#include <sstream>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"

namespace termbridge::cli {

namespace {

int run(const Args& args, const Context&) {
  if (args.positionals().empty()) {
    throw UsageError("expected FILE");
  }
  bool any = false;
  for (const auto& path : args.positionals()) {
    // Only the head is read to tell the format: a TMX then streams unit by unit, and the
    // formats read whole are read within --max-input.
    Input input(path);
    std::string data = read_head(input.stream(), input.name());
    std::string head = data;
    if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") {
      std::string narrow;
      for (std::size_t i = 2; i + 1 < head.size(); i += 2) {
        narrow += head[i] == '\0' ? head[i + 1] : head[i];
      }
      head = narrow;
    }
    io::Format format;
    try {
      format = io::input_format(path, head, args.value_or("format", ""));
    } catch (const Error& e) {
      std::cout << path << ": " << e.message() << '\n';
      any = true;
      continue;
    }
    ReplayBuf replay(std::move(data), input.stream().rdbuf());
    std::istream in(&replay);
    auto report = io::validate(in, path, format);
    for (const auto& p : report.problems) {
      std::cout << p.where.to_string() << ": " << p.message << '\n';
    }
    if (report.ok()) {
      std::cout << path << ": ok (" << io::format_name(format);
      if (!report.version.empty()) {
        std::cout << ' ' << report.version;
      }
      std::cout << ", " << counted(report.units, "unit") << ")\n";
    } else {
      any = true;
    }
  }
  return any ? kExitFindings : kExitOk;
}

}  // namespace

Command validate_command() {
  return Command{
      "validate",
      "check TMX, XLIFF, TBX and TSV/CSV files and say precisely what is wrong",
      "[--format F] FILE...",
      {
          {"format", 0, "F", "the format of every FILE (default: from the content or extension)"},
      },
      "Checks well-formedness (with line and column), the root element and version, required\n"
      "attributes, language tags and that they agree (TMX srclang present and used by every\n"
      "unit), units with fewer than two languages and duplicate ids; in XLIFF also missing\n"
      "unit ids, unknown states, an <ec> before its <sc>, and a <target> without segment\n"
      "markers in a unit with <seg-source>. Prints one line per problem, FILE:LINE:COL:\n"
      "message, or 'FILE: ok'. Exit status 1 when problems are found.\n\n"
      "example:\n  termbridge validate memory.tmx job.xlf\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
