#include "termbridge/lexicon/lexicon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <istream>
#include <ostream>

#include "lexicon/lines.hpp"
#include "termbridge/base/error.hpp"

namespace termbridge::lexicon {

namespace {

constexpr std::string_view kMagic = "termbridge-lexicon";
constexpr std::string_view kVersion = "1";

template <class Ids>
std::uint32_t intern(std::vector<std::string>& words, Ids& ids,
                     std::vector<std::vector<std::uint32_t>>& of, std::string_view w) {
  auto [it, fresh] = ids.try_emplace(std::string(w), static_cast<std::uint32_t>(words.size()));
  if (fresh) {
    words.emplace_back(w);
    of.emplace_back();
  }
  return it->second;
}

std::vector<std::pair<std::string, double>> best(const std::vector<Lexicon::Entry>& entries,
                                                 const std::vector<std::uint32_t>& list,
                                                 bool by_forward,
                                                 const std::vector<std::string>& names,
                                                 std::size_t max) {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(list.size());
  for (std::uint32_t k : list) {
    const auto& e = entries[k];
    double p = by_forward ? e.forward : e.backward;
    if (p > 0) {
      out.emplace_back(names[by_forward ? e.tgt : e.src], p);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > max) {
    out.resize(max);
  }
  return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    std::size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? tab : tab - at));
    if (tab == std::string_view::npos) {
      return out;
    }
    at = tab + 1;
  }
}

}  // namespace

const Lexicon::Entry* Lexicon::find(std::string_view src_word, std::string_view tgt_word) const {
  auto s = src_ids_.find(src_word);
  if (s == src_ids_.end()) {
    return nullptr;
  }
  auto t = tgt_ids_.find(tgt_word);
  if (t == tgt_ids_.end()) {
    return nullptr;
  }
  auto it = pair_index_.find(static_cast<std::uint64_t>(s->second) << 32 | t->second);
  return it == pair_index_.end() ? nullptr : &entries_[it->second];
}

std::uint32_t Lexicon::src_id(std::string_view src_word) const {
  auto it = src_ids_.find(src_word);
  return it == src_ids_.end() ? kNoWord : it->second;
}

std::uint32_t Lexicon::tgt_id(std::string_view tgt_word) const {
  auto it = tgt_ids_.find(tgt_word);
  return it == tgt_ids_.end() ? kNoWord : it->second;
}

const Lexicon::Entry* Lexicon::entry(std::uint32_t src, std::uint32_t tgt) const {
  if (src == kNoWord || tgt == kNoWord) {
    return nullptr;
  }
  auto it = pair_index_.find(static_cast<std::uint64_t>(src) << 32 | tgt);
  return it == pair_index_.end() ? nullptr : &entries_[it->second];
}

double Lexicon::forward(std::string_view src_word, std::string_view tgt_word) const {
  const Entry* e = find(src_word, tgt_word);
  return e != nullptr ? e->forward : 0.0;
}

double Lexicon::backward(std::string_view tgt_word, std::string_view src_word) const {
  const Entry* e = find(src_word, tgt_word);
  return e != nullptr ? e->backward : 0.0;
}

bool Lexicon::fixed(std::string_view src_word, std::string_view tgt_word) const {
  const Entry* e = find(src_word, tgt_word);
  return e != nullptr && e->fixed;
}

std::vector<std::pair<std::string, double>> Lexicon::translations(std::string_view src_word,
                                                                  std::size_t max) const {
  auto s = src_ids_.find(src_word);
  if (s == src_ids_.end()) {
    return {};
  }
  return best(entries_, of_src_[s->second], true, tgt_words_, max);
}

std::vector<std::pair<std::string, double>> Lexicon::sources(std::string_view tgt_word,
                                                             std::size_t max) const {
  auto t = tgt_ids_.find(tgt_word);
  if (t == tgt_ids_.end()) {
    return {};
  }
  return best(entries_, of_tgt_[t->second], false, src_words_, max);
}

