#include "io/termbase_builder.hpp"

#include <algorithm>

#include "termbridge/base/error.hpp"

namespace termbridge::io {

namespace {

std::string where_text(const SourceLocation& where) {
  if (where.line == 0) {
    return "";
  }
  return " (line " + std::to_string(where.line) + ")";
}

}  // namespace

std::string_view trim(std::string_view s) {
  auto is_space = [](std::string_view v, std::size_t i, bool front) -> std::size_t {
    if (v.size() > i && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) {
      return 1;
    }
    // U+00A0 NO-BREAK SPACE, common in spreadsheet cells.
    if (front && v.substr(i, 2) == "\xC2\xA0") {
      return 2;
    }
    if (!front && i >= 1 && v.substr(i - 1, 2) == "\xC2\xA0") {
      return 2;
    }
    return 0;
  };
  while (!s.empty()) {
    std::size_t n = is_space(s, 0, true);
    if (n == 0) {
      break;
    }
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    std::size_t n = is_space(s, s.size() - 1, false);
    if (n == 0) {
      break;
    }
    s.remove_suffix(n);
  }
  return s;
}

bool is_xml_name(std::string_view id) {
  if (id.empty()) {
    return false;
  }
  auto c0 = static_cast<unsigned char>(id[0]);
  bool start_ok = (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z') || c0 == '_' || c0 >= 0x80;
  if (!start_ok) {
    return false;
  }
  for (char ch : id) {
    auto c = static_cast<unsigned char>(ch);
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c >= 0x80;
    if (!ok) {
      return false;
    }
  }
  return true;
}

void TermBaseBuilder::bad(const SourceLocation& where, std::string message) {
  switch (options_.on_bad_entry) {
    case OnBadEntry::fail:
      throw Error(ErrorKind::parse, std::move(message), where);
    case OnBadEntry::warn:
      if (options_.diagnostics) {
        options_.diagnostics->warn(where, std::move(message));
      }
      return;
    case OnBadEntry::skip:
      return;
  }
}

void TermBaseBuilder::note(const SourceLocation& where, std::string message) {
  if (options_.on_bad_entry != OnBadEntry::skip && options_.diagnostics) {
    options_.diagnostics->warn(where, std::move(message));
  }
}

std::size_t TermBaseBuilder::concept_index(const std::string& id) {
  auto it = index_.find(id);
  if (it != index_.end()) {
    return it->second;
  }
  drafts_.emplace_back().concept_.id = id;
  index_.emplace(id, drafts_.size() - 1);
  return drafts_.size() - 1;
}

void TermBaseBuilder::touch_language(std::size_t ci, const LangTag& lang) {
  auto& groups = drafts_[ci].groups;
  for (const auto& g : groups) {
    if (g.first == lang) {
      return;
    }
  }
  groups.emplace_back(lang, std::vector<glossary::Term>{});
}

void TermBaseBuilder::set_field(Draft& d, std::string& field, SourceLocation& field_where,
                                std::string value, std::string_view what,
                                const SourceLocation& where) {
  if (value.empty() || value == field) {
    return;
  }
  if (field.empty()) {
    field = std::move(value);
    field_where = where;
    return;
  }
  bad(where, "concept " + quoted(d.concept_.id) + " has conflicting " + std::string(what) + ": " +
                 quoted(field) + where_text(field_where) + " and " + quoted(value) +
                 "; entries with one id are merged, so their " + std::string(what) + " must agree");
}

void TermBaseBuilder::set_domain(std::size_t ci, std::string value, const SourceLocation& where) {
  Draft& d = drafts_[ci];
  set_field(d, d.concept_.domain, d.domain_where, std::move(value), "domain", where);
}

void TermBaseBuilder::set_definition(std::size_t ci, std::string value,
                                     const SourceLocation& where) {
  Draft& d = drafts_[ci];
  set_field(d, d.concept_.definition, d.definition_where, std::move(value), "definition", where);
}

void TermBaseBuilder::add_note(std::size_t ci, std::string note) {
  auto& notes = drafts_[ci].concept_.notes;
  if (note.empty()) {
    return;
  }
  for (const auto& n : notes) {
    if (n == note) {
      return;
    }
  }
  notes.push_back(std::move(note));
}

void TermBaseBuilder::set_language_definition(std::size_t ci, const LangTag& lang,
                                              std::string value, const SourceLocation& where) {
  Draft& d = drafts_[ci];
  if (value.empty()) {
    return;
  }
  auto& info = d.concept_.language_info_for(lang);
  SourceLocation* field_where = nullptr;
  for (auto& [l, w] : d.language_definition_where) {
    if (l == lang) {
      field_where = &w;
    }
  }
  if (!field_where) {
    field_where = &d.language_definition_where.emplace_back(lang, SourceLocation{}).second;
  }
  set_field(d, info.definition, *field_where, std::move(value), lang.str() + " definition", where);
}

void TermBaseBuilder::add_language_note(std::size_t ci, const LangTag& lang, std::string note) {
  if (note.empty()) {
    return;
  }
  auto& notes = drafts_[ci].concept_.language_info_for(lang).notes;
  if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
    notes.push_back(std::move(note));
  }
}

void TermBaseBuilder::add_description(std::size_t ci, std::string type, std::string text,
                                      std::string element) {
  if (type.empty() || text.empty()) {
    return;
  }
  auto& all = drafts_[ci].concept_.descriptions;
  glossary::Description d{std::move(type), std::move(text), std::move(element)};
  auto same = [&](const glossary::Description& e) { return e.type == d.type && e.text == d.text; };
  if (std::none_of(all.begin(), all.end(), same)) {
    all.push_back(std::move(d));
  }
}

void TermBaseBuilder::add_term(std::size_t ci, glossary::Term term, const SourceLocation& where) {
  Draft& d = drafts_[ci];
  touch_language(ci, term.lang);
  for (auto& g : d.groups) {
    if (g.first != term.lang) {
      continue;
    }
    for (auto& t : g.second) {
      if (t.text != term.text) {
        continue;
      }
      // The same term again: fill in what the first mention left out, report a clash.
      std::string clash;
      auto merge = [&](auto& have, const auto& add, auto none, std::string_view what) {
        if (add == none || add == have) {
          return;
        }
        if (have == none) {
          have = add;
          return;
        }
        clash = std::string(what);
      };
      merge(t.status, term.status, glossary::TermStatus::unspecified, "status");
      merge(t.type, term.type, glossary::TermType::unspecified, "type");
      merge(t.part_of_speech, term.part_of_speech, std::string(), "part of speech");
      if (!term.note.empty() && term.note != t.note) {
        t.note = t.note.empty() ? term.note : t.note + "; " + term.note;
      }
      for (auto& e : term.extra) {
        if (std::find(t.extra.begin(), t.extra.end(), e) == t.extra.end()) {
          t.extra.push_back(std::move(e));
        }
      }
      if (!clash.empty()) {
        bad(where, "term " + quoted(term.text) + " (" + term.lang.str() + ") of concept " +
                       quoted(d.concept_.id) + " is given twice with a different " + clash);
      }
      return;
    }
    if (options_.term_locations) {
      options_.term_locations->push_back({d.concept_.id, term.lang, term.text, where});
    }
    g.second.push_back(std::move(term));
    return;
  }
}

glossary::TermBase TermBaseBuilder::finish(std::string title, std::string source_desc) {
  glossary::TermBase tb;
  tb.title = std::move(title);
  tb.source_desc = std::move(source_desc);
  tb.reserve(drafts_.size());
  for (auto& d : drafts_) {
    std::size_t count = 0;
    for (const auto& g : d.groups) {
      count += g.second.size();
    }
    d.concept_.terms.reserve(count);
    for (auto& g : d.groups) {
      for (auto& t : g.second) {
        d.concept_.terms.push_back(std::move(t));
      }
    }
    tb.add(std::move(d.concept_));
  }
  drafts_.clear();
  index_.clear();
  return tb;
}

}  // namespace termbridge::io
