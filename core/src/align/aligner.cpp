#include "termbridge/align/aligner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <limits>
#include <span>
#include <thread>
#include <unordered_map>

#include "align/features.hpp"
#include "align/lexical.hpp"
#include "termbridge/lexicon/dictionary.hpp"
#include "termbridge/lexicon/lexicon.hpp"

namespace termbridge::align {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Sentences of both sides from which the two sides are prepared on two threads.
constexpr std::size_t kParallelSentences = 2000;

struct BeadType {
  int di, dj;
};
// Index order matters only for back pointers; 1-0 and 0-1 are 3 and 4.
constexpr BeadType kTypes[8] = {{1, 1}, {1, 2}, {2, 1}, {1, 0}, {0, 1}, {2, 2}, {1, 3}, {3, 1}};
constexpr std::uint8_t kDel = 3, kIns = 4, kNone = 255;

// One side of the pair, flattened for the search: everything the dynamic programme reads per
// cell is an array lookup.
struct Side {
  std::vector<std::uint64_t> len;     // prefix sums of lengths, size n + 1
  std::vector<std::uint32_t> abegin;  // anchors of sentence i: aid[abegin[i] .. abegin[i + 1])
  std::vector<std::uint32_t> aid;     // dense anchor ids, sorted per sentence, repeats kept
  std::vector<std::uint16_t> quotes;  // per sentence
  std::vector<std::uint16_t> asks;    // '?' and '!' per sentence
  std::vector<std::uint8_t> start;    // start[i]: a paragraph starts at sentence i (0 < i < n)
  std::vector<std::uint32_t> joined;  // prefix counts of Sentence::continues, size n + 1
  std::size_t paragraphs = 0;
  std::size_t size() const { return len.size() - 1; }
};

// The sentences' features: lengths and flags straight into the side, anchors as hashes still.
using AnchorLists = std::vector<std::vector<std::uint64_t>>;

// Each sentence's features, its glossary concepts among the anchors.
std::vector<Features> featurize(const std::vector<Sentence>& sentences) {
  std::vector<Features> out(sentences.size());
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    Features& f = out[i];
    f = extract_features(sentences[i].text);
    for (const auto& c : sentences[i].concepts) {
      f.anchors.push_back(make_anchor(AnchorKind::concept_id, c));
    }
    std::sort(f.anchors.begin(), f.anchors.end());
  }
  return out;
}

std::vector<std::vector<std::uint64_t>> prepare(const std::vector<Sentence>& sentences,
                                                const std::vector<Features>& features, Side& s,
                                                const AnchorLists* extra) {
  std::vector<std::vector<std::uint64_t>> anchors(sentences.size());
  s.len.assign(sentences.size() + 1, 0);
  s.start.assign(sentences.size() + 1, 0);
  s.joined.assign(sentences.size() + 1, 0);
  s.quotes.assign(sentences.size(), 0);
  s.asks.assign(sentences.size(), 0);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const Features& f = features[i];
    anchors[i] = f.anchors;
    if (extra != nullptr && !(*extra)[i].empty()) {
      anchors[i].insert(anchors[i].end(), (*extra)[i].begin(), (*extra)[i].end());
      std::sort(anchors[i].begin(), anchors[i].end());
    }
    s.len[i + 1] = s.len[i] + f.length;
    s.quotes[i] = f.quotes;
    s.asks[i] = f.questions;
    s.joined[i + 1] = s.joined[i] + (sentences[i].continues ? 1 : 0);
    if (i == 0 || sentences[i].paragraph != sentences[i - 1].paragraph) {
      ++s.paragraphs;
      s.start[i] = i > 0;
    }
  }
  return anchors;
}

using Counts = std::unordered_map<std::uint64_t, std::uint32_t>;

// In how many sentences each anchor occurs.
Counts document_frequency(const std::vector<std::vector<std::uint64_t>>& anchors) {
  Counts counts;
  for (const auto& a : anchors) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (k == 0 || a[k] != a[k - 1]) {
        ++counts[a[k]];
      }
    }
  }
  return counts;
}

// Keeps only anchors that occur on the other side too and are not too common there or here
// (a word in a tenth of all sentences says nothing about which sentence is which), and gives
// each kept anchor a small dense id, so that comparing two sentences compares integers.
void index_anchors(const std::vector<std::vector<std::uint64_t>>& a_hashes,
                   const std::vector<std::vector<std::uint64_t>>& b_hashes, Side& a, Side& b,
                   std::vector<AnchorKind>& kinds) {
  Counts dfa = document_frequency(a_hashes), dfb = document_frequency(b_hashes);
  auto limit = [](std::size_t n) { return std::max<std::size_t>(3, n / 10); };
  std::unordered_map<std::uint64_t, std::uint32_t> ids;
  for (const auto& [h, count] : dfa) {
    auto it = dfb.find(h);
    if (it == dfb.end()) {
      continue;
    }
    bool word = kind_of(h) == AnchorKind::latin || kind_of(h) == AnchorKind::learned;
    if (word && (count > limit(a_hashes.size()) || it->second > limit(b_hashes.size()))) {
      continue;
    }
    ids.emplace(h, static_cast<std::uint32_t>(ids.size()));
  }
  kinds.assign(ids.size(), AnchorKind::number);
  for (const auto& [h, id] : ids) {
    kinds[id] = kind_of(h);
  }
  auto flatten = [&ids](const std::vector<std::vector<std::uint64_t>>& hashes, Side& s) {
    s.abegin.assign(hashes.size() + 1, 0);
    s.aid.clear();
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      auto first = s.aid.size();
      for (std::uint64_t h : hashes[i]) {
        auto it = ids.find(h);
        if (it != ids.end()) {
          s.aid.push_back(it->second);
        }
      }
      std::sort(s.aid.begin() + static_cast<std::ptrdiff_t>(first), s.aid.end());
      s.abegin[i + 1] = static_cast<std::uint32_t>(s.aid.size());
    }
  };
  flatten(a_hashes, a);
  flatten(b_hashes, b);
}

