// termbridge glossary: convert, merge, look up, edit and check term bases.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/glossary/termbase_ops.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/lexicon/extract.hpp"
#include "termbridge/termdb/store.hpp"
#include "termbridge/text/ascii.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::cli {

namespace {

using glossary::Concept;
using glossary::TermBase;

const OptionSpec kFrom{"from", 0, "FORMAT", "input format: tbx2, tbx3, csv, tsv, omegat-tsv"};
const OptionSpec kSrcLang{"src-lang", 0, "LANG", "omegat-tsv: language of the source column"};
const OptionSpec kTgtLang{"tgt-lang", 0, "LANG", "omegat-tsv: language of the target column"};
const OptionSpec kOnBad{"on-bad-entry", 0, "ACTION",
                        "fail (default), warn or skip bad rows and entries"};
const OptionSpec kEncoding{"encoding", 0, "NAME",
                           "CSV/TSV encoding: auto (default: BOM, UTF-8, else a guess such as "
                           "cp949), utf-8, cp949, euc-kr, utf-16le, ..."};

void want_positionals(const std::vector<std::string>& operands, std::size_t n,
                      std::string_view what) {
  if (operands.size() != n) {
    throw UsageError("expected " + std::string(what));
  }
}

const OptionSpec kGlossary{"glossary", 'g', "FILE",
                           "the term base, as the other commands name it (instead of FILE)"};

// The operands with the term base given as -g FILE put where FILE goes (at `file_at`), so
// that `glossary search NCG -g defense.tsv` reads as every other command that takes -g.
std::vector<std::string> operands(const Args& args, std::size_t file_at) {
  std::vector<std::string> ops = args.positionals();
  if (auto g = args.value("glossary")) {
    ops.insert(ops.begin() + static_cast<std::ptrdiff_t>(std::min(file_at, ops.size())), *g);
  }
  return ops;
}

io::TermBaseReadOptions read_options(const Args& args, Diagnostics* diags) {
  io::TermBaseReadOptions o;
  o.src_lang = args.value_or("src-lang", "");
  o.tgt_lang = args.value_or("tgt-lang", "");
  o.encoding = args.value_or("encoding", "");
  if (!text::is_known_encoding(o.encoding)) {
    throw UsageError("unknown --encoding " + quoted(o.encoding) +
                     " (expected auto, utf-8, cp949, euc-kr, utf-16le or another name ICU knows)");
  }
  std::string bad = args.value_or("on-bad-entry", "fail");
  if (bad == "fail") {
    o.on_bad_entry = OnBadEntry::fail;
  } else if (bad == "warn") {
    o.on_bad_entry = OnBadEntry::warn;
  } else if (bad == "skip") {
    o.on_bad_entry = OnBadEntry::skip;
  } else {
    throw UsageError("unknown --on-bad-entry " + quoted(bad) + " (expected fail, warn or skip)");
  }
  o.diagnostics = diags;
  return o;
}

void print_diagnostics(const Diagnostics& diags, const Context& ctx) {
  for (const auto& d : diags.items()) {
    ctx.warn(d.where.to_string() + ": " + d.message);
  }
}

TermBase load(const std::string& path, const Args& args, const Context& ctx,
              std::string_view format = {}, std::vector<io::TermLocation>* locations = nullptr) {
  Diagnostics diags;
  auto opts = read_options(args, &diags);
  opts.term_locations = locations;
  std::string f(format.empty() ? args.value_or("from", "") : std::string(format));
  if (termdb::is_database_uri(path)) {
    return read_glossary_at(path, f, opts);
  }
  if (path != "-") {
    register_input(path, "a term base this command reads");  // -o may not replace it
  }
  auto tb = path == "-" ? io::read_termbase(std::cin, f, "<stdin>", opts)
                        : io::read_termbase_file(path, f, opts);
  print_diagnostics(diags, ctx);
  return tb;
}

// The format to write: --to (or `fallback`), where "tbx3-dct" is TBX v3 with data categories
// as elements; else OUT's extension.
io::Format write_format(const Args& args, const std::string& out_path, io::TermBaseWriteOptions& wo,
                        std::string_view fallback = {}) {
  std::string to = args.value_or("to", std::string(fallback));
  if (text::ascii_lower(to) == "tbx3-dct" || text::ascii_lower(to) == "tbx-dct") {
    wo.tbx_dct = true;
    return io::Format::tbx3;
  }
  return io::output_format(out_path == "-" ? "" : out_path, to);
}

std::string join_terms(const Concept& c, const LangTag& lang) {
  std::string out;
  for (const auto* t : c.terms_in(lang)) {
    if (t->text.empty()) {
      continue;
    }
    out += out.empty() ? "" : "; ";
    out += t->text;
    if (t->status == glossary::TermStatus::forbidden ||
        t->status == glossary::TermStatus::deprecated) {
      out += " (" + std::string(glossary::to_string(t->status)) + ")";
    }
  }
  return out;
}

// ---- convert ----

int run_convert(const Args& args, const Context& ctx) {
  want_positionals(args.positionals(), 2, "IN and OUT");
  const auto& in = args.positionals()[0];
  const auto& out_path = args.positionals()[1];
  if (termdb::is_database_uri(out_path)) {
    throw UsageError("convert writes files; fill a PostgreSQL term base with glossary import " +
                     termdb::redact_uri(out_path) + " " + in);
  }
  auto tb = load(in, args, ctx);
  io::TermBaseWriteOptions wo;
  io::Format to = write_format(args, out_path, wo);
  if (!io::is_termbase_format(to)) {
    throw UsageError("cannot write a term base as " + std::string(io::format_name(to)) +
                     " (expected tbx2, tbx3, tbx3-dct, csv, tsv or omegat-tsv)");
  }
  wo.src_lang = args.value_or("src-lang", "");
  wo.tgt_lang = args.value_or("tgt-lang", "");
  Output out(out_path);
  io::write_termbase(tb, out.stream(), to, wo);
  out.commit();
  return kExitOk;
}

// ---- import ----

// Where a term was read, as "FILE:LINE", or the file alone when the reader did not say.
std::string place_of(const std::vector<io::TermLocation>& locations, const std::string& file,
                     const std::string& concept_id, const LangTag& lang, const std::string& text) {
  std::string key = text::match_key(text).text;
  for (const auto& l : locations) {
    if (l.concept_id == concept_id && l.lang == lang && text::match_key(l.text).text == key) {
      return l.where.line ? file + ":" + std::to_string(l.where.line) : file;
    }
  }
  return file;
}

// The warnings and summary of an import, whatever INTO is.
int report_import(const glossary::MergeReport& report, const Context& ctx,
                  const std::string& into_name, const std::string& from_path,
                  const std::vector<io::TermLocation>& into_places,
                  const std::vector<io::TermLocation>& from_places) {
  for (const auto& c : report.conflicts) {
    std::cerr << "termbridge glossary import: conflict: " << from_path << ": concept "
              << quoted(c.concept_id) << ": " << c.message << '\n';
  }
  for (const auto& sh : report.shared) {
    std::string first_file = sh.first_from_into ? into_name : from_path;
    const auto& first_places = sh.first_from_into ? into_places : from_places;
    ctx.warn("term " + quoted(sh.second_text) + " (" + sh.lang.str() +
             ") is under two concepts: " + quoted(sh.first_concept) + " (" +
             place_of(first_places, first_file, sh.first_concept, sh.lang, sh.first_text) +
             ") and " + quoted(sh.second_concept) + " (" +
             place_of(from_places, from_path, sh.second_concept, sh.lang, sh.second_text) +
             "); one concept under two ids?");
  }
  if (!ctx.quiet) {
    std::cerr << "termbridge glossary import: " << counted(report.added, "concept") << " added, "
              << report.merged << " merged, " << counted(report.terms_added, "term") << " added, "
              << counted(report.conflicts.size(), "conflict") << ", "
              << counted(report.shared.size(), "term") << " under two concepts\n";
  }
  return report.conflicts.empty() ? kExitOk : kExitFindings;
}

// glossary import URI FROM: the merge runs inside one transaction of the term base (see
// TermStore::modify), so an import either lands whole or not at all, and edits made at the
// same time wait for it instead of being overwritten.
int import_into_store(const Args& args, const Context& ctx, const std::string& uri,
                      const std::string& from_path) {
  std::vector<io::TermLocation> from_places;
  auto from = load(from_path, args, ctx, {}, &from_places);
  termdb::TermStore store(uri);
  glossary::MergeReport report;
  store.modify([&](TermBase& tb) {
    if (tb.empty() && tb.title.empty() && tb.source_desc.empty() && tb.source_lang.empty()) {
      // A term base made by this import keeps the file's header, so that exporting it gives
      // back the file's title and language.
      tb.title = from.title;
      tb.source_desc = from.source_desc;
      tb.source_lang = from.source_lang;
    }
    report = glossary::merge(tb, from);
  });
  return report_import(report, ctx, store.where(), from_path, {}, from_places);
}

int run_import(const Args& args, const Context& ctx) {
  want_positionals(args.positionals(), 2, "INTO and FROM");
  const auto& into_path = args.positionals()[0];
  const auto& from_path = args.positionals()[1];
  if (termdb::is_database_uri(into_path) && !args.value("output")) {
    return import_into_store(args, ctx, into_path, from_path);
  }
  std::vector<io::TermLocation> into_places, from_places;
  // Without -o INTO is edited in place: locked from the read to the rename (see run_add).
  std::optional<FileLock> lock;
  if (!args.value("output")) {
    lock.emplace(into_path);
  }
  auto into = load(into_path, args, ctx, args.value_or("into-format", ""), &into_places);
  auto from = load(from_path, args, ctx, {}, &from_places);
  auto report = glossary::merge(into, from);
  std::string out_path = args.value_or("output", into_path);
  io::TermBaseWriteOptions wo;
  io::Format to = write_format(args, out_path, wo);
  bool guessed = false;  // the encoding written back was found by a guess
  if (auto f = args.value("into-format"); f && !args.value("output")) {
    to = io::parse_format(*f);
  } else if (!args.value("output") && !args.value("to")) {
    // Write back in the format the file was read in (a .tbx may hold TBX v2).
    std::string data = read_all(into_path);
    to = io::input_format(into_path, data.substr(0, 4096));
    if (to == io::Format::csv || to == io::Format::tsv) {
      // ... and in its encoding: a CP949 sheet stays one Excel opens.
      auto decoded = text::decode_text(data, args.value_or("encoding", ""), into_path);
      if (decoded.encoding != "utf-8") {
        wo.encoding = decoded.encoding;
        guessed = decoded.sniffed;
      }
    }
  }
  wo.src_lang = args.value_or("src-lang", "");
  wo.tgt_lang = args.value_or("tgt-lang", "");
  Output out(out_path, into_path);
  if (guessed) {
    // Checked before anything is written: see check_encoding_guessed_again.
    std::ostringstream bytes;
    io::write_termbase(into, bytes, to, wo);
    io::check_encoding_guessed_again(bytes.str(), wo.encoding, out_path);
    out.stream() << bytes.str();
  } else {
    io::write_termbase(into, out.stream(), to, wo);
  }
  out.commit();
  if (!wo.encoding.empty()) {
    ctx.warn(out_path + ": written back in " + wo.encoding + ", the encoding it was read in");
  }
  return report_import(report, ctx, into_path, from_path, into_places, from_places);
}

// ---- list, search, stats ----

int run_list(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  want_positionals(ops, 1, "FILE");
  const bool with_versions = args.flag("versions");
  if (with_versions && !termdb::is_database_uri(ops[0])) {
    throw UsageError("--versions is for a postgresql:// term base; a file keeps no versions");
  }
  TermBase tb;
  std::vector<std::int64_t> versions;
  if (with_versions) {
    // One snapshot for both: each version is that of the terms listed beside it.
    termdb::TermStore store(ops[0], {.create = false, .read_only = true});
    tb = store.load(&versions);
  } else {
    tb = load(ops[0], args, ctx);
  }
  auto langs = tb.languages();
  if (auto l = args.value("lang")) {
    langs = {LangTag::parse(*l)};
  }
  Output out(args.value_or("output", "-"));
  auto& os = out.stream();
  os << "id";
  if (with_versions) {
    os << "\tversion";
  }
  for (const auto& l : langs) {
    os << '\t' << l.str();
  }
  os << '\n';
  for (std::size_t i = 0; i < tb.concepts().size(); ++i) {
    const auto& c = tb.concepts()[i];
    os << c.id;
    if (with_versions) {
      os << '\t' << versions[i];
    }
    for (const auto& l : langs) {
      os << '\t' << join_terms(c, l);
    }
    os << '\n';
  }
  out.commit();
  return kExitOk;
}

int run_search(const Args& args, const Context& ctx) {
  auto ops = operands(args, 1);
  want_positionals(ops, 2, "TEXT and FILE");
  const auto& query = ops[0];
  auto tb = load(ops[1], args, ctx);
  std::size_t limit = 20;
  if (auto m = args.value("max")) {
    try {
      limit = static_cast<std::size_t>(std::stoul(*m));
    } catch (const std::exception&) {
      throw UsageError("--max expects a number, not " + quoted(*m));
    }
  }
  auto hits = glossary::search(tb, query, limit);
  auto langs = tb.languages();
  static const char* kRank[] = {"exact", "prefix", "contains", "fuzzy"};
  std::cout << "id\tterm\tlang\tmatch\ttranslations\n";
  for (const auto& h : hits) {
    std::string translations;
    for (const auto& l : langs) {
      if (l == h.term->lang) {
        continue;
      }
      if (const auto* p = h.concept_->preferred(l)) {
        translations += translations.empty() ? "" : "; ";
        translations += l.str() + ": " + p->text;
      }
    }
    std::cout << h.concept_->id << '\t' << h.term->text << '\t' << h.term->lang.str() << '\t'
              << kRank[h.rank] << '\t' << translations << '\n';
  }
  return kExitOk;
}

int run_stats(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  want_positionals(ops, 1, "FILE");
  auto tb = load(ops[0], args, ctx);
  std::size_t terms = 0, notes = 0, defs = 0;
  std::map<std::string, std::size_t> by_lang, by_status, by_type;
  for (const auto& c : tb.concepts()) {
    terms += c.terms.size();
    notes += c.notes.empty() ? 0U : 1U;
    bool defined = !c.definition.empty() || std::any_of(c.languages.begin(), c.languages.end(),
                                                        [](const glossary::LanguageInfo& l) {
                                                          return !l.definition.empty();
                                                        });
    defs += defined ? 1U : 0U;
    for (const auto& t : c.terms) {
      ++by_lang[t.lang.str()];
      std::string_view st = glossary::to_string(t.status);
      std::string_view ty = glossary::to_string(t.type);
      ++by_status[st.empty() ? "unspecified" : std::string(st)];
      ++by_type[ty.empty() ? "unspecified" : std::string(ty)];
    }
  }
  std::cout << "concepts\t" << tb.size() << "\nterms\t" << terms << '\n';
  for (const auto& [k, v] : by_lang) {
    std::cout << "terms." << k << '\t' << v << '\n';
  }
  for (const auto& [k, v] : by_status) {
    std::cout << "status." << k << '\t' << v << '\n';
  }
  for (const auto& [k, v] : by_type) {
    std::cout << "type." << k << '\t' << v << '\n';
  }
  std::cout << "concepts_with_notes\t" << notes << "\nconcepts_with_definition\t" << defs << '\n';
  return kExitOk;
}

// ---- validate ----

int run_validate(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  if (ops.empty()) {
    throw UsageError("expected FILE...");
  }
  std::size_t problems = 0;
  for (const auto& path : ops) {
    Diagnostics diags;
    auto opts = read_options(args, &diags);
    opts.on_bad_entry = OnBadEntry::warn;
    auto tb = path == "-" ? io::read_termbase(std::cin, args.value_or("from", ""), "<stdin>", opts)
                          : read_glossary_at(path, args.value_or("from", ""), opts);
    for (const auto& d : diags.items()) {
      if (d.where.line == 0) {
        // About the whole file (the encoding guessed), not a problem in it.
        ctx.warn(d.where.to_string() + ": " + d.message);
        continue;
      }
      std::cout << d.where.to_string() << ": " << d.message << '\n';
      ++problems;
    }
    for (const auto& p : glossary::validate(tb)) {
      std::cout << path << ": ";
      if (!p.concept_id.empty()) {
        std::cout << "concept " << quoted(p.concept_id) << ": ";
      }
      std::cout << p.message << '\n';
      ++problems;
    }
  }
  if (!ctx.quiet && problems > 0) {
    std::cerr << "termbridge glossary validate: " << counted(problems, "problem") << '\n';
  }
  return problems ? kExitFindings : kExitOk;
}

// ---- add, remove, set ----

// LANG=TEXT[;ATTR...]: ATTR a status, a type, pos=P or note=N.
glossary::Term parse_term_spec(const std::string& spec) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError("expected LANG=TEXT for a term, not " + quoted(spec));
  }
  glossary::Term t;
  t.lang = LangTag::parse(spec.substr(0, eq));
  std::string rest = spec.substr(eq + 1);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto semi = rest.find(';', start);
    parts.push_back(rest.substr(start, semi == std::string::npos ? semi : semi - start));
    if (semi == std::string::npos) {
      break;
    }
    start = semi + 1;
  }
  t.text = parts[0];
  if (t.text.empty()) {
    throw UsageError("empty term in " + quoted(spec));
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto& a = parts[i];
    if (a.rfind("pos=", 0) == 0) {
      t.part_of_speech = a.substr(4);
    } else if (a.rfind("note=", 0) == 0) {
      t.note = a.substr(5);
    } else if (auto s = glossary::parse_term_status(a); s && !a.empty()) {
      t.status = *s;
    } else if (auto ty = glossary::parse_term_type(a); ty && !a.empty()) {
      t.type = *ty;
    } else {
      throw UsageError("unknown term attribute " + quoted(a) +
                       " (expected a status, a type, pos=... or note=...)");
    }
  }
  return t;
}

