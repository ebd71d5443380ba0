#include "termbridge/tm/fuzzy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"
#include "termbridge/text/decode.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/script.hpp"
#include "tm/edit_script.hpp"

namespace termbridge::tm {

namespace {

// Particles (and particle clusters) split off the end of an eojeol, longest first. Endings
// of verbs and adjectives are left alone: they change with the sentence, not the noun.
constexpr std::array<std::string_view, 48> kParticles = {
    "으로부터", "에서부터", "에게서는", "에서는", "에서도", "에서의", "으로는", "으로도",
    "으로서",   "으로써",   "에게는",   "에게도", "까지는", "까지도", "부터는", "이라는",
    "에서",     "으로",     "에게",     "한테",   "까지",   "부터",   "보다",   "처럼",
    "만큼",     "과의",     "와의",     "에는",   "에도",   "에의",   "이나",   "이며",
    "라는",     "로서",     "로써",     "로는",   "은",     "는",     "이",     "가",
    "을",       "를",       "의",       "에",     "도",     "로",     "와",     "과"};

// Particles whose form only follows the sound before them (은/는 after a consonant or a
// vowel): one key for both, so a changed noun does not count its particle as a second change.
std::string_view canonical_particle(std::string_view p) {
  if (p == "는") {
    return "은";
  }
  if (p == "가") {
    return "이";
  }
  if (p == "를") {
    return "을";
  }
  if (p == "와") {
    return "과";
  }
  if (p == "으로") {
    return "로";
  }
  return p;
}

std::size_t particle_length(std::string_view run) {
  for (std::string_view p : kParticles) {
    // The stem keeps at least one syllable (3 bytes).
    if (run.size() >= p.size() + 3 && run.substr(run.size() - p.size()) == p) {
      return p.size();
    }
  }
  return 0;
}

// Calls emit(begin, end, {}) for each character of key[b, e).
template <typename Emit>
void each_character(std::string_view key, std::size_t b, std::size_t e, Emit& emit) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(key.data());
  auto i = static_cast<std::int32_t>(b);
  while (static_cast<std::size_t>(i) < e) {
    auto start = static_cast<std::size_t>(i);
    U8_FWD_1(s, i, static_cast<std::int32_t>(e));
    emit(start, static_cast<std::size_t>(i), std::string_view());
  }
}

// Calls emit(begin, end, canonical) for each token of a normalized key, in bytes of the key;
// `canonical` is the token's key when it differs from the bytes (particle forms), else empty.
template <typename Emit>
void for_each_token(std::string_view key, KoreanTokens mode, Emit&& emit) {
  for (const auto& run : text::script_runs(key)) {
    std::size_t b = run.span.begin;
    std::size_t e = run.span.end;
    switch (run.script) {
      case text::Script::space:
        break;
      case text::Script::punct:
        each_character(key, b, e, emit);
        break;
      case text::Script::hangul:
        if (mode == KoreanTokens::syllables) {
          each_character(key, b, e, emit);
        } else if (mode == KoreanTokens::particles) {
          std::size_t p = particle_length(key.substr(b, e - b));
          if (p != 0) {
            emit(b, e - p, std::string_view());
            std::string_view particle = key.substr(e - p, p);
            std::string_view canon = canonical_particle(particle);
            emit(e - p, e, canon == particle ? std::string_view() : canon);
          } else {
            emit(b, e, std::string_view());
          }
        } else {
          emit(b, e, std::string_view());
        }
        break;
      default:
        emit(b, e, std::string_view());
        break;
    }
  }
}

std::uint32_t hash_token(std::string_view key) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char ch : key) {
    h ^= static_cast<unsigned char>(ch);
    h *= 1099511628211ULL;
  }
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::vector<std::uint32_t> hashes_of(const std::vector<Token>& tokens) {
  std::vector<std::uint32_t> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) {
    out.push_back(hash_token(t.key));
  }
  return out;
}

}  // namespace

