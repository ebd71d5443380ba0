// Term-matching benchmark: glossary load + matcher build time and matching throughput on a
// mixed Korean/English corpus. Run by bench/terms.sh (which also measures peak memory and
// the rg/grep baselines); see docs/BENCHMARKS.md.
//
// usage: terms_bench GLOSSARY CORPUS [REPEAT]   (REPEAT passes; best_* is the fastest pass)
// Prints key=value lines; times are CPU seconds of this process (one thread). Each corpus line goes
// to the Korean matcher when it holds Hangul, else to the English one, as `terms find --lang` would
// be run per language.

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/io/termbase_io.hpp"

namespace {

// CPU time of this process: the machine may be shared, and one core is what is measured.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

bool has_hangul(std::string_view line) {
  // Hangul syllables U+AC00..U+D7A3 are encoded with lead bytes 0xEA..0xED.
  for (char c : line) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0xEA && b <= 0xED) {
      return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace termbridge;
  if (argc < 3) {
    std::cerr << "usage: terms_bench GLOSSARY CORPUS [REPEAT]\n";
    return 2;
  }
  int repeat = argc > 3 ? std::atoi(argv[3]) : 1;
  try {
    double t0 = cpu_now();
    glossary::TermBase tb = io::read_termbase_file(argv[1]);
    double load_s = cpu_now() - t0;
    double t1 = cpu_now();
    glossary::TermMatcher ko(tb, LangTag::parse("ko"));
    glossary::TermMatcher en(tb, LangTag::parse("en"));
    double build_s = cpu_now() - t1;

    // The corpus is streamed line by line, so peak memory is the matcher's, not the corpus'.
    std::size_t hits = 0;
    std::size_t lines = 0;
    std::size_t bytes = 0;
    std::string line;
    constexpr std::size_t kBatch = 64;
    std::vector<std::string> ko_batch, en_batch;
    double t2 = cpu_now();
    double best_pass = 1e300;  // the machine may be shared: the quietest pass is the clearest
    for (int r = 0; r < repeat; ++r) {
      double pass_start = cpu_now();
      std::ifstream in(argv[2], std::ios::binary);
      if (!in) {
        std::cerr << "terms_bench: cannot open '" << argv[2] << "'\n";
        return 2;
      }
      // Lines are matched in batches per language, as `terms find` does.
      auto flush = [&](std::vector<std::string>& batch, const glossary::TermMatcher& m) {
        std::vector<std::string_view> views(batch.begin(), batch.end());
        for (const auto& h : m.find_each(views)) {
          hits += h.size();
        }
        batch.clear();
      };
      while (std::getline(in, line)) {
        bytes += line.size() + 1;
        ++lines;
        bool korean = has_hangul(line);
        auto& batch = korean ? ko_batch : en_batch;
        batch.push_back(std::move(line));
        if (batch.size() == kBatch) {
          flush(batch, korean ? ko : en);
        }
      }
      flush(ko_batch, ko);
      flush(en_batch, en);
      best_pass = std::min(best_pass, cpu_now() - pass_start);
    }
    double match_s = cpu_now() - t2;
    double mb = static_cast<double>(bytes) / 1e6;

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("concepts=%zu\nkeys_ko=%zu\nkeys_en=%zu\n", tb.size(), ko.key_count(),
                en.key_count());
    std::printf("load_s=%.3f\nbuild_s=%.3f\nload_build_s=%.3f\n", load_s, build_s,
                load_s + build_s);
    std::printf("corpus_mb=%.1f\nlines=%zu\nhits=%zu\nmatch_s=%.3f\nmb_per_s=%.1f\n", mb, lines,
                hits, match_s, mb / match_s);
    std::printf("best_pass_s=%.3f\nbest_mb_per_s=%.1f\n", best_pass,
                mb / static_cast<double>(repeat) / best_pass);
    std::printf("max_rss_mb=%.1f\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  } catch (const Error& e) {
    std::cerr << "terms_bench: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
