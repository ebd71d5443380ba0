// termbridge tm: the translation memory (import, export, lookup, concordance, stats, remove).

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/bilingual.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/io/units.hpp"
#include "termbridge/job/pretranslate.hpp"
#include "termbridge/job/split_units.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::cli {

namespace {

constexpr std::string_view kDefaultTm = "termbridge.tm.sqlite";

const OptionSpec kTmOption{"tm", 0, "FILE",
                           "the translation memory: a file (default termbridge.tm.sqlite; "
                           "created on import) or a postgresql:// URI"};
const OptionSpec kSrcOption{"src-lang", 0, "LANG", "source language, e.g. ko"};
const OptionSpec kTgtOption{"tgt-lang", 0, "LANG", "target language, e.g. en"};

std::string tm_path(const Args& args) {
  if (!args.value("tm")) {
    // dispatch registers a memory given with --tm; the default is an input too.
    register_input(std::string(kDefaultTm), "the memory (the default of --tm)");
  }
  return args.value_or("tm", kDefaultTm);
}

LangTag lang_arg(const Args& args, std::string_view name, bool required) {
  auto v = args.value(name);
  if (!v) {
    if (required) {
      throw UsageError("--" + std::string(name) + " is required");
    }
    return {};
  }
  return LangTag::parse(*v);
}

std::string base_name(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ---- import ----

// tm import --min-score: units whose alignment score (align's TSV score column, TMX prop
// x-align-score) is below the minimum are left out and counted. A unit without a score is
// kept: it was not aligned by a machine, or its score was not recorded.
struct ScoreFilter {
  std::optional<double> min_score;
  mutable std::uint64_t left_out = 0;
  bool keeps(const tm::TranslationUnit& unit) const {
    if (!min_score) {
      return true;
    }
    for (const auto& p : unit.props) {
      if (p.type != "x-align-score") {
        continue;
      }
      char* end = nullptr;
      const double v = std::strtod(p.value.c_str(), &end);
      if (!p.value.empty() && *end == '\0' && v < *min_score) {
        ++left_out;
        return false;
      }
    }
    return true;
  }
};

// Units in three languages or more. The memory holds directed pairs, so such a unit is
// stored for its file's pair first (as any unit) and then for every other ordered pair of
// its languages (ko-ja, en-ko, en-ja, ja-ko, ja-en), which lets a lookup in any of them find
// it. The units are spooled while the file is read, as TMX to a temporary file unlinked at
// once (nothing is left behind however the import ends, and memory stays flat), and read
// back once per pair. A unit of two languages is stored in its direction only, as before.
class MultilingualSpool {
 public:
  // tm import --one-pair: units in more languages are counted, not spooled.
  explicit MultilingualSpool(bool one_pair) : one_pair_(one_pair) {}

  // Spools `unit` when it holds three languages or more; `src` and `tgt` are the pair its
  // import stores.
  void add(const tm::TranslationUnit& unit, const LangTag& src, const LangTag& tgt) {
    if (unit.variants.size() < 3) {
      return;  // the common case, at no cost
    }
    std::vector<const tm::Variant*> langs = languages(unit);
    if (langs.size() < 3) {
      return;
    }
    if (one_pair_) {
      ++units_;  // counted, to say what was left out
      return;
    }
    if (!writer_) {
      open(src);
    }
    const tm::Variant* primary_src = unit.find(src);
    const tm::Variant* primary_tgt = unit.find(tgt);
    for (const tm::Variant* a : langs) {
      for (const tm::Variant* b : langs) {
        if (a != b && !(a == primary_src && b == primary_tgt)) {
          std::pair<std::string, std::string> pair{a->lang.str(), b->lang.str()};
          if (std::find(pairs_.begin(), pairs_.end(), pair) == pairs_.end()) {
            pairs_.push_back(std::move(pair));
          }
        }
      }
    }
    writer_->write(unit);
    ++units_;
  }

  std::uint64_t units() const noexcept { return units_; }
  // The other language pairs, in the order first seen.
  const std::vector<std::pair<std::string, std::string>>& pairs() const noexcept { return pairs_; }

  // Stores the spooled units for each of their other pairs, one import (transaction) a
  // pair; `options` are the file's, with `src` and `tgt` its pair.
  tm::ImportResult import(tm::TranslationMemory& memory, const tm::ImportOptions& options,
                          const std::string& name) {
    tm::ImportResult total;
    if (!writer_) {
      return total;
    }
    writer_->finish();
    file_.flush();
    if (!file_) {
      throw Error(ErrorKind::io, "cannot write the temporary copy of the units of " + name +
                                     " in three languages or more");
    }
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    for (const auto& pair : pairs_) {
      const std::string& a = pair.first;
      const std::string& b = pair.second;
      file_.clear();
      file_.seekg(0);
      io::UnitReadOptions ro;
      ro.keep_inline_codes = false;
      io::UnitReader reader(file_, "the units of " + name + " in three languages or more",
                            io::Format::tmx, ro);
      tm::TranslationUnit read;
      auto next = [&](tm::TranslationUnit& unit) {
        while (true) {
          read = tm::TranslationUnit{};
          if (!reader.next(read)) {
            return false;
          }
          const tm::Variant* va = exact(read, a);
          const tm::Variant* vb = exact(read, b);
          if (va == nullptr || vb == nullptr ||
              (va == read.find(options.src_lang) && vb == read.find(options.tgt_lang))) {
            continue;
          }
          std::vector<tm::Variant> two{*va, *vb};
          unit = std::move(read);
          unit.variants = std::move(two);
          return true;
        }
      };
      tm::ImportOptions pair_options = options;
      pair_options.src_lang = LangTag::parse(a);
      pair_options.tgt_lang = LangTag::parse(b);
      pair_options.on_progress = nullptr;
      pair_options.on_split_progress = nullptr;
      pair_options.on_warning = nullptr;  // said once, by the file's own pair
      tm::ImportResult r = memory.import_units(next, pair_options);
      total.added += r.added;
      total.duplicates += r.duplicates;
      total.skipped += r.skipped;
      total.split += r.split;
      total.parts += r.parts;
    }
    return total;
  }

 private:
  // The variants with text, one per language tag (the first), in the unit's order.
  static std::vector<const tm::Variant*> languages(const tm::TranslationUnit& unit) {
    std::vector<const tm::Variant*> out;
    for (const auto& v : unit.variants) {
      if (v.segment.text.empty() || v.lang.empty()) {
        continue;
      }
      bool seen = std::any_of(out.begin(), out.end(),
                              [&](const tm::Variant* o) { return o->lang.str() == v.lang.str(); });
      if (!seen) {
        out.push_back(&v);
      }
    }
    return out;
  }
  // The first variant with text whose tag is `lang` as written (en-US is not en here: each
  // tag is a language of its own for the pairs).
  static const tm::Variant* exact(const tm::TranslationUnit& unit, const std::string& lang) {
    for (const auto& v : unit.variants) {
      if (!v.segment.text.empty() && v.lang.str() == lang) {
        return &v;
      }
    }
    return nullptr;
  }
  void open(const LangTag& src) {
    std::string path = (std::filesystem::temp_directory_path() / "termbridge-tm.XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) {
      throw Error(ErrorKind::io, "cannot create a temporary file in " +
                                     std::filesystem::temp_directory_path().string() + ": " +
                                     std::strerror(errno));
    }
    file_.open(path, std::ios::in | std::ios::out | std::ios::trunc | std::ios::binary);
    ::close(fd);
    std::remove(path.c_str());  // the stream keeps it open; gone from the directory now
    if (!file_) {
      throw Error(ErrorKind::io, "cannot open the temporary file " + termbridge::quoted(path));
    }
    io::UnitWriteOptions wo;
    wo.src_lang = src;
    writer_ = std::make_unique<io::UnitWriter>(file_, io::Format::tmx, wo);
  }

  bool one_pair_ = false;
  std::fstream file_;
  std::unique_ptr<io::UnitWriter> writer_;
  std::uint64_t units_ = 0;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// What the import of one file stored.
struct FileImport {
  tm::ImportResult units;          // the units, in the file's pair
  tm::ImportResult other_pairs;    // units in three languages or more, in their other pairs
  std::uint64_t multilingual = 0;  // how many units hold three languages or more
  std::vector<std::pair<std::string, std::string>> pairs;  // those other pairs
};

// Any unit format through io::UnitReader. Languages default to the file's: TMX srclang and
// the other language of the first unit, XLIFF's pair, a table's header of language tags.
// Unit props x-document / x-align-score and the dates are kept; inline codes are not stored.
// XLIFF returned by a CAT tool gives its confirmed segments (translated, reviewed, final)
// with a target; drafts and segments still needing review are left out. Table rows are
// numbered, not named: their ids are not kept. Units in three languages or more are also
// stored for their other pairs (MultilingualSpool).
FileImport import_file(tm::TranslationMemory& memory, std::istream& stream, const std::string& name,
                       io::Format format, tm::ImportOptions options,
                       const std::function<void(std::uint64_t)>& progress, const Context& ctx,
                       const ScoreFilter& filter, bool one_pair) {
  io::UnitReadOptions ro;
  ro.keep_inline_codes = false;
  ro.src_lang = options.src_lang;
  ro.tgt_lang = options.tgt_lang;
  ro.encoding = ctx.encoding;
  ro.on_sniffed = [&](const std::string& encoding) { note_sniffed(ctx, name, encoding); };
  io::UnitReader reader(stream, name, format, ro);
  options.src_lang = reader.src_lang();
  FileImport result;
  if (const tm::Document* doc = reader.document()) {
    options.tgt_lang = reader.tgt_lang();
    if (options.src_lang.empty() || options.tgt_lang.empty()) {
      throw UsageError(name +
                       " names no source or target language; give --src-lang and --tgt-lang");
    }
    auto units = job::confirmed_units(*doc);
    std::size_t i = 0;
    auto next = [&](tm::TranslationUnit& unit) {
      if (i == units.size()) {
        return false;
      }
      unit = std::move(units[i++]);
      return true;
    };
    result.units = memory.import_units(next, options);
    return result;
  }
  if (options.src_lang.empty()) {
    const io::TmxHeader* header = reader.tmx_header();
    throw UsageError("--src-lang is required (" + name + " has srclang=\"" +
                     (header ? header->src_lang : std::string()) + "\")");
  }
  // Nothing to import, or no second language: then every unit is skipped anyway.
  options.tgt_lang = reader.tgt_lang().empty() ? options.src_lang : reader.tgt_lang();
  const bool rows = io::is_table(format);
  MultilingualSpool spool(one_pair);
  auto next = [&](tm::TranslationUnit& unit) {
    while (reader.next(unit)) {
      if (rows) {
        unit.id.clear();
      }
      if (!filter.keeps(unit)) {
        continue;
      }
      spool.add(unit, options.src_lang, options.tgt_lang);
      return true;
    }
    return false;
  };
  options.on_progress = [&](std::uint64_t) { progress(reader.bytes_read()); };
  result.units = memory.import_units(next, options);
  result.other_pairs = spool.import(memory, options, name);
  result.multilingual = spool.units();
  result.pairs = spool.pairs();
  return result;
}

int run_import(const Args& args, const Context& ctx) {
  auto explicit_format = args.value_or("format", "");
  tm::ImportOptions options;
  options.src_lang = lang_arg(args, "src-lang", false);
  options.tgt_lang = lang_arg(args, "tgt-lang", false);
  tm::OpenOptions open;
  if (auto k = args.value("korean-tokens")) {
    open.korean_tokens = tm::parse_korean_tokens(*k);
  }
  // Units holding several sentences on each side are split into sentence pairs (parts), by
  // the segmenter and aligner used on articles, with the glossary's concepts as anchors.
  std::optional<glossary::TermBase> terms;
  if (auto g = args.value("glossary")) {
    terms = load_glossary(*g, ctx);
  }
  std::optional<job::UnitSplitter> splitter;
  if (!args.flag("no-parts")) {
    // Built when the first unit is split, after the input was read: compiling the rules
    // takes a moment that reading need not wait for.
    options.split = [&](const LangTag& src_lang, std::string_view source, const LangTag& tgt_lang,
                        std::string_view target) {
      if (!splitter) {
        splitter.emplace(segment::Segmenter::builtin(), terms ? &*terms : nullptr);
      }
      return splitter->split(src_lang, source, tgt_lang, target);
    };
    options.may_split = job::UnitSplitter::may_split;
  }
  std::vector<std::string> files = args.positionals();
  if (files.empty()) {
    files.push_back("-");
  }
  ScoreFilter filter;
  if (auto v = args.value("min-score")) {
    char* end = nullptr;
    const double d = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || !(d >= 0 && d <= 1)) {
      throw UsageError("bad --min-score " + termbridge::quoted(*v) +
                       " (expected a number from 0 to 1, as align writes scores)");
    }
    filter.min_score = d;
  }
  std::unique_ptr<tm::TranslationMemory> memory;
  tm::ImportResult total;
  tm::ImportResult other;  // units in three languages or more, in their other pairs
  std::uint64_t multilingual = 0;
  std::vector<std::pair<std::string, std::string>> pairs;
  const bool one_pair = args.flag("one-pair");
  for (const auto& path : files) {
    Input in(path);
    std::string head = read_head(in.stream(), in.name());
    io::Format format = io::input_format(path == "-" ? std::string_view() : path,
                                         head_for_sniffing(head), explicit_format);
    if (!io::is_unit_format(format)) {
      throw Error(ErrorKind::invalid_argument,
                  "tm import reads tmx, xliff, tsv, csv or omegat-tsv, not " +
                      std::string(io::format_name(format)) + " (" + in.name() + ")");
    }
    ReplayBuf buf(std::move(head), in.stream().rdbuf());
    std::istream stream(&buf);
    // Opened after the first input is known to be readable, so a bad command line does not
    // leave a new empty memory behind.
    if (!memory) {
      memory = std::make_unique<tm::TranslationMemory>(tm_path(args), open);
    }
    Progress progress(ctx, "import", in.size());
    tm::ImportOptions file_options = options;
    file_options.document = args.value_or("document", path == "-" ? "" : base_name(path));
    file_options.on_warning = [&](std::uint64_t unit, const std::string& message) {
      ctx.warn(in.name() + ": unit " + std::to_string(unit) + ": " + message);
    };
    std::optional<Progress> split_progress;
    file_options.on_split_progress = [&](std::uint64_t done, std::uint64_t all) {
      if (!split_progress) {
        split_progress.emplace(ctx, "split", all);
      }
      split_progress->update(done);
    };
    FileImport r = import_file(
        *memory, stream, in.name(), format, file_options,
        [&](std::uint64_t bytes) { progress.update(bytes); }, ctx, filter, one_pair);
    progress.finish();
    total.added += r.units.added;
    total.duplicates += r.units.duplicates;
    total.skipped += r.units.skipped;
    total.split += r.units.split + r.other_pairs.split;
    total.parts += r.units.parts + r.other_pairs.parts;
    other.added += r.other_pairs.added;
    other.duplicates += r.other_pairs.duplicates;
    multilingual += r.multilingual;
    for (auto& pair : r.pairs) {
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) {
        pairs.push_back(std::move(pair));
      }
    }
    if (split_progress) {
      split_progress->finish();
    }
  }
  Output out("-");
  out.stream() << memory->path() << ": " << total.added << " added, "
               << counted(total.duplicates, "duplicate") << ", " << total.skipped << " skipped";
  if (filter.min_score) {
    out.stream() << ", " << filter.left_out << " below --min-score";
  }
  out.stream() << '\n';
  if (multilingual > 0 && one_pair) {
    out.stream() << memory->path() << ": " << multilingual
                 << (multilingual == 1 ? " unit holds" : " units hold")
                 << " three languages or more; only the file's pair was stored (--one-pair)\n";
  } else if (multilingual > 0) {
    std::string names;
    for (const auto& [a, b] : pairs) {
      names += (names.empty() ? "" : ", ") + a + "-" + b;
    }
    out.stream() << memory->path() << ": " << multilingual
                 << (multilingual == 1 ? " unit holds" : " units hold")
                 << " three languages or more, also stored for " << names << ": " << other.added
                 << " added, " << counted(other.duplicates, "duplicate") << '\n';
  }
  if (total.parts > 0) {
    out.stream() << memory->path() << ": " << total.parts
                 << (total.parts == 1 ? " sentence pair" : " sentence pairs") << " found inside "
                 << total.split << (total.split == 1 ? " unit" : " units") << " (parts)\n";
  }
  out.commit();
  return kExitOk;
}

// ---- export ----

// The one source (or target) language of the memory's units, else empty.
LangTag only_lang(const std::vector<std::pair<std::string, std::string>>& pairs, bool source) {
  std::string lang;
  for (const auto& [src, tgt] : pairs) {
    const std::string& l = source ? src : tgt;
    if (!lang.empty() && l != lang) {
      return {};
    }
    lang = l;
  }
  return lang.empty() ? LangTag() : LangTag::parse(lang);
}

int run_export(const Args& args, const Context&) {
  std::string out_path = args.value_or("output", "-");
  io::Format format = io::Format::tsv;
  if (auto f = args.value("format")) {
    format = io::parse_format(*f);
  } else if (out_path != "-") {
    format = io::output_format(out_path);
  }
  if (format != io::Format::tsv && format != io::Format::csv && format != io::Format::tmx &&
      !io::is_xliff(format)) {
    throw UsageError("tm export writes tmx, xliff12, xliff20, xliff21, tsv or csv, not " +
                     std::string(io::format_name(format)));
  }
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  tm::ExportFilter filter;
  filter.src_lang = lang_arg(args, "src-lang", false);
  filter.tgt_lang = lang_arg(args, "tgt-lang", false);
  filter.document = args.value_or("document", "");
  LangTag src = filter.src_lang;
  LangTag tgt = filter.tgt_lang;
  if (format != io::Format::tsv && (src.empty() || tgt.empty())) {
    auto pairs = memory.language_pairs();
    if (src.empty()) {
      src = only_lang(pairs, true);
    }
    if (tgt.empty()) {
      tgt = only_lang(pairs, false);
    }
  }
  Output out(out_path);
  if (format != io::Format::tsv) {
    // TMX, CSV and XLIFF through the one table of unit formats.
    if (format == io::Format::csv && (src.empty() || tgt.empty())) {
      throw UsageError(
          "the memory holds several language pairs; give --src-lang and --tgt-lang for csv");
    }
    if (io::is_xliff(format) && src.empty()) {
      throw UsageError("the memory holds several source languages; give --src-lang for XLIFF");
    }
    io::UnitWriteOptions options;
    options.src_lang = src;
    options.tgt_lang = tgt;
    // Units of several source languages: srclang="*all*", each tu in its own order.
    options.tmx_header.src_lang = src.empty() ? "*all*" : src.str();
    options.tmx_header.o_tmf = "termbridge-tm";
    options.original = tm_path(args);
    io::UnitWriter writer(out.stream(), format, options);
    memory.export_units([&](const tm::TranslationUnit& u) { writer.write(u); }, filter);
    writer.finish();
  } else {
    // As `tm import` reads it: source<TAB>target, no header.
    auto clean = [](std::string s) {
      for (char& c : s) {
        if (c == '\t' || c == '\n' || c == '\r') {
          c = ' ';
        }
      }
      return s;
    };
    memory.export_units(
        [&](const tm::TranslationUnit& u) {
          out.stream() << clean(u.variants[0].segment.text) << '\t'
                       << clean(u.variants[1].segment.text) << '\n';
        },
        filter);
  }
  out.commit();
  return kExitOk;
}

// ---- lookup ----

// The match source with the differences marked, wdiff style: [-match words-]{+query words+}.
std::string marked(const std::string& query, const tm::MemoryMatch& m) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& part : m.diff) {
    if (part.kind == tm::DiffPart::Kind::same) {
      continue;
    }
    std::size_t at = part.match.begin;
    out.append(m.source, pos, at - pos);
    if (!part.match.empty()) {
      out += "[-" + std::string(part.match.of(m.source)) + "-]";
    }
    if (!part.query.empty()) {
      out += "{+" + std::string(part.query.of(query)) + "+}";
    }
    pos = part.match.end;
  }
  out.append(m.source, pos, std::string::npos);
  return out;
}