KoreanTokens parse_korean_tokens(std::string_view name) {
  if (name == "eojeol") {
    return KoreanTokens::eojeol;
  }
  if (name == "particles") {
    return KoreanTokens::particles;
  }
  if (name == "syllables") {
    return KoreanTokens::syllables;
  }
  throw Error(ErrorKind::invalid_argument, "unknown Korean tokenization " +
                                               termbridge::quoted(name) +
                                               " (expected eojeol, particles or syllables)");
}

std::string_view to_string(KoreanTokens mode) {
  switch (mode) {
    case KoreanTokens::eojeol:
      return "eojeol";
    case KoreanTokens::particles:
      return "particles";
    case KoreanTokens::syllables:
      return "syllables";
  }
  return "particles";
}

std::vector<Token> tokenize(std::string_view utf8, KoreanTokens mode) {
  text::check_utf8(utf8, "text");
  auto key = text::match_key(utf8);
  std::vector<Token> tokens;
  for_each_token(key.text, mode, [&](std::size_t b, std::size_t e, std::string_view canon) {
    tokens.push_back(Token{key.original_span(Span{b, e}),
                           canon.empty() ? key.text.substr(b, e - b) : std::string(canon)});
  });
  return tokens;
}

std::vector<std::uint32_t> token_hashes(std::string_view utf8, KoreanTokens mode) {
  text::check_utf8(utf8, "text");
  std::string key = text::normalize(utf8, text::NormalForm::nfkc_cf);
  std::vector<std::uint32_t> out;
  for_each_token(key, mode, [&](std::size_t b, std::size_t e, std::string_view canon) {
    out.push_back(hash_token(canon.empty() ? std::string_view(key).substr(b, e - b) : canon));
  });
  return out;
}

namespace {

// The distance by the row-by-row table, over the shorter sequence.
std::size_t table_distance(const std::uint32_t* a, std::size_t na, const std::uint32_t* b,
                           std::size_t nb) {
  const std::uint32_t* s = na < nb ? a : b;  // the shorter one
  const std::uint32_t* l = na < nb ? b : a;
  const std::size_t ns = std::min(na, nb);
  const std::size_t nl = std::max(na, nb);
  std::vector<std::uint32_t> row(ns + 1);
  for (std::size_t j = 0; j <= ns; ++j) {
    row[j] = static_cast<std::uint32_t>(j);
  }
  for (std::size_t i = 1; i <= nl; ++i) {
    std::uint32_t diag = row[0];
    row[0] = static_cast<std::uint32_t>(i);
    for (std::size_t j = 1; j <= ns; ++j) {
      std::uint32_t up = row[j];
      std::uint32_t best = diag + (l[i - 1] == s[j - 1] ? 0U : 1U);
      best = std::min(best, up + 1);
      best = std::min(best, row[j - 1] + 1);
      row[j] = best;
      diag = up;
    }
  }
  return row[ns];
}

}  // namespace

TokenDistance::TokenDistance(std::vector<std::uint32_t> query) : query_(std::move(query)) {
  if (query_.empty() || query_.size() > 64) {
    return;
  }
  for (std::size_t i = 0; i < query_.size(); ++i) {
    masks_.emplace_back(query_[i], std::uint64_t{1} << i);
  }
  std::sort(masks_.begin(), masks_.end());
  std::size_t out = 0;
  for (std::size_t i = 0; i < masks_.size(); ++i) {
    if (out > 0 && masks_[out - 1].first == masks_[i].first) {
      masks_[out - 1].second |= masks_[i].second;
    } else {
      masks_[out++] = masks_[i];
    }
  }
  masks_.resize(out);
}

std::uint64_t TokenDistance::mask_of(std::uint32_t token) const {
  auto it = std::lower_bound(masks_.begin(), masks_.end(), token,
                             [](const auto& e, std::uint32_t t) { return e.first < t; });
  return it != masks_.end() && it->first == token ? it->second : 0;
}

