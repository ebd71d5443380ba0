// termbridge convert: between TMX, XLIFF 1.2/2.0/2.1, bilingual TSV/CSV, and term bases
// (TBX v2/v3 <-> CSV/TSV/OmegaT TSV).

#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/bilingual.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/tm/document.hpp"

namespace termbridge::cli {

namespace {

using io::Format;

bool is_xliff(Format f) {
  return f == Format::xliff12 || f == Format::xliff20 || f == Format::xliff21;
}

bool is_table(Format f) {
  return f == Format::tsv || f == Format::csv || f == Format::omegat_tsv;
}

io::XliffVersion xliff_version(Format f) {
  return f == Format::xliff12
             ? io::XliffVersion::v12
             : (f == Format::xliff20 ? io::XliffVersion::v20 : io::XliffVersion::v21);
}

std::optional<LangTag> lang_option(const Args& args, std::string_view name) {
  if (auto v = args.value(name)) {
    return LangTag::parse(*v);
  }
  return std::nullopt;
}

// Input of the translation-unit pipeline: a stream of units and the languages it declares.
struct UnitSource {
  LangTag src;
  LangTag tgt;  // may be empty: then the first other language of the first unit
  io::TmxHeader tmx_header;
  std::vector<tm::TranslationUnit> pending;  // units read ahead to learn the languages
  std::unique_ptr<io::TmxReader> tmx;
  std::size_t next_pending = 0;

