// termbridge merge: a translated XLIFF job back into a target article, and its confirmed
// pairs into the translation memory.

#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/units.hpp"
#include "termbridge/io/xliff.hpp"
#include "termbridge/job/pretranslate.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/text/decode.hpp"

namespace termbridge::cli {

namespace {

// The segments to translate that have no translation, in document order, each named
// "FILE:UNIT" or "FILE:UNIT#SEGMENT" (FILE the <file>'s original, else its id), as
// job::untranslated_segments names them within a file.
std::vector<std::string> untranslated_in(const tm::Document& doc) {
  std::vector<std::string> out;
  for (const auto& file : doc.files) {
    tm::Document one;
    one.files.push_back(tm::DocFile{});
    one.files.back().units = file.units;
    const std::string& where = !file.original.empty() ? file.original : file.id;
    for (const auto& seg : job::untranslated_segments(one)) {
      out.push_back(where.empty() ? seg : where + ":" + seg);
    }
  }
  return out;
}

int run(const Args& args, const Context& ctx) {
  if (args.positionals().size() != 1) {
    throw UsageError("expected one XLIFF file");
  }
  const std::string path = args.positionals()[0];
  const std::string name = path == "-" ? "<stdin>" : path;
  std::string data = read_all(path);
  // The job is read through the one table of unit formats; only an XLIFF file is a job.
  io::Format format = io::input_format(
      path,
      head_for_sniffing(std::string_view(data).substr(0, std::min<std::size_t>(data.size(), 8192))),
      args.value_or("from", ""));
  if (!io::is_xliff(format)) {
    throw Error(ErrorKind::invalid_argument,
                name + " is " + std::string(io::format_name(format)) +
                    ", not XLIFF: merge takes the XLIFF job a CAT tool gave back (convert it "
                    "first, e.g. termbridge convert " +
                    name + " job.xlf)");
  }
  // Units that cannot be read fail the merge (a paragraph would be missing); what the file
  // does against the schema, and how it was read, is said on stderr.
  Diagnostics diags;
  io::UnitReadOptions options;
  options.diagnostics = &diags;
  std::istringstream in(std::move(data));
  io::UnitReader reader(in, name, format, options);
  tm::Document doc = *reader.document();
  for (const auto& d : diags.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
  LangTag src = args.value("src-lang") ? LangTag::parse(*args.value("src-lang")) : LangTag();
  LangTag tgt = args.value("tgt-lang") ? LangTag::parse(*args.value("tgt-lang")) : LangTag();
  if (std::size_t dropped = tm::select_pair(doc, src, tgt); dropped > 0) {
    ctx.warn(name + ": merged the files in " + doc.src_lang.str() + " -> " + doc.tgt_lang.str() +
             "; " + counted(dropped, "file") + " in other language pairs left out");
  }
  if (auto source = args.value("source")) {
    job::check_against_source(doc, read_paragraphs(*source), segment::Segmenter::builtin());
  }
  bool partial = args.flag("allow-untranslated");
  auto untranslated = untranslated_in(doc);
  std::size_t segments = 0;
  for (const auto& f : doc.files) {
    for (const auto& u : f.units) {
      for (const auto& s : u.segments) {
        segments += tm::is_translatable(s);
      }
    }
  }
  if (!untranslated.empty() && !partial) {
    // Every one is named, a line each, so the translator can go through them in the CAT tool.
    std::string list;
    for (const auto& seg : untranslated) {
      list += "\n  " + seg;
    }
    throw Error(ErrorKind::invalid_argument,
                name + ": " + std::to_string(untranslated.size()) + " of " +
                    counted(segments, "segment") + (untranslated.size() == 1 ? " has" : " have") +
                    " no translation; translate them or give --allow-untranslated to keep their "
                    "source text:" +
                    list);
  }
  std::string article = job::merge_target(doc, partial);
  for (const auto& seg : untranslated) {
    ctx.warn(name + ": segment " + seg + " is untranslated; its source text is kept");
  }
  if (!untranslated.empty()) {
    ctx.warn(std::to_string(untranslated.size()) + " of " + counted(segments, "segment") +
             (untranslated.size() == 1 ? " is untranslated and keeps its source text"
                                       : " are untranslated and keep their source text"));
  }
  Output out(args.value_or("output", "-"));
  out.stream() << article;
  out.commit();
  if (auto tm_path = args.value("update-tm")) {
    auto units = job::confirmed_units(doc);
    tm::OpenOptions open;
    open.token = args.value_or("token", "");
    tm::TranslationMemory memory(*tm_path, open);
    tm::ImportOptions import_options;
    import_options.src_lang = doc.src_lang;
    import_options.tgt_lang = doc.tgt_lang;
    import_options.document = doc.files.empty() ? std::string() : doc.files[0].original;
    std::size_t next = 0;
    auto result = memory.import_units(
        [&](tm::TranslationUnit& unit) {
          if (next >= units.size()) {
            return false;
          }
          unit = std::move(units[next++]);
          return true;
        },
        import_options);
    if (!ctx.quiet) {
      std::cerr << "termbridge merge: stored " << counted(result.added, "confirmed pair") << " in "
                << *tm_path << " (" << result.duplicates << " already there)\n";
    }
  }
  return kExitOk;
}

}  // namespace

Command merge_command() {
  return Command{
      "merge",
      "write the target article of a translated XLIFF job; store confirmed pairs in the memory",
      "XLIFF [-o ARTICLE] [--update-tm TM] [--source ARTICLE] [--allow-untranslated] "
      "[--src-lang L] [--tgt-lang L]",
      {
          {"output", 'o', "FILE",
           "write the target article to FILE (atomically) instead of stdout"},
          {"update-tm", 0, "TM",
           "store the confirmed pairs (translated, reviewed, final) in TM, a file, a "
           "postgresql:// URI or a served memory (http://HOST:PORT)"},
          {"token", 0, "TOKEN", "the access token of a served memory (default: $TERMBRIDGE_TOKEN)"},
          {"source", 0, "ARTICLE", "check first that the job still matches this source article"},
          {"allow-untranslated", 0, "",
           "keep the source text of untranslated segments, with a warning naming each"},
          {"src-lang", 0, "L", "merge the files in this source language (a file may hold several)"},
          {"tgt-lang", 0, "L", "merge the files in this target language"},
      },
      "Reads an XLIFF 1.2 or 2.x job as a CAT tool returns it and writes the translated\n"
      "article: each unit's targets joined into a paragraph, paragraphs separated by blank\n"
      "lines as in the source. A segment without a target (or with spaces only) is an error\n"
      "unless --allow-untranslated; every one is named. A <target> without segment markers\n"
      "in a unit with <seg-source> is the whole unit's translation. Units of bare tags (no\n"
      "source text) are left out. Segments still needing review are not stored by --update-tm.\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
