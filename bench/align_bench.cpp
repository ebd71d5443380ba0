// Aligner benchmark and tuning driver.
//
//   align_bench [--set NAME=VALUE]... [--glossary FILE] SRC TGT [OUT]
//       aligns one presegmented pair (one sentence per line), prints the time taken to read
//       and to align, and writes the beads to OUT when given.
//   align_bench [--set NAME=VALUE]... [--glossary FILE] --dir DIR PRED_DIR
//       aligns every DIR/DOC.ko.txt with DIR/DOC.en.txt (for each DIR/DOC.gold) and writes
//       PRED_DIR/DOC.pred, for shared/tools/align_score.py. NAME is an AlignOptions field.

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
      {"paragraph_weight", &align::AlignOptions::paragraph_weight},
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
    Concepts concepts;
    std::vector<std::string> pos;
    bool dir = false;
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
      } else if (a == "--dir") {
        dir = true;
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
