#pragma once

// What the SQLite and the PostgreSQL memories share, so that both store the same hashes and
// token lists and score and rank alike: content hashes, token lists as bytes, the escaped
// props and notes fields, language matching, and the exact scoring of candidates.

#include <algorithm>
#include <charconv>
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
#include "termbridge/tm/memory.hpp"

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

// What an import stores of a unit beside its texts, worked out the same way by both backends:
// the document and alignment score (the unit's props x-document / x-align-score, else the
// import's), the other props and the notes as escaped lines, and the dates.
struct UnitFields {
  std::string document;
  // A plain double and a flag: GCC 12 warns on optional<double> here.
  bool has_score = false;
  double score = 0.0;
  std::string props;  // "type\tvalue\n" per prop, escaped
  std::string notes;  // one escaped line per note
  std::string_view created, changed;
};

// `now` is the date of a unit without one; `unit_number` (from 1, in the order read) names the
// unit in warnings: an x-align-score that is not a number is stored as no score, with a warning.
inline UnitFields unit_fields(const TranslationUnit& unit, const ImportOptions& options,
                              std::string_view now, std::uint64_t unit_number) {
  UnitFields f;
  f.document = options.document;
  f.has_score = options.align_score.has_value();
  f.score = options.align_score.value_or(0.0);
  for (const auto& p : unit.props) {
    if (p.type == "x-document") {
      f.document = p.value;
    } else if (p.type == "x-align-score") {
      // from_chars: the whole value, whatever the locale ("0.9x" is not 0.9).
      const char* end = p.value.data() + p.value.size();
      auto [at, ec] = std::from_chars(p.value.data(), end, f.score);
      f.has_score = ec == std::errc() && at == end && std::isfinite(f.score);
      if (!f.has_score && options.on_warning) {
        options.on_warning(
            unit_number,
            "x-align-score '" + p.value + "' is not a number; the unit is stored without a score");
      }
    } else {
      f.props += escape_field(p.type) + '\t' + escape_field(p.value) + '\n';
    }
  }
  for (const auto& n : unit.notes) {
    f.notes += escape_field(n) + '\n';
  }
  // A unit with only a change date was created no later than that.
  f.created = !unit.creation_date.empty() ? std::string_view(unit.creation_date)
              : !unit.change_date.empty() ? std::string_view(unit.change_date)
                                          : now;
  f.changed = unit.change_date.empty() ? f.created : std::string_view(unit.change_date);
  return f;
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

constexpr std::uint64_t kMaxPostingsRead = 400000;  // index entries read per lookup, at most

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

struct Entry {
  std::int64_t id;
  std::uint8_t len;
};

// Decodes an index entry list, calling f(id, len) in id order.
template <typename F>
void for_each_entry(std::string_view data, F&& f) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const auto* end = p + data.size();
  std::int64_t id = 0;
  while (p < end) {
    std::uint64_t delta = 0;
    int shift = 0;
    while (p < end && (*p & 0x80) != 0) {
      delta |= static_cast<std::uint64_t>(*p & 0x7f) << shift;
      shift += 7;
      ++p;
    }
    if (p >= end) {
      return;
    }
    delta |= static_cast<std::uint64_t>(*p) << shift;
    ++p;
    if (p >= end) {
      return;
    }
    id += static_cast<std::int64_t>(delta);
    f(id, *p);
    ++p;
  }
}

// The index entries an import adds, per token: entry lists in a flat open-addressing table
// (one probe per token of a unit; the standard hash maps cost a third of the import).
class PostingBuilder {
 public:
  struct List {
    std::uint32_t token = 0;
    std::uint64_t df = 0;
    std::int64_t last = 0;  // the last id added
    std::string data;       // entries delta-encoded from 0
  };

  // Adds unit `id` (ids ascending) with `len` tokens to the list of `token`; a token seen
  // twice in one unit is added once.
  void add(std::uint32_t token, std::int64_t id, std::uint8_t len) {
    List& l = list(token);
    if (l.df != 0 && l.last == id) {
      return;
    }
    put_varint(l.data, static_cast<std::uint64_t>(id - l.last));
    l.data.push_back(static_cast<char>(len));
    ++l.df;
    l.last = id;
  }

  // The lists, by token.
  std::vector<List>& sorted() {
    std::sort(lists_.begin(), lists_.end(),
              [](const List& a, const List& b) { return a.token < b.token; });
    table_.clear();
    return lists_;
  }

 private:
  static std::size_t slot_of(std::uint32_t token, std::size_t mask) {
    return static_cast<std::size_t>((token * 2654435769U) >> 7U) & mask;
  }
  List& list(std::uint32_t token) {
    if ((lists_.size() + 1) * 2 > table_.size()) {
      grow();
    }
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = slot_of(token, mask);; i = (i + 1) & mask) {
      std::uint32_t at = table_[i];
      if (at == 0) {
        lists_.push_back(List{token, 0, 0, {}});
        table_[i] = static_cast<std::uint32_t>(lists_.size());
        return lists_.back();
      }
      if (lists_[at - 1].token == token) {
        return lists_[at - 1];
      }
    }
  }
  void grow() {
    std::vector<std::uint32_t> table(std::max<std::size_t>(4096, table_.size() * 2), 0);
    const std::size_t mask = table.size() - 1;
    for (std::size_t k = 0; k < lists_.size(); ++k) {
      std::size_t i = slot_of(lists_[k].token, mask);
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = static_cast<std::uint32_t>(k + 1);
    }
    table_ = std::move(table);
  }

  std::vector<List> lists_;
  std::vector<std::uint32_t> table_;  // index + 1 into lists_, 0 for free
};

