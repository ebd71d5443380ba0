// Load on `termbridge serve`: N clients at once, each adding batches of new units and
// looking up, for a set time; or the same lookups in-process on the memory file (--local),
// for the ratio. See bench/serve_load.sh and docs/BENCHMARKS.md.
//
//   serve_load --url http://127.0.0.1:PORT --token TOKEN --units units.tsv --clients 8
//              --seconds 60 [--batch 20] [--lookups-only] [--run RUN]
//   serve_load --local memory.tm.sqlite --units units.tsv --clients 8 --seconds 60
//
// units.tsv: source<TAB>target per line (the queries are its sources, each with one word
// dropped, so most lookups are fuzzy). Units added are a source and target of the file with
// " [RUN-client-n]" appended: new to the memory, none twice. Prints one line of figures and
// the units it added; exits 1 when a request failed (any status but 200).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <httplib.h>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "termbridge/tm/memory.hpp"

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

namespace {

struct Pair {
  std::string source, target;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

std::string drop_a_word(const std::string& s, std::size_t n) {
  std::vector<std::size_t> spaces;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      spaces.push_back(i);
    }
  }
  if (spaces.size() < 3) {
    return s;
  }
  std::size_t k = 1 + n % (spaces.size() - 2);
  return s.substr(0, spaces[k]) + s.substr(spaces[k + 1]);
}

struct Result {
  std::vector<double> lookup_ms;
  std::uint64_t added = 0, batches = 0;
  std::map<int, std::uint64_t> failures;  // status (0: no answer) -> count
};

}  // namespace

int main(int argc, char** argv) {
  std::string url, token, local, units_path, run = "run";
  int clients = 1, seconds = 60, batch = 20;
  bool lookups_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "serve_load: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--url") {
      url = next();
    } else if (a == "--token") {
      token = next();
    } else if (a == "--local") {
      local = next();
    } else if (a == "--units") {
      units_path = next();
    } else if (a == "--clients") {
      clients = std::stoi(next());
    } else if (a == "--seconds") {
      seconds = std::stoi(next());
    } else if (a == "--batch") {
      batch = std::stoi(next());
    } else if (a == "--run") {
      run = next();
    } else if (a == "--lookups-only") {
      lookups_only = true;
    } else {
      std::cerr << "serve_load: unknown option " << a << '\n';
      return 2;
    }
  }
  if ((url.empty() == local.empty()) || units_path.empty() || clients < 1 || seconds < 1) {
    std::cerr << "usage: serve_load (--url URL --token T | --local MEMORY) --units FILE "
                 "--clients N --seconds S [--batch N] [--lookups-only] [--run RUN]\n";
    return 2;
  }
  std::vector<Pair> pairs;
  {
    std::ifstream in(units_path);
    std::string line;
    while (std::getline(in, line)) {
      auto tab = line.find('\t');
      if (tab != std::string::npos && tab > 0 && tab + 1 < line.size()) {
        pairs.push_back({line.substr(0, tab), line.substr(tab + 1)});
      }
    }
  }
  if (pairs.empty()) {
    std::cerr << "serve_load: no source<TAB>target lines in " << units_path << '\n';
    return 2;
  }
  std::string host;
  int port = 0;
  if (!url.empty()) {
    auto colon = url.rfind(':');
    host = url.substr(7, colon - 7);
    port = std::stoi(url.substr(colon + 1));
  }

  std::vector<Result> results(static_cast<std::size_t>(clients));
  auto deadline = Clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Result& r = results[static_cast<std::size_t>(c)];
      std::unique_ptr<httplib::Client> http;
      std::unique_ptr<termbridge::tm::TranslationMemory> memory;
      if (local.empty()) {
        http = std::make_unique<httplib::Client>(host, port);
        http->set_bearer_token_auth(token);
        http->set_keep_alive(true);
        http->set_tcp_nodelay(true);
        http->set_read_timeout(std::chrono::seconds(30));
      } else {
        memory = std::make_unique<termbridge::tm::TranslationMemory>(
            local, termbridge::tm::OpenOptions{.create = false, .read_only = true});
      }
      std::size_t n = static_cast<std::size_t>(c) * 7919;
      std::uint64_t seq = 0;
      while (Clock::now() < deadline) {
        // One batch of new units, then five lookups.
        if (http && !lookups_only) {
          json units = json::array();
          for (int k = 0; k < batch; ++k, ++seq) {
            const Pair& p = pairs[(n + seq) % pairs.size()];
            std::string tag =
                " [" + run + "-" + std::to_string(c) + "-" + std::to_string(seq) + "]";
            units.push_back({{"source", p.source + tag}, {"target", p.target + tag}});
          }
          json body = {{"src_lang", "en"}, {"tgt_lang", "ko"}, {"units", units}};
          auto res = http->Post("/v1/tm/units", body.dump(), "application/json");
          if (!res || res->status != 200) {
            ++r.failures[res ? res->status : 0];
          } else {
            auto j = json::parse(res->body);
            r.added += j["added"].get<std::uint64_t>();
            ++r.batches;
            if (j["added"].get<int>() != batch) {
              ++r.failures[-1];  // a unit of the batch was taken for a duplicate
            }
          }
        }
        for (int q = 0; q < 5 && Clock::now() < deadline; ++q, ++n) {
          std::string query = drop_a_word(pairs[n % pairs.size()].source, n);
          auto t0 = Clock::now();
          if (http) {
            json body = {{"query", query}, {"src_lang", "en"}, {"tgt_lang", "ko"}};
            auto res = http->Post("/v1/tm/lookup", body.dump(), "application/json");
            if (!res || res->status != 200) {
              ++r.failures[res ? res->status : 0];
              continue;
            }
          } else {
            termbridge::tm::LookupOptions o;
            o.src_lang = termbridge::LangTag::parse("en");
            o.tgt_lang = termbridge::LangTag::parse("ko");
            (void)memory->lookup(query, o);
          }
          r.lookup_ms.push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  Result all;
  for (auto& r : results) {
    all.lookup_ms.insert(all.lookup_ms.end(), r.lookup_ms.begin(), r.lookup_ms.end());
    all.added += r.added;
    all.batches += r.batches;
    for (auto [status, count] : r.failures) {
      all.failures[status] += count;
    }
  }
  std::uint64_t lookups = all.lookup_ms.size();
  double p50 = percentile(all.lookup_ms, 0.50);
  double p95 = percentile(all.lookup_ms, 0.95);
  std::uint64_t failed = 0;
  std::string failures;
  for (auto [status, count] : all.failures) {
    failed += count;
    failures += " " + (status == -1 ? std::string("duplicate") : std::to_string(status)) + ":" +
                std::to_string(count);
  }
  std::printf(
      "%s clients=%d seconds=%d lookups=%llu lookups_per_s=%.1f p50_ms=%.2f p95_ms=%.2f "
      "batches=%llu added=%llu failures=%llu%s\n",
      local.empty() ? (lookups_only ? "server-lookups" : "server-mixed") : "local", clients,
      seconds, static_cast<unsigned long long>(lookups), static_cast<double>(lookups) / seconds,
      p50, p95, static_cast<unsigned long long>(all.batches),
      static_cast<unsigned long long>(all.added), static_cast<unsigned long long>(failed),
      failures.c_str());
  return failed == 0 ? 0 : 1;
}
