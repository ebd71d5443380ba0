#include "termbridge/tm/repair.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

#include <unicode/utf8.h>

#include "termbridge/base/error.hpp"
#include "tm/edit_script.hpp"

namespace termbridge::tm {

namespace {

// A text as a sequence of units for alignment: each term hit is one unit standing for its
// concept; the tokens outside hits are units of their own.
struct Unit {
  std::uint32_t key;  // hash of the token key, or of the concept id for terms
  int term = -1;      // index into the term list, -1 for ordinary tokens
};

std::uint32_t hash_str(std::string_view s, std::uint32_t seed) {
  std::uint32_t h = 2166136261u ^ seed;
  for (char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 16777619u;
  }
  return h;
}

void check_spans(const std::vector<TermSpan>& terms, std::string_view text, const char* what) {
  for (const auto& t : terms) {
    if (t.span.begin > t.span.end || t.span.end > text.size()) {
      throw Error(ErrorKind::invalid_argument,
                  std::string("term span of ") + termbridge::quoted(t.concept_id) +
                      " lies outside the " + what + " (" + std::to_string(t.span.begin) + "-" +
                      std::to_string(t.span.end) + " of " + std::to_string(text.size()) +
                      " bytes)");
    }
  }
}

std::vector<Unit> units_of(std::string_view text, std::vector<TermSpan> terms, KoreanTokens mode,
                           std::vector<TermSpan>& sorted_terms) {
  std::sort(terms.begin(), terms.end(),
            [](const TermSpan& a, const TermSpan& b) { return a.span.begin < b.span.begin; });
  // Overlapping hits: keep the first (a matcher with longest-match gives none).
  sorted_terms.clear();
  for (auto& t : terms) {
    if (sorted_terms.empty() || t.span.begin >= sorted_terms.back().span.end) {
      sorted_terms.push_back(std::move(t));
    }
  }
  std::vector<Unit> units;
  std::size_t k = 0;
  for (const auto& tok : tokenize(text, mode)) {
    while (k < sorted_terms.size() && sorted_terms[k].span.end <= tok.span.begin) {
      ++k;
    }
    if (k < sorted_terms.size() && tok.span.begin < sorted_terms[k].span.end &&
        tok.span.end > sorted_terms[k].span.begin) {
      // A token inside (or overlapping) a term: the term stands once for all its tokens.
      if (units.empty() || units.back().term != static_cast<int>(k)) {
        units.push_back(Unit{hash_str(sorted_terms[k].concept_id, 0x7e7e), static_cast<int>(k)});
      }
      continue;
    }
    units.push_back(Unit{hash_str(tok.key, 0), -1});
  }
  return units;
}

// The particle after a replaced Korean term, in the form the new term's last sound takes
// (핵협의그룹은 -> 한미안보협의회의는). Returns the bytes of `rest` to use instead of the
// particle at its start, or nullopt to leave `rest` as it is.
std::optional<std::pair<std::size_t, std::string_view>> particle_for(std::string_view term,
                                                                     std::string_view rest) {
  if (term.empty()) {
    return std::nullopt;
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(term.data());
  auto i = static_cast<std::int32_t>(term.size());
  UChar32 c;
  U8_PREV(s, 0, i, c);
  if (c < 0xAC00 || c > 0xD7A3) {
    return std::nullopt;  // not ending in a Hangul syllable: nothing to choose by
  }
  int final_consonant = (c - 0xAC00) % 28;  // 0: ends in a vowel; 8: ends in ㄹ
  struct Forms {
    std::string_view after_consonant, after_vowel;
  };
  static constexpr Forms kForms[] = {{"은", "는"}, {"이", "가"}, {"을", "를"}, {"과", "와"}};
  // The particle must close the eojeol (what follows is not Hangul), or be 과의/와의.
  auto closes = [&](std::size_t len) {
    if (rest.size() == len || rest.substr(len, 3) == "의") {
      return true;
    }
    const auto* r = reinterpret_cast<const std::uint8_t*>(rest.data());
    auto j = static_cast<std::int32_t>(len);
    UChar32 next;
    U8_NEXT(r, j, static_cast<std::int32_t>(rest.size()), next);
    return next < 0xAC00 || next > 0xD7A3;
  };
  for (const auto& f : kForms) {
    for (std::string_view form : {f.after_consonant, f.after_vowel}) {
      if (rest.substr(0, form.size()) == form && closes(form.size())) {
        return std::make_pair(form.size(),
                              final_consonant != 0 ? f.after_consonant : f.after_vowel);
      }
    }
  }
  for (std::string_view form : {std::string_view("으로"), std::string_view("로")}) {
    if (rest.substr(0, form.size()) == form && closes(form.size())) {
      bool bare = final_consonant == 0 || final_consonant == 8;
      return std::make_pair(form.size(), bare ? std::string_view("로") : std::string_view("으로"));
    }
  }
  return std::nullopt;
}

// A term against a word costs as much as deleting one and inserting the other, so the
// alignment pairs differing terms with each other and words with words.
std::vector<EditOp> align(const std::vector<Unit>& q, const std::vector<Unit>& m) {
  return edit_script(q.size(), m.size(), [&](std::size_t i, std::size_t j) {
    if (q[i].key == m[j].key) {
      return 0;
    }
    return (q[i].term >= 0) == (m[j].term >= 0) ? 1 : 2;
  });
}

}  // namespace

std::optional<RepairedMatch> repair_match(const RepairInput& in) {
  check_spans(in.query_terms, in.query, "query");
  check_spans(in.source_terms, in.source, "match source");
  check_spans(in.target_terms, in.target, "match target");

  std::vector<TermSpan> qterms, sterms;
  auto q = units_of(in.query, in.query_terms, in.korean_tokens, qterms);
  auto s = units_of(in.source, in.source_terms, in.korean_tokens, sterms);
  auto ops = align(q, s);

  struct Pair {
    int source_term;
    int query_term;
  };
  std::vector<Pair> pairs;
  std::size_t other = 0;  // differing units that are not a term-for-term change
  std::size_t i = 0, j = 0;
  for (EditOp op : ops) {
    switch (op) {
      case EditOp::same:
        ++i;
        ++j;
        break;
      case EditOp::sub:
        if (q[i].term >= 0 && s[j].term >= 0) {
          pairs.push_back({s[j].term, q[i].term});
        } else if (q[i].term >= 0 || s[j].term >= 0) {
          return std::nullopt;  // a term against ordinary words: no safe replacement
        } else {
          ++other;
        }
        ++i;
        ++j;
        break;
      case EditOp::ins:
        ++other;
        ++i;
        break;
      case EditOp::del:
        ++other;
        ++j;
        break;
    }
  }
  if (pairs.empty()) {
    return std::nullopt;
  }

  // Each replaced source term is found in the target by its concept: the n-th occurrence in
  // the source is the n-th in the target, and the counts must agree.
  std::vector<TermSpan> tterms = in.target_terms;
  std::sort(tterms.begin(), tterms.end(),
            [](const TermSpan& a, const TermSpan& b) { return a.span.begin < b.span.begin; });
  auto occurrences = [](const std::vector<TermSpan>& terms, const std::string& id) {
    std::vector<std::size_t> at;
    for (std::size_t k = 0; k < terms.size(); ++k) {
      if (terms[k].concept_id == id) {
        at.push_back(k);
      }
    }
    return at;
  };
  RepairedMatch result;
  for (const auto& p : pairs) {
    const auto& old_id = sterms[static_cast<std::size_t>(p.source_term)].concept_id;
    const auto& new_id = qterms[static_cast<std::size_t>(p.query_term)].concept_id;
    auto approved = in.approved_targets.find(new_id);
    if (approved == in.approved_targets.end() || approved->second.empty()) {
      return std::nullopt;
    }
    auto in_source = occurrences(sterms, old_id);
    auto in_target = occurrences(tterms, old_id);
    if (in_source.size() != in_target.size()) {
      return std::nullopt;
    }
    auto nth = static_cast<std::size_t>(
        std::find(in_source.begin(), in_source.end(), static_cast<std::size_t>(p.source_term)) -
        in_source.begin());
    result.replacements.push_back(
        Replacement{old_id, new_id, tterms[in_target[nth]].span, approved->second});
  }

  std::sort(result.replacements.begin(), result.replacements.end(),
            [](const Replacement& a, const Replacement& b) {
              return a.target_span.begin < b.target_span.begin;
            });
  std::size_t pos = 0;
  for (std::size_t k = 0; k < result.replacements.size(); ++k) {
    const auto& r = result.replacements[k];
    if (k > 0 && r.target_span.begin < result.replacements[k - 1].target_span.end) {
      return std::nullopt;  // two replacements on one target span
    }
    result.target.append(in.target.substr(pos, r.target_span.begin - pos));
    result.target.append(r.text);
    pos = r.target_span.end;
    if (auto p = particle_for(r.text, in.target.substr(pos))) {
      result.target.append(p->second);
      pos += p->first;
    }
  }
  result.target.append(in.target.substr(pos));

  // Score on the aligned units, counting the replaced terms as equal.
  double longest = static_cast<double>(std::max(q.size(), s.size()));
  double base = longest == 0 ? 100.0 : 100.0 * (1.0 - static_cast<double>(other) / longest);
  result.only_terms_differed = other == 0;
  result.score = std::max(0.0, base - static_cast<double>(result.replacements.size()));
  return result;
}

}  // namespace termbridge::tm