std::string document_of(const tm::TranslationUnit& u) {
  for (const auto& p : u.props) {
    if (p.type == "x-document") {
      return p.value;
    }
  }
  return {};
}

int run_lookup(const Args& args, const Context& ctx) {
  tm::LookupOptions options;
  options.src_lang = lang_arg(args, "src-lang", false);
  options.tgt_lang = lang_arg(args, "tgt-lang", false);
  try {
    options.max_results = std::stoul(args.value_or("max", "5"));
    options.threshold = std::stod(args.value_or("threshold", "70"));
  } catch (const std::exception&) {
    throw UsageError("--max and --threshold take numbers");
  }
  if (options.threshold < 0 || options.threshold > 100) {
    throw UsageError("--threshold must be between 0 and 100");
  }
  std::vector<std::string> queries = args.positionals();
  if (auto file = args.value("file")) {
    Input in(*file);
    text::LineReader reader = open_lines(in, running_context());
    std::string line;
    while (reader.next(line)) {
      if (!line.empty()) {
        queries.push_back(line);
      }
    }
  }
  if (queries.empty()) {
    throw UsageError("give a SENTENCE or --file FILE");
  }
  bool jsonl = args.flag("jsonl");
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  Output out(args.value_or("output", "-"));
  Progress progress(ctx, "lookup", queries.size(), Progress::Count::items, "sentence");
  std::size_t done = 0;
  for (const auto& q : queries) {
    progress.update(done++);
    auto matches = memory.lookup(q, options);
    if (jsonl) {
      nlohmann::json j;
      j["query"] = q;
      j["matches"] = nlohmann::json::array();
      for (const auto& m : matches) {
        nlohmann::json jm;
        jm["id"] = m.id;
        jm["score"] = std::floor(m.score * 10.0) / 10.0;
        jm["source"] = m.source;
        jm["target"] = m.target;
        jm["document"] = document_of(m.unit);
        if (m.part_of != 0) {
          jm["part_of"] = m.part_of;
        }
        jm["diff"] = nlohmann::json::array();
        for (const auto& d : m.diff) {
          jm["diff"].push_back({{"kind", tm::to_string(d.kind)},
                                {"query", d.query.of(q)},
                                {"match", d.match.of(m.source)}});
        }
        j["matches"].push_back(std::move(jm));
      }
      out.stream() << j.dump() << '\n';
      continue;
    }
    out.stream() << "query: " << q << '\n';
    if (matches.empty()) {
      out.stream() << "  no match >= " << options.threshold << "%\n";
    }
    for (const auto& m : matches) {
      char pct[16];
      // CAT tools show whole percentages rounded down: 99.9 is not 100.
      std::snprintf(pct, sizeof pct, "%3d%%", static_cast<int>(m.score));
      out.stream() << "  " << pct << "  #" << m.id << "  " << m.source << '\n';
      out.stream() << "        " << m.target << '\n';
      if (m.part_of != 0) {
        out.stream() << "        part of unit #" << m.part_of << '\n';
      }
      if (m.score < 100.0) {
        out.stream() << "        diff: " << marked(q, m) << '\n';
      }
      std::string doc = document_of(m.unit);
      if (!doc.empty()) {
        out.stream() << "        from: " << doc << '\n';
      }
    }
  }
  progress.finish();
  out.commit();
  return kExitOk;
}