  bool next(tm::TranslationUnit& unit) {
    if (next_pending < pending.size()) {
      unit = std::move(pending[next_pending++]);
      return true;
    }
    if (tmx) {
      return tmx->next(unit);
    }
    return false;
  }
};

int convert_termbase(const std::string& in_path, const std::string& data, Format from, Format to,
                     const Args& args, const Context& ctx) {
  Diagnostics diags;
  io::TermBaseReadOptions ropts;
  ropts.on_bad_entry = args.flag("skip-bad") ? OnBadEntry::warn : OnBadEntry::fail;
  ropts.diagnostics = &diags;
  ropts.src_lang = args.value_or("src-lang", "");
  ropts.tgt_lang = args.value_or("tgt-lang", "");
  auto tb = io::read_termbase(data, from, in_path, ropts);
  for (const auto& d : diags.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  io::TermBaseWriteOptions wopts;
  wopts.src_lang = ropts.src_lang;
  wopts.tgt_lang = ropts.tgt_lang;
  Output out(args.positionals()[1]);
  io::write_termbase(tb, out.stream(), to, wopts);
  out.commit();
  return kExitOk;
}

int run(const Args& args, const Context& ctx) {
  if (args.positionals().size() != 2) {
    throw UsageError("expected IN and OUT");
  }
  const std::string& in_path = args.positionals()[0];
  const std::string& out_path = args.positionals()[1];
  // Only the head is read to tell the format: TMX and bilingual tables then stream, so a
  // file of any size converts in bounded memory.
  Input input(in_path);
  std::string head = read_head(input.stream(), input.name());
  Format from = io::input_format(in_path, head_for_sniffing(head), args.value_or("from", ""));
  Format to = io::output_format(out_path, args.value_or("to", ""));
  auto src_opt = lang_option(args, "src-lang");
  auto tgt_opt = lang_option(args, "tgt-lang");

  bool tb_from = from == Format::tbx2 || from == Format::tbx3;
  bool tb_to = to == Format::tbx2 || to == Format::tbx3;
  if (tb_from || tb_to) {
    if (!io::is_termbase_format(from) || !io::is_termbase_format(to)) {
      throw Error(ErrorKind::invalid_argument,
                  "cannot convert " + std::string(io::format_name(from)) + " to " +
                      std::string(io::format_name(to)) +
                      ": a term base converts to tbx2, tbx3, csv, tsv or omegat-tsv");
    }
    std::string data = head;
    data.append(std::istreambuf_iterator<char>(input.stream()), std::istreambuf_iterator<char>());
    return convert_termbase(input.name(), data, from, to, args, ctx);
  }
  if (from == Format::srx || to == Format::srx) {
    throw Error(ErrorKind::invalid_argument, "convert does not handle SRX rules");
  }

  Diagnostics diags;
  const OnBadEntry policy = args.flag("skip-bad") ? OnBadEntry::warn : OnBadEntry::fail;
  const bool strip = args.flag("strip-codes");
  ReplayBuf replay(std::move(head), input.stream().rdbuf());
  std::istream in(&replay);

  // XLIFF input keeps its document model when the output is XLIFF too.
  std::optional<tm::Document> doc;
  UnitSource source;
  if (is_xliff(from)) {
    io::XliffReadOptions o;
    o.keep_inline_codes = !strip;
    o.on_bad_entry = policy;
    o.diagnostics = &diags;
    doc = io::read_xliff(in, input.name(), o);
    if (src_opt) {
      doc->src_lang = *src_opt;
    }
    if (tgt_opt) {
      doc->tgt_lang = *tgt_opt;
    }
    source.src = doc->src_lang;
    source.tgt = doc->tgt_lang;
    if (!is_xliff(to)) {
      source.pending = tm::to_translation_units(*doc);
    }
  } else if (from == Format::tmx) {
    io::TmxReadOptions o;
    o.keep_inline_codes = !strip;
    o.on_bad_entry = policy;
    o.diagnostics = &diags;
    source.tmx = std::make_unique<io::TmxReader>(in, input.name(), o);
    source.tmx_header = source.tmx->header();
    source.src = src_opt ? *src_opt : source.tmx_header.source();
  } else {
    io::BilingualReadOptions o;
    o.on_bad_entry = policy;
    o.diagnostics = &diags;
    if (src_opt) {
      o.src_lang = *src_opt;
    }
    if (tgt_opt) {
      o.tgt_lang = *tgt_opt;
    }
    auto langs = io::read_bilingual(
        in, input.name(), from,
        [&](tm::TranslationUnit&& u) { source.pending.push_back(std::move(u)); }, o);
    source.src = langs.src;
    source.tgt = langs.tgt;
  }
  if (tgt_opt) {
    source.tgt = *tgt_opt;
  }
  // Languages not declared: learn them from the first unit.
  if (!doc && (source.src.empty() || source.tgt.empty())) {
    tm::TranslationUnit first;
    if (source.next(first)) {
      if (source.src.empty() && !first.variants.empty()) {
        source.src = first.variants[0].lang;
      }
      for (const auto& v : first.variants) {
        if (source.tgt.empty() && !(v.lang == source.src) && !v.lang.matches(source.src)) {
          source.tgt = v.lang;
        }
      }
      source.pending.insert(source.pending.begin() + static_cast<long>(source.next_pending),
                            std::move(first));
    }
  }

  Output out(out_path);
  if (is_xliff(to)) {
    if (!doc) {
      if (source.src.empty()) {
        throw Error(ErrorKind::invalid_argument,
                    "the source language of " + quoted(in_path) + " is not known; give --src-lang");
      }
      doc = tm::Document{};
      doc->src_lang = source.src;
      doc->tgt_lang = source.tgt;
      tm::DocFile file;
      file.id = "f1";
      auto slash = in_path.find_last_of('/');
      file.original = slash == std::string::npos ? in_path : in_path.substr(slash + 1);
      tm::TranslationUnit unit;
      std::uint64_t skipped = 0;
      while (source.next(unit)) {
        tm::DocUnit du;
        if (tm::to_doc_unit(unit, source.src, source.tgt, du)) {
          if (du.id.empty()) {
            du.id = std::to_string(file.units.size() + 1);
          }
          file.units.push_back(std::move(du));
        } else {
          ++skipped;
        }
      }
      if (skipped > 0) {
        ctx.warn(std::to_string(skipped) + " unit(s) without the source language " +
                 quoted(source.src.str()) + " left out");
      }
      doc->files.push_back(std::move(file));
    }
    io::write_xliff(out.stream(), *doc, xliff_version(to));
  } else if (to == Format::tmx) {
    io::TmxHeader header = source.tmx_header;
    header.creation_tool.clear();
    header.creation_tool_version.clear();
    header.creation_date.clear();
    header.o_tmf.clear();
    if (src_opt || header.src_lang.empty()) {
      header.src_lang = source.src.str();
    }
    io::TmxWriter writer(out.stream(), header);
    tm::TranslationUnit unit;
    while (source.next(unit)) {
      writer.write(unit);
    }
    writer.finish();
  } else if (is_table(to)) {
    if (source.src.empty() || source.tgt.empty()) {
      throw Error(
          ErrorKind::invalid_argument,
          "the languages of " + quoted(in_path) + " are not known; give --src-lang and --tgt-lang");
    }
    io::BilingualWriter writer(out.stream(), to, source.src, source.tgt);
    tm::TranslationUnit unit;
    std::uint64_t left_out = 0;
    while (source.next(unit)) {
      if (!writer.write(unit)) {
        ++left_out;
      }
    }
    if (left_out > 0) {
      ctx.warn(std::to_string(left_out) + " unit(s) without both " + quoted(source.src.str()) +
               " and " + quoted(source.tgt.str()) + " left out");
    }
  }
  for (const auto& d : diags.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  out.commit();
  return kExitOk;
}

}  // namespace

Command convert_command() {
  return Command{
      "convert",
      "convert between TMX, XLIFF 1.2/2.0/2.1, bilingual TSV/CSV, and TBX <-> CSV/TSV",
      "IN OUT [--from F] [--to F] [--src-lang L] [--tgt-lang L] [--strip-codes] [--skip-bad]",
      {
          {"from", 0, "F",
           "input format: tmx, xliff12, xliff20, xliff21, tsv, csv, tbx2, tbx3, omegat-tsv "
           "(default: from the content, else the extension)"},
          {"to", 0, "F",
           "output format, same names (default: from OUT's extension; .xlf = xliff12)"},
          {"src-lang", 0, "L", "source language (default: the input's srclang or header)"},
          {"tgt-lang", 0, "L",
           "target language (default: the input's, or the first other language)"},
          {"strip-codes", 0, "", "drop inline codes (bpt, ept, ph, ...), keep the plain text"},
          {"skip-bad", 0, "", "skip bad units with a warning instead of stopping"},
      },
      "Translation units go between TMX, XLIFF and bilingual tables (TSV/CSV with a header of\n"
      "language tags: \"ko<TAB>en\"); term bases between TBX and CSV/TSV/OmegaT TSV. OUT is\n"
      "written atomically; '-' is stdout (give --to).\n\n"
      "example:\n  termbridge convert memory.tmx job.xlf --tgt-lang en\n"
      "  termbridge convert defense.ko-en.tsv defense.tbx --to tbx3\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
