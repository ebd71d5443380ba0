#pragma once

// The term-base model, concept-oriented as in TBX (ISO 30042).
//
// Concept: one idea ("the Nuclear Consultative Group") with an id and, per language, the
//   terms that name it. Term: one designation in one language ("NCG", "핵협의그룹") with its
//   type and usage status. TermBase: the concepts of one glossary, in file order.
// Formats (TBX, CSV, TSV) are read and written by termbridge::io; this model knows none.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "termbridge/base/lang.hpp"

namespace termbridge::glossary {

enum class TermType {
  full_form,     // "Nuclear Consultative Group"
  acronym,       // "NCG" (TBX termType acronym / abbreviation)
  abbreviation,  // "Gen." ; written as TBX "abbreviation"
  short_form,    // "Consultative Group"
  variant,       // a spelling or spacing variant: "핵 협의 그룹"
  unspecified,
};

enum class TermStatus {
  preferred,   // TBX administrativeStatus preferredTerm-admn-sts
  admitted,    // admittedTerm-admn-sts
  deprecated,  // deprecatedTerm-admn-sts: known, not to be used
  forbidden,   // supersededTerm-admn-sts / "forbidden": a wrong rendering that QA flags
  unspecified,
};

std::string_view to_string(TermType type);      // "fullForm", "acronym", ... (TBX values)
std::string_view to_string(TermStatus status);  // "preferred", "admitted", ...
// Accept TBX values ("fullForm", "preferredTerm-admn-sts"), short names ("preferred",
// "full"), any case. nullopt for anything else.
std::optional<TermType> parse_term_type(std::string_view s);
std::optional<TermStatus> parse_term_status(std::string_view s);

// A data category the model has no field for, kept as the file had it: at concept level
// Pontoon's <descrip type="context"> (a sentence using the term); at term level a
// termbase's own termNotes (termId, createdBy) or TBX-Min's customerSubset.
struct Description {
  std::string type;  // the TBX data category: "context", "termId", ...
  std::string text;
  std::string element;  // the TBX element it came in: "descrip", "termNote", "admin"; empty
                        // when unknown (TBX DCT, CSV): the writer picks by the type
  friend bool operator==(const Description&, const Description&) = default;
};

struct Term {
  std::string text;  // NFC UTF-8; empty only for a slot a TBX file left blank (<term/>)
  LangTag lang;
  TermType type = TermType::unspecified;
  TermStatus status = TermStatus::unspecified;
  std::string part_of_speech;  // "noun", "verb", ... or empty
  std::string note;
  std::vector<Description> extra;  // other term-level data categories, in file order
  friend bool operator==(const Term&, const Term&) = default;
};

// The project subset (TBX admin "projectSubset") of a term that is right as a translation of
// its concept but too common a word to stand for the concept where it is found: "security"
// translates 안보, yet most "security" in English news is 보안 or 치안. Such a term is accepted
// in a translation and shown as one, and never spotted in text on its own.
inline constexpr std::string_view kTranslationOnly = "translation-only";
bool is_translation_only(const Term& term);

// What a concept has in one language besides its terms: TBX keeps a definition or note in a
// <langSet>, and tools such as Pontoon write a different one per language (an English
// definition in the en-US langSet only). Not a conflict with the concept-wide definition.
struct LanguageInfo {
  LangTag lang;
  std::string definition;
  std::vector<std::string> notes;
  friend bool operator==(const LanguageInfo&, const LanguageInfo&) = default;
};

struct Concept {
  std::string id;  // unique in its term base
  std::string domain;
  std::string definition;  // concept-wide (TBX: at entry level)
  std::vector<std::string> notes;
  std::vector<Term> terms;  // in file order; the first preferred term of a language leads
  std::vector<LanguageInfo> languages;    // per-language definitions and notes, one per language
  std::vector<Description> descriptions;  // other data categories, in file order

  // The per-language data of `lang` (exact tag), or nullptr.
  const LanguageInfo* language_info(const LangTag& lang) const;
  // The same, created empty at the end when missing.
  LanguageInfo& language_info_for(const LangTag& lang);

  // The terms of one language (matched as LangTag::matches does), in order.
  std::vector<const Term*> terms_in(const LangTag& lang) const;
  // The term to show as the translation in `lang`: the first preferred, else the first
  // admitted or unspecified; never a deprecated or forbidden one, nor an empty one (a slot
  // a tool left blank). nullptr when none.
  const Term* preferred(const LangTag& lang) const;
  friend bool operator==(const Concept&, const Concept&) = default;
};

class TermBase {
 public:
  // Title and description, as TBX headers carry them (may be empty).
  std::string title;
  std::string source_desc;
  // The TBX root's xml:lang as written ("en-US"), kept so an empty term base still says its
  // language; empty when the file had none (CSV/TSV).
  std::string source_lang;

  const std::vector<Concept>& concepts() const noexcept { return concepts_; }
  std::size_t size() const noexcept { return concepts_.size(); }
  bool empty() const noexcept { return concepts_.empty(); }

  // The languages used by any term, sorted.
  std::vector<LangTag> languages() const;

  const Concept* find(std::string_view id) const;
  Concept* find(std::string_view id);
  // Adds a concept; throws Error(invalid_argument) when its id is already taken or empty.
  Concept& add(Concept c);
  // Makes room for `count` concepts in all, so that adding them moves none.
  void reserve(std::size_t count);
  // Removes a concept by id; returns false when there is none.
  bool remove(std::string_view id);

 private:
  std::vector<Concept> concepts_;
  std::unordered_map<std::string, std::size_t> index_;  // id -> position in concepts_
};

}  // namespace termbridge::glossary