// ---- concordance ----

int run_concordance(const Args& args, const Context&) {
  tm::ExportFilter filter;
  filter.src_lang = lang_arg(args, "src-lang", false);
  filter.tgt_lang = lang_arg(args, "tgt-lang", false);
  std::string side_name = args.value_or("side", "both");
  tm::ConcordanceSide side = tm::ConcordanceSide::both;
  if (side_name == "source") {
    side = tm::ConcordanceSide::source;
  } else if (side_name == "target") {
    side = tm::ConcordanceSide::target;
  } else if (side_name != "both") {
    throw UsageError("--side takes source, target or both, not " + termbridge::quoted(side_name));
  }
  std::uint64_t max = 0;
  std::string max_text = args.value_or("max", "20");
  auto [end, ec] = std::from_chars(max_text.data(), max_text.data() + max_text.size(), max);
  if (ec != std::errc() || end != max_text.data() + max_text.size()) {
    throw UsageError("--max takes a number of units (0: all), not " + termbridge::quoted(max_text));
  }
  auto phrases = args.positionals();
  if (phrases.size() != 1 || phrases[0].find_first_not_of(" \t") == std::string::npos) {
    throw UsageError("give one PHRASE to look for");
  }
  const std::string& phrase = phrases[0];
  bool jsonl = args.flag("jsonl");
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  Output out(args.value_or("output", "-"));
  std::uint64_t shown = 0;
  std::uint64_t found = tm::concordance(
      memory, phrase, side,
      [&](const tm::TranslationUnit& u) {
        if (max != 0 && shown >= max) {
          return;
        }
        ++shown;
        const std::string& src = u.variants[0].segment.text;
        const std::string& tgt = u.variants[1].segment.text;
        if (jsonl) {
          nlohmann::json j;
          // Exported units carry their memory id as tuid.
          std::int64_t id = 0;
          auto [id_end, id_ec] = std::from_chars(u.id.data(), u.id.data() + u.id.size(), id);
          if (id_ec == std::errc() && id_end == u.id.data() + u.id.size()) {
            j["id"] = id;
          } else {
            j["id"] = u.id;
          }
          j["source"] = src;
          j["target"] = tgt;
          j["document"] = document_of(u);
          out.stream() << j.dump() << '\n';
          return;
        }
        out.stream() << "#" << u.id << "  " << src << '\n' << "      " << tgt << '\n';
        std::string doc = document_of(u);
        if (!doc.empty()) {
          out.stream() << "      from: " << doc << '\n';
        }
      },
      filter);
  if (!jsonl) {
    out.stream() << found << (found == 1 ? " unit holds " : " units hold ")
                 << termbridge::quoted(phrase);
    if (shown < found) {
      out.stream() << ", " << shown << " shown (--max 0 shows all)";
    }
    out.stream() << '\n';
  }
  out.commit();
  return kExitOk;
}

