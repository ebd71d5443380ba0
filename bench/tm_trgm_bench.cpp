// pg_trgm beside termbridge's own token index, on one PostgreSQL memory: the candidates of a
// fuzzy lookup found by a trigram GIN index over the source texts (`src_text % query`, best
// trigram similarity first), scored with termbridge's own fuzzy score, against the memory's
// lookup (its token lists and postings). Same queries, same scoring, same server: what differs
// is only how the candidates are found.
//
//   tm_trgm_bench --tm postgresql://... --queries fuzzy-queries.tsv [--src-lang en --tgt-lang ko]
//                 [--candidates 200] [--similarity 0.3]
//
// The memory must hold the units already (tm_bench --tm URI --units ... made it). The trigram
// index is created when missing (CREATE EXTENSION pg_trgm needs the right to create it) and
// left in place; its build time and size are printed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <libpq-fe.h>
#include <memory>
#include <string>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/tm/fuzzy.hpp"
#include "termbridge/tm/memory.hpp"

namespace tbtm = termbridge::tm;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

struct Result {
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

// Runs `sql` with text parameters; exits with the server's message on failure.
std::unique_ptr<Result> run(PGconn* c, const std::string& sql,
                            const std::vector<std::string>& params = {}) {
  std::vector<const char*> values;
  for (const auto& p : params) {
    values.push_back(p.c_str());
  }
  auto r = std::make_unique<Result>(PQexecParams(c, sql.c_str(), static_cast<int>(values.size()),
                                                 nullptr, values.data(), nullptr, nullptr, 0));
  auto status = PQresultStatus(r->get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::cerr << "tm_trgm_bench: " << sql.substr(0, 60) << ": " << PQerrorMessage(c);
    std::exit(1);
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string uri, queries_path, src = "en", tgt = "ko";
  std::size_t candidates = 200;
  std::string similarity = "0.3";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "tm_trgm_bench: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--tm") {
      uri = next();
    } else if (a == "--queries") {
      queries_path = next();
    } else if (a == "--src-lang") {
      src = next();
    } else if (a == "--tgt-lang") {
      tgt = next();
    } else if (a == "--candidates") {
      candidates = std::stoul(next());
    } else if (a == "--similarity") {
      similarity = next();
    } else {
      std::cerr << "usage: tm_trgm_bench --tm URI --queries TSV [--src-lang L] [--tgt-lang L] "
                   "[--candidates N] [--similarity S]\n";
      return 2;
    }
  }
  if (uri.empty() || queries_path.empty()) {
    std::cerr << "tm_trgm_bench: --tm and --queries are required\n";
    return 2;
  }
  std::ifstream qin(queries_path);
  if (!qin) {
    std::cerr << "tm_trgm_bench: cannot open '" << queries_path << "'\n";
    return 2;
  }
  std::vector<std::string> queries;
  std::string line;
  while (std::getline(qin, line)) {
    // id<TAB>pair<TAB>edit<TAB>query
    std::size_t at = 0;
    for (int f = 0; f < 3 && at != std::string::npos; ++f) {
      at = line.find('\t', at);
      at = at == std::string::npos ? at : at + 1;
    }
    if (at != std::string::npos) {
      queries.push_back(line.substr(at));
    }
  }

  try {
    tbtm::TranslationMemory memory(uri, tbtm::OpenOptions{.create = false, .read_only = true});
    const tbtm::KoreanTokens mode = memory.korean_tokens();
    PGconn* c = PQconnectdb(uri.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::cerr << "tm_trgm_bench: " << PQerrorMessage(c);
      return 1;
    }
    run(c, "SET client_min_messages = warning");
    run(c, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
    auto t0 = Clock::now();
    run(c,
        "CREATE INDEX IF NOT EXISTS tm_units_src_trgm ON tm_units USING gin (src_text "
        "gin_trgm_ops)");
    std::printf("trgm_index_build_s: %.1f (0 when it was there)\n", ms_since(t0) / 1000.0);
    auto size = run(c, "SELECT pg_relation_size('tm_units_src_trgm')");
    std::printf("trgm_index_bytes: %s\n", PQgetvalue(size->get(), 0, 0));
    run(c, "SET pg_trgm.similarity_threshold = " + std::to_string(std::stod(similarity)));
    const std::string sql =
        "SELECT src_text, tgt_text FROM tm_units WHERE src_text % $1 AND src_lang = $2 AND "
        "tgt_lang = $3 ORDER BY similarity(src_text, $1) DESC LIMIT " +
        std::to_string(candidates);

    tbtm::LookupOptions lo;
    lo.src_lang = termbridge::LangTag::parse(src);
    lo.tgt_lang = termbridge::LangTag::parse(tgt);
    lo.max_results = 5;
    lo.threshold = 70;
    lo.candidates = candidates;
    lo.with_diff = false;
    std::vector<double> trgm_ms, index_ms;
    std::size_t with_match = 0, trgm_as_good = 0, trgm_better = 0, trgm_found = 0;
    for (const auto& q : queries) {
      auto t1 = Clock::now();
      auto r = run(c, sql, {q, src, tgt});
      double best = -1;
      for (int row = 0; row < PQntuples(r->get()); ++row) {
        best = std::max(best, tbtm::fuzzy_score(q, PQgetvalue(r->get(), row, 0), mode));
      }
      trgm_ms.push_back(ms_since(t1));
      auto t2 = Clock::now();
      auto m = memory.lookup(q, lo);
      index_ms.push_back(ms_since(t2));
      if (best >= 70) {
        ++trgm_found;
      }
      if (m.empty()) {
        trgm_better += best >= 70 ? 1U : 0U;
        continue;
      }
      ++with_match;
      if (best >= m[0].score - 1e-9) {
        ++trgm_as_good;
      }
      if (best > m[0].score + 1e-9) {
        ++trgm_better;
      }
    }
    PQfinish(c);
    std::printf("queries: %zu (the index finds a match >= 70%%: %zu; trigrams: %zu)\n",
                queries.size(), with_match, trgm_found);
    std::printf("trgm_lookup_ms (query + scoring): median %.2f p95 %.2f max %.2f\n",
                percentile(trgm_ms, 0.5), percentile(trgm_ms, 0.95), percentile(trgm_ms, 1.0));
    std::printf("index_lookup_ms: median %.2f p95 %.2f max %.2f\n", percentile(index_ms, 0.5),
                percentile(index_ms, 0.95), percentile(index_ms, 1.0));
    std::printf("trgm_best_as_good_as_index: %zu/%zu; better: %zu\n", trgm_as_good, with_match,
                trgm_better);
  } catch (const termbridge::Error& e) {
    std::cerr << "tm_trgm_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
