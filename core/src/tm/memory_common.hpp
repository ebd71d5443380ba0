#pragma once

// What the SQLite and the PostgreSQL memories share, so that both store the same hashes and
// token lists and score and rank alike: content hashes, token lists as bytes, the escaped
// props and notes fields, language matching, and the exact scoring of candidates.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/base/lang.hpp"
#include "termbridge/tm/fuzzy.hpp"

namespace termbridge::tm::detail {

inline std::uint64_t fnv64(std::uint64_t h, std::string_view s) {
  for (char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ULL;
  }
  h ^= 0xff;  // field separator, so ("ab","c") and ("a","bc") differ
  h *= 1099511628211ULL;
  return h;
}

inline std::int64_t content_hash(std::string_view src_lang, std::string_view tgt_lang,
                                 std::string_view src, std::string_view tgt) {
  std::uint64_t h = 1469598103934665603ULL;
  h = fnv64(h, src_lang);
  h = fnv64(h, tgt_lang);
  h = fnv64(h, src);
  h = fnv64(h, tgt);
  return static_cast<std::int64_t>(h);
}

// A part's hash: apart from units' hashes, so that a unit with the same texts as a part is
// still stored (nothing imported is lost) and a part never stands in for a unit.
inline std::int64_t part_hash(std::string_view src_lang, std::string_view tgt_lang,
                              std::string_view src, std::string_view tgt) {
  std::uint64_t h = fnv64(1469598103934665603ULL, "part");
  h = fnv64(h, src_lang);
  h = fnv64(h, tgt_lang);
  h = fnv64(h, src);
  h = fnv64(h, tgt);
  return static_cast<std::int64_t>(h);
}

inline std::string encode_tokens(const std::vector<std::uint32_t>& tokens) {
  std::string out(tokens.size() * 4, '\0');
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (int b = 0; b < 4; ++b) {
      out[i * 4 + static_cast<std::size_t>(b)] = static_cast<char>((tokens[i] >> (8 * b)) & 0xff);
    }
  }
  return out;
}

inline void decode_tokens(std::string_view blob, std::vector<std::uint32_t>& out) {
  out.resize(blob.size() / 4);
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint32_t>(p[i * 4]) | static_cast<std::uint32_t>(p[i * 4 + 1]) << 8 |
             static_cast<std::uint32_t>(p[i * 4 + 2]) << 16 |
             static_cast<std::uint32_t>(p[i * 4 + 3]) << 24;
  }
}

inline std::string escape_field(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

inline std::string unescape_field(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 't' ? '\t' : n == 'n' ? '\n' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Lines of escaped fields; each line holds `fields` fields separated by tabs.
inline std::vector<std::vector<std::string>> split_records(std::string_view s) {
  std::vector<std::vector<std::string>> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      nl = s.size();
    }
    std::string_view line = s.substr(start, nl - start);
    std::vector<std::string> fields;
    std::size_t f = 0;
    while (true) {
      std::size_t tab = line.find('\t', f);
      fields.push_back(
          unescape_field(line.substr(f, tab == std::string_view::npos ? tab : tab - f)));
      if (tab == std::string_view::npos) {
        break;
      }
      f = tab + 1;
    }
    out.push_back(std::move(fields));
    start = nl + 1;
  }
  return out;
}

// `cache` holds answers for one `want`.
inline bool lang_ok(const LangTag& want, std::string_view have,
                    std::map<std::string, bool, std::less<>>& cache) {
  if (want.empty()) {
    return true;
  }
  auto it = cache.find(have);
  if (it != cache.end()) {
    return it->second;
  }
  auto tag = LangTag::try_parse(have);
  // Either way round: a memory of "en" serves "en-US" and the other way.
  bool ok = tag && (tag->matches(want) || want.matches(*tag));
  cache.emplace(std::string(have), ok);
  return ok;
}

// The exact score of a stored unit from its token hashes; the source text is read only to
// tell 100 (identical) from 99 (equal tokens).
struct Scorer {
  std::function<std::string(std::int64_t)> source_text;
  std::string_view query;
  TokenDistance distance;
  std::size_t n;  // query tokens
  std::vector<std::uint32_t> tokens;

  double score(std::int64_t id, std::string_view blob) {
    decode_tokens(blob, tokens);
    std::size_t d = distance(tokens);
    if (d == 0) {
      return source_text(id) == query ? 100.0 : 99.0;
    }
    return score_from_distance(d, n, tokens.size());
  }
};

// Token-count bounds a unit must meet to reach `threshold`: the distance is at least the
// length difference, so |n - m| <= (1 - t) * max(n, m).
inline std::pair<std::size_t, std::size_t> length_bounds(std::size_t n, double threshold) {
  double t = std::clamp(threshold / 100.0, 0.0, 1.0);
  if (t <= 0.0) {
    return {0, SIZE_MAX};
  }
  auto lo = static_cast<std::size_t>(std::ceil(static_cast<double>(n) * t - 1e-9));
  auto hi = static_cast<std::size_t>(std::floor(static_cast<double>(n) / t + 1e-9));
  return {lo, hi};
}

// The best `k` scores seen so far, to skip candidates that cannot enter the top k.
class TopScores {
 public:
  explicit TopScores(std::size_t k) : k_(k) {}
  void add(double s) {
    best_.insert(std::upper_bound(best_.begin(), best_.end(), s, std::greater<>()), s);
    if (best_.size() > k_) {
      best_.pop_back();
    }
  }
  // True when a unit scoring at most `bound` cannot be among the top k (ties may: a lower
  // id wins them).
  bool excludes(double bound) const { return best_.size() >= k_ && bound < best_.back(); }

 private:
  std::size_t k_;
  std::vector<double> best_;  // descending
};

// How many of the query's distinct tokens, rarest first, hold every unit that can reach
// `threshold` (prefix filtering): such a unit shares at least `need` tokens with the query
// (distance <= (1 - t) * max(n, m) and m <= n / t), so it holds one of the distinct - need + 1
// rarest.
inline std::size_t prefix_tokens(std::size_t n, std::size_t distinct, double threshold) {
  double t = std::clamp(threshold / 100.0, 0.01, 1.0);
  double min_shared = static_cast<double>(n) - (1.0 - t) * static_cast<double>(n) / t;
  auto need_all = static_cast<std::int64_t>(std::ceil(min_shared - 1e-9)) -
                  static_cast<std::int64_t>(n - distinct);
  std::size_t need = static_cast<std::size_t>(std::max<std::int64_t>(1, need_all));
  return distinct >= need ? distinct - need + 1 : distinct;
}

}  // namespace termbridge::tm::detail