// Edits concepts in FILE's bytes: each of `edits` replaces its id's concept, or removes it
// when null. The rest of the file is kept, in its encoding; a file not in UTF-8 is said so.
// The caller holds a FileLock on FILE from before it read the file.
void write_edits(const Args& args, const Context& ctx, const std::string& path,
                 const std::vector<std::pair<std::string, const Concept*>>& edits) {
  if (path == "-") {
    throw UsageError("editing in place needs a FILE, not standard input");
  }
  std::string data = read_all(path);
  io::Format f = io::input_format(path, data.substr(0, 4096), args.value_or("from", ""));
  std::string encoding = args.value_or("encoding", "");
  for (const auto& [id, c] : edits) {
    data = io::edit_termbase_text(data, f, path, id, c, encoding);
  }
  if (f == io::Format::csv || f == io::Format::tsv) {
    auto decoded = text::decode_text(data, encoding, path);
    if (decoded.encoding != "utf-8") {
      ctx.warn(path + ": written back in " + decoded.encoding + ", the encoding it was read in");
    }
  }
  Output out(args.value_or("output", path), path);
  out.stream() << data;
  out.commit();
}

void apply_fields(const Args& args, Concept& c) {
  if (auto v = args.value("domain")) {
    c.domain = *v;
  }
  if (auto v = args.value("definition")) {
    c.definition = *v;
  }
  if (args.value("note")) {
    c.notes.clear();
    for (const auto& n : args.values("note")) {
      if (!n.empty()) {
        c.notes.push_back(n);
      }
    }
  }
}