// ---- stats ----

int run_stats(const Args& args, const Context&) {
  tm::TranslationMemory memory(tm_path(args), {.create = false, .read_only = true});
  auto s = memory.stats();
  Output out("-");
  auto& o = out.stream();
  o << "memory\t" << memory.path() << '\n';
  o << "schema_version\t" << s.schema_version << '\n';
  o << "korean_tokens\t" << tm::to_string(s.korean_tokens) << '\n';
  o << "units\t" << s.units << '\n';
  o << "parts\t" << s.parts << '\n';
  o << "index_tokens\t" << s.index_tokens << '\n';
  o << "file_bytes\t" << s.file_bytes << '\n';
  for (const auto& p : s.language_pairs) {
    o << "pair\t" << p.src_lang << '\t' << p.tgt_lang << '\t' << p.units << '\n';
  }
  for (const auto& d : s.documents) {
    o << "document\t" << d.document << '\t' << d.units << '\n';
  }
  out.commit();
  return kExitOk;
}

// ---- remove ----

int run_remove(const Args& args, const Context&) {
  auto ids_text = args.values("id");
  auto document = args.value("document");
  if (ids_text.empty() && !document) {
    throw UsageError("give --id ID or --document NAME");
  }
  std::vector<std::int64_t> ids;
  for (const auto& t : ids_text) {
    try {
      std::size_t used = 0;
      ids.push_back(std::stoll(t, &used));
      if (used != t.size()) {
        throw std::invalid_argument(t);
      }
    } catch (const std::exception&) {
      throw UsageError("--id takes a unit number, not " + termbridge::quoted(t));
    }
  }
  tm::TranslationMemory memory(tm_path(args), {.create = false});
  std::uint64_t removed = 0;
  if (!ids.empty()) {
    removed += memory.remove_ids(ids);
  }
  if (document) {
    removed += memory.remove_document(*document);
  }
  Output out("-");
  out.stream() << memory.path() << ": " << removed << " removed\n";
  out.commit();
  return kExitOk;
}

}  // namespace

