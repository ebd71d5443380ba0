// Aligner benchmark and tuning driver.
//
//   align_bench [--set NAME=VALUE]... [--glossary FILE] SRC TGT [OUT]
//       aligns one presegmented pair (one sentence per line), prints the time taken to read
//       and to align, and writes the beads to OUT when given.
//   align_bench [--set NAME=VALUE]... [--glossary FILE] --dir DIR PRED_DIR
//       aligns every DIR/DOC.ko.txt with DIR/DOC.en.txt (for each DIR/DOC.gold) and writes
//       PRED_DIR/DOC.pred, for shared/tools/align_score.py. NAME is an AlignOptions field.
//   align_bench [--set NAME=VALUE]... [--glossary FILE] --raw --dir DIR PRED_DIR
//       the same for DIR/DOC.ko.raw.txt and DIR/DOC.en.raw.txt, segmented as `termbridge align`
//       does (paragraphs = blank lines), written as PRED_DIR/DOC.pred.tsv for
//       `align_score.py --tsv`.
//   --lexicon FILE uses a lexicon of `termbridge lexicon train` instead of one trained on each
//   pair itself.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "termbridge/align/aligner.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/lexicon/lexicon.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/decode.hpp"

namespace align = termbridge::align;
namespace fs = std::filesystem;

namespace {

std::vector<align::Sentence> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw termbridge::Error(termbridge::ErrorKind::io, "cannot open " + termbridge::quoted(path));
  }
  termbridge::text::LineReader reader(in, path);
  std::vector<align::Sentence> out;
  std::string line;
  while (reader.next(line)) {
    out.push_back({line, 0, {}});
  }
  return out;
}

// A raw article: paragraphs (blank lines) split into sentences, as `termbridge align` reads it.
std::vector<align::Sentence> read_raw(const std::string& path, const std::string& lang,
                                      const termbridge::segment::Segmenter& segmenter) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw termbridge::Error(termbridge::ErrorKind::io, "cannot open " + termbridge::quoted(path));
  }
  termbridge::text::LineReader lines(in, path);
  termbridge::segment::ParagraphReader reader(lines);
  std::vector<align::Sentence> out;
  std::string para;
  for (std::size_t number = 0; reader.next(para); ++number) {
    std::replace(para.begin(), para.end(), '\n', ' ');
    align::append_paragraph(out, para, number, segmenter, lang);
  }
  return out;
}

void write_tsv(const std::vector<align::Bead>& beads, const std::vector<align::Sentence>& src,
               const std::vector<align::Sentence>& tgt, const std::string& path) {
  auto join = [](const std::vector<align::Sentence>& s, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t k = b; k < e; ++k) {
      out += (k > b ? " " : "") + s[k].text;
    }
    return out;
  };
  std::ofstream out(path);
  for (const auto& b : beads) {
    out << join(src, b.src_begin, b.src_end) << '\t' << join(tgt, b.tgt_begin, b.tgt_end) << '\n';
  }
}

bool set_option(align::AlignOptions& o, const std::string& name, double v) {
  struct Field {
    const char* name;
    double align::AlignOptions::*field;
  };
  static const Field kFields[] = {
      {"length_ratio", &align::AlignOptions::length_ratio},
      {"length_variance", &align::AlignOptions::length_variance},
      {"initial_variance", &align::AlignOptions::initial_variance},
      {"fallback_variance", &align::AlignOptions::fallback_variance},
      {"cost_1_1", &align::AlignOptions::cost_1_1},
      {"cost_1_2", &align::AlignOptions::cost_1_2},
      {"cost_2_2", &align::AlignOptions::cost_2_2},
      {"cost_1_3", &align::AlignOptions::cost_1_3},
      {"cost_deletion", &align::AlignOptions::cost_deletion},
      {"number_weight", &align::AlignOptions::number_weight},
      {"small_number_weight", &align::AlignOptions::small_number_weight},
      {"latin_weight", &align::AlignOptions::latin_weight},
      {"concept_weight", &align::AlignOptions::concept_weight},
      {"quote_weight", &align::AlignOptions::quote_weight},
      {"question_weight", &align::AlignOptions::question_weight},
      {"learned_weight", &align::AlignOptions::learned_weight},
      {"learned_min_dice", &align::AlignOptions::learned_min_dice},
      {"paragraph_weight", &align::AlignOptions::paragraph_weight},
      {"lexicon_weight", &align::AlignOptions::lexicon_weight},
      {"lexicon_given_weight", &align::AlignOptions::lexicon_given_weight},
      {"lexicon_center", &align::AlignOptions::lexicon_center},
      {"lexicon_link", &align::AlignOptions::lexicon_link},
      {"lexicon_smoothing", &align::AlignOptions::lexicon_smoothing},
      {"lexicon_iterations", &align::AlignOptions::lexicon_iterations},
      {"lexicon_min_sentences", &align::AlignOptions::lexicon_min_sentences},
      {"dictionary_weight", &align::AlignOptions::dictionary_weight},
      {"dictionary_center", &align::AlignOptions::dictionary_center},
      {"lexicon_part_weight", &align::AlignOptions::lexicon_part_weight},
      {"lexicon_max_units", &align::AlignOptions::lexicon_max_units},
  };
  for (const auto& f : kFields) {
    if (name == f.name) {
      o.*(f.field) = v;
      return true;
    }
  }
  if (name == "band") {
    o.band = static_cast<std::size_t>(v);
    return true;
  }
  return false;
}