void add_or_update_term(Concept& c, glossary::Term t) {
  for (auto& u : c.terms) {
    if (u.lang == t.lang && u.text == t.text) {
      u = std::move(t);
      return;
    }
  }
  auto last = std::find_if(c.terms.rbegin(), c.terms.rend(),
                           [&](const glossary::Term& u) { return u.lang == t.lang; });
  c.terms.insert(last == c.terms.rend() ? c.terms.end() : last.base(), std::move(t));
}

Concept new_concept(const Args& args, const std::string& id) {
  Concept c;
  c.id = id;
  for (const auto& spec : args.values("term")) {
    add_or_update_term(c, parse_term_spec(spec));
  }
  if (c.terms.empty()) {
    throw UsageError("a new concept needs at least one --term LANG=TEXT");
  }
  apply_fields(args, c);
  return c;
}

// Applies set's --remove-term, --term, --note, --definition and --domain to c.
void change_concept(const Args& args, Concept& c) {
  const std::string& id = c.id;
  for (const auto& spec : args.values("remove-term")) {
    auto t = parse_term_spec(spec);
    auto it = std::find_if(c.terms.begin(), c.terms.end(), [&](const glossary::Term& u) {
      return u.lang == t.lang && u.text == t.text;
    });
    if (it == c.terms.end()) {
      throw Error(ErrorKind::invalid_argument, "concept " + quoted(id) + " has no term " +
                                                   quoted(t.text) + " (" + t.lang.str() + ")");
    }
    c.terms.erase(it);
  }
  for (const auto& spec : args.values("term")) {
    add_or_update_term(c, parse_term_spec(spec));
  }
  apply_fields(args, c);
}

