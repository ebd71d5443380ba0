// Translation-memory benchmark: import time, database size, and fuzzy lookup latency through
// the index beside a linear scan with the same scoring, on the same memory in the same run.
//
//   tm_bench --tm /tmp/tb-bench/tm/bench.tm.sqlite --units units.tmx --queries fuzzy-queries.tsv
//            [--src-lang en --tgt-lang ko] [--linear N] [--keep]
//
// units: a TMX file (read as `termbridge tm import` reads it, the time included), or
// source<TAB>target per line. fuzzy-queries.tsv: id<TAB>pair<TAB>edit<TAB>query
// (from make_bench_corpus.py). Without --keep an existing memory file is replaced; with it
// the import is skipped when the memory exists.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/io/tmx.hpp"
#include "termbridge/tm/memory.hpp"

namespace tbtm = termbridge::tm;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU seconds (user + system) used by this process so far: on a shared machine the wall
// time says more about the neighbours than about the program.
double cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) {
      return out;
    }
    start = tab + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string tm_path, units_path, queries_path, src = "en", tgt = "ko";
  std::size_t linear = SIZE_MAX;
  std::size_t candidates = 200;
  bool keep = false;
  std::string same_as;  // another memory of the same units: top-1 agreement with it
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "tm_bench: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--tm") {
      tm_path = next();
    } else if (a == "--units") {
      units_path = next();
    } else if (a == "--queries") {
      queries_path = next();
    } else if (a == "--src-lang") {
      src = next();
    } else if (a == "--tgt-lang") {
      tgt = next();
    } else if (a == "--linear") {
      linear = std::stoul(next());
    } else if (a == "--candidates") {
      candidates = std::stoul(next());
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--same-as") {
      same_as = next();
    } else {
      std::cerr << "usage: tm_bench --tm FILE|URI --units TSV --queries TSV [--src-lang L] "
                   "[--tgt-lang L] [--linear N] [--candidates N] [--keep] [--same-as TM]\n"
                   "A postgresql:// URI must name an empty database or schema, or one "
                   "imported before (with --keep)\n";
      return 2;
    }
  }
  if (tm_path.empty() || queries_path.empty()) {
    std::cerr << "tm_bench: --tm and --queries are required\n";
    return 2;
  }
  try {
    const bool database = tbtm::is_database_uri(tm_path);
    bool fresh = database ? !keep : !keep || !std::filesystem::exists(tm_path);
    if (fresh && !database) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(tm_path + suffix);
      }
    }
    tbtm::TranslationMemory memory(tm_path);
    if (fresh) {
      std::ifstream in(units_path);
      if (!in) {
        std::cerr << "tm_bench: cannot open '" << units_path << "'\n";
        return 2;
      }
      tbtm::ImportOptions opt;
      opt.src_lang = termbridge::LangTag::parse(src);
      opt.tgt_lang = termbridge::LangTag::parse(tgt);
      opt.document = "bench";
      std::string line;
      auto t0 = Clock::now();
      double cpu0 = cpu_s();
      std::unique_ptr<termbridge::io::TmxReader> tmx;
      if (units_path.size() > 4 && units_path.substr(units_path.size() - 4) == ".tmx") {
        termbridge::io::TmxReadOptions ro;
        ro.keep_inline_codes = false;
        tmx = std::make_unique<termbridge::io::TmxReader>(in, units_path, ro);
      }
      auto result = memory.import_units(
          [&](tbtm::TranslationUnit& u) {
            if (tmx) {
              return tmx->next(u);
            }
            while (std::getline(in, line)) {
              auto tab = line.find('\t');
              if (tab == std::string::npos) {
                continue;
              }
              u.variants.push_back({opt.src_lang, {line.substr(0, tab), {}}, {}, {}, {}});
              u.variants.push_back({opt.tgt_lang, {line.substr(tab + 1), {}}, {}, {}, {}});
              return true;
            }
            return false;
          },
          opt);
      double import_ms = ms_since(t0);
      std::printf("import_units: %llu (duplicates %llu, skipped %llu)\n",
                  static_cast<unsigned long long>(result.added),
                  static_cast<unsigned long long>(result.duplicates),
                  static_cast<unsigned long long>(result.skipped));
      std::printf("import_s: %.1f wall, %.1f cpu\n", import_ms / 1000.0, cpu_s() - cpu0);
    }
    auto stats = memory.stats();
    std::printf("units: %llu\nindex_tokens: %llu\n", static_cast<unsigned long long>(stats.units),
                static_cast<unsigned long long>(stats.index_tokens));
    if (database) {
      std::printf("db_bytes: %llu (tables and indexes)\n",
                  static_cast<unsigned long long>(stats.file_bytes));
    } else {
      std::uintmax_t size = std::filesystem::file_size(tm_path);
      std::error_code ec;
      auto wal = std::filesystem::file_size(tm_path + "-wal", ec);
      std::printf("db_bytes: %ju (wal %ju)\n", size, ec ? std::uintmax_t{0} : wal);
    }
    std::optional<tbtm::TranslationMemory> other;
    if (!same_as.empty()) {
      other.emplace(same_as, tbtm::OpenOptions{.create = false, .read_only = true});
    }

    std::ifstream qin(queries_path);
    std::vector<std::string> queries;
    std::string line;
    while (std::getline(qin, line)) {
      auto f = split_tabs(line);
      if (f.size() >= 4) {
        queries.push_back(f[3]);
      }
    }
    tbtm::LookupOptions lo;
    lo.src_lang = termbridge::LangTag::parse(src);
    lo.tgt_lang = termbridge::LangTag::parse(tgt);
    lo.max_results = 5;
    lo.threshold = 70;
    lo.candidates = candidates;
    lo.with_diff = true;
    std::vector<double> index_ms, index_cpu_ms, linear_ms;
    std::size_t found = 0, compared = 0, with_match = 0, same_unit = 0;
    std::size_t other_compared = 0, other_same = 0;
    for (std::size_t i = 0; i < queries.size(); ++i) {
      auto t0 = Clock::now();
      double c0 = thread_cpu_ms();
      auto m = memory.lookup(queries[i], lo);
      index_ms.push_back(ms_since(t0));
      index_cpu_ms.push_back(thread_cpu_ms() - c0);
      with_match += m.empty() ? 0U : 1U;
      if (other) {
        // The same top match: score and texts (ids may differ between memories).
        auto o = other->lookup(queries[i], lo);
        if (!o.empty() || !m.empty()) {
          ++other_compared;
          if (!o.empty() && !m.empty() && o[0].score == m[0].score && o[0].source == m[0].source &&
              o[0].target == m[0].target) {
            ++other_same;
          }
        }
      }
      if (i < linear) {
        t0 = Clock::now();
        auto l = memory.lookup_linear(queries[i], lo);
        linear_ms.push_back(ms_since(t0));
        if (!l.empty()) {
          ++compared;
          // The index finds the best match when its best scores as high as the scan's.
          if (!m.empty() && m[0].score >= l[0].score - 1e-9) {
            ++found;
          }
          if (!m.empty() && m[0].id == l[0].id) {
            ++same_unit;
          }
        }
      }
    }
    std::printf("queries: %zu (with a match >= 70%%: %zu)\n", queries.size(), with_match);
    std::printf("index_lookup_ms: median %.2f p95 %.2f max %.2f\n", percentile(index_ms, 0.5),
                percentile(index_ms, 0.95), percentile(index_ms, 1.0));
    std::printf("index_lookup_cpu_ms: median %.2f p95 %.2f\n", percentile(index_cpu_ms, 0.5),
                percentile(index_cpu_ms, 0.95));
    if (other) {
      std::printf("top1_same_as_other: %zu/%zu\n", other_same, other_compared);
    }
    if (!linear_ms.empty()) {
      std::printf("linear_lookup_ms: median %.1f p95 %.1f (%zu queries)\n",
                  percentile(linear_ms, 0.5), percentile(linear_ms, 0.95), linear_ms.size());
      std::printf(
          "index_finds_linear_best: %zu/%zu (%.1f%%; same unit %zu)\n", found, compared,
          compared == 0 ? 0.0 : 100.0 * static_cast<double>(found) / static_cast<double>(compared),
          same_unit);
    }
  } catch (const termbridge::Error& e) {
    std::cerr << "tm_bench: error: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