std::size_t TokenDistance::operator()(const std::uint32_t* tokens, std::size_t count) const {
  if (masks_.empty()) {
    return table_distance(query_.data(), query_.size(), tokens, count);
  }
  // Columns of the table as bit vectors of vertical deltas (+1: pv, -1: mv) down the query;
  // the last row's value is tracked in `score`. The top row grows by one a column (global
  // distance), hence the 1 shifted into ph.
  const std::uint64_t high = std::uint64_t{1} << (query_.size() - 1);
  std::uint64_t pv = ~std::uint64_t{0};
  std::uint64_t mv = 0;
  std::size_t score = query_.size();
  for (std::size_t j = 0; j < count; ++j) {
    std::uint64_t eq = mask_of(tokens[j]);
    std::uint64_t xv = eq | mv;
    std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
    std::uint64_t ph = mv | ~(xh | pv);
    std::uint64_t mh = pv & xh;
    if ((ph & high) != 0) {
      ++score;
    } else if ((mh & high) != 0) {
      --score;
    }
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

std::size_t token_distance(const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b) {
  const auto& s = a.size() < b.size() ? a : b;
  const auto& l = a.size() < b.size() ? b : a;
  if (s.size() <= 64) {
    return TokenDistance(s)(l);
  }
  return table_distance(a.data(), a.size(), b.data(), b.size());
}

double score_from_distance(std::size_t distance, std::size_t len_a, std::size_t len_b) {
  std::size_t longest = std::max(len_a, len_b);
  if (longest == 0) {
    return 100.0;
  }
  double s = 100.0 * (1.0 - static_cast<double>(distance) / static_cast<double>(longest));
  return std::max(0.0, s);
}

double fuzzy_score(std::string_view query, std::string_view match, KoreanTokens mode) {
  if (query == match) {
    return 100.0;
  }
  auto q = token_hashes(query, mode);
  auto m = token_hashes(match, mode);
  std::size_t d = token_distance(q, m);
  if (d == 0) {
    return 99.0;
  }
  return score_from_distance(d, q.size(), m.size());
}

std::string_view to_string(DiffPart::Kind kind) {
  switch (kind) {
    case DiffPart::Kind::same:
      return "same";
    case DiffPart::Kind::changed:
      return "changed";
    case DiffPart::Kind::query_only:
      return "query_only";
    case DiffPart::Kind::match_only:
      return "match_only";
  }
  return "same";
}

std::vector<DiffPart> diff(std::string_view query, std::string_view match, KoreanTokens mode) {
  auto qt = tokenize(query, mode);
  auto mt = tokenize(match, mode);
  auto qh = hashes_of(qt);
  auto mh = hashes_of(mt);
  auto ops = edit_script(qh.size(), mh.size(),
                         [&](std::size_t i, std::size_t j) { return qh[i] == mh[j] ? 0 : 1; });
  std::vector<DiffPart> parts;
  std::size_t i = 0, j = 0;  // next query / match token
  // Where an empty span stands: after the previous token on that side.
  auto gap = [](const std::vector<Token>& t, std::size_t next) {
    std::size_t at = next == 0 ? (t.empty() ? 0 : t[0].span.begin) : t[next - 1].span.end;
    return Span{at, at};
  };
  for (std::size_t o = 0; o < ops.size();) {
    bool same = ops[o] == EditOp::same;
    std::size_t i0 = i, j0 = j;
    while (o < ops.size() && (ops[o] == EditOp::same) == same) {
      if (ops[o] != EditOp::del) {
        ++i;
      }
      if (ops[o] != EditOp::ins) {
        ++j;
      }
      ++o;
    }
    DiffPart part;
    part.query = i > i0 ? Span{qt[i0].span.begin, qt[i - 1].span.end} : gap(qt, i0);
    part.match = j > j0 ? Span{mt[j0].span.begin, mt[j - 1].span.end} : gap(mt, j0);
    if (same) {
      part.kind = DiffPart::Kind::same;
    } else if (i > i0 && j > j0) {
      part.kind = DiffPart::Kind::changed;
    } else if (i > i0) {
      part.kind = DiffPart::Kind::query_only;
    } else {
      part.kind = DiffPart::Kind::match_only;
    }
    parts.push_back(part);
  }
  return parts;
}

}  // namespace termbridge::tm