// Options of a file edit that a term base in PostgreSQL has no use for are refused rather
// than ignored: -o would otherwise leave the database as it was while saying nothing.
void check_store_edit(const Args& args) {
  if (args.value("output")) {
    throw UsageError(
        "-o writes a file; a postgresql:// term base is changed in place (export "
        "it with glossary convert URI FILE)");
  }
}

// --expect-version N: the concept version an edit was made from (as glossary list --versions
// showed it); without it, the version read just before the edit.
std::optional<std::int64_t> expected_version(const Args& args) {
  auto v = args.value("expect-version");
  if (!v) {
    return std::nullopt;
  }
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n <= 0) {
    throw UsageError("--expect-version expects a version number (1 or more), not " + quoted(*v));
  }
  return n;
}

void refuse_expect_version_on_file(const Args& args) {
  if (args.value("expect-version")) {
    throw UsageError(
        "--expect-version is for a postgresql:// term base; a file keeps no "
        "versions (its edits wait for each other instead)");
  }
}

int run_add(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  want_positionals(ops, 2, "FILE and ID");
  const auto& path = ops[0];
  const auto& id = ops[1];
  if (termdb::is_database_uri(path)) {
    check_store_edit(args);
    termdb::TermStore store(path, {.create = false});
    store.add(new_concept(args, id));
    return kExitOk;
  }
  // Held from the read to the rename, so that an editor at the same time waits and then
  // reads this edit's result instead of losing it.
  FileLock lock(path);
  auto tb = load(path, args, ctx);
  if (tb.find(id)) {
    throw Error(ErrorKind::invalid_argument, "concept " + quoted(id) + " is already in " +
                                                 quoted(path) + "; change it with set");
  }
  Concept c = new_concept(args, id);
  write_edits(args, ctx, path, {{id, &c}});
  return kExitOk;
}

