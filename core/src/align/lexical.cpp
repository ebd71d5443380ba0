#include "align/lexical.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "termbridge/align/aligner.hpp"

namespace termbridge::align {

namespace {

// Translations looked at per word: the lexicon's best few in each direction (8 gave the same
// alignments on the tuning cuts).
constexpr std::size_t kCandidates = 4;

struct Vocab {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<const std::string*> words;
  std::vector<std::uint32_t> df;                      // sentences holding the word
  std::vector<std::vector<std::uint32_t>> sentences;  // distinct word ids per sentence
  void add(const std::vector<std::vector<std::string>>& side) {
    sentences.resize(side.size());
    for (std::size_t i = 0; i < side.size(); ++i) {
      auto& ids_i = sentences[i];
      for (const auto& w : side[i]) {
        auto [it, fresh] = ids.try_emplace(w, static_cast<std::uint32_t>(words.size()));
        if (fresh) {
          words.push_back(&it->first);
          df.push_back(0);
        }
        ids_i.push_back(it->second);
      }
      std::sort(ids_i.begin(), ids_i.end());
      ids_i.erase(std::unique(ids_i.begin(), ids_i.end()), ids_i.end());
      for (auto id : ids_i) {
        ++df[id];
      }
    }
  }
};

void lay_out(const Vocab& v, const std::vector<std::vector<std::uint32_t>>& links_of,
             LexSide& side) {
  const std::size_t n = v.sentences.size();
  side.begin.assign(1, 0);
  side.wbegin.assign(1, 0);
  side.total.assign(n, 0.0f);
  side.bits.assign(n, 0);
  std::vector<std::pair<std::uint32_t, std::uint16_t>> entries;
  for (std::size_t i = 0; i < n; ++i) {
    entries.clear();
    std::uint16_t k = 0;
    for (std::uint32_t w : v.sentences[i]) {
      if (links_of[w].empty() || k == UINT16_MAX) {
        continue;
      }
      for (std::uint32_t l : links_of[w]) {
        entries.emplace_back(l, k);
      }
      // Rare words say more about which sentence is which than common ones.
      auto weight = static_cast<float>(
          std::log((static_cast<double>(n) + 1.0) / static_cast<double>(v.df[w])));
      weight = std::max(weight, 0.1f);
      side.weight.push_back(weight);
      side.total[i] += weight;
      ++k;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [l, word] : entries) {
      side.link.push_back(l);
      side.word.push_back(word);
      side.bits[i] |= std::uint64_t{1} << ((l * 0x9E3779B1U) >> 26);
    }
    side.begin.push_back(static_cast<std::uint32_t>(side.link.size()));
    side.wbegin.push_back(static_cast<std::uint32_t>(side.weight.size()));
  }
}

}  // namespace

LexLinks link_words(const std::vector<std::vector<std::string>>& src_words,
                    const std::vector<std::vector<std::string>>& tgt_words,
                    std::span<const LexSource> lexicons, const AlignOptions& options) {
  Vocab vs, vt;
  vs.add(src_words);
  vt.add(tgt_words);
  std::unordered_set<std::uint64_t> pairs;
  for (const LexSource& source : lexicons) {
    const lexicon::Lexicon& lex = *source.lexicon;
    auto consider = [&](std::uint32_t a, std::uint32_t b) {
      if (vs.df[a] < source.min_sentences || vt.df[b] < source.min_sentences) {
        return;
      }
      const std::string& s = *vs.words[a];
      const std::string& t = *vt.words[b];
      double strength = std::sqrt(lex.forward(s, t) * lex.backward(t, s));
      if (strength >= options.lexicon_link) {
        pairs.insert(static_cast<std::uint64_t>(a) << 32 | b);
      }
    };
    for (std::uint32_t a = 0; a < vs.words.size() && !source.fixed_only; ++a) {
      for (const auto& [t, p] : lex.translations(*vs.words[a], kCandidates)) {
        auto it = vt.ids.find(t);
        if (it != vt.ids.end()) {
          consider(a, it->second);
        }
      }
    }
    for (std::uint32_t b = 0; b < vt.words.size() && !source.fixed_only; ++b) {
      for (const auto& [s, p] : lex.sources(*vt.words[b], kCandidates)) {
        auto it = vs.ids.find(s);
        if (it != vs.ids.end()) {
          consider(it->second, b);
        }
      }
    }
    // Fixed pairs are known translations, not learned from the texts: all of a word's count,
    // however many it has (a dictionary gives every inflected form) and however rare the word.
    for (std::uint32_t a = 0; a < vs.words.size(); ++a) {
      std::uint32_t id = lex.src_id(*vs.words[a]);
      if (id == lexicon::Lexicon::kNoWord) {
        continue;
      }
      for (std::uint32_t e : lex.src_entries(id)) {
        const auto& entry = lex.entries()[e];
        if (!entry.fixed) {
          continue;
        }
        auto it = vt.ids.find(lex.tgt_word(entry.tgt));
        if (it != vt.ids.end()) {
          pairs.insert(static_cast<std::uint64_t>(a) << 32 | it->second);
        }
      }
    }
  }
  std::vector<std::uint64_t> sorted(pairs.begin(), pairs.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<std::uint32_t>> of_src(vs.words.size()), of_tgt(vt.words.size());
  for (std::size_t l = 0; l < sorted.size(); ++l) {
    of_src[sorted[l] >> 32].push_back(static_cast<std::uint32_t>(l));
    of_tgt[sorted[l] & 0xFFFFFFFFU].push_back(static_cast<std::uint32_t>(l));
  }
  LexLinks out;
  out.links = sorted.size();
  lay_out(vs, of_src, out.src);
  lay_out(vt, of_tgt, out.tgt);
  return out;
}

void cover(const LexLinks& l, std::size_t i, std::size_t j, float& src_covered, float& tgt_covered,
           std::vector<std::uint8_t>& marks) {
  src_covered = tgt_covered = 0;
  const LexSide& s = l.src;
  const LexSide& t = l.tgt;
  std::uint32_t a = s.begin[i], ae = s.begin[i + 1];
  std::uint32_t b = t.begin[j], be = t.begin[j + 1];
  if (a == ae || b == be || (s.bits[i] & t.bits[j]) == 0) {
    return;
  }
  const std::size_t ns = s.wbegin[i + 1] - s.wbegin[i];
  const std::size_t nt = t.wbegin[j + 1] - t.wbegin[j];
  marks.assign(ns + nt, 0);
  while (a < ae && b < be) {
    if (s.link[a] < t.link[b]) {
      ++a;
    } else if (t.link[b] < s.link[a]) {
      ++b;
    } else {
      std::uint32_t id = s.link[a];
      for (; a < ae && s.link[a] == id; ++a) {
        if (!marks[s.word[a]]) {
          marks[s.word[a]] = 1;
          src_covered += s.weight[s.wbegin[i] + s.word[a]];
        }
      }
      for (; b < be && t.link[b] == id; ++b) {
        if (!marks[ns + t.word[b]]) {
          marks[ns + t.word[b]] = 1;
          tgt_covered += t.weight[t.wbegin[j] + t.word[b]];
        }
      }
    }
  }
}

}  // namespace termbridge::align
