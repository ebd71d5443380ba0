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

bool ascii_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  });
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The demonym candidates of a place name, by the suffix rules of English: the name's ending
// decides which apply, and any that does not give a word is simply never found.
std::vector<std::string> demonyms(const std::string& name) {
  std::vector<std::string> out;
  auto strip = [&](std::size_t n) { return name.substr(0, name.size() - n); };
  char last = name.back();
  bool vowel = last == 'a' || last == 'e' || last == 'i' || last == 'o' || last == 'u';
  if (last == 'a') {
    out.push_back(name + "n");        // Korea → Korean, Russia → Russian, America → American
    out.push_back(strip(1) + "ese");  // China → Chinese
    out.push_back(strip(1) + "ian");  // Canada → Canadian
  } else if (last == 'y') {
    out.push_back(strip(1) + "ian");  // Italy → Italian
    out.push_back(strip(2) + "ish");  // Turkey → Turkish
  } else if (!vowel) {
    out.push_back(name + "ese");  // Japan → Japanese, Taiwan → Taiwanese
    out.push_back(name + "i");    // Iraq → Iraqi, Israel → Israeli, Pakistan → Pakistani
    out.push_back(name + "ian");  // Iran → Iranian, Egypt → Egyptian
    out.push_back(name + "ish");  // Ireland → Irelandish (no word: harmless)
    if (ends_with(name, "ain")) {
      out.push_back(strip(3) + "ish");  // Britain → British, Spain → Spanish
    }
    if (ends_with(name, "and")) {
      out.push_back(strip(3) + "ish");  // Poland → Polish
    }
    if (ends_with(name, "on")) {
      out.push_back(strip(2) + "ese");  // Lebanon → Lebanese
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> term_forms(const glossary::Term& term) {
  std::vector<std::string> out;
  if (term.lang.language() != "en" || term.type == glossary::TermType::acronym ||
      term.type == glossary::TermType::abbreviation) {
    return out;
  }
  std::string_view text = term.text;
  std::size_t space = text.find_last_of(" -");
  std::string_view head = space == std::string_view::npos ? "" : text.substr(0, space + 1);
  std::string last(space == std::string_view::npos ? text : text.substr(space + 1));
  if (!ascii_letters(last)) {
    return out;
  }
  if (last.size() >= 3 && last[0] >= 'A' && last[0] <= 'Z' && last[1] >= 'a' && last[1] <= 'z') {
    for (auto& form : demonyms(last)) {
      out.push_back(std::string(head) + form);
    }
  }
  std::string lower = text::ascii_lower(last);
  if (lower == "ministry") {
    // A ministry is named through its minister: 통일부 장관 is "Unification Minister".
    out.push_back(std::string(head) + (last[0] == 'M' ? "Minister" : "minister"));
  }
  if (ends_with(lower, "ation") && lower.size() >= 8) {
    // A noun in -ation names the act of its verb, which a translation may use instead:
    // "simulate" for simulation, "denuclearizing" for denuclearization.
    std::string stem = std::string(text.substr(0, text.size() - 5));
    bool ize = ends_with(stem, "iz") || ends_with(stem, "is");
    for (const char* ending : {"e", "es", "ed", "ing"}) {
      out.push_back(stem + (ize ? "" : "at") + ending);
    }
  }
  std::size_t first_end = text.find_first_of(" -");
  if ((lower == "weapon" || lower == "weapons" || lower == "arms") && first_end == space &&
      first_end != std::string_view::npos) {
    out.push_back(std::string(text.substr(0, first_end)) + "-armed");  // nuclear-armed
  }
  return out;
}

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

namespace {

// The target side takes every allowed translation, the ones kept for translations too.
glossary::MatchOptions target_side() {
  glossary::MatchOptions o;
  o.include_translation_only = true;
  return o;
}

glossary::MatchOptions every_hit() {
  glossary::MatchOptions o = target_side();
  o.longest_match_only = false;
  return o;
}

}  // namespace

Checker::Checker(const glossary::TermBase& terms, LangTag src_lang, LangTag tgt_lang,
                 CheckOptions options)
    : terms_(terms),
      src_lang_(std::move(src_lang)),
      tgt_lang_(std::move(tgt_lang)),
      options_(options),
      src_matcher_(terms, src_lang_),
      tgt_matcher_(terms, tgt_lang_, target_side()),
      tgt_every_matcher_(terms, tgt_lang_, every_hit()),
      forms_(forms_of(terms, tgt_lang_)),
      form_matcher_(forms_, tgt_lang_, target_side()) {}

glossary::TermBase Checker::forms_of(const glossary::TermBase& terms, const LangTag& lang) {
  glossary::TermBase forms;
  for (const glossary::Concept& c : terms.concepts()) {
    glossary::Concept variant;
    variant.id = c.id;
    for (const glossary::Term* t : c.terms_in(lang)) {
      if (t->status == glossary::TermStatus::forbidden ||
          t->status == glossary::TermStatus::deprecated) {
        continue;
      }
      for (auto& text : term_forms(*t)) {
        glossary::Term form = *t;
        form.text = std::move(text);
        form.type = glossary::TermType::variant;
        variant.terms.push_back(std::move(form));
      }
    }
    if (!variant.terms.empty()) {
      forms.add(std::move(variant));
    }
  }
  return forms;
}

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
  // A translation inside a longer target term counts too; forbidden terms are still told
  // by the longest match alone (a forbidden word inside an approved term is no finding).
  for (const auto& hit : tgt_every_matcher_.find(pair.target)) {
    const glossary::Concept* c = terms_.find(hit.concept_id);
    if (c && hit.term_index < c->terms.size() &&
        c->terms[hit.term_index].status != glossary::TermStatus::forbidden &&
        c->terms[hit.term_index].status != glossary::TermStatus::deprecated) {
      in_target.insert(hit.concept_id);
    }
  }
  if (!forms_.empty()) {
    for (const auto& hit : form_matcher_.find(pair.target)) {
      in_target.insert(hit.concept_id);  // "North Korean" names 북한 in another form
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
        // Over several files unit ids repeat: the first translation's file is named too.
        std::string in_file = !first.where.file.empty() && first.where.file != pair.where.file
                                  ? " of " + first.where.file
                                  : "";
        out.push_back({FindingKind::inconsistent, pair.id, pair.where,
                       "the same source was translated differently in unit '" + first.id + "'" +
                           in_file + ": '" + first.target + "'",
                       ""});
      }
    }
  }
  return out;
}

}  // namespace termbridge::qa