int run_remove(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  if (ops.size() < 2) {
    throw UsageError("expected FILE and ID...");
  }
  // An id named twice is removed once.
  std::set<std::string> seen;
  ops.erase(std::remove_if(ops.begin() + 1, ops.end(),
                           [&](const std::string& id) { return !seen.insert(id).second; }),
            ops.end());
  const auto& path = ops[0];
  if (termdb::is_database_uri(path)) {
    check_store_edit(args);
    auto expected = expected_version(args);
    if (expected && ops.size() != 2) {
      throw UsageError("--expect-version goes with one ID");
    }
    termdb::TermStore store(path, {.create = false});
    std::vector<std::pair<std::string, std::int64_t>> found;
    for (std::size_t i = 1; i < ops.size(); ++i) {
      auto c = store.get(ops[i]);
      if (!c) {
        throw Error(ErrorKind::invalid_argument,
                    "no concept " + quoted(ops[i]) + " in term base " + quoted(store.where()));
      }
      found.emplace_back(ops[i], expected.value_or(c->version));
    }
    // All or none: a concept changed by someone else in between keeps the others too.
    store.remove(found);
    return kExitOk;
  }
  refuse_expect_version_on_file(args);
  // Held from the read to the rename, so that an editor at the same time waits and then
  // reads this edit's result instead of losing it.
  FileLock lock(path);
  auto tb = load(path, args, ctx);
  for (std::size_t i = 1; i < ops.size(); ++i) {
    if (!tb.find(ops[i])) {
      throw Error(ErrorKind::invalid_argument,
                  "no concept " + quoted(ops[i]) + " in " + quoted(path));
    }
  }
  std::vector<std::pair<std::string, const Concept*>> edits;
  for (std::size_t i = 1; i < ops.size(); ++i) {
    edits.emplace_back(ops[i], nullptr);
  }
  write_edits(args, ctx, path, edits);
  return kExitOk;
}

int run_set(const Args& args, const Context& ctx) {
  auto ops = operands(args, 0);
  want_positionals(ops, 2, "FILE and ID");
  const auto& path = ops[0];
  const auto& id = ops[1];
  if (termdb::is_database_uri(path)) {
    check_store_edit(args);
    auto expected = expected_version(args);
    termdb::TermStore store(path, {.create = false});
    auto found = store.get(id);
    if (!found) {
      throw Error(ErrorKind::invalid_argument, "no concept " + quoted(id) + " in term base " +
                                                   quoted(store.where()) + "; add it with add");
    }
    // The change is applied to the concept as read now; the version check then refuses it
    // when the concept changed after the version the user was shown (--expect-version) or
    // after this read.
    Concept c = std::move(found->concept_);
    change_concept(args, c);
    store.update(c, expected.value_or(found->version));
    return kExitOk;
  }
  refuse_expect_version_on_file(args);
  // Held from the read to the rename, so that an editor at the same time waits and then
  // reads this edit's result instead of losing it.
  FileLock lock(path);
  auto tb = load(path, args, ctx);
  const Concept* found = tb.find(id);
  if (!found) {
    throw Error(ErrorKind::invalid_argument,
                "no concept " + quoted(id) + " in " + quoted(path) + "; add it with add");
  }
  Concept c = *found;
  change_concept(args, c);
  write_edits(args, ctx, path, {{id, &c}});
  return kExitOk;
}

// ---- extract ----

