// termbridge convert: between TMX, XLIFF 1.2/2.0/2.1, bilingual TSV/CSV, and term bases
// (TBX v2/v3 <-> CSV/TSV/OmegaT TSV).

#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/units.hpp"

namespace termbridge::cli {

namespace {

using io::Format;

std::optional<LangTag> lang_option(const Args& args, std::string_view name) {
  if (auto v = args.value(name)) {
    return LangTag::parse(*v);
  }
  return std::nullopt;
}

std::string replace_lang(std::string path, const LangTag& lang) {
  auto at = path.find("{lang}");
  return path.replace(at, 6, lang.str());
}

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
    // A term base is loaded whole: bounded by --max-input, NUL bytes fail at once.
    std::string data = text::read_whole(input.stream(), input.name(), std::move(head));
    return convert_termbase(input.name(), data, from, to, args, ctx);
  }
  if (from == Format::srx || to == Format::srx) {
    throw Error(ErrorKind::invalid_argument, "convert does not handle SRX rules");
  }

  Diagnostics diags;
  ReplayBuf replay(std::move(head), input.stream().rdbuf());
  std::istream in(&replay);
  io::UnitReadOptions ropts;
  ropts.keep_inline_codes = !args.flag("strip-codes");
  ropts.on_bad_entry = args.flag("skip-bad") ? OnBadEntry::warn : OnBadEntry::fail;
  ropts.diagnostics = &diags;
  ropts.src_lang = src_opt.value_or(LangTag());
  ropts.tgt_lang = tgt_opt.value_or(LangTag());
  ropts.learn_src_lang = true;
  ropts.encoding = ctx.encoding;
  ropts.on_sniffed = [&](const std::string& encoding) {
    note_sniffed(ctx, input.name(), encoding);
  };
  io::UnitReader reader(in, input.name(), from, ropts);

  io::UnitWriteOptions wopts;
  wopts.diagnostics = &diags;
  wopts.src_lang = reader.src_lang();
  // XLIFF takes every target language of the units unless one is asked for; tables need one.
  wopts.tgt_lang = io::is_xliff(to) ? tgt_opt.value_or(LangTag()) : reader.tgt_lang();
  if (const io::TmxHeader* h = reader.tmx_header()) {
    wopts.tmx_header = *h;
    wopts.tmx_header.creation_tool.clear();
    wopts.tmx_header.creation_tool_version.clear();
    wopts.tmx_header.creation_date.clear();
    wopts.tmx_header.o_tmf.clear();
    if (src_opt) {
      wopts.tmx_header.src_lang = src_opt->str();
    }
  }
  auto slash = in_path.find_last_of('/');
  wopts.original = slash == std::string::npos ? in_path : in_path.substr(slash + 1);

  auto write_all = [&](io::UnitWriter& writer, const std::vector<tm::TranslationUnit>* units) {
    if (units != nullptr) {
      for (const auto& unit : *units) {
        writer.write(unit);
      }
    } else if (reader.document() != nullptr) {
      writer.write_document(*reader.document());
    } else {
      tm::TranslationUnit unit;
      while (reader.next(unit)) {
        writer.write(unit);
      }
    }
    writer.finish();
    if (writer.left_out() > 0) {
      ctx.warn(counted(writer.left_out(), "unit") + " without " +
               (io::is_table(to) ? "both " + quoted(wopts.src_lang.str()) + " and " +
                                       quoted(wopts.tgt_lang.str())
                                 : "the source language " + quoted(wopts.src_lang.str())) +
               " left out");
    }
  };

  if (io::is_xliff(to) && out_path.find("{lang}") != std::string::npos) {
    // One XLIFF file per target language, named by it.
    std::vector<tm::TranslationUnit> units;
    if (reader.document() != nullptr) {
      units = tm::to_translation_units(*reader.document());
    } else {
      tm::TranslationUnit unit;
      while (reader.next(unit)) {
        units.push_back(std::move(unit));
      }
    }
    std::vector<LangTag> targets =
        tgt_opt ? std::vector<LangTag>{*tgt_opt} : io::target_languages(units, wopts.src_lang);
    if (targets.empty()) {
      throw Error(ErrorKind::invalid_argument, quoted(in_path) + " has no language other than " +
                                                   quoted(wopts.src_lang.str()) +
                                                   "; give --tgt-lang");
    }
    std::vector<std::unique_ptr<Output>> outs;
    for (const auto& tgt : targets) {
      outs.push_back(std::make_unique<Output>(replace_lang(out_path, tgt)));
      io::UnitWriteOptions one = wopts;
      one.tgt_lang = tgt;
      io::UnitWriter writer(outs.back()->stream(), to, one);
      write_all(writer, &units);
    }
    for (auto& o : outs) {
      o->commit();
    }
  } else {
    Output out(out_path);
    io::UnitWriter writer(out.stream(), to, wopts);
    write_all(writer, nullptr);
    for (const auto& d : diags.items()) {
      ctx.warn(d.where.to_string() + ": " + d.message);
    }
    out.commit();
    return kExitOk;
  }
  for (const auto& d : diags.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  return kExitOk;
}

}  // namespace

Command convert_command() {
  return Command{
      "convert",
      "convert between TMX, XLIFF 1.2/2.0/2.1, bilingual TSV/CSV, and TBX <-> CSV/TSV",
      "IN OUT [--from F] [--to F] [--src-lang L] [--tgt-lang L] [--strip-codes] [--skip-bad] "
      "[--encoding E]",
      {
          {"from", 0, "F",
           "input format: tmx, xliff12, xliff20, xliff21, tsv, csv, tbx2, tbx3, omegat-tsv "
           "(default: from the content, else the extension)"},
          {"to", 0, "F",
           "output format, same names (default: from OUT's extension; .xlf = xliff12)"},
          {"src-lang", 0, "L", "source language (default: the input's srclang or header)"},
          {"tgt-lang", 0, "L",
           "target language (default: the input's, or the first other language; XLIFF: "
           "every other language)"},
          {"strip-codes", 0, "", "drop inline codes (bpt, ept, ph, ...), keep the plain text"},
          {"skip-bad", 0, "", "skip bad units with a warning instead of stopping"},
      },
      "Translation units go between TMX, XLIFF and bilingual tables (TSV/CSV with a header of\n"
      "language tags: \"ko<TAB>en\"); term bases between TBX and CSV/TSV/OmegaT TSV. OUT is\n"
      "written atomically; '-' is stdout (give --to). Units in several target languages\n"
      "become one XLIFF 1.2 <file> each; XLIFF 2 holds one pair: the first target, the\n"
      "other languages kept in each unit's <tb:variants> (read back by termbridge), or name\n"
      "the output with {lang} (-o out.{lang}.xlf: one file per language) or give --tgt-lang.\n\n"
      "example:\n  termbridge convert memory.tmx job.xlf --tgt-lang en\n"
      "  termbridge convert defense.ko-en.tsv defense.tbx --to tbx3\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