Command tm_command() {
  return Command{
      "tm",
      "translation memory: import, export, fuzzy lookup, concordance, stats, remove",
      "",
      {},
      "",
      nullptr,
      {
          Command{
              "import",
              "store aligned sentence pairs in the memory (one transaction per file and pair)",
              "[--src-lang L --tgt-lang L] [--tm FILE] [--document NAME] [--min-score X] "
              "[FILE...]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"document", 0, "NAME", "origin recorded on the units (default: the file name)"},
               {"format", 0, "FMT",
                "input format: tmx, xliff12, xliff20, xliff21, tsv or csv (default: by content, "
                "else by extension)"},
               {"glossary", 'g', "FILE",
                "term base (a file or a postgresql:// URI) whose concepts anchor the sentences "
                "aligned inside units"},
               {"no-parts", 0, "", "do not look for sentence pairs inside units"},
               {"one-pair", 0, "",
                "of units in three languages or more, store the file's pair only (the source "
                "and target language) instead of every pair of their languages"},
               {"korean-tokens", 0, "MODE",
                "for a new memory: particles (default), eojeol or syllables"},
               {"min-score", 0, "X",
                "leave out pairs whose alignment score (align's TSV score column, TMX "
                "x-align-score) is below X (0..1); pairs without a score are kept"}},
              "Reads TMX (1.1-1.4), bilingual TSV as `termbridge align --format tsv` writes it\n"
              "(a header 'ko<TAB>en<TAB>score', then source<TAB>target<TAB>score; the score is\n"
              "kept as x-align-score, never read as text) and bilingual CSV with a header of\n"
              "language tags, and XLIFF 1.2/2.x returned by a CAT tool (its confirmed segments:\n"
              "translated, reviewed or final). TMX keeps each unit's dates and its x-document / "
              "x-align-score props;\n"
              "languages default to the TMX srclang and the other language of its first unit,\n"
              "or to a TSV/CSV header such as 'ko<TAB>en'. Inline codes are not stored.\n"
              "Units already in the memory (same languages and texts) are counted as\n"
              "duplicates and not stored again. A bad unit or line stops the import of its\n"
              "file and stores nothing of it.\n"
              "A unit whose source and target each hold several sentences is cut into\n"
              "sentences and aligned inside (as `segment` and `align` do); its confident 1-1\n"
              "pairs (and sure 1-2 / 2-1 ones) are stored as its parts, which lookups find\n"
              "like units (\"part of unit #N\"). Parts are not exported or counted as units.\n"
              "Units stored before without parts (an older memory) get them at the next import.\n"
              "A unit in three languages or more (a TMX unit with ko, en and ja variants, a\n"
              "table with a header of three language tags) is also stored for every other\n"
              "pair of its languages (ko-ja, en-ja, ja-ko ...), so lookups in any of them\n"
              "find it; a unit in two languages is stored in its direction only.\n\n"
              "example:\n  termbridge tm import --src-lang ko --tgt-lang en --tm news.tm.sqlite "
              "ncg.tsv\n  termbridge tm import --tm news.tm.sqlite archive.tmx\n",
              run_import,
              {},
          },
          Command{
              "export",
              "write the memory's units as TMX 1.4b, bilingual TSV or CSV",
              "[--tm FILE] [--src-lang L] [--tgt-lang L] [--document NAME] [-o FILE]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"document", 0, "NAME", "only units of this document"},
               {"format", 0, "FMT",
                "tmx, xliff12, xliff20, xliff21, tsv or csv (default: by the -o extension, else "
                "tsv)"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "TMX carries each unit's id (tuid), dates and origin props (x-document,\n"
              "x-align-score); it is written unit by unit. TSV is source<TAB>target without\n"
              "a header, as `tm import` reads it; CSV has a header of language tags.\n\n"
              "example:\n  termbridge tm export --tm news.tm.sqlite -o news.tmx\n",
              run_export,
              {},
          },
          Command{
              "lookup",
              "fuzzy matches for sentences, with percentages and differences",
              "[--tm FILE] [--src-lang L] [--tgt-lang L] [--max K] [--threshold P] [--jsonl] "
              "[--file FILE] [SENTENCE...]",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"max", 'k', "K", "at most K matches a sentence (default 5)"},
               {"threshold", 0, "P", "lowest match percentage shown (default 70)"},
               {"file", 'f', "FILE", "look up every line of FILE ('-' for stdin)"},
               {"jsonl", 0, "", "one JSON object per sentence instead of text"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "Percentages are edit distances over normalized words (Korean particles are\n"
              "words of their own): 100 is the same text, 99 differs only in case, width or\n"
              "spacing. The diff marks the match: [-its words-]{+the sentence's words+}.\n\n"
              "example:\n  termbridge tm lookup --tm news.tm.sqlite '국방부는 연합훈련 일정을 "
              "발표했다.'\n",
              run_lookup,
              {},
          },
          Command{
              "concordance",
              "units whose source or target holds a phrase, also inside words",
              "[--tm FILE] [--src-lang L] [--tgt-lang L] [--side source|target|both] [--max N] "
              "[--jsonl] PHRASE",
              {kTmOption,
               kSrcOption,
               kTgtOption,
               {"side", 0, "SIDE", "where to look: source, target or both (default)"},
               {"max", 'k', "N", "show at most N units, in the order stored (default 20; 0: all)"},
               {"jsonl", 0, "", "one JSON object per unit (id, source, target, document)"},
               {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}},
              "Compares normalized text (NFKC, case folded), so the phrase is found inside\n"
              "words too: 핵협의 finds 핵협의그룹은. Every unit is read: the time grows with\n"
              "the memory. Text output ends with the number of units found.\n\n"
              "example:\n  termbridge tm concordance --tm news.tm.sqlite 핵협의그룹\n",
              run_concordance,
              {},
          },
          Command{
              "stats",
              "what the memory holds: units, language pairs, documents",
              "[--tm FILE]",
              {kTmOption},
              "",
              run_stats,
              {},
          },
          Command{
              "remove",
              "remove units by id or by document",
              "[--tm FILE] [--id ID]... [--document NAME]",
              {kTmOption,
               {"id", 0, "ID", "a unit id as lookup shows it (#ID)", true},
               {"document", 0, "NAME", "every unit imported from this document"}},
              "example:\n  termbridge tm remove --tm news.tm.sqlite --document draft.tsv\n",
              run_remove,
              {},
          },
      },
  };
}

}  // namespace termbridge::cli