std::size_t count_option(const Args& args, std::string_view name, std::size_t fallback) {
  auto v = args.value(name);
  if (!v) {
    return fallback;
  }
  try {
    std::size_t used = 0;
    unsigned long n = std::stoul(*v, &used);
    if (used == v->size() && (*v)[0] != '-') {
      return static_cast<std::size_t>(n);
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--" + std::string(name) + " expects a whole number, not " + quoted(*v));
}

// A concept id for a candidate: its Latin term in lower case with hyphens ("nuclear-weapon"),
// else "candidate-N"; unique in the file.
std::string candidate_id(const lexicon::TermCandidate& c, std::size_t n,
                         std::set<std::string>& used) {
  std::string base;
  for (const std::string* term : {&c.target, &c.source}) {
    std::string slug;
    bool latin = true;
    for (char ch : *term) {
      auto u = static_cast<unsigned char>(ch);
      if (u >= 0x80) {
        latin = false;
        break;
      }
      if (std::isalnum(u)) {
        slug += static_cast<char>(std::tolower(u));
      } else if (!slug.empty() && slug.back() != '-') {
        slug += '-';
      }
    }
    while (!slug.empty() && slug.back() == '-') {
      slug.pop_back();
    }
    if (latin && !slug.empty()) {
      base = slug;
      break;
    }
  }
  if (base.empty()) {
    base = "candidate-" + std::to_string(n);
  }
  std::string id = base;
  for (int k = 2; !used.insert(id).second; ++k) {
    id = base + "-" + std::to_string(k);
  }
  return id;
}

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

// The candidates as a term base: one concept each, its terms without a status (none is
// approved yet), the verdict and evidence in its note, two unit pairs as its context. A
// candidate the term base knows (or contradicts) takes its concept's id, so that glossary
// import merges what is kept into that concept; candidates of one such concept share it.
glossary::TermBase candidate_termbase(const std::vector<lexicon::TermCandidate>& candidates,
                                      const std::vector<lexicon::UnitPair>& units,
                                      const LangTag& src, const LangTag& tgt) {
  glossary::TermBase tb;
  std::set<std::string> used;
  std::size_t n = 0;
  for (const auto& c : candidates) {
    Concept concept_;
    ++n;
    concept_.id = c.concept_id.empty() ? candidate_id(c, n, used) : c.concept_id;
    auto term = [](const std::string& text, const LangTag& lang, glossary::TermType type) {
      glossary::Term t;
      t.text = text;
      t.lang = lang;
      t.type = type;
      return t;
    };
    bool acronym = c.kind == lexicon::CandidateKind::acronym;
    auto full = acronym ? glossary::TermType::full_form : glossary::TermType::unspecified;
    concept_.terms.push_back(term(c.source, src, full));
    concept_.terms.push_back(term(c.target, tgt, full));
    std::string also;
    for (const auto& a : c.alternatives) {
      concept_.terms.push_back(term(a.target, tgt, full));
      also +=
          (also.empty() ? "; also " : ", ") + a.target + " (" + counted(a.frequency, "unit") + ")";
    }
    if (acronym) {
      // The short form is a term of the language that writes it in Latin letters.
      bool latin_target = std::all_of(c.target.begin(), c.target.end(), [](char ch) {
        return static_cast<unsigned char>(ch) < 0x80;
      });
      concept_.terms.push_back(
          term(c.acronym, latin_target ? tgt : src, glossary::TermType::acronym));
    }
    std::string note = std::string(lexicon::to_string(c.status));
    if (c.status == lexicon::CandidateStatus::known) {
      note += " as " + c.concept_id;
    } else if (c.status == lexicon::CandidateStatus::conflict) {
      note += ": the term base has " + c.concept_id +
              (c.known_translation.empty() ? "" : " = '" + c.known_translation + "'");
    }
    note += "; " + std::string(lexicon::to_string(c.kind)) + (acronym ? " " + c.acronym : "") +
            "; score " + score_text(c.score) + "; " + counted(c.frequency, "unit") + also;
    concept_.notes.push_back(note);
    std::string context;
    for (std::size_t u : c.examples) {
      context += (context.empty() ? "" : " ‖ ") + units[u].source + " ⟷ " + units[u].target;
    }
    if (!context.empty()) {
      concept_.descriptions.push_back({"context", context, "descrip"});
    }
    if (Concept* same = tb.find(concept_.id)) {
      for (auto& t : concept_.terms) {
        bool have = std::any_of(same->terms.begin(), same->terms.end(), [&](const auto& u) {
          return u.text == t.text && u.lang == t.lang;
        });
        if (!have) {
          same->terms.push_back(std::move(t));
        }
      }
      same->notes.push_back(note);
      continue;
    }
    used.insert(concept_.id);
    tb.add(std::move(concept_));
  }
  return tb;
}

int run_extract(const Args& args, const Context& ctx) {
  auto src_arg = args.value("src-lang");
  auto tgt_arg = args.value("tgt-lang");
  if (!src_arg || !tgt_arg) {
    throw UsageError("--src-lang and --tgt-lang are required");
  }
  LangTag src = LangTag::parse(*src_arg), tgt = LangTag::parse(*tgt_arg);
  auto memories = args.values("tm");
  if (args.positionals().empty() && memories.empty()) {
    throw UsageError("expected aligned units: one or more files, or --tm MEMORY");
  }
  lexicon::ExtractOptions options;
  options.min_frequency = std::max<std::size_t>(1, count_option(args, "min-freq", 2));
  options.top = count_option(args, "top", 200);
  options.max_words = std::clamp<std::size_t>(count_option(args, "max-words", 4), 1, 8);
  options.use_dictionary = !args.flag("no-dictionary");
  std::optional<glossary::TermBase> known;
  if (auto g = args.value("glossary")) {
    known = load_glossary(*g, ctx);
    options.known = &*known;
  }
  std::optional<lexicon::Lexicon> lex;
  if (auto l = args.value("lexicon")) {
    std::ifstream in(*l, std::ios::binary);
    if (!in) {
      throw Error(ErrorKind::io, "cannot open lexicon " + quoted(*l));
    }
    lex = lexicon::Lexicon::read(in, *l);
    if (!lex->src_lang().matches(src) || !lex->tgt_lang().matches(tgt)) {
      throw Error(ErrorKind::invalid_argument,
                  "lexicon " + quoted(*l) + " is " + lex->src_lang().str() + " -> " +
                      lex->tgt_lang().str() + ", not " + src.str() + " -> " + tgt.str());
    }
    options.lexicon = &*lex;
  }
  std::optional<lexicon::WordLevels> background;
  std::string dir = args.value_or("background", "/usr/share/dict/scowl");
  if (dir != "none") {
    try {
      background = lexicon::WordLevels::read_scowl(dir);
      options.background = &*background;
    } catch (const Error&) {
      if (args.value("background")) {
        throw;
      }
      ctx.warn("no English word lists in " + dir +
               " (Debian's scowl): candidates are ranked without how common their words are");
    }
  }

  auto units =
      read_aligned_units(args.positionals(), memories, args.value_or("format", ""), src, tgt, ctx);
  Progress progress(ctx, "extract", units.size() * 2, Progress::Count::items, "unit");
  options.progress = [&](std::size_t done, std::size_t) { progress.update(done); };
  auto candidates = lexicon::extract_terms(units, src, tgt, options);
  progress.finish();

  glossary::TermBase tb = candidate_termbase(candidates, units, src, tgt);
  std::string out_path = args.value_or("output", "-");
  io::TermBaseWriteOptions wo;
  io::Format to = write_format(args, out_path, wo, out_path == "-" ? "tsv" : "");
  if (!io::is_termbase_format(to)) {
    throw UsageError("cannot write candidates as " + std::string(io::format_name(to)) +
                     " (expected csv, tsv, tbx2, tbx3 or tbx3-dct)");
  }
  wo.src_lang = src.str();
  wo.tgt_lang = tgt.str();
  Output out(out_path);
  io::write_termbase(tb, out.stream(), to, wo);
  out.commit();
  std::size_t acronyms = 0, known_n = 0, conflicts = 0;
  for (const auto& c : candidates) {
    acronyms += c.kind == lexicon::CandidateKind::acronym ? 1 : 0;
    known_n += c.status == lexicon::CandidateStatus::known ? 1 : 0;
    conflicts += c.status == lexicon::CandidateStatus::conflict ? 1 : 0;
  }
  ctx.note(counted(candidates.size(), "candidate") + " (" +
           counted(acronyms, "acronym definition") + ", " + std::to_string(known_n) + " known, " +
           counted(conflicts, "conflict") + ") from " + counted(units.size(), "unit"));
  return kExitOk;
}

const std::vector<OptionSpec> kEditOptions = {
    {"term", 't', "LANG=TEXT[;ATTR]",
     "a term to add or update; ATTR: a status (preferred, admitted, deprecated, forbidden), a "
     "type (fullForm, acronym, abbreviation, shortForm, variant), pos=P, note=N",
     true},
    {"note", 0, "TEXT", "the concept's note (repeat for several; '' clears)", true},
    {"definition", 0, "TEXT", "the concept's definition"},
    {"domain", 0, "TEXT", "the concept's subject field"},
    kFrom,
    kEncoding,
    {"output", 'o', "FILE", "write the result to FILE instead of changing FILE in place"},
    kGlossary,
};

}  // namespace

Command glossary_command() {
  const OptionSpec expect{"expect-version", 0, "N",
                          "a postgresql:// term base: edit only if the concept is still at "
                          "version N (glossary list --versions)"};
  auto set_options = kEditOptions;
  set_options.push_back({"remove-term", 0, "LANG=TEXT", "a term to remove", true});
  set_options.push_back(expect);
  return Command{
      "glossary",
      "convert, merge, search, edit and check term bases (TBX, CSV/TSV, OmegaT)",
      "",
      {},
      "",
      nullptr,
      {
          {"convert",
           "convert a term base between TBX v2, TBX v3, CSV, TSV and OmegaT TSV",
           "[--from F] [--to F] [--src-lang L --tgt-lang L] IN OUT",
           {kFrom,
            {"to", 0, "FORMAT",
             "output format: tbx2, tbx3, tbx3-dct, csv, tsv, omegat-tsv (default: from OUT's "
             "extension; .tbx = TBX v2, which most tools import)"},
            kSrcLang,
            kTgtLang,
            kOnBad,
            kEncoding},
           "Formats come from --from/--to, else the content (TBX v2 or v3) and the extension.\n"
           "OUT '-' is stdout (name the format with --to). OUT is written atomically.\n"
           "IN may be a postgresql:// URI: its term base is exported.\n"
           "A CSV/TSV saved by Korean Excel (CP949) or as Unicode text (UTF-16) is read as\n"
           "such, with a note; --encoding names the encoding instead of guessing.\n\n"
           "example:\n  termbridge glossary convert glossaries/defense.ko-en.tsv defense.tbx\n",
           run_convert,
           {}},
          {"import",
           "merge the concepts of FROM into INTO (same id: terms and notes united)",
           "[--from F] [-o OUT] INTO FROM  (INTO: a file or a postgresql:// URI)",
           {kFrom,
            {"into-format", 0, "FORMAT", "format of INTO when its name does not tell"},
            {"to", 0, "FORMAT", "format to write"},
            {"output", 'o', "FILE", "write the merged term base to FILE instead of INTO"},
            kSrcLang,
            kTgtLang,
            kOnBad,
            kEncoding},
           "Concepts of FROM with new ids are appended. For an id in both, new terms and notes\n"
           "are added; a different domain, definition, status, type or part of speech is a\n"
           "conflict: INTO's value is kept and the conflict is reported (exit status 1).\n"
           "A term (same language, same text after normalization) that ends up under two\n"
           "concepts is a warning naming both ids and where each was read.\n"
           "INTO may be a postgresql:// URI: its tables are made on first use, and the import\n"
           "is one transaction (a failed import leaves the term base as it was); concepts it\n"
           "changes get a new version. Read it with any command's FILE or --glossary.\n\n"
           "example:\n  termbridge glossary import defense.tbx new-terms.csv\n"
           "  termbridge glossary import postgresql://db.example/terms defense.tbx\n",
           run_import,
           {}},
          {"extract",
           "propose term pairs from aligned units: acronym definitions and word associations",
           "--src-lang L --tgt-lang L [-g KNOWN] [--top K] [-o OUT] INPUT...",
           {{"src-lang", 0, "LANG", "language of the source side (required)"},
            {"tgt-lang", 0, "LANG", "language of the target side (required)"},
            {"glossary", 'g', "FILE",
             "a term base (a file or a postgresql:// URI): candidates it has are marked known or "
             "conflict"},
            {"tm", 0, "FILE", "also read the units of this memory (a file or a postgresql:// URI)",
             true},
            {"lexicon", 0, "FILE", "word links from lexicon train (default: learned from INPUT)"},
            {"no-dictionary", 0, "",
             "leave out the built-in Korean-English dictionary's word links"},
            {"min-freq", 0, "N", "units a word pair must share (default 2)"},
            {"top", 0, "K", "keep the best K candidates (default 200; 0: all)"},
            {"max-words", 0, "N", "the longest candidate, in words (default 4)"},
            {"background", 0, "DIR",
             "SCOWL English word lists that tell common words (default /usr/share/dict/scowl; "
             "none: rank without)"},
            {"format", 0, "FORMAT", "format of INPUT when its name does not tell"},
            {"to", 0, "FORMAT",
             "output format: csv, tsv, tbx2, tbx3 (default: from OUT, else tsv)"},
            {"output", 'o', "FILE", "write the candidates to FILE (atomically)"},
            kEncoding},
           "INPUT: aligned units in any unit format (align --format tsv, TMX, XLIFF, CSV).\n"
           "Each candidate is a concept with its two terms (and the acronym), no status, a note\n"
           "saying proposed, known (the term base has the pair) or conflict (the term base\n"
           "translates the term otherwise), the score and the units holding both, and two unit\n"
           "pairs as context. Delete the rows you reject, then merge the rest with\n"
           "glossary import KNOWN candidates.tsv.\n\n"
           "example:\n  termbridge align a.ko.txt a.en.txt --format tsv --header > a.tsv\n"
           "  termbridge glossary extract --src-lang ko --tgt-lang en -g defense.tsv a.tsv "
           "-o candidates.tsv\n",
           run_extract,
           {}},
          {"list",
           "list concepts as TSV: id and the terms of each language",
           "[--lang L] [--versions] [-o FILE] FILE  (or -g FILE)",
           {{"lang", 0, "LANG", "list only this language"},
            {"versions", 0, "",
             "a postgresql:// term base: a version column, for set/remove --expect-version"},
            {"output", 'o', "FILE", "write to FILE"},
            kGlossary,
            kFrom,
            kSrcLang,
            kTgtLang,
            kOnBad,
            kEncoding},
           "FILE may be a postgresql:// URI (see glossary import).\n\n"
           "example:\n  termbridge glossary list glossaries/defense.ko-en.tsv\n",
           run_list,
           {}},
          {"search",
           "find terms by prefix, substring or near spelling, any language, with translations",
           "[--max N] TEXT FILE  (or TEXT -g FILE)",
           {{"max", 0, "N", "at most N concepts (default 20)"},
            kGlossary,
            kFrom,
            kSrcLang,
            kTgtLang,
            kOnBad,
            kEncoding},
           "Compares on matching keys (NFKC, case folded, spaces and hyphens ignored); prints\n"
           "TSV: id, the term found, its language, how it matched (exact, prefix, contains,\n"
           "fuzzy) and the preferred terms of the other languages.\n\n"
           "example:\n  termbridge glossary search 핵협의 glossaries/defense.ko-en.tsv\n",
           run_search,
           {}},
          {"add",
           "add a concept to a TBX, CSV or TSV file in place",
           "FILE ID --term LANG=TEXT[;ATTR]... [--note N] [--definition D] [--domain D]",
           kEditOptions,
           "The rest of FILE is kept byte for byte; the file is replaced atomically. A CSV/TSV\n"
           "without an id column names a concept by its first term ('탄도 미사일' is\n"
           "'탄도-미사일'); columns an edit needs (status, type, note ...) are added at the\n"
           "end. A CP949 or UTF-16 file is written back in its encoding.\n"
           "FILE may be a postgresql:// URI: the concept is added with version 1.\n\n"
           "example:\n  termbridge glossary add defense.tsv kiljunghwa --term ko=킬체인 "
           "--term 'en=Kill Chain;preferred'\n",
           run_add,
           {}},
          {"remove",
           "remove concepts from a TBX, CSV or TSV file in place",
           "[--expect-version N] FILE ID...",
           {kFrom,
            kEncoding,
            {"output", 'o', "FILE", "write the result to FILE instead"},
            kGlossary,
            expect},
           "The IDs are removed all together or, on any error, none of them.\n"
           "FILE may be a postgresql:// URI: a concept changed by someone else since it was\n"
           "read (or since version N, with --expect-version N) is not removed, nor are the\n"
           "others named with it; that conflict is an error (exit status 2) saying so.\n\n"
           "example:\n  termbridge glossary remove defense.tsv kill-chain\n",
           run_remove,
           {}},
          {"set",
           "change a concept in a TBX, CSV or TSV file in place",
           "FILE ID [--term SPEC]... [--remove-term LANG=TEXT]... [--note N] [--definition D] "
           "[--expect-version N]",
           set_options,
           "--term adds a term or replaces the attributes of the same term; the rest of FILE\n"
           "is kept byte for byte.\n"
           "FILE may be a postgresql:// URI: the change is made to the concept as stored now\n"
           "and written only if nobody changed it since it was read (or since version N, with\n"
           "--expect-version N); otherwise nothing is written and the conflict is an error\n"
           "(exit status 2): read the concept again and retry. Each change bumps the concept's\n"
           "version (glossary list --versions).\n\n"
           "example:\n  termbridge glossary set defense.tsv ncg --term 'ko=핵 협의 그룹;variant'\n",
           run_set,
           {}},
          {"validate",
           "check term bases (exit status 1 when problems are found)",
           "[--from F] FILE...",
           {kGlossary, kFrom, kSrcLang, kTgtLang, kEncoding},
           "Reports, one line each with file and concept id: duplicate terms, one term in two\n"
           "concepts, concepts missing a language, forbidden terms identical to preferred\n"
           "ones, bad language tags, unreadable rows and entries.\n\n"
           "example:\n  termbridge glossary validate glossaries/defense.ko-en.tsv\n",
           run_validate,
           {}},
          {"stats",
           "count concepts and terms by language, status and type",
           "FILE",
           {kGlossary, kFrom, kSrcLang, kTgtLang, kOnBad, kEncoding},
           "example:\n  termbridge glossary stats glossaries/defense.ko-en.tbx\n",
           run_stats,
           {}},
      },
  };
}

}  // namespace termbridge::cli
