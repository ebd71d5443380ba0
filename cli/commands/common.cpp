// What several commands share: reading an article's paragraphs and loading a glossary.

#include "commands/commands.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/segment/paragraphs.hpp"

namespace termbridge::cli {

void note_sniffed(const Context& ctx, const std::string& name, const std::string& encoding) {
  ctx.note(name + " is not UTF-8; read as " + encoding + " (give --encoding " + encoding +
           " to say so, or another encoding)");
}

text::LineReader open_lines(Input& in, const Context& ctx) {
  text::LineReader lines(in.stream(), in.name(), std::string_view(ctx.encoding));
  lines.on_sniffed(
      [&ctx, name = in.name()](const std::string& encoding) { note_sniffed(ctx, name, encoding); });
  return lines;
}

std::vector<std::string> read_paragraphs(const std::string& path) {
  Input in(path);
  text::LineReader lines = open_lines(in, running_context());
  segment::ParagraphReader reader(lines);
  std::vector<std::string> paragraphs;
  std::string p;
  while (reader.next(p)) {
    paragraphs.push_back(p);
  }
  return paragraphs;
}

glossary::TermBase load_glossary(const std::string& path, const Context& ctx) {
  Diagnostics diagnostics;
  io::TermBaseReadOptions options;
  options.on_bad_entry = OnBadEntry::warn;
  options.diagnostics = &diagnostics;
  glossary::TermBase terms = io::read_termbase_file(path, {}, options);
  for (const auto& d : diagnostics.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  return terms;
}

}  // namespace termbridge::cli
