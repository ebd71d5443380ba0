// termbridge align: sentence alignment of a text and its translation.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "termbridge/align/aligner.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/review_html.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/lexicon/lexicon.hpp"
#include "termbridge/qa/check.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/script.hpp"
#include "termbridge/tm/unit.hpp"

namespace termbridge::cli {

namespace {

enum class OutFormat { beads, tsv, tmx, html };

struct Settings {
  LangTag src_lang, tgt_lang;
  bool presegmented = false;
  OutFormat format = OutFormat::beads;
  double min_score = 0;
  bool tsv_header = false;  // tsv: a header line of the languages and a score column
  bool min_score_given = false;
  std::optional<glossary::TermBase> termbase;  // kept for the review page's tooltips and checks
  std::optional<glossary::TermMatcher> src_terms, tgt_terms;
  std::optional<segment::Segmenter> segmenter;  // for raw input
  std::optional<lexicon::Lexicon> lexicon;      // --lexicon
  align::AlignOptions options;
};

// One side of a document: its sentences, each with its paragraph (paragraphs are separated
// by blank lines). Raw text is segmented paragraph by paragraph, a paragraph's lines joined
// by a space.
std::vector<align::Sentence> read_side(const std::string& path, const Settings& s,
                                       const LangTag& lang) {
  Input in(path);
  text::LineReader lines = open_lines(in, running_context());
  segment::ParagraphReader reader(lines);
  std::vector<align::Sentence> out;
  std::string para;
  for (std::size_t number = 0; reader.next(para); ++number) {
    if (s.presegmented) {
      std::size_t pos = 0;
      while (pos <= para.size()) {
        std::size_t nl = std::min(para.find('\n', pos), para.size());
        out.push_back({para.substr(pos, nl - pos), number, {}});
        pos = nl + 1;
      }
      continue;
    }
    std::replace(para.begin(), para.end(), '\n', ' ');
    align::append_paragraph(out, para, number, *s.segmenter, lang.str());
  }
  return out;
}

void find_concepts(std::vector<align::Sentence>& sentences,
                   const std::optional<glossary::TermMatcher>& matcher) {
  if (!matcher) {
    return;
  }
  for (auto& sentence : sentences) {
    for (auto& hit : matcher->find(sentence.text)) {
      sentence.concepts.push_back(std::move(hit.concept_id));
    }
  }
}

// Warns when a side does not look like its declared language (swapped files, a wrong
// --src-lang): the alignment still runs, since the length model adapts to any pair. The
// guess goes by script, so "en" stands for any text in Latin letters (or with a few Latin
// words among letters it does not count, such as Cyrillic): it contradicts only a Korean,
// Japanese or Chinese declaration.
void check_language(const std::vector<align::Sentence>& sentences, const LangTag& lang,
                    const std::string& path, const std::string& option, const Context& ctx) {
  std::string sample;
  for (std::size_t k = 0; k < sentences.size() && sample.size() < 4000; ++k) {
    sample += sentences[k].text;
    sample += ' ';
  }
  std::string guess = text::guess_language(sample);
  auto cjk = [](std::string_view l) { return l == "ko" || l == "ja" || l == "zh"; };
  if (guess != "und" && guess != lang.language() && (cjk(guess) || cjk(lang.language()))) {
    ctx.warn(termbridge::quoted(path) + " looks like '" + guess + "' text, not '" + lang.str() +
             "' as --" + option + " says");
  }
}

std::string join(const std::vector<align::Sentence>& sentences, std::size_t begin,
                 std::size_t end) {
  std::string out;
  for (std::size_t k = begin; k < end; ++k) {
    if (k > begin) {
      out += ' ';
    }
    for (char c : sentences[k].text) {
      out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
  }
  return out;
}

struct Document {
  std::string src_path, tgt_path;
  std::vector<align::Sentence> src, tgt;
  std::vector<align::Bead> beads;
};

Document align_document(const std::string& src_path, const std::string& tgt_path, const Settings& s,
                        const Context& ctx) {
  Document doc{src_path,
               tgt_path,
               read_side(src_path, s, s.src_lang),
               read_side(tgt_path, s, s.tgt_lang),
               {}};
  check_language(doc.src, s.src_lang, src_path, "src-lang", ctx);
  check_language(doc.tgt, s.tgt_lang, tgt_path, "tgt-lang", ctx);
  find_concepts(doc.src, s.src_terms);
  find_concepts(doc.tgt, s.tgt_terms);
  doc.beads = align::align_sentences(doc.src, doc.tgt, s.options);
  return doc;
}

// Writes the beads with both sides and a score of at least --min-score as translation units,
// with the document and the score as properties.
void write_tmx(const Document& doc, const Settings& s, io::TmxWriter& tmx) {
  for (const auto& bead : doc.beads) {
    if (bead.score < s.min_score || bead.src_begin == bead.src_end ||
        bead.tgt_begin == bead.tgt_end) {
      continue;
    }
    tm::TranslationUnit unit;
    unit.props.push_back({"x-document", doc.src_path});
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", bead.score);
    unit.props.push_back({"x-align-score", score});
    unit.variants.push_back(
        {s.src_lang, {join(doc.src, bead.src_begin, bead.src_end), {}}, {}, {}, {}});
    unit.variants.push_back(
        {s.tgt_lang, {join(doc.tgt, bead.tgt_begin, bead.tgt_end), {}}, {}, {}, {}});
    tmx.write(unit);
  }
}

void write_text(const Document& doc, const Settings& s, bool batch, std::ostream& out) {
  if (s.format == OutFormat::beads && batch) {
    out << "# " << doc.src_path << '\t' << doc.tgt_path << '\n';
  }
  for (const auto& bead : doc.beads) {
    if (bead.score < s.min_score) {
      continue;
    }
    if (s.format == OutFormat::beads) {
      out << align::to_string(bead) << '\n';
    } else {
      out << join(doc.src, bead.src_begin, bead.src_end) << '\t'
          << join(doc.tgt, bead.tgt_begin, bead.tgt_end);
      if (s.tsv_header) {
        char score[32];
        std::snprintf(score, sizeof score, "\t%.3f", bead.score);
        out << score;
      }
      out << '\n';
    }
  }
}

// The review page: every bead, those below --min-score (or io::kLowConfidence) marked, terms
// highlighted when there is a glossary, and each bead with both sides checked for numbers
// (and terms) as qa does, since a number on one side only often means a misaligned bead.
void write_html(const Document& doc, const Settings& s, std::ostream& out) {
  io::ReviewPage page;
  page.title = "Alignment";
  page.src_lang = s.src_lang;
  page.tgt_lang = s.tgt_lang;
  page.src_name = doc.src_path == "-" ? "<stdin>" : doc.src_path;
  page.tgt_name = doc.tgt_path == "-" ? "<stdin>" : doc.tgt_path;
  page.low_score = s.min_score_given ? s.min_score : io::kLowConfidence;
  page.rows = io::rows_from_beads(doc.src, doc.tgt, doc.beads);
  glossary::TermBase no_terms;
  if (s.termbase) {
    io::mark_terms(page.rows, *s.termbase, *s.src_terms, *s.tgt_terms);
  }
  qa::CheckOptions checks;
  checks.terms = s.termbase.has_value();
  checks.consistency = false;  // a document may translate a repeated sentence two ways
  checks.empty = false;        // a sentence on one side only is a 1-0 or 0-1 bead, shown as such
  qa::Checker checker(s.termbase ? *s.termbase : no_terms, s.src_lang, s.tgt_lang, checks);
  std::vector<qa::Pair> pairs;
  for (std::size_t k = 0; k < doc.beads.size(); ++k) {
    const align::Bead& bead = doc.beads[k];
    if (bead.src_begin != bead.src_end && bead.tgt_begin != bead.tgt_end) {
      pairs.push_back({page.rows[k].id,
                       {doc.src_path, 0, 0},
                       join(doc.src, bead.src_begin, bead.src_end),
                       join(doc.tgt, bead.tgt_begin, bead.tgt_end)});
    }
  }
  io::place_findings(page.rows, checker.check(pairs));
  page.checked = true;
  io::write_review_html(out, page);
}

double parse_min_score(const std::string& value) {
  char* end = nullptr;
  double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !(v >= 0 && v <= 1)) {
    throw UsageError("bad --min-score " + termbridge::quoted(value) +
                     " (expected a number from 0 to 1)");
  }
  return v;
}

// The document pairs of a --batch list: "src<TAB>tgt" a line; relative paths are taken from
// the list's folder; blank lines and lines starting with '#' are skipped.
std::vector<std::pair<std::string, std::string>> read_batch(const std::string& path) {
  Input in(path);
  text::LineReader reader(in.stream(), in.name());
  std::filesystem::path base = path == "-" ? "" : std::filesystem::path(path).parent_path();
  auto resolve = [&](const std::string& p) {
    std::filesystem::path fp(p);
    return (fp.is_absolute() || base.empty() ? fp : base / fp).string();
  };
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string line;
  while (reader.next(line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    auto tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos || tab == 0 ||
        tab + 1 == line.size()) {
      throw Error(ErrorKind::parse,
                  "expected 'source path<TAB>target path', found " + termbridge::quoted(line),
                  SourceLocation{in.name(), reader.line_number(), 0});
    }
    pairs.emplace_back(resolve(line.substr(0, tab)), resolve(line.substr(tab + 1)));
  }
  return pairs;
}

int run(const Args& args, const Context& ctx) {
  Settings s;
  s.src_lang = LangTag::parse(args.value_or("src-lang", "ko"));
  s.tgt_lang = LangTag::parse(args.value_or("tgt-lang", "en"));
  s.presegmented = args.flag("presegmented");
  std::string format = args.value_or("format", "beads");
  if (format == "beads") {
    s.format = OutFormat::beads;
  } else if (format == "tsv") {
    s.format = OutFormat::tsv;
  } else if (format == "tmx") {
    s.format = OutFormat::tmx;
  } else if (format == "html") {
    s.format = OutFormat::html;
  } else {
    throw UsageError("unknown --format " + termbridge::quoted(format) +
                     " (expected beads, tsv, tmx or html)");
  }
  s.tsv_header = args.flag("header");
  if (s.tsv_header && s.format != OutFormat::tsv) {
    throw UsageError("--header is for --format tsv");
  }
  if (auto v = args.value("min-score")) {
    s.min_score = parse_min_score(*v);
    s.min_score_given = true;
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  auto batch = args.value("batch");
  if (batch) {
    if (!args.positionals().empty()) {
      throw UsageError("give either SRC TGT or --batch LIST, not both");
    }
    if (s.format == OutFormat::html) {
      throw UsageError("--format html shows one pair of texts; give SRC TGT, not --batch");
    }
    pairs = read_batch(*batch);
  } else {
    if (args.positionals().size() != 2) {
      throw UsageError("expected two files, SRC and TGT (or --batch LIST)");
    }
    if (args.positionals()[0] == "-" && args.positionals()[1] == "-") {
      throw UsageError("SRC and TGT cannot both be stdin");
    }
    pairs.emplace_back(args.positionals()[0], args.positionals()[1]);
  }
  if (!s.presegmented) {
    s.segmenter.emplace(segment::Segmenter::builtin());
  }
  s.options.src_lang = s.src_lang.str();
  s.options.tgt_lang = s.tgt_lang.str();
  if (auto l = args.value("lexicon")) {
    Input in(*l);
    s.lexicon = lexicon::Lexicon::read(in.stream(), in.name());
    if (s.lexicon->src_lang().language() != s.src_lang.language() ||
        s.lexicon->tgt_lang().language() != s.tgt_lang.language()) {
      throw UsageError(in.name() + " is a " + s.lexicon->src_lang().str() + "-" +
                       s.lexicon->tgt_lang().str() + " lexicon; the texts are " + s.src_lang.str() +
                       "-" + s.tgt_lang.str());
    }
    s.options.lexicon = &*s.lexicon;
  }
  if (args.flag("no-lexicon")) {
    s.options.lexicon_weight = 0;
  }
  if (args.flag("no-dictionary")) {
    s.options.dictionary_weight = 0;
  }
  if (auto g = args.value("glossary")) {
    s.termbase = read_glossary_at(*g, {});
    s.src_terms.emplace(*s.termbase, s.src_lang);
    s.tgt_terms.emplace(*s.termbase, s.tgt_lang);
  }

  Output out(args.value_or("output", "-"));
  Progress progress(ctx, "align", pairs.size(), Progress::Count::items, "document pair");
  std::unique_ptr<io::TmxWriter> tmx;
  if (s.format == OutFormat::tmx) {
    io::TmxHeader header;
    header.src_lang = s.src_lang.str();
    tmx = std::make_unique<io::TmxWriter>(out.stream(), header);
  }
  if (s.format == OutFormat::tsv && s.tsv_header) {
    // The languages name the columns, so tm import, convert and qa need no --src-lang and
    // --tgt-lang; the score is the bead's confidence, which tm import --min-score filters on.
    out.stream() << s.src_lang.str() << '\t' << s.tgt_lang.str() << "\tscore\n";
  }
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    Document doc = align_document(pairs[k].first, pairs[k].second, s, ctx);
    if (tmx) {
      write_tmx(doc, s, *tmx);
    } else if (s.format == OutFormat::html) {
      write_html(doc, s, out.stream());
    } else {
      write_text(doc, s, batch.has_value(), out.stream());
    }
    progress.update(k + 1);
  }
  if (tmx) {
    tmx->finish();
  }
  progress.finish();
  out.commit();
  return kExitOk;
}

}  // namespace

Command align_command() {
  return Command{
      "align",
      "align the sentences of a text and its translation (beads, TSV or TMX)",
      "[--src-lang ko] [--tgt-lang en] [--presegmented] [-g GLOSSARY] [--lexicon FILE]\n"
      "       [--format beads|tsv|tmx|html] [--min-score X] [-o OUT] (SRC TGT | --batch LIST.tsv)",
      {
          {"src-lang", 0, "LANG", "language of SRC (default ko)"},
          {"tgt-lang", 0, "LANG", "language of TGT (default en)"},
          {"presegmented", 0, "",
           "inputs hold one sentence per line (blank lines separate paragraphs); otherwise "
           "they are raw text, segmented here, with paragraphs separated by blank lines"},
          {"glossary", 'g', "FILE",
           "term base (TBX, CSV, TSV, or a postgresql:// URI) whose concepts found on both sides "
           "anchor the alignment"},
          {"lexicon", 0, "FILE",
           "word translations (`termbridge lexicon train`) that score each bead by how many of "
           "its words are translated on the other side; without it, a lexicon is learned from "
           "a first alignment of the two texts themselves. Korean-English texts also use the "
           "built-in dictionary of everyday news words"},
          {"no-dictionary", 0, "", "leave out the built-in Korean-English dictionary"},
          {"no-lexicon", 0, "",
           "no word translations at all (neither given, built in, nor learned)"},
          {"format", 0, "F",
           "beads (default): '[i,j]:[k]' a line, 0-based sentence indices; tsv: 'source<TAB>"
           "target' a line; tmx: a TMX 1.4b file of the beads with both sides; html: a review "
           "page, both texts side by side bead by bead, terms highlighted, low-confidence "
           "beads marked"},
          {"min-score", 0, "X",
           "leave out beads whose confidence (0..1) is below X (default 0: keep all); with "
           "--format html, keep them and mark them (default 0.5)"},
          {"header", 0, "",
           "tsv: start with a header line naming the languages ('ko<TAB>en<TAB>score') and "
           "give each bead's score in a third column"},
          {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"},
          {"batch", 0, "LIST",
           "align every 'src<TAB>tgt' path pair of LIST (relative to LIST's folder) into one "
           "output; beads are headed by '# SRC<TAB>TGT'"},
      },
      "Aligns the sentences of SRC with those of its translation TGT into beads: 1-1, 1-2,\n"
      "2-1, 2-2, 1-3, 3-1, or a sentence on one side only ([i]:[] or []:[k]). Every sentence\n"
      "is in exactly one bead, in order, unless --min-score leaves beads out.\n\n"
      "--format tsv writes bare 'source<TAB>target' lines, one a bead, as other aligners,\n"
      "alignment scorers and scripts read them (line N is bead N). With --header it starts\n"
      "with a line naming the languages, 'ko<TAB>en<TAB>score', and gives each bead's\n"
      "confidence (0..1) in a third column: tm import, convert and qa then read the file\n"
      "without --src-lang/--tgt-lang, and tm import --min-score can leave weak pairs out.\n\n"
      "example:\n"
      "  termbridge align --presegmented --glossary defense-ko-en.csv article.ko.txt "
      "article.en.txt\n"
      "  [0]:[0]\n  [1]:[1,2]\n",
      run,
      {},
  };
}

}  // namespace termbridge::cli
