// What several commands share: reading an article's paragraphs and loading a glossary.

#include <filesystem>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/units.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/termdb/store.hpp"
#include "termbridge/tm/memory.hpp"
#include "termbridge/tm/unit.hpp"

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

glossary::TermBase read_glossary_at(const std::string& location, std::string_view format,
                                    const io::TermBaseReadOptions& options) {
  if (termdb::is_database_uri(location)) {
    termdb::TermStore store(location, {.create = false, .read_only = true});
    return store.load();
  }
  return io::read_termbase_file(location, format, options);
}

glossary::TermBase load_glossary(const std::string& path, const Context& ctx) {
  Diagnostics diagnostics;
  io::TermBaseReadOptions options;
  options.on_bad_entry = OnBadEntry::warn;
  options.diagnostics = &diagnostics;
  glossary::TermBase terms = read_glossary_at(path, {}, options);
  for (const auto& d : diagnostics.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  return terms;
}

namespace {

// The source and target text of a unit in the two languages; false when it lacks one.
bool pair_of(const tm::TranslationUnit& unit, const LangTag& src, const LangTag& tgt,
             lexicon::UnitPair& out) {
  const tm::Variant* s = unit.find_language(src);
  const tm::Variant* t = unit.find_language(tgt);
  if (s == nullptr || t == nullptr || s == t || s->segment.text.empty() ||
      t->segment.text.empty()) {
    return false;
  }
  out.source = s->segment.text;
  out.target = t->segment.text;
  return true;
}

}  // namespace

std::vector<lexicon::UnitPair> read_aligned_units(const std::vector<std::string>& paths,
                                                  const std::vector<std::string>& memories,
                                                  const std::string& format, const LangTag& src,
                                                  const LangTag& tgt, const Context& ctx) {
  std::vector<lexicon::UnitPair> out;
  lexicon::UnitPair pair;
  for (const auto& path : paths) {
    Input in(path);
    std::string head = read_head(in.stream(), in.name());
    io::Format f =
        io::input_format(path == "-" ? std::string_view() : path, head_for_sniffing(head), format);
    if (!io::is_unit_format(f)) {
      throw Error(ErrorKind::invalid_argument,
                  ctx.command + " reads aligned units (tmx, xliff, tsv, csv or omegat-tsv), not " +
                      std::string(io::format_name(f)) + " (" + in.name() + ")");
    }
    ReplayBuf buf(std::move(head), in.stream().rdbuf());
    std::istream stream(&buf);
    io::UnitReadOptions ro;
    ro.keep_inline_codes = false;
    ro.src_lang = src;
    ro.tgt_lang = tgt;
    ro.encoding = ctx.encoding;
    ro.on_sniffed = [&](const std::string& encoding) { note_sniffed(ctx, in.name(), encoding); };
    io::UnitReader reader(stream, in.name(), f, ro);
    Progress progress(ctx, "read", in.size());
    tm::TranslationUnit unit;
    std::size_t before = out.size();
    while (reader.next(unit)) {
      if (pair_of(unit, src, tgt, pair)) {
        out.push_back(std::move(pair));
      }
      progress.update(reader.bytes_read());
    }
    progress.finish();
    if (out.size() == before) {
      ctx.warn(in.name() + ": no unit with both " + src.str() + " and " + tgt.str() + " text");
    }
  }
  for (const auto& path : memories) {
    if (!tm::is_database_uri(path) && !std::filesystem::exists(path)) {
      throw Error(ErrorKind::io, "no memory '" + path + "'");
    }
    tm::OpenOptions open;
    open.create = false;
    open.read_only = true;
    tm::TranslationMemory memory(path, open);
    std::size_t before = out.size();
    memory.export_units([&](const tm::TranslationUnit& unit) {
      if (pair_of(unit, src, tgt, pair)) {
        out.push_back(std::move(pair));
      }
    });
    if (out.size() == before) {
      ctx.warn(path + ": no unit with both " + src.str() + " and " + tgt.str() + " text");
    }
  }
  return out;
}

}  // namespace termbridge::cli
