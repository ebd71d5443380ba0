// Which Korean tokenization makes the better match percentage? Real Korean news sentences
// get realistic revisions (a particle changed, an eojeol replaced, deleted or moved); each
// revision is looked up among all sentences with each tokenization, measuring how often the
// sentence it came from ranks first, how often it reaches the 70% threshold, and how many
// unrelated sentences also reach it (noise a translator must wade through).
//
//   tm_tokens_bench ../shared/data/corpus/korean-english-park.dev.ko [--queries 300] [--edits 1]
//
// With --edits K each query gets K revisions (the per-kind means then name the last one).

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "termbridge/tm/fuzzy.hpp"

namespace tbtm = termbridge::tm;

namespace {

std::vector<std::string> eojeols(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    out.push_back(w);
  }
  return out;
}

std::string join(const std::vector<std::string>& w) {
  std::string out;
  for (const auto& x : w) {
    out += (out.empty() ? "" : " ") + x;
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& e) {
  return s.size() > e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tm_tokens_bench KOREAN_SENTENCES [--queries N]\n";
    return 2;
  }
  std::size_t n_queries = 300;
  int edits = 1;
  for (int a = 2; a + 1 < argc; a += 2) {
    if (std::string(argv[a]) == "--queries") {
      n_queries = std::stoul(argv[a + 1]);
    } else if (std::string(argv[a]) == "--edits") {
      edits = std::stoi(argv[a + 1]);
    }
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> sentences;
  for (std::string line; std::getline(in, line);) {
    if (eojeols(line).size() >= 5) {
      sentences.push_back(line);
    }
  }
  if (sentences.empty()) {
    std::cerr << "tm_tokens_bench: no sentences in " << argv[1] << '\n';
    return 2;
  }
  // Particle swaps that change meaning (not the 은/는-style sound variants).
  const std::vector<std::pair<std::string, std::string>> swaps = {
      {"은", "이"}, {"는", "가"},     {"을", "에"},   {"를", "로"}, {"에서", "에"},
      {"의", "와"}, {"으로", "에서"}, {"에", "에서"}, {"도", "는"}, {"가", "는"}};
  std::mt19937 rng(20251212);
  struct Query {
    std::size_t origin;
    std::string text;
    const char* kind;
  };
  std::vector<Query> queries;
  while (queries.size() < n_queries) {
    std::size_t i = rng() % sentences.size();
    auto w = eojeols(sentences[i]);
    const char* name = "";
    bool ok = true;
    for (int round = 0; round < edits && ok; ++round) {
      int kind = static_cast<int>(rng() % 4);
      if (kind == 0) {
        // Change one particle (if the sentence has one we know).
        bool done = false;
        for (std::size_t tries = 0; tries < 20 && !done; ++tries) {
          auto& e = w[rng() % w.size()];
          for (const auto& [from, to] : swaps) {
            if (ends_with(e, from)) {
              e = e.substr(0, e.size() - from.size()) + to;
              done = true;
              break;
            }
          }
        }
        if (!done) {
          ok = false;
          break;
        }
        name = "particle";
      } else if (kind == 1) {
        auto other = eojeols(sentences[rng() % sentences.size()]);
        w[rng() % w.size()] = other[rng() % other.size()];
        name = "replace";
      } else if (kind == 2) {
        w.erase(w.begin() + static_cast<long>(rng() % w.size()));
        name = "delete";
      } else {
        std::size_t j = rng() % (w.size() - 1);
        std::swap(w[j], w[j + 1]);
        name = "move";
      }
    }
    if (!ok) {
      continue;
    }
    queries.push_back({i, join(w), name});
  }

  std::printf("%zu sentences, %zu revised queries\n", sentences.size(), queries.size());
  std::printf("%-10s %8s %10s %12s %30s\n", "tokens", "top-1", "orig>=70", "others>=70",
              "mean score: particle/replace/delete/move");
  for (auto mode :
       {tbtm::KoreanTokens::syllables, tbtm::KoreanTokens::eojeol, tbtm::KoreanTokens::particles}) {
    std::vector<std::vector<std::uint32_t>> toks;
    for (const auto& s : sentences) {
      toks.push_back(tbtm::token_hashes(s, mode));
    }
    std::size_t top1 = 0, reach = 0, noise = 0;
    double sum[4] = {0, 0, 0, 0};
    std::size_t cnt[4] = {0, 0, 0, 0};
    const char* kinds[4] = {"particle", "replace", "delete", "move"};
    for (const auto& q : queries) {
      auto qt = tbtm::token_hashes(q.text, mode);
      double best_other = -1, orig = 0;
      for (std::size_t j = 0; j < sentences.size(); ++j) {
        double s =
            tbtm::score_from_distance(tbtm::token_distance(qt, toks[j]), qt.size(), toks[j].size());
        if (j == q.origin) {
          orig = s;
        } else {
          best_other = std::max(best_other, s);
          noise += s >= 70 ? 1 : 0;
        }
      }
      top1 += orig > best_other ? 1 : 0;
      reach += orig >= 70 ? 1 : 0;
      for (int k = 0; k < 4; ++k) {
        if (std::string(q.kind) == kinds[k]) {
          sum[k] += orig;
          ++cnt[k];
        }
      }
    }
    auto pct = [&](std::size_t x) {
      return 100.0 * static_cast<double>(x) / static_cast<double>(queries.size());
    };
    std::printf("%-10s %7.1f%% %9.1f%% %12zu %10.1f/%.1f/%.1f/%.1f\n",
                std::string(tbtm::to_string(mode)).c_str(), pct(top1), pct(reach), noise,
                sum[0] / static_cast<double>(std::max<std::size_t>(cnt[0], 1)),
                sum[1] / static_cast<double>(std::max<std::size_t>(cnt[1], 1)),
                sum[2] / static_cast<double>(std::max<std::size_t>(cnt[2], 1)),
                sum[3] / static_cast<double>(std::max<std::size_t>(cnt[3], 1)));
  }
  return 0;
}
