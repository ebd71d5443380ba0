#include "termbridge/glossary/termbase.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "termbridge/base/error.hpp"
#include "termbridge/text/ascii.hpp"

namespace termbridge::glossary {

std::string_view to_string(TermType type) {
  switch (type) {
    case TermType::full_form:
      return "fullForm";
    case TermType::acronym:
      return "acronym";
    case TermType::abbreviation:
      return "abbreviation";
    case TermType::short_form:
      return "shortForm";
    case TermType::variant:
      return "variant";
    case TermType::unspecified:
      break;
  }
  return "";
}

std::string_view to_string(TermStatus status) {
  switch (status) {
    case TermStatus::preferred:
      return "preferred";
    case TermStatus::admitted:
      return "admitted";
    case TermStatus::deprecated:
      return "deprecated";
    case TermStatus::forbidden:
      return "forbidden";
    case TermStatus::unspecified:
      break;
  }
  return "";
}

std::optional<TermType> parse_term_type(std::string_view s) {
  static const std::array<std::pair<std::string_view, TermType>, 12> kNames = {{
      {"fullform", TermType::full_form},
      {"full", TermType::full_form},
      {"full form", TermType::full_form},
      {"acronym", TermType::acronym},
      {"abbreviation", TermType::abbreviation},
      {"abbr", TermType::abbreviation},
      {"shortform", TermType::short_form},
      {"short", TermType::short_form},
      {"short form", TermType::short_form},
      {"variant", TermType::variant},
      {"spellingvariant", TermType::variant},
      {"", TermType::unspecified},
  }};
  std::string n = text::ascii_lower(s);
  for (const auto& [name, t] : kNames) {
    if (n == name) {
      return t;
    }
  }
  return std::nullopt;
}

std::optional<TermStatus> parse_term_status(std::string_view s) {
  static const std::array<std::pair<std::string_view, TermStatus>, 11> kNames = {{
      {"preferred", TermStatus::preferred},
      {"preferredterm-admn-sts", TermStatus::preferred},
      {"admitted", TermStatus::admitted},
      {"admittedterm-admn-sts", TermStatus::admitted},
      {"deprecated", TermStatus::deprecated},
      {"deprecatedterm-admn-sts", TermStatus::deprecated},
      {"forbidden", TermStatus::forbidden},
      {"supersededterm-admn-sts", TermStatus::forbidden},
      {"superseded", TermStatus::forbidden},
      {"notrecommended", TermStatus::deprecated},
      {"", TermStatus::unspecified},
  }};
  std::string n = text::ascii_lower(s);
  for (const auto& [name, st] : kNames) {
    if (n == name) {
      return st;
    }
  }
  return std::nullopt;
}

std::vector<const Term*> Concept::terms_in(const LangTag& lang) const {
  std::vector<const Term*> out;
  for (const auto& t : terms) {
    if (t.lang.matches(lang) || lang.matches(t.lang)) {
      out.push_back(&t);
    }
  }
  return out;
}

bool is_translation_only(const Term& term) {
  for (const Description& d : term.extra) {
    if (d.type == "projectSubset" && d.text == kTranslationOnly) {
      return true;
    }
  }
  return false;
}

const Term* Concept::preferred(const LangTag& lang) const {
  const Term* fallback = nullptr;
  for (const Term* t : terms_in(lang)) {
    if (t->text.empty()) {
      continue;
    }
    if (t->status == TermStatus::preferred) {
      return t;
    }
    if (!fallback && (t->status == TermStatus::admitted || t->status == TermStatus::unspecified)) {
      fallback = t;
    }
  }
  return fallback;
}

const LanguageInfo* Concept::language_info(const LangTag& lang) const {
  for (const auto& l : languages) {
    if (l.lang == lang) {
      return &l;
    }
  }
  return nullptr;
}

LanguageInfo& Concept::language_info_for(const LangTag& lang) {
  for (auto& l : languages) {
    if (l.lang == lang) {
      return l;
    }
  }
  return languages.emplace_back(LanguageInfo{lang, {}, {}});
}

std::vector<LangTag> TermBase::languages() const {
  std::set<LangTag> langs;
  for (const auto& c : concepts_) {
    for (const auto& t : c.terms) {
      langs.insert(t.lang);
    }
  }
  return {langs.begin(), langs.end()};
}

const Concept* TermBase::find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &concepts_[it->second];
}

Concept* TermBase::find(std::string_view id) {
  return const_cast<Concept*>(static_cast<const TermBase*>(this)->find(id));
}

void TermBase::reserve(std::size_t count) {
  concepts_.reserve(count);
  index_.reserve(count);
}

Concept& TermBase::add(Concept c) {
  if (c.id.empty()) {
    throw Error(ErrorKind::invalid_argument, "a concept needs an id");
  }
  if (find(c.id)) {
    throw Error(ErrorKind::invalid_argument, "concept id " + quoted(c.id) + " is already taken");
  }
  index_.emplace(c.id, concepts_.size());
  concepts_.push_back(std::move(c));
  return concepts_.back();
}

bool TermBase::remove(std::string_view id) {
  auto it = std::find_if(concepts_.begin(), concepts_.end(),
                         [&](const Concept& c) { return c.id == id; });
  if (it == concepts_.end()) {
    return false;
  }
  concepts_.erase(it);
  index_.clear();
  for (std::size_t i = 0; i < concepts_.size(); ++i) {
    index_.emplace(concepts_[i].id, i);
  }
  return true;
}

}  // namespace termbridge::glossary
