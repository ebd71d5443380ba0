#pragma once

// Collects concepts from any term-base reader and applies the one duplicate-id policy: entries
// with one id are merged; conflicting concept data or term attributes are bad entries.
// Private to core/src/io.

#include <deque>
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

  // The concept with this id, created if new. Returns its index.
  std::size_t concept_index(const std::string& id);
  // Reserves a place for a language so terms come out grouped in this order (CSV column
  // order) rather than in order of appearance.
  void touch_language(std::size_t ci, const LangTag& lang);

  // Sets domain or definition; a different non-empty value is a conflict.
  void set_domain(std::size_t ci, std::string value, const SourceLocation& where);
  void set_definition(std::size_t ci, std::string value, const SourceLocation& where);
  // Adds a note unless the concept has it already.
  void add_note(std::size_t ci, std::string note);
  // Adds a term; the same text and language twice is merged (attributes filled in), or a
  // conflict when their attributes differ.
  void add_term(std::size_t ci, glossary::Term term, const SourceLocation& where);

  glossary::TermBase finish(std::string title = {}, std::string source_desc = {});

 private:
  struct Draft {
    glossary::Concept concept_;
    SourceLocation domain_where, definition_where;
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

}  // namespace termbridge::io