void Lexicon::set(std::string_view src_word, std::string_view tgt_word, double fwd, double bwd,
                  bool is_fixed) {
  std::uint32_t s = intern(src_words_, src_ids_, of_src_, src_word);
  std::uint32_t t = intern(tgt_words_, tgt_ids_, of_tgt_, tgt_word);
  auto [it, fresh] = pair_index_.try_emplace(static_cast<std::uint64_t>(s) << 32 | t,
                                             static_cast<std::uint32_t>(entries_.size()));
  Entry e{s, t, static_cast<float>(fwd), static_cast<float>(bwd), is_fixed};
  if (fresh) {
    entries_.push_back(e);
    of_src_[s].push_back(it->second);
    of_tgt_[t].push_back(it->second);
  } else {
    entries_[it->second] = e;
  }
}

void Lexicon::write(std::ostream& out) const {
  out << kMagic << '\t' << kVersion << '\t' << src_lang_.str() << '\t' << tgt_lang_.str() << '\n';
  out << "# source\ttarget\tp(target|source)\tp(source|target)\t[term]\n";
  std::vector<std::uint32_t> order(entries_.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    order[k] = static_cast<std::uint32_t>(k);
  }
  std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
    const Entry& x = entries_[a];
    const Entry& y = entries_[b];
    if (x.src != y.src) {
      return src_words_[x.src] < src_words_[y.src];
    }
    return tgt_words_[x.tgt] < tgt_words_[y.tgt];
  });
  char buf[64];
  for (std::uint32_t k : order) {
    const Entry& e = entries_[k];
    std::snprintf(buf, sizeof buf, "\t%.6g\t%.6g", static_cast<double>(e.forward),
                  static_cast<double>(e.backward));
    out << src_words_[e.src] << '\t' << tgt_words_[e.tgt] << buf << (e.fixed ? "\tterm\n" : "\n");
  }
}

Lexicon Lexicon::read(std::istream& in, std::string_view name) {
  Lexicon lex;
  std::uint64_t number = 0;
  auto fail = [&](const std::string& message) -> void {
    throw Error(ErrorKind::parse, message, SourceLocation{std::string(name), number});
  };
  bool header = false;
  detail::for_each_line(in, [&](std::uint64_t n, std::string_view text) {
    number = n;
    if (!header) {
      auto f = split_tabs(text);
      if (f.size() != 4 || f[0] != kMagic) {
        fail("not a termbridge lexicon: the first line must be '" + std::string(kMagic) +
             "<TAB>1<TAB>SOURCE_LANGUAGE<TAB>TARGET_LANGUAGE'");
      }
      if (f[1] != kVersion) {
        fail("lexicon format version " + quoted(f[1]) + " is not known (this build reads 1)");
      }
      auto src = LangTag::try_parse(f[2]);
      auto tgt = LangTag::try_parse(f[3]);
      if (!src || !tgt) {
        fail("bad language tag " + quoted(!src ? f[2] : f[3]));
      }
      lex.src_lang_ = *src;
      lex.tgt_lang_ = *tgt;
      header = true;
      return;
    }
    if (text.empty() || text.front() == '#') {
      return;
    }
    auto f = split_tabs(text);
    if (f.size() != 4 && f.size() != 5) {
      fail(
          "expected 4 or 5 tab-separated fields (source, target, p(target|source), "
          "p(source|target), [term]), found " +
          std::to_string(f.size()));
    }
    if (f[0].empty() || f[1].empty()) {
      fail("empty word");
    }
    double p[2];
    for (std::size_t k = 0; k < 2; ++k) {
      std::string_view v = f[2 + k];
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), p[k]);
      if (ec != std::errc{} || end != v.data() + v.size() || !(p[k] >= 0 && p[k] <= 1)) {
        fail("field " + std::to_string(3 + k) + ": " + quoted(v) +
             " is not a probability between 0 and 1");
      }
    }
    bool is_fixed = false;
    if (f.size() == 5) {
      if (f[4] != "term") {
        fail("field 5: expected 'term' or nothing, found " + quoted(f[4]));
      }
      is_fixed = true;
    }
    if (lex.find(f[0], f[1]) != nullptr) {
      fail("the pair " + quoted(f[0]) + " - " + quoted(f[1]) + " is given twice");
    }
    lex.set(f[0], f[1], p[0], p[1], is_fixed);
  });
  if (in.bad()) {
    throw Error(ErrorKind::io, "cannot read the lexicon",
                SourceLocation{std::string(name), number});
  }
  if (!header) {
    number = 1;
    fail("empty file: not a termbridge lexicon");
  }
  return lex;
}

}  // namespace termbridge::lexicon
