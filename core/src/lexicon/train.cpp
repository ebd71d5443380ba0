// IBM Model 1 with fast_align's diagonal prior, trained in both directions at once: one pass
// over the units per iteration looks up each (source word, target word) cell once and
// updates the forward and the backward counts from it.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "termbridge/glossary/termbase.hpp"
#include "termbridge/lexicon/lexicon.hpp"

namespace termbridge::lexicon {

namespace {

constexpr std::uint32_t kNull = 0;  // word id 0 of each side: the empty word

class Vocabulary {
 public:
  Vocabulary() : words_{""} {}
  std::uint32_t id(const std::string& w) {
    auto [it, fresh] = ids_.try_emplace(w, static_cast<std::uint32_t>(words_.size()));
    if (fresh) {
      words_.push_back(w);
    }
    return it->second;
  }
  const std::string& word(std::uint32_t id) const { return words_[id]; }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, std::uint32_t> ids_;
};

// Open addressing from (source id << 32 | target id) to a dense cell number; the cells'
// parameters live in flat arrays indexed by that number.
class CellTable {
 public:
  std::uint32_t insert(std::uint64_t key) {
    if ((count_ + 1) * 2 > slots_.size()) {
      grow();
    }
    std::size_t i = slot(key);
    if (slots_[i].cell == kEmpty) {
      slots_[i] = {key, static_cast<std::uint32_t>(count_++)};
      keys_.push_back(key);
    }
    return slots_[i].cell;
  }
  std::uint32_t at(std::uint64_t key) const { return slots_[slot(key)].cell; }
  std::size_t size() const { return count_; }
  std::uint64_t key(std::uint32_t cell) const { return keys_[cell]; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t cell = kEmpty;
  };
  std::size_t slot(std::uint64_t key) const {
    std::uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(h >> 20) & mask;
    while (slots_[i].cell != kEmpty && slots_[i].key != key) {
      i = (i + 1) & mask;
    }
    return i;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    for (const Slot& s : old) {
      if (s.cell != kEmpty) {
        slots_[slot(s.key)] = s;
      }
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> keys_;
  std::size_t count_ = 0;
};

struct Corpus {
  std::vector<std::uint32_t> src, tgt;            // word ids, all units one after another
  std::vector<std::size_t> src_at{0}, tgt_at{0};  // unit u: src[src_at[u] .. src_at[u + 1])
  std::size_t size() const { return src_at.size() - 1; }
  void add(const std::vector<std::string>& s, const std::vector<std::string>& t, Vocabulary& vs,
           Vocabulary& vt) {
    for (const auto& w : s) {
      src.push_back(vs.id(w));
    }
    for (const auto& w : t) {
      tgt.push_back(vt.id(w));
    }
    src_at.push_back(src.size());
    tgt_at.push_back(tgt.size());
  }
};

std::uint64_t key_of(std::uint32_t s, std::uint32_t t) {
  return static_cast<std::uint64_t>(s) << 32 | t;
}

bool usable(const glossary::Term& t) {
  return !t.text.empty() && t.status != glossary::TermStatus::deprecated &&
         t.status != glossary::TermStatus::forbidden;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

}  // namespace

namespace {

Lexicon train_corpus(Corpus& corpus, Vocabulary& vs, Vocabulary& vt, const LangTag& src,
                     const LangTag& tgt, const TrainOptions& options);

}  // namespace

Lexicon train(std::span<const UnitPair> pairs, LangTag src, LangTag tgt,
              const TrainOptions& options) {
  Vocabulary vs, vt;
  Corpus corpus;
  for (const UnitPair& p : pairs) {
    auto s = words(p.source, src);
    auto t = words(p.target, tgt);
    if (!s.empty() && !t.empty()) {
      corpus.add(s, t, vs, vt);
    }
  }
  return train_corpus(corpus, vs, vt, src, tgt, options);
}

Lexicon train(std::span<const WordUnit> units, LangTag src, LangTag tgt,
              const TrainOptions& options) {
  Vocabulary vs, vt;
  Corpus corpus;
  for (const WordUnit& u : units) {
    if (!u.source.empty() && !u.target.empty()) {
      corpus.add(u.source, u.target, vs, vt);
    }
  }
  return train_corpus(corpus, vs, vt, src, tgt, options);
}

namespace {

Lexicon train_corpus(Corpus& corpus, Vocabulary& vs, Vocabulary& vt, const LangTag& src,
                     const LangTag& tgt, const TrainOptions& options) {
  // Term pairs, as words and as phrases.
  std::set<std::pair<std::string, std::string>> term_pairs;
  if (options.terms != nullptr) {
    for (const auto& c : options.terms->concepts()) {
      for (const glossary::Term* a : c.terms_in(src)) {
        if (!usable(*a)) {
          continue;
        }
        auto s = words(a->text, src);
        for (const glossary::Term* b : c.terms_in(tgt)) {
          auto t = usable(*b) ? words(b->text, tgt) : std::vector<std::string>{};
          if (!s.empty() && !t.empty() && term_pairs.emplace(joined(s), joined(t)).second) {
            corpus.add(s, t, vs, vt);
          }
        }
      }
    }
  }

  // The cells every unit touches, NULL included on both sides, looked up once: unit u's
  // (n + 1) x (m + 1) cells are at cells[cell_at[u] ..], row i = source word i (0 = NULL).
  // Iterations then read flat arrays only.
  CellTable table;
  std::vector<std::uint32_t> cells;
  std::vector<std::size_t> cell_at(corpus.size() + 1, 0);
  for (std::size_t u = 0; u < corpus.size(); ++u) {
    cells.push_back(0);  // (NULL, NULL): never read
    for (std::size_t j = corpus.tgt_at[u]; j < corpus.tgt_at[u + 1]; ++j) {
      cells.push_back(table.insert(key_of(kNull, corpus.tgt[j])));
    }
    for (std::size_t i = corpus.src_at[u]; i < corpus.src_at[u + 1]; ++i) {
      cells.push_back(table.insert(key_of(corpus.src[i], kNull)));
      for (std::size_t j = corpus.tgt_at[u]; j < corpus.tgt_at[u + 1]; ++j) {
        cells.push_back(table.insert(key_of(corpus.src[i], corpus.tgt[j])));
      }
    }
    cell_at[u + 1] = cells.size();
  }
  // Uniform start: every cell the same, so the first E-step follows the prior alone.
  std::vector<float> tf(table.size(), 1.0f), tb(table.size(), 1.0f);
  std::vector<double> cf(table.size()), cb(table.size());
  std::vector<double> total_s(vs.size()), total_t(vt.size());
  const double p0 = std::clamp(options.null_probability, 1e-6, 1.0 - 1e-6);
  const double lambda = options.diagonal_prior ? options.diagonal_tension : 0.0;

  std::vector<double> prior, post;
  const int iterations = std::max(1, options.iterations);
  for (int it = 0; it < iterations; ++it) {
    std::fill(cf.begin(), cf.end(), 0.0);
    std::fill(cb.begin(), cb.end(), 0.0);
    for (std::size_t u = 0; u < corpus.size(); ++u) {
      const std::size_t n = corpus.src_at[u + 1] - corpus.src_at[u];
      const std::size_t m = corpus.tgt_at[u + 1] - corpus.tgt_at[u];
      const std::size_t w = m + 1;
      const std::uint32_t* unit_cells = cells.data() + cell_at[u];
      prior.resize((n + 1) * w);
      for (std::size_t i = 1; i <= n; ++i) {
        double x = (static_cast<double>(i) - 0.5) / static_cast<double>(n);
        for (std::size_t j = 1; j <= m; ++j) {
          double d = x - (static_cast<double>(j) - 0.5) / static_cast<double>(m);
          prior[i * w + j] = lambda > 0 ? std::exp(-lambda * std::abs(d)) : 1.0;
        }
      }
      // Forward, p(t | s): each target word comes from one source word or from NULL.
      post.resize(n + 1);
      for (std::size_t j = 1; j <= m; ++j) {
        double z = 0;
        for (std::size_t i = 1; i <= n; ++i) {
          z += prior[i * w + j];
        }
        double sum = post[0] = p0 * tf[unit_cells[j]];
        for (std::size_t i = 1; i <= n; ++i) {
          post[i] = (1 - p0) * prior[i * w + j] / z * tf[unit_cells[i * w + j]];
          sum += post[i];
        }
        if (sum <= 0) {
          continue;
        }
        cf[unit_cells[j]] += post[0] / sum;
        for (std::size_t i = 1; i <= n; ++i) {
          cf[unit_cells[i * w + j]] += post[i] / sum;
        }
      }
      // Backward, p(s | t): each source word comes from one target word or from NULL.
      post.resize(m + 1);
      for (std::size_t i = 1; i <= n; ++i) {
        double z = 0;
        for (std::size_t j = 1; j <= m; ++j) {
          z += prior[i * w + j];
        }
        double sum = post[0] = p0 * tb[unit_cells[i * w]];
        for (std::size_t j = 1; j <= m; ++j) {
          post[j] = (1 - p0) * prior[i * w + j] / z * tb[unit_cells[i * w + j]];
          sum += post[j];
        }
        if (sum <= 0) {
          continue;
        }
        cb[unit_cells[i * w]] += post[0] / sum;
        for (std::size_t j = 1; j <= m; ++j) {
          cb[unit_cells[i * w + j]] += post[j] / sum;
        }
      }
    }
    // M-step: normalise the counts per conditioning word.
    std::fill(total_s.begin(), total_s.end(), 0.0);
    std::fill(total_t.begin(), total_t.end(), 0.0);
    for (std::uint32_t c = 0; c < table.size(); ++c) {
      std::uint64_t k = table.key(c);
      total_s[k >> 32] += cf[c];
      total_t[k & 0xFFFFFFFFU] += cb[c];
    }
    for (std::uint32_t c = 0; c < table.size(); ++c) {
      std::uint64_t k = table.key(c);
      double a = total_s[k >> 32], b = total_t[k & 0xFFFFFFFFU];
      tf[c] = a > 0 ? static_cast<float>(cf[c] / a) : 0.0f;
      tb[c] = b > 0 ? static_cast<float>(cb[c] / b) : 0.0f;
    }
    if (options.progress) {
      options.progress(it + 1, iterations);
    }
  }

  Lexicon lex(src, tgt);
  const auto floor = static_cast<float>(options.min_probability);
  for (std::uint32_t c = 0; c < table.size(); ++c) {
    std::uint64_t k = table.key(c);
    auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k & 0xFFFFFFFFU);
    if (a != kNull && b != kNull && (tf[c] >= floor || tb[c] >= floor)) {
      lex.set(vs.word(a), vt.word(b), tf[c], tb[c]);
    }
  }
  // Term pairs are fixed: a source term's translations share its probability evenly.
  std::map<std::string, int> of_src, of_tgt;
  for (const auto& [a, b] : term_pairs) {
    ++of_src[a];
    ++of_tgt[b];
  }
  for (const auto& [a, b] : term_pairs) {
    lex.set(a, b, 1.0 / of_src[a], 1.0 / of_tgt[b], true);
  }
  return lex;
}

}  // namespace

}  // namespace termbridge::lexicon