// Clears the lookup's per-id counts when it ends, also by an exception.
struct SlotsClear {
  std::vector<std::uint16_t>& slots;
  const std::vector<std::uint32_t>& touched;
  SlotsClear(std::vector<std::uint16_t>& s, const std::vector<std::uint32_t>& t)
      : slots(s), touched(t) {}
  SlotsClear(const SlotsClear&) = delete;
  SlotsClear& operator=(const SlotsClear&) = delete;
  ~SlotsClear() {
    for (std::uint32_t id : touched) {
      slots[id] = 0;
    }
  }
};

// A unit found through the index: its id, the query tokens it shares (as far as they were
// read) and its token count (capped at 255).
struct Candidate {
  std::int64_t id;
  std::uint32_t shared;
  std::uint32_t len;
};

// The candidates of a lookup through the index, best `keep` first (docs/DESIGN.md,
// "Translation memory", Index): `grams` are (frequency, token) of the query's distinct tokens
// found in the index, rarest first; the first `prefix` of them create candidates of `lo` to
// `hi` tokens, the others, while the budget of kMaxPostingsRead entries lasts, add to their
// counts. `read_list(token, consume)` calls consume(data) with the token's entry list.
// `slots` is zero before and after (one entry per unit id). `complete` tells whether every
// list was read, so that the shared counts are exact.
template <typename ReadList>
std::vector<Candidate> index_candidates(
    const std::vector<std::pair<std::int64_t, std::uint32_t>>& grams, std::size_t prefix,
    std::size_t n, std::size_t lo, std::size_t hi, std::size_t keep,
    std::vector<std::uint16_t>& slots, ReadList&& read_list, bool& complete) {
  // Counts per unit id in a dense array (kept between lookups, cleared by the ids touched):
  // no sorting or merging of entry lists.
  std::vector<std::uint32_t> touched;
  SlotsClear clear{slots, touched};
  std::uint64_t read = 0;
  std::size_t g = 0;
  for (; g < prefix; ++g) {
    if (g > 0 && read + static_cast<std::uint64_t>(grams[g].first) > kMaxPostingsRead) {
      break;
    }
    read_list(grams[g].second, [&](std::string_view data) {
      for_each_entry(data, [&](std::int64_t id, std::uint8_t len) {
        if (len < lo || (len > hi && len != 255)) {
          return;
        }
        auto i = static_cast<std::size_t>(id);
        if (i >= slots.size()) {
          slots.resize(i + i / 4 + 1024, 0);
        }
        std::uint16_t& slot = slots[i];
        if (slot == 0) {
          touched.push_back(static_cast<std::uint32_t>(i));
          slot = static_cast<std::uint16_t>(1U << 8 | len);
        } else if (slot < 0xff00) {
          slot = static_cast<std::uint16_t>(slot + 0x100);
        }
      });
    });
    read += static_cast<std::uint64_t>(grams[g].first);
  }
  // The more common tokens refine the counts of the candidates only.
  complete = g == prefix;
  for (; g < grams.size() && !touched.empty(); ++g) {
    if (read + static_cast<std::uint64_t>(grams[g].first) > kMaxPostingsRead) {
      complete = false;
      break;
    }
    read_list(grams[g].second, [&](std::string_view data) {
      const std::size_t size = slots.size();
      for_each_entry(data, [&](std::int64_t id, std::uint8_t) {
        auto i = static_cast<std::size_t>(id);
        if (i < size && slots[i] != 0 && slots[i] < 0xff00) {
          slots[i] = static_cast<std::uint16_t>(slots[i] + 0x100);
        }
      });
    });
    read += static_cast<std::uint64_t>(grams[g].first);
  }
  complete = complete && g == grams.size();

  std::vector<Candidate> cands;
  cands.reserve(touched.size());
  for (std::uint32_t id : touched) {
    std::uint32_t slot = slots[id];
    cands.push_back(Candidate{id, slot >> 8U, slot & 0xffU});
  }

  // Rank by shared tokens relative to both lengths (Dice), then closeness of length.
  auto rank = [n](const Candidate& c) { return 2.0 * c.shared / static_cast<double>(n + c.len); };
  keep = std::min(cands.size(), keep);
  std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), cands.end(),
                    [&](const Candidate& a, const Candidate& b) {
                      double ra = rank(a), rb = rank(b);
                      if (ra != rb) {
                        return ra > rb;
                      }
                      return a.id < b.id;
                    });
  cands.resize(keep);
  return cands;
}

}  // namespace termbridge::tm::detail
