#pragma once

// Collects concepts from any term-base reader and applies the one duplicate-id policy: entries
// with one id are merged; conflicting concept data or term attributes are bad entries.
// Private to core/src/io.

#include <deque>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "termbridge/base/diagnostics.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/io/termbase_io.hpp"

namespace termbridge::io {

class TermBaseBuilder {
 public:
  explicit TermBaseBuilder(const TermBaseReadOptions& options) : options_(options) {}

  // A bad entry: throws with OnBadEntry::fail, records a diagnostic with warn.
  void bad(const SourceLocation& where, std::string message);
  // Something the reader kept but the user should know about: a diagnostic unless
  // OnBadEntry::skip, never an error.
  void note(const SourceLocation& where, std::string message);

  // The concept with this id, created if new. Returns its index.
  std::size_t concept_index(const std::string& id);
  const std::string& concept_id(std::size_t ci) const { return drafts_[ci].concept_.id; }
  // Reserves a place for a language so terms come out grouped in this order (CSV column
  // order) rather than in order of appearance.
  void touch_language(std::size_t ci, const LangTag& lang);

  // Sets domain or definition; a different non-empty value is a conflict.
  void set_domain(std::size_t ci, std::string value, const SourceLocation& where);
  void set_definition(std::size_t ci, std::string value, const SourceLocation& where);
  // Adds a note unless the concept has it already.
  void add_note(std::size_t ci, std::string note);
  // The same for one language (a TBX <langSet>): a definition per language, which may
  // differ between languages but not within one.
  void set_language_definition(std::size_t ci, const LangTag& lang, std::string value,
                               const SourceLocation& where);
  void add_language_note(std::size_t ci, const LangTag& lang, std::string note);
  // Adds another description unless the concept has the same one (type and text).
  void add_description(std::size_t ci, std::string type, std::string text,
                       std::string element = {});
  // Adds a term; the same text and language twice is merged (attributes filled in), or a
  // conflict when their attributes differ.
  void add_term(std::size_t ci, glossary::Term term, const SourceLocation& where);

  glossary::TermBase finish(std::string title = {}, std::string source_desc = {});

 private:
  struct Draft {
    glossary::Concept concept_;
    SourceLocation domain_where, definition_where;
    std::vector<std::pair<LangTag, SourceLocation>> language_definition_where;
    std::vector<std::pair<LangTag, std::vector<glossary::Term>>> groups;
  };
  void set_field(Draft& d, std::string& field, SourceLocation& field_where, std::string value,
                 std::string_view what, const SourceLocation& where);

  const TermBaseReadOptions& options_;
  std::deque<Draft> drafts_;  // a deque: growing it moves no draft
  std::unordered_map<std::string, std::size_t> index_;
};

// Trims ASCII white space (and no-break space) from both ends.
std::string_view trim(std::string_view s);

// True when `id` is an XML NCName usable as an xml:id / ID attribute value.
bool is_xml_name(std::string_view id);

// The readers, writers and editors of each format, behind the switch in termbase_io.cpp.
// TBX functions take the file's bytes (the XML declaration names the encoding); the others
// take decoded UTF-8 text, except edit_delimited, which edits UTF-8 bytes (a BOM allowed).
glossary::TermBase read_tbx(std::string_view data, std::string_view source_name,
                            const TermBaseReadOptions& options);
void write_tbx(const glossary::TermBase& tb, std::ostream& out, bool v3,
               const TermBaseWriteOptions& options);
std::string edit_tbx(std::string_view data, std::string_view source_name, std::string_view id,
                     const glossary::Concept* replacement);
glossary::TermBase read_delimited(std::string_view text, char sep, std::string_view name,
                                  const TermBaseReadOptions& options);
glossary::TermBase read_omegat(std::string_view text, std::string_view name,
                               const TermBaseReadOptions& options);
void write_delimited(const glossary::TermBase& tb, std::ostream& out, char sep);
void write_omegat(const glossary::TermBase& tb, std::ostream& out,
                  const TermBaseWriteOptions& options);
std::string edit_delimited(std::string_view data, char sep, std::string_view name,
                           std::string_view id, const glossary::Concept* replacement);

}  // namespace termbridge::io