class Aligner {
 public:
  Aligner(const std::vector<Sentence>& src, const std::vector<Sentence>& tgt,
          const std::vector<Features>& src_features, const std::vector<Features>& tgt_features,
          const AlignOptions& o, const AnchorLists* src_extra = nullptr,
          const AnchorLists* tgt_extra = nullptr, const LexLinks* lex = nullptr)
      : o_(o), lex_(lex), lex_floor_(o.lexicon_weight * (o.lexicon_center - 1.0)) {
    auto src_anchors = prepare(src, src_features, s_, src_extra);
    auto tgt_anchors = prepare(tgt, tgt_features, t_, tgt_extra);
    std::vector<AnchorKind> kinds;
    index_anchors(src_anchors, tgt_anchors, s_, t_, kinds);
    weight_.resize(kinds.size());
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      switch (kinds[k]) {
        case AnchorKind::number:
          weight_[k] = o.number_weight;
          break;
        case AnchorKind::small_number:
          weight_[k] = o.small_number_weight;
          break;
        case AnchorKind::latin:
          weight_[k] = o.latin_weight;
          break;
        case AnchorKind::concept_id:
          weight_[k] = o.concept_weight;
          break;
        case AnchorKind::learned:
          weight_[k] = o.learned_weight;
          break;
      }
    }
    n_ = s_.size();
    m_ = t_.size();
    use_par_ = s_.paragraphs > 1 && t_.paragraphs > 1;
    double ls = static_cast<double>(s_.len[n_]), lt = static_cast<double>(t_.len[m_]);
    ratio_ = o.length_ratio > 0 ? o.length_ratio : (ls > 0 && lt > 0 ? lt / ls : 1.0);
    inv_ratio_ = 1.0 / ratio_;
    set_variance(o.length_variance > 0 ? o.length_variance : o.initial_variance);
    type_cost_[0] = o.cost_1_1;
    type_cost_[1] = type_cost_[2] = o.cost_1_2;
    type_cost_[3] = type_cost_[4] = o.cost_deletion;
    type_cost_[5] = o.cost_2_2;
    type_cost_[6] = type_cost_[7] = o.cost_1_3;
    clauses_ = s_.joined[n_] > 0 || t_.joined[m_] > 0;
  }

  std::vector<Bead> run();
  // As run(), in a band around beads another aligner of the same texts found, instead of a
  // band that searches for the path.
  std::vector<Bead> refine(const std::vector<Bead>& beads);
  // Frees the band of the last run; the texts' features stay, for rescore().
  void release_band();
  // Sets the confidence of beads found by another aligner of the same texts from this one's
  // evidence.
  void rescore(std::vector<Bead>& beads) const;

 private:
  struct Point {
    std::size_t i, j;
    std::uint8_t type;
  };
  // The path through the grid that a list of beads takes.
  static std::vector<Point> path_of(const std::vector<Bead>& beads);

  // The summed weights of the anchors two sorted id lists share (a repeated anchor counts as
  // often as it is repeated on both sides).
  double shared_anchors(const std::uint32_t* a, const std::uint32_t* a_end, const std::uint32_t* b,
                        const std::uint32_t* b_end) const;
  double pair_bonus(std::size_t i, std::size_t j) const;
  // pair_bonus(i - 1, j - 1) from the band when cell (i, j) is in it.
  double pair_at(std::size_t i, std::size_t j) const {
    std::size_t k = cell(i, j);
    return k != SIZE_MAX ? static_cast<double>(pair_[k]) : pair_bonus(i - 1, j - 1);
  }
  // The anchors shared by the two sides of a bead, each counted once however many of the
  // bead's sentences hold it (so merging sentences earns nothing by itself).
  double bead_bonus(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const;
  double length_cost(double ls, double lt) const {
    // The difference in source characters, with a variance that grows with the bead's length.
    double x = lt * inv_ratio_ - ls;
    double l = std::max(1.0, 0.5 * (ls + lt * inv_ratio_));
    return x * x * half_inv_variance_ / l;
  }
  double length_cost(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const {
    return length_cost(static_cast<double>(s_.len[i1] - s_.len[i0]),
                       static_cast<double>(t_.len[j1] - t_.len[j0]));
  }
  // The cost of the bead from point (i0, j0) to (i1, j1) without its type cost, given the
  // type of the bead that ended at (i0, j0).
  double paragraph_cost(std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1,
                        std::uint8_t prev_type) const;
  // The sum of the pair bonuses of all sentence pairs of a bead: at least its bead_bonus.
  double pairwise_bonus(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const;
  double evidence_cost(std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1,
                       std::uint8_t prev_type) const;
  // Lexical coverage (sentence indices i, j): the weights of i's linkable words that j
  // translates and of j's that i translates, from the band when cell (i + 1, j + 1) is in it.
  void cover_at(std::size_t i, std::size_t j, float& cs, float& ct) const {
    std::size_t k = cell(i + 1, j + 1);
    if (k != SIZE_MAX) {
      cs = cs_[k];
      ct = ct_[k];
    } else {
      cover(*lex_, i, j, cs, ct, marks_);
    }
  }
  // The cost of a bead's coverage: lexicon_weight times how far the mean of the two sides'
  // covered shares falls below lexicon_center (negative above it). A multi-sentence bead
  // adds up its sentence pairs' coverage, each sentence's capped at its whole weight, and
  // pays lexicon_part_weight times how far its least covered sentence falls below the centre.
  double lexical_cost(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const;
  // One banded dynamic programme; returns false when the path touched the band's edge. With
  // a guide, row i spans [glo[i] - width, ghi[i] + width]; without one the band follows the
  // cheapest cell of the row before (see docs/DESIGN.md, "Search").
  bool pass(const std::vector<std::size_t>* glo, const std::vector<std::size_t>* ghi,
            std::size_t width, std::vector<Point>& path);
  void guide_from_path(const std::vector<Point>& path, std::vector<std::size_t>& glo,
                       std::vector<std::size_t>& ghi) const;
  void estimate_variance(const std::vector<Point>& path);
  void set_variance(double v) {
    variance_ = v;
    half_inv_variance_ = 0.5 / v;
  }
  std::vector<Bead> score(const std::vector<Point>& path) const;

  // Band storage of the current pass.
  std::size_t cell(std::size_t i, std::size_t j) const {
    if (lo_.empty() || j < lo_[i] || j > hi_[i]) {
      return SIZE_MAX;
    }
    return off_[i] + (j - lo_[i]);
  }

  AlignOptions o_;
  const LexLinks* lex_ = nullptr;
  double lex_floor_ = 0;  // the lowest lexical cost a bead can have
  Side s_, t_;
  std::vector<double> weight_;  // by anchor id
  std::size_t n_ = 0, m_ = 0;
  bool use_par_ = false;
  double ratio_ = 1, variance_ = 20;
  double inv_ratio_ = 1, half_inv_variance_ = 0.025;
  double type_cost_[8] = {};
  bool clauses_ = false;  // a side has clauses (Sentence::continues)
  // The type cost of bead [i0, i1) x [j0, j1) when a side has clauses: a clause joined to
  // its sentence is no sentence more.
  double clause_type_cost(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const {
    auto units = [](const Side& side, std::size_t b, std::size_t e) {
      return b == e ? std::size_t{0} : e - b - (side.joined[e] - side.joined[b + 1]);
    };
    std::size_t a = units(s_, i0, i1), b = units(t_, j0, j1);
    if (a == 0 || b == 0) {
      return o_.cost_deletion;
    }
    if (a == 1 && b == 1) {
      return o_.cost_1_1;
    }
    if (a + b == 3) {
      return o_.cost_1_2;
    }
    return a == 2 && b == 2 ? o_.cost_2_2 : o_.cost_1_3;
  }
  std::vector<std::size_t> lo_, hi_, off_;
  std::vector<double> cost_;
  std::vector<float> pair_;     // pair_[cell(i + 1, j + 1)] = pair_bonus(i, j)
  std::vector<float> cs_, ct_;  // the same for cover(i, j), when there is a lexicon
  mutable std::vector<std::uint8_t> marks_;
  mutable std::vector<float> row_cover_;
  std::vector<std::uint8_t> back_;
  mutable std::vector<std::uint32_t> scratch_src_, scratch_tgt_;
};

double Aligner::shared_anchors(const std::uint32_t* a, const std::uint32_t* a_end,
                               const std::uint32_t* b, const std::uint32_t* b_end) const {
  double bonus = 0;
  while (a != a_end && b != b_end) {
    if (*a < *b) {
      ++a;
    } else if (*b < *a) {
      ++b;
    } else {
      bonus += weight_[*a];
      ++a;
      ++b;
    }
  }
  return bonus;
}

double Aligner::pair_bonus(std::size_t i, std::size_t j) const {
  const std::uint32_t* a = s_.aid.data();
  const std::uint32_t* b = t_.aid.data();
  double bonus = s_.abegin[i] == s_.abegin[i + 1] || t_.abegin[j] == t_.abegin[j + 1]
                     ? 0.0
                     : shared_anchors(a + s_.abegin[i], a + s_.abegin[i + 1], b + t_.abegin[j],
                                      b + t_.abegin[j + 1]);
  if (s_.quotes[i] > 0 && t_.quotes[j] > 0) {
    bonus += o_.quote_weight;
  }
  if (s_.asks[i] > 0 && t_.asks[j] > 0) {
    bonus += o_.question_weight;
  }
  return bonus;
}

double Aligner::bead_bonus(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const {
  if (i1 - i0 == 1 && j1 - j0 == 1) {
    return pair_at(i1, j1);
  }
  auto gather = [](const Side& side, std::size_t b, std::size_t e, std::vector<std::uint32_t>& out,
                   int& quotes, int& asks) {
    out.assign(side.aid.begin() + side.abegin[b], side.aid.begin() + side.abegin[e]);
    for (std::size_t k = b; k < e; ++k) {
      quotes += side.quotes[k];
      asks += side.asks[k];
    }
    if (e - b > 1) {
      std::sort(out.begin(), out.end());
    }
  };
  int sq = 0, sx = 0, tq = 0, tx = 0;
  gather(s_, i0, i1, scratch_src_, sq, sx);
  gather(t_, j0, j1, scratch_tgt_, tq, tx);
  double bonus = shared_anchors(scratch_src_.data(), scratch_src_.data() + scratch_src_.size(),
                                scratch_tgt_.data(), scratch_tgt_.data() + scratch_tgt_.size());
  if (sq > 0 && tq > 0) {
    bonus += o_.quote_weight;
  }
  if (sx > 0 && tx > 0) {
    bonus += o_.question_weight;
  }
  return bonus;
}

double Aligner::paragraph_cost(std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1,
                               std::uint8_t prev_type) const {
  if (!use_par_) {
    return 0;
  }
  double c = 0;
  // A deletion at a paragraph start leaves the break one sentence back on its side.
  bool ps = s_.start[i0] || (prev_type == kDel && i0 > 0 && s_.start[i0 - 1]);
  bool pt = t_.start[j0] || (prev_type == kIns && j0 > 0 && t_.start[j0 - 1]);
  if (ps != pt) {
    c += o_.paragraph_weight;
  }
  for (std::size_t i = i0 + 1; i < i1; ++i) {
    c += s_.start[i] ? o_.paragraph_weight : 0;
  }
  for (std::size_t j = j0 + 1; j < j1; ++j) {
    c += t_.start[j] ? o_.paragraph_weight : 0;
  }
  return c;
}

double Aligner::pairwise_bonus(std::size_t i0, std::size_t i1, std::size_t j0,
                               std::size_t j1) const {
  double sum = 0;
  for (std::size_t i = i0; i < i1; ++i) {
    for (std::size_t j = j0; j < j1; ++j) {
      sum += pair_at(i + 1, j + 1);
    }
  }
  return sum;
}

double Aligner::evidence_cost(std::size_t i0, std::size_t j0, std::size_t i1, std::size_t j1,
                              std::uint8_t prev_type) const {
  if (i0 == i1 || j0 == j1) {
    return 0;
  }
  return length_cost(i0, i1, j0, j1) - bead_bonus(i0, i1, j0, j1) +
         paragraph_cost(i0, j0, i1, j1, prev_type) +
         (lex_ != nullptr ? lexical_cost(i0, i1, j0, j1) : 0.0);
}

double Aligner::lexical_cost(std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) const {
  // Covered weight per source sentence (capped at the sentence's), and per target sentence.
  double src_cov = 0, src_all = 0, tgt_cov = 0, tgt_all = 0;
  float cs, ct;
  const double a = o_.lexicon_smoothing, c0 = o_.lexicon_center;
  const bool parts = o_.lexicon_part_weight > 0 && i1 - i0 + j1 - j0 > 2;
  double least = c0;
  row_cover_.assign(j1 - j0, 0.0f);
  for (std::size_t i = i0; i < i1; ++i) {
    float sum = 0;
    for (std::size_t j = j0; j < j1; ++j) {
      cover_at(i, j, cs, ct);
      sum += cs;
      row_cover_[j - j0] += ct;
    }
    src_cov += std::min(sum, lex_->src.total[i]);
    src_all += lex_->src.total[i];
    if (parts) {
      least =
          std::min(least, (std::min(sum, lex_->src.total[i]) + a * c0) / (lex_->src.total[i] + a));
    }
  }
  for (std::size_t j = j0; j < j1; ++j) {
    tgt_cov += std::min(row_cover_[j - j0], lex_->tgt.total[j]);
    tgt_all += lex_->tgt.total[j];
    if (parts) {
      least = std::min(least, (std::min(row_cover_[j - j0], lex_->tgt.total[j]) + a * c0) /
                                  (lex_->tgt.total[j] + a));
    }
  }
  // A side with few linkable words says little: its share is drawn towards the centre.
  double share = 0.5 * ((src_cov + a * c0) / (src_all + a) + (tgt_cov + a * c0) / (tgt_all + a));
  return o_.lexicon_weight * (c0 - share) + o_.lexicon_part_weight * std::max(0.0, c0 - least);
}

bool Aligner::pass(const std::vector<std::size_t>* glo, const std::vector<std::size_t>* ghi,
                   std::size_t width, std::vector<Point>& path) {
  lo_.assign(n_ + 1, 0);
  hi_.assign(n_ + 1, 0);
  off_.assign(n_ + 1, 0);
  // Target sentences per source sentence: a row of the band spans at least that many cells,
  // so that a much longer side still connects.
  double slope = static_cast<double>(m_) / static_cast<double>(n_);
  std::size_t expected = 0;
  if (glo != nullptr) {
    for (std::size_t i = 0; i <= n_; ++i) {
      expected += std::min(m_, (*ghi)[i] + width) - ((*glo)[i] > width ? (*glo)[i] - width : 0) + 1;
    }
  } else {
    expected = (n_ + 1) * (2 * width + static_cast<std::size_t>(slope) + 2) + m_;
  }
  cost_.clear();
  pair_.clear();
  back_.clear();
  cs_.clear();
  ct_.clear();
  cost_.reserve(expected);
  pair_.reserve(expected);
  back_.reserve(expected);
  std::size_t best_j = 0;  // the cheapest cell of the row before (following band)
  std::size_t total = 0;
  for (std::size_t i = 0; i <= n_; ++i) {
    std::size_t a, b;
    if (glo != nullptr) {
      a = (*glo)[i];
      b = (*ghi)[i];
    } else {
      // The row starts where the cheapest path into the row before ended and reaches one
      // slope further; the last row reaches the end, which every path must.
      a = i == 0 ? 0 : best_j;
      b = std::min(m_, static_cast<std::size_t>(std::ceil(static_cast<double>(a) + slope)));
    }
    lo_[i] = a > width ? a - width : 0;
    hi_[i] = i == n_ ? m_ : std::min(m_, b + width);
    off_[i] = total;
    std::size_t row = hi_[i] - lo_[i] + 1;
    total += row;
    cost_.resize(total, kInf);
    pair_.resize(total, 0.0f);
    back_.resize(total, kNone);
    if (lex_ != nullptr) {
      cs_.resize(total, 0.0f);
      ct_.resize(total, 0.0f);
    }

    // The rows a bead of each height starts in, and the source length of such a bead.
    struct Prev {
      std::size_t lo = 1, hi = 0, off = 0;
      double ls = 0;
    } prev[4];
    for (std::size_t d = 1; d <= 3 && d <= i; ++d) {
      prev[d] = {lo_[i - d], hi_[i - d], off_[i - d],
                 static_cast<double>(s_.len[i] - s_.len[i - d])};
    }
    prev[0] = {lo_[i], hi_[i], off_[i], 0.0};
    double row_best = kInf;
    for (std::size_t j = lo_[i]; j <= hi_[i]; ++j) {
      std::size_t k = off_[i] + (j - lo_[i]);
      if (i > 0 && j > 0) {
        pair_[k] = static_cast<float>(pair_bonus(i - 1, j - 1));
        if (lex_ != nullptr) {
          cover(*lex_, i - 1, j - 1, cs_[k], ct_[k], marks_);
        }
      }
      double best = i == 0 && j == 0 ? 0.0 : kInf;
      std::uint8_t best_type = kNone;
      for (std::uint8_t t = 0; t < 8; ++t) {
        auto di = static_cast<std::size_t>(kTypes[t].di),
             dj = static_cast<std::size_t>(kTypes[t].dj);
        if (di > i || dj > j) {
          continue;
        }
        const Prev& r = prev[di];
        std::size_t pj = j - dj;
        if (pj < r.lo || pj > r.hi) {
          continue;
        }
        std::size_t p = r.off + (pj - r.lo);
        if (cost_[p] == kInf) {
          continue;
        }
        double c = cost_[p] + (clauses_ ? clause_type_cost(i - di, i, pj, j) : type_cost_[t]);
        if (di > 0 && dj > 0) {
          c += length_cost(r.ls, static_cast<double>(t_.len[j] - t_.len[pj]));
          if (use_par_) {
            c += paragraph_cost(i - di, pj, i, j, back_[p]);
          }
          // The pairwise sum bounds the bead's bonus from above and is exact for 1-1 and
          // when it is 0; the exact bonus of a larger bead is computed only when it could win.
          double upper =
              di == 1 && dj == 1 ? static_cast<double>(pair_[k]) : pairwise_bonus(i - di, i, pj, j);
          if (lex_ != nullptr) {
            // Nor is its coverage summed when it could not win even fully covered.
            if (c + lex_floor_ - upper >= best) {
              continue;
            }
            c += lexical_cost(i - di, i, pj, j);
          }
          if (c - upper >= best) {
            continue;
          }
          c -= (di == 1 && dj == 1) || upper == 0 ? upper : bead_bonus(i - di, i, pj, j);
        }
        if (c < best) {
          best = c;
          best_type = t;
        }
      }
      cost_[k] = best;
      back_[k] = best_type;
      if (best < row_best) {
        row_best = best;
        best_j = j;
      }
    }
  }
  path.clear();
  std::size_t end = cell(n_, m_);
  if (end == SIZE_MAX || cost_[end] == kInf) {
    return false;
  }
  bool inside = true;
  std::size_t i = n_, j = m_;
  while (i > 0 || j > 0) {
    std::uint8_t t = back_[cell(i, j)];
    path.push_back({i, j, t});
    if ((j == lo_[i] && lo_[i] > 0) || (j == hi_[i] && hi_[i] < m_)) {
      inside = false;
    }
    i -= static_cast<std::size_t>(kTypes[t].di);
    j -= static_cast<std::size_t>(kTypes[t].dj);
  }
  path.push_back({0, 0, kNone});
  std::reverse(path.begin(), path.end());
  return inside;
}

void Aligner::guide_from_path(const std::vector<Point>& path, std::vector<std::size_t>& glo,
                              std::vector<std::size_t>& ghi) const {
  glo.assign(n_ + 1, SIZE_MAX);
  ghi.assign(n_ + 1, 0);
  for (std::size_t k = 0; k < path.size(); ++k) {
    const Point& p = path[k];
    glo[p.i] = std::min(glo[p.i], p.j);
    ghi[p.i] = std::max(ghi[p.i], p.j);
    // Rows skipped by a 2-x or 3-x bead lie between its two ends.
    if (k > 0) {
      for (std::size_t i = path[k - 1].i + 1; i < p.i; ++i) {
        glo[i] = std::min(glo[i], path[k - 1].j);
        ghi[i] = std::max(ghi[i], p.j);
      }
    }
  }
}

void Aligner::estimate_variance(const std::vector<Point>& path) {
  std::vector<double> v;
  for (std::size_t k = 1; k < path.size(); ++k) {
    const Point& a = path[k - 1];
    const Point& b = path[k];
    if (b.type != 0) {
      continue;
    }
    double ls = static_cast<double>(s_.len[b.i] - s_.len[a.i]);
    double lt = static_cast<double>(t_.len[b.j] - t_.len[a.j]);
    double x = lt / ratio_ - ls;
    v.push_back(x * x / std::max(1.0, 0.5 * (ls + lt / ratio_)));
  }
  // The median of a squared standard normal is 0.455. With few 1-1 beads the estimate is
  // drawn towards the usual value, weighted by how many beads are missing from 20.
  double estimate = o_.fallback_variance;
  if (v.size() >= 3) {
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    estimate = *mid / 0.455;
  }
  double w = std::min(1.0, static_cast<double>(v.size()) / 20.0);
  set_variance(std::max(0.5, w * estimate + (1 - w) * o_.fallback_variance));
}

std::vector<Bead> Aligner::score(const std::vector<Point>& path) const {
  std::vector<Bead> beads;
  std::vector<double> evidence;
  // What a 1-1 bead of unrelated sentences costs in this document: pairs a few sentences off
  // the path.
  std::vector<double> null_costs;
  for (std::size_t k = 1; k < path.size(); ++k) {
    const Point& a = path[k - 1];
    const Point& b = path[k];
    Bead bead{a.i, b.i, a.j, b.j, 0};
    bool both = a.i < b.i && a.j < b.j;
    evidence.push_back(both ? evidence_cost(a.i, a.j, b.i, b.j, a.type) : kInf);
    beads.push_back(bead);
    if (b.type == 0) {
      for (long off : {-13L, -7L, 7L, 13L}) {
        long j = static_cast<long>(a.j) + off;
        if (j >= 0 && j < static_cast<long>(m_)) {
          auto ju = static_cast<std::size_t>(j);
          null_costs.push_back(length_cost(a.i, b.i, ju, ju + 1) - pair_bonus(a.i, ju));
        }
      }
    }
  }
  // Unrelated pairs cost about 2 nats under the length model alone (|d| near 2).
  double null_cost = 2.0;
  if (null_costs.size() >= 8) {
    auto mid = null_costs.begin() + static_cast<std::ptrdiff_t>(null_costs.size() / 2);
    std::nth_element(null_costs.begin(), mid, null_costs.end());
    null_cost = *mid;
  }
  // Confidence: how much cheaper than an unrelated pair this bead and its neighbours are.
  // A sentence without counterpart counts as evidence against its neighbourhood: unrelated
  // texts align as long runs of them.
  constexpr double kUnpaired = -2.0;
  auto own = [&](std::size_t k) {
    return evidence[k] == kInf ? kUnpaired : null_cost - evidence[k];
  };
  for (std::size_t k = 0; k < beads.size(); ++k) {
    double sum = 0;
    int count = 0;
    for (std::size_t q = (k >= 2 ? k - 2 : 0); q < std::min(beads.size(), k + 3); ++q) {
      if (q != k) {
        sum += own(q);
        ++count;
      }
    }
    double context = count > 0 ? sum / count : own(k);
    double z = 0.5 * own(k) + 0.5 * context;
    beads[k].score = 1.0 / (1.0 + std::exp(-(z - 1.0) * 1.5));
  }
  return beads;
}

void Aligner::release_band() {
  lo_.clear();
  hi_.clear();
  off_.clear();
  cost_ = {};
  pair_ = {};
  back_ = {};
  cs_ = {};
  ct_ = {};
}

std::vector<Aligner::Point> Aligner::path_of(const std::vector<Bead>& beads) {
  std::vector<Point> path{{0, 0, kNone}};
  for (const Bead& b : beads) {
    auto di = static_cast<int>(b.src_end - b.src_begin);
    auto dj = static_cast<int>(b.tgt_end - b.tgt_begin);
    std::uint8_t type = 0;
    while (type < 8 && !(kTypes[type].di == di && kTypes[type].dj == dj)) {
      ++type;
    }
    path.push_back({b.src_end, b.tgt_end, type});
  }
  return path;
}

std::vector<Bead> Aligner::refine(const std::vector<Bead>& beads) {
  std::vector<Point> path = path_of(beads);
  if (path.size() < 2) {
    return run();
  }
  // As run(), but the first pass follows the given path instead of searching for one.
  std::size_t full = std::max(n_, m_);
  auto guided = [&](std::size_t width) {
    std::vector<std::size_t> glo, ghi;
    guide_from_path(path, glo, ghi);
    std::vector<Point> next;
    while (!pass(&glo, &ghi, width, next) && width < full) {
      if (!next.empty()) {
        guide_from_path(next, glo, ghi);
      }
      width *= 2;
    }
    path = std::move(next);
  };
  guided(std::max<std::size_t>(o_.band / 2, 4));
  if (o_.length_variance <= 0) {
    estimate_variance(path);
    guided(std::max<std::size_t>(o_.band / 4, 4));
  }
  return score(path);
}

void Aligner::rescore(std::vector<Bead>& beads) const {
  auto scored = score(path_of(beads));
  for (std::size_t k = 0; k < beads.size(); ++k) {
    beads[k].score = scored[k].score;
  }
}

std::vector<Bead> Aligner::run() {
  std::vector<Bead> beads;
  if (n_ == 0 || m_ == 0) {
    for (std::size_t i = 0; i < n_; ++i) {
      beads.push_back({i, i + 1, 0, 0, 0});
    }
    for (std::size_t j = 0; j < m_; ++j) {
      beads.push_back({0, 0, j, j + 1, 0});
    }
    return beads;
  }
  // First pass: a band that follows the cheapest partial path, so the band needs no room
  // for how far the path drifts from the diagonal. When the path touches the band's edge the
  // band is doubled around that path until the path stays inside.
  std::vector<Point> path;
  std::size_t width = std::max<std::size_t>(o_.band, 4);
  std::size_t full = std::max(n_, m_);
  std::vector<std::size_t> glo, ghi;
  bool inside = pass(nullptr, nullptr, width, path);
  while (!inside && width < full) {
    guide_from_path(path, glo, ghi);
    width *= 2;
    inside = pass(&glo, &ghi, width, path);
  }
  if (o_.length_variance <= 0) {
    estimate_variance(path);
    // Second pass with the estimated variance in a narrow band around the first path.
    guide_from_path(path, glo, ghi);
    std::vector<Point> second;
    width = std::max<std::size_t>(o_.band / 4, 4);
    while (!pass(&glo, &ghi, width, second) && width < full) {
      if (!second.empty()) {
        guide_from_path(second, glo, ghi);
      }
      width *= 2;
    }
    path = std::move(second);
  }
  return score(path);
}

}  // namespace

namespace {

// Word pairs learned from a first alignment: stems that keep turning up on the two sides of
// the same 1-1 beads (a name and its transliteration, 로도 and rhode; a topic word and its
// translation), linked one to one, strongest association first. Each pair becomes an anchor
// of every sentence that holds its stem, for a second alignment. Returns false when nothing
// was learned.
bool learn_anchors(const std::vector<Sentence>& src, const std::vector<Sentence>& tgt,
                   const std::vector<Bead>& beads, const AlignOptions& o, AnchorLists& src_extra,
                   AnchorLists& tgt_extra) {
  // Stems as dense ids per side, so that counting is indexing.
  auto stems_of = [](const std::vector<Sentence>& side,
                     std::vector<std::vector<std::uint32_t>>& ids,
                     std::vector<std::uint64_t>& stem_of_id) {
    std::unordered_map<std::uint64_t, std::uint32_t> id_of;
    ids.assign(side.size(), {});
    for (std::size_t i = 0; i < side.size(); ++i) {
      for (std::uint64_t stem : word_stems(side[i].text)) {
        auto [it, fresh] = id_of.emplace(stem, static_cast<std::uint32_t>(stem_of_id.size()));
        if (fresh) {
          stem_of_id.push_back(stem);
        }
        ids[i].push_back(it->second);
      }
    }
  };
  std::vector<std::vector<std::uint32_t>> ss, ts;
  std::vector<std::uint64_t> src_stem, tgt_stem;
  stems_of(src, ss, src_stem);
  stems_of(tgt, ts, tgt_stem);
  auto one_one = [](const Bead& bd) {
    return bd.src_end - bd.src_begin == 1 && bd.tgt_end - bd.tgt_begin == 1;
  };
  // In how many 1-1 beads each stem occurs. Stems in fewer than learned_min_count cannot make
  // a pair, and stems in a tenth of them say nothing about which sentence is which: pairs are
  // counted only for the rest, which keeps this pass small.
  std::vector<std::uint32_t> cs(src_stem.size(), 0), ct(tgt_stem.size(), 0);
  std::size_t ones = 0;
  for (const Bead& bd : beads) {
    if (one_one(bd)) {
      ++ones;
      for (auto x : ss[bd.src_begin]) {
        ++cs[x];
      }
      for (auto y : ts[bd.tgt_begin]) {
        ++ct[y];
      }
    }
  }
  const std::size_t most = std::clamp<std::size_t>(ones / 10, 3, 128);
  auto useful = [&](std::uint32_t count) { return count >= o.learned_min_count && count <= most; };
  std::vector<std::uint64_t> seen;  // (source id << 32 | target id), once per bead
  for (const Bead& bd : beads) {
    if (!one_one(bd)) {
      continue;
    }
    for (auto x : ss[bd.src_begin]) {
      if (!useful(cs[x])) {
        continue;
      }
      for (auto y : ts[bd.tgt_begin]) {
        if (useful(ct[y])) {
          seen.push_back(static_cast<std::uint64_t>(x) << 32 | y);
        }
      }
    }
  }
  std::sort(seen.begin(), seen.end());
  struct Link {
    double dice;
    std::uint32_t count, a, b;
  };
  std::vector<Link> links;
  for (std::size_t k = 0; k < seen.size();) {
    std::size_t e = k;
    while (e < seen.size() && seen[e] == seen[k]) {
      ++e;
    }
    auto count = static_cast<std::uint32_t>(e - k);
    auto a = static_cast<std::uint32_t>(seen[k] >> 32);
    auto b = static_cast<std::uint32_t>(seen[k] & 0xFFFFFFFFU);
    double dice = 2.0 * count / (cs[a] + ct[b]);
    if (count >= o.learned_min_count && dice >= o.learned_min_dice) {
      links.push_back({dice, count, a, b});
    }
    k = e;
  }
  if (links.empty()) {
    return false;
  }
  // Competitive linking: strongest association first, each stem in one pair at most.
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
    if (x.dice != y.dice) {
      return x.dice > y.dice;
    }
    if (x.count != y.count) {
      return x.count > y.count;
    }
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  constexpr std::uint64_t kNoAnchor = 0;
  std::vector<std::uint64_t> of_a(src_stem.size(), kNoAnchor), of_b(tgt_stem.size(), kNoAnchor);
  for (const Link& l : links) {
    if (of_a[l.a] != kNoAnchor || of_b[l.b] != kNoAnchor) {
      continue;
    }
    std::uint64_t anchor =
        (static_cast<std::uint64_t>(AnchorKind::learned) << 56) |
        ((src_stem[l.a] * 0x9E3779B97F4A7C15ULL ^ tgt_stem[l.b]) & ((std::uint64_t{1} << 56) - 1));
    of_a[l.a] = anchor;
    of_b[l.b] = anchor;
  }
  auto attach = [](const std::vector<std::vector<std::uint32_t>>& stems,
                   const std::vector<std::uint64_t>& of, AnchorLists& extra) {
    extra.assign(stems.size(), {});
    for (std::size_t i = 0; i < stems.size(); ++i) {
      for (auto x : stems[i]) {
        if (of[x] != kNoAnchor) {
          extra[i].push_back(of[x]);
        }
      }
    }
  };
  attach(ss, of_a, src_extra);
  attach(ts, of_b, tgt_extra);
  return true;
}

}  // namespace

namespace {

// The words of each sentence as the lexicon counts them.
std::vector<std::vector<std::string>> words_of(const std::vector<Sentence>& side,
                                               const LangTag& lang) {
  std::vector<std::vector<std::string>> out(side.size());
  for (std::size_t i = 0; i < side.size(); ++i) {
    out[i] = lexicon::words(side[i].text, lang);
  }
  return out;
}

// The lexicons known before aligning: the given one and the compiled-in dictionary of the
// language pair (unless options.dictionary_weight is 0).
std::vector<LexSource> known_lexicons(const AlignOptions& o, const LangTag& sl, const LangTag& tl) {
  std::vector<LexSource> out;
  if (o.lexicon != nullptr && o.lexicon_given_weight > 0) {
    out.push_back({o.lexicon, 1});
  }
  if (o.lexicon_weight > 0 && o.dictionary_weight > 0) {
    if (const lexicon::Lexicon* d = lexicon::builtin_dictionary(sl, tl)) {
      out.push_back({d, 1, true});
    }
  }
  return out;
}

// A lexicon trained on the beads of a first alignment (their sentences joined).
lexicon::Lexicon train_own(const std::vector<std::vector<std::string>>& sw,
                           const std::vector<std::vector<std::string>>& tw,
                           const std::vector<Bead>& beads, const AlignOptions& o, const LangTag& sl,
                           const LangTag& tl) {
  // Beads with both sides, at most lexicon_max_units of them spread evenly over the text:
  // a long text teaches its words long before its end, and training is most of the cost.
  std::vector<const Bead*> both;
  for (const Bead& b : beads) {
    if (b.src_begin != b.src_end && b.tgt_begin != b.tgt_end) {
      both.push_back(&b);
    }
  }
  const auto most = static_cast<std::size_t>(std::max(1.0, o.lexicon_max_units));
  std::vector<lexicon::WordUnit> units;
  units.reserve(std::min(both.size(), most));
  for (std::size_t k = 0; k < std::min(both.size(), most); ++k) {
    const Bead& b = *both[both.size() <= most ? k : k * both.size() / most];
    lexicon::WordUnit u;
    for (std::size_t i = b.src_begin; i < b.src_end; ++i) {
      u.source.insert(u.source.end(), sw[i].begin(), sw[i].end());
    }
    for (std::size_t j = b.tgt_begin; j < b.tgt_end; ++j) {
      u.target.insert(u.target.end(), tw[j].begin(), tw[j].end());
    }
    units.push_back(std::move(u));
  }
  lexicon::TrainOptions to;
  to.iterations = std::max(1, static_cast<int>(o.lexicon_iterations));
  // A pair below the link strength in both directions can never link: not worth keeping.
  to.min_probability = o.lexicon_link;
  return lexicon::train(std::span<const lexicon::WordUnit>(units), sl, tl, to);
}

}  // namespace

std::vector<Bead> align_sentences(const std::vector<Sentence>& src,
                                  const std::vector<Sentence>& tgt, const AlignOptions& given) {
  AlignOptions options = given;
  // lexicon_weight 0 turns off what the aligner knows or learns of words by itself (the
  // dictionary, the pair's own lexicon); a given lexicon has its own weight.
  const bool has_lexicon = options.lexicon != nullptr && options.lexicon_given_weight > 0;
  const bool own_words = options.lexicon_weight > 0;
  const bool use_words = (has_lexicon || own_words) && !src.empty() && !tgt.empty();
  const LangTag sl =
      options.lexicon != nullptr ? options.lexicon->src_lang() : LangTag::parse(options.src_lang);
  const LangTag tl =
      options.lexicon != nullptr ? options.lexicon->tgt_lang() : LangTag::parse(options.tgt_lang);
  // The two sides' features and words owe nothing to each other: a long pair has the target
  // side's worked out on a second thread meanwhile (a fifth of the time of a 20k pair).
  struct SideData {
    std::vector<Features> features;
    std::vector<std::vector<std::string>> words;
  };
  auto prepare_side = [use_words](const std::vector<Sentence>& s, const LangTag& lang) {
    SideData d{featurize(s), {}};
    if (use_words) {
      d.words = words_of(s, lang);
    }
    return d;
  };
  std::vector<LexSource> known;
  SideData src_data, tgt_data;
  {
    std::future<SideData> later;
    if (options.parallel && src.size() + tgt.size() >= kParallelSentences &&
        std::thread::hardware_concurrency() > 1) {
      later = std::async(std::launch::async, prepare_side, std::cref(tgt), std::cref(tl));
    }
    if (use_words) {
      known = known_lexicons(options, sl, tl);
    }
    src_data = prepare_side(src, sl);
    tgt_data = later.valid() ? later.get() : prepare_side(tgt, tl);
  }
  const std::vector<Features>& src_features = src_data.features;
  const std::vector<Features>& tgt_features = tgt_data.features;
  const std::vector<std::vector<std::string>>& sw = src_data.words;
  const std::vector<std::vector<std::string>>& tw = tgt_data.words;
  if (!known.empty()) {
    // With the dictionary among them, its weight and centre (a given lexicon beside it only
    // adds links); a given lexicon alone has its own.
    const bool dictionary = known.back().fixed_only;
    options.lexicon_weight = dictionary ? options.dictionary_weight : options.lexicon_given_weight;
    if (dictionary) {
      options.lexicon_center = options.dictionary_center;
    }
  }
  // `first` scores the confidence (see below); it finds the first path too unless a lexicon
  // is known before aligning, which then guides that path as well (its words are no product
  // of it).
  Aligner first(src, tgt, src_features, tgt_features, options);
  LexLinks links;
  std::vector<Bead> beads;
  bool lexical = false;
  if (!known.empty()) {
    links = link_words(sw, tw, known, options);
    lexical = links.links > 0;
    // Half the band: every cell now pays for its coverage, and a band that follows the
    // cheapest path finds the same path at 16 as at 32 (see "Search").
    AlignOptions narrow = options;
    narrow.band = std::max<std::size_t>(options.band / 2, 8);
    beads = Aligner(src, tgt, src_features, tgt_features, narrow, nullptr, nullptr,
                    lexical ? &links : nullptr)
                .run();
  } else {
    beads = first.run();
  }
  // Unless a lexicon is given, the words nothing knew (the story's names, its topic words) are
  // learned from the first path and join the dictionary's links, if any, for the second.
  lexicon::Lexicon own;
  if (use_words && own_words && !has_lexicon) {
    own = train_own(sw, tw, beads, options, sl, tl);
    known.push_back({&own, static_cast<std::uint32_t>(options.lexicon_min_sentences)});
    links = link_words(sw, tw, known, options);
    lexical = links.links > 0;
  }
  AnchorLists src_extra, tgt_extra;
  bool learned =
      options.learned_weight > 0 && learn_anchors(src, tgt, beads, options, src_extra, tgt_extra);
  if (!learned && !lexical) {
    return beads;
  }
  // Confidence stays with the evidence the texts give by themselves: pairs learned from an
  // alignment of two unrelated texts would otherwise vouch for that alignment.
  first.release_band();
  beads = Aligner(src, tgt, src_features, tgt_features, options, learned ? &src_extra : nullptr,
                  learned ? &tgt_extra : nullptr, lexical ? &links : nullptr)
              .refine(beads);
  first.rescore(beads);
  return beads;
}

void append_paragraph(std::vector<Sentence>& out, std::string_view text, std::size_t paragraph,
                      const segment::Segmenter& segmenter, std::string_view lang) {
  for (const Span& span : segmenter.split(text, lang)) {
    // Clauses a translation may give as sentences align as units of their own.
    std::string_view sentence = span.of(text);
    bool first = true;
    for (const Span& clause : segment::clauses(sentence)) {
      out.push_back({std::string(clause.of(sentence)), paragraph, {}, !first});
      first = false;
    }
  }
}

std::string to_string(const Bead& bead) {
  std::string out = "[";
  for (std::size_t i = bead.src_begin; i < bead.src_end; ++i) {
    out += (i > bead.src_begin ? "," : "") + std::to_string(i);
  }
  out += "]:[";
  for (std::size_t j = bead.tgt_begin; j < bead.tgt_end; ++j) {
    out += (j > bead.tgt_begin ? "," : "") + std::to_string(j);
  }
  out += "]";
  return out;
}

}  // namespace termbridge::align
