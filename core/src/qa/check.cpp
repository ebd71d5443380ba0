#include "termbridge/qa/check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "termbridge/text/ascii.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/numbers.hpp"

namespace termbridge::qa {

namespace {

std::string format_number(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

// The comparison key of a text for consistency: NFKC case-folded, spaces collapsed.
std::string consistency_key(std::string_view s) {
  return text::collapse_spaces(text::normalize(s, text::NormalForm::nfkc_cf));
}

bool has_letters(std::string_view s) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(FindingKind kind) {
  switch (kind) {
    case FindingKind::missing_term:
      return "missing-term";
    case FindingKind::forbidden_term:
      return "forbidden-term";
    case FindingKind::inconsistent:
      return "inconsistent";
    case FindingKind::number_mismatch:
      return "number-mismatch";
    case FindingKind::untranslated:
      return "untranslated";
    case FindingKind::same_as_source:
      return "same-as-source";
  }
  return "?";
}

Checker::Checker(const glossary::TermBase& terms, LangTag src_lang, LangTag tgt_lang,
                 CheckOptions options)
    : terms_(terms),
      src_lang_(std::move(src_lang)),
      tgt_lang_(std::move(tgt_lang)),
      options_(options),
      src_matcher_(terms, src_lang_),
      tgt_matcher_(terms, tgt_lang_) {}

void Checker::check_terms(const Pair& pair, std::vector<Finding>& out) const {
  auto src_hits = src_matcher_.find(pair.source);
  auto tgt_hits = tgt_matcher_.find(pair.target);
  std::set<std::string> in_target;  // concepts named in the target by an allowed term
  for (const auto& hit : tgt_hits) {
    const glossary::Concept* c = terms_.find(hit.concept_id);
    if (!c || hit.term_index >= c->terms.size()) {
      continue;
    }
    const glossary::Term& term = c->terms[hit.term_index];
    if (term.status == glossary::TermStatus::forbidden ||
        term.status == glossary::TermStatus::deprecated) {
      std::string message = "'" + std::string(hit.surface) + "' is a " +
                            std::string(glossary::to_string(term.status)) + " term";
      if (const glossary::Term* good = c->preferred(tgt_lang_)) {
        message += "; use '" + good->text + "'";
      }
      out.push_back({FindingKind::forbidden_term, pair.id, pair.where, message, c->id});
    } else {
      in_target.insert(hit.concept_id);
    }
  }
  std::set<std::string> reported;
  for (const auto& hit : src_hits) {
    if (in_target.count(hit.concept_id) || !reported.insert(hit.concept_id).second) {
      continue;
    }
    const glossary::Concept* c = terms_.find(hit.concept_id);
    if (!c) {
      continue;
    }
    const glossary::Term* good = c->preferred(tgt_lang_);
    if (!good) {
      continue;  // the term base has no translation to ask for
    }
    // Any allowed target term of the concept would have been found above; name the preferred.
    std::string message = "source term '" + std::string(hit.surface) + "' (" + c->id +
                          ") is not translated with an approved term; expected '" + good->text +
                          "'";
    out.push_back({FindingKind::missing_term, pair.id, pair.where, message, c->id});
  }
}

void Checker::check_numbers(const Pair& pair, std::vector<Finding>& out) const {
  auto src = text::find_numbers(pair.source);
  auto tgt = text::find_numbers(pair.target);
  auto contains = [](const std::vector<text::NumberMention>& list, double v, bool spelled_ok) {
    return std::any_of(list.begin(), list.end(), [&](const text::NumberMention& n) {
      return (spelled_ok || !n.spelled) && text::same_number(n.value, v);
    });
  };
  std::vector<std::string> missing;
  std::vector<std::string> extra;
  for (const auto& n : src) {
    // Digits in the source must reach the target, in digits or in words ("fifth", "December").
    if (!n.spelled && !contains(tgt, n.value, true)) {
      std::string v = format_number(n.value);
      if (std::find(missing.begin(), missing.end(), v) == missing.end()) {
        missing.push_back(v);
      }
    }
  }
  for (const auto& n : tgt) {
    if (!n.spelled && !contains(src, n.value, true)) {
      std::string v = format_number(n.value);
      if (std::find(extra.begin(), extra.end(), v) == extra.end()) {
        extra.push_back(v);
      }
    }
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) {
      s += s.empty() ? "" : ", ";
      s += x;
    }
    return s;
  };
  if (!missing.empty()) {
    out.push_back({FindingKind::number_mismatch, pair.id, pair.where,
                   "number " + join(missing) + " of the source is not in the target", ""});
  }
  if (!extra.empty()) {
    out.push_back({FindingKind::number_mismatch, pair.id, pair.where,
                   "number " + join(extra) + " of the target is not in the source", ""});
  }
}

std::vector<Finding> Checker::check(const std::vector<Pair>& pairs) const {
  std::vector<Finding> out;
  // First translation seen for each source key, to report later different ones.
  std::unordered_map<std::string, std::size_t> first_seen;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const Pair& pair = pairs[i];
    bool empty_target = consistency_key(pair.target).empty();
    if (options_.empty && empty_target) {
      if (!consistency_key(pair.source).empty()) {
        out.push_back({FindingKind::untranslated, pair.id, pair.where, "the target is empty", ""});
      }
      continue;  // nothing else to check in an empty target
    }
    if (options_.empty && has_letters(pair.source) &&
        consistency_key(pair.source) == consistency_key(pair.target)) {
      out.push_back({FindingKind::same_as_source, pair.id, pair.where,
                     "the target is a copy of the source", ""});
      continue;
    }
    if (options_.terms) {
      check_terms(pair, out);
    }
    if (options_.numbers) {
      check_numbers(pair, out);
    }
    if (options_.consistency) {
      std::string key = consistency_key(pair.source);
      auto [it, fresh] = first_seen.emplace(key, i);
      if (!fresh && consistency_key(pairs[it->second].target) != consistency_key(pair.target)) {
        const Pair& first = pairs[it->second];
        out.push_back({FindingKind::inconsistent, pair.id, pair.where,
                       "the same source was translated differently in unit '" + first.id + "': '" +
                           first.target + "'",
                       ""});
      }
    }
  }
  return out;
}

}  // namespace termbridge::qa