struct Concepts {
  std::optional<termbridge::glossary::TermMatcher> src, tgt;
  void find(std::vector<align::Sentence>& s, bool source) const {
    const auto& m = source ? src : tgt;
    if (!m) {
      return;
    }
    for (auto& sentence : s) {
      for (auto& hit : m->find(sentence.text)) {
        sentence.concepts.push_back(hit.concept_id);
      }
    }
  }
};

void write_beads(const std::vector<align::Bead>& beads, const std::string& path) {
  std::ofstream out(path);
  for (const auto& b : beads) {
    out << align::to_string(b) << '\n';
  }
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    align::AlignOptions options;
    termbridge::lexicon::Lexicon lexicon;
    Concepts concepts;
    std::vector<std::string> pos;
    bool dir = false, raw = false;
    for (int k = 1; k < argc; ++k) {
      std::string a = argv[k];
      if (a == "--set" && k + 1 < argc) {
        std::string kv = argv[++k];
        auto eq = kv.find('=');
        if (eq == std::string::npos ||
            !set_option(options, kv.substr(0, eq), std::atof(kv.c_str() + eq + 1))) {
          std::cerr << "align_bench: unknown option " << kv << '\n';
          return 2;
        }
      } else if (a == "--glossary" && k + 1 < argc) {
        auto tb = termbridge::io::read_termbase_file(argv[++k]);
        concepts.src.emplace(tb, termbridge::LangTag::parse("ko"));
        concepts.tgt.emplace(tb, termbridge::LangTag::parse("en"));
      } else if (a == "--lexicon" && k + 1 < argc) {
        std::ifstream in(argv[++k]);
        lexicon = termbridge::lexicon::Lexicon::read(in, argv[k]);
        options.lexicon = &lexicon;
      } else if (a == "--dir") {
        dir = true;
      } else if (a == "--raw") {
        raw = true;
      } else {
        pos.push_back(a);
      }
    }
    if (dir && pos.size() == 2) {
      fs::create_directories(pos[1]);
      for (const auto& e : fs::directory_iterator(pos[0])) {
        if (e.path().extension() != ".gold") {
          continue;
        }
        std::string doc = e.path().stem().string();
        if (raw) {
          static const auto segmenter = termbridge::segment::Segmenter::builtin();
          auto src = read_raw(pos[0] + "/" + doc + ".ko.raw.txt", "ko", segmenter);
          auto tgt = read_raw(pos[0] + "/" + doc + ".en.raw.txt", "en", segmenter);
          concepts.find(src, true);
          concepts.find(tgt, false);
          write_tsv(align::align_sentences(src, tgt, options), src, tgt,
                    pos[1] + "/" + doc + ".pred.tsv");
          continue;
        }
        auto src = read_lines(pos[0] + "/" + doc + ".ko.txt");
        auto tgt = read_lines(pos[0] + "/" + doc + ".en.txt");
        concepts.find(src, true);
        concepts.find(tgt, false);
        write_beads(align::align_sentences(src, tgt, options), pos[1] + "/" + doc + ".pred");
      }
      return 0;
    }
    if (pos.size() < 2 || pos.size() > 3) {
      std::cerr << "usage: align_bench [--set NAME=VALUE]... [--glossary FILE] SRC TGT [OUT]\n"
                   "       align_bench [--set NAME=VALUE]... --dir DIR PRED_DIR\n";
      return 2;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto src = read_lines(pos[0]);
    auto tgt = read_lines(pos[1]);
    concepts.find(src, true);
    concepts.find(tgt, false);
    double read_s = seconds_since(t0);
    auto t1 = std::chrono::steady_clock::now();
    auto beads = align::align_sentences(src, tgt, options);
    double align_s = seconds_since(t1);
    std::printf("sentences %zu/%zu beads %zu read %.3f s align %.3f s\n", src.size(), tgt.size(),
                beads.size(), read_s, align_s);
    if (pos.size() == 3) {
      write_beads(beads, pos[2]);
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "align_bench: error: " << e.what() << '\n';
    return 2;
  }
}
