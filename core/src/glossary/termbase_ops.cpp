#include "termbridge/glossary/termbase_ops.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include <unicode/uloc.h>

#include "termbridge/base/error.hpp"
#include "termbridge/text/normalize.hpp"

namespace termbridge::glossary {

namespace {

std::string key_of(std::string_view s) {
  return text::match_key(s).text;
}

// The key without spaces and hyphens: "핵 실험" and "핵실험", "six-party" and "six party" agree.
std::string loose_key(std::string_view s) {
  std::string k = key_of(s);
  std::string out;
  out.reserve(k.size());
  for (char c : k) {
    if (c != ' ' && c != '-' && c != '\t') {
      out += c;
    }
  }
  return out;
}

bool usable(const Term& t) {
  return !t.text.empty() && t.status != TermStatus::forbidden && t.status != TermStatus::deprecated;
}

bool known_language(const LangTag& tag) {
  std::string lang(tag.language());
  if (lang == "x" || lang == "i" || lang.size() == 3) {
    return true;
  }
  // ICU knows the ISO 639-1 codes; it returns "" for an unknown two-letter code.
  const char* iso3 = uloc_getISO3Language(lang.c_str());
  return iso3 != nullptr && iso3[0] != '\0';
}

bool is_xml_name(std::string_view id) {
  if (id.empty()) {
    return false;
  }
  auto ok = [](unsigned char c, bool first) {
    bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    return letter || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
  };
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (!ok(static_cast<unsigned char>(id[i]), i == 0)) {
      return false;
    }
  }
  return true;
}

// Code points of a UTF-8 string (for edit distance).
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::size_t edit_distance(const std::vector<char32_t>& a, const std::vector<char32_t>& b,
                          std::size_t cap) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > cap) {
    return cap + 1;
  }
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) {
      return cap + 1;
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string describe(const Term& t) {
  return quoted(t.text) + " (" + t.lang.str() + ")";
}

}  // namespace

std::vector<Problem> validate(const TermBase& tb) {
  std::vector<Problem> out;
  auto langs = tb.languages();
  for (const auto& lang : langs) {
    if (!known_language(lang)) {
      out.push_back({"", "language tag " + quoted(lang.str()) +
                             " has no known ISO 639 language (expected e.g. en, ko, ja)"});
    }
  }
  // Loose key + language -> first concept using it, for usable terms.
  std::unordered_map<std::string, std::string> owner;
  for (const auto& c : tb.concepts()) {
    auto problem = [&](std::string m) { out.push_back({c.id, std::move(m)}); };
    if (!is_xml_name(c.id)) {
      problem("id is not an XML name; TBX files will carry it changed");
    }
    if (c.terms.empty()) {
      problem("has no terms");
      continue;
    }
    std::set<std::pair<std::string, std::string>> seen;  // language, key
    for (const auto& t : c.terms) {
      if (t.text.empty()) {
        problem("has an empty " + t.lang.str() + " term");
        continue;
      }
      std::string key = key_of(t.text);
      if (!seen.insert({t.lang.str(), key}).second) {
        problem("term " + describe(t) + " appears twice");
      }
      if (!usable(t)) {
        for (const auto& u : c.terms) {
          if (&u != &t && usable(u) && u.lang == t.lang && key_of(u.text) == key) {
            problem(std::string(to_string(t.status)) + " term " + describe(t) +
                    " is identical to the usable term " + quoted(u.text));
          }
        }
        continue;
      }
      std::string lk = t.lang.str() + '\t' + loose_key(t.text);
      auto [it, fresh] = owner.emplace(lk, c.id);
      if (!fresh && it->second != c.id) {
        problem("term " + describe(t) + " is also a term of concept " + quoted(it->second));
      }
    }
    for (const auto& lang : langs) {
      bool has = false;
      for (const auto* t : c.terms_in(lang)) {
        has |= usable(*t);
      }
      if (!has) {
        problem("has no usable " + lang.str() + " term");
      }
    }
  }
  return out;
}

MergeReport merge(TermBase& into, const TermBase& from) {
  MergeReport report;
  // Language + key -> the first concept holding it, and whether it came from `into`.
  struct Owner {
    std::string concept_id, text;
    bool from_into = true;
  };
  std::unordered_map<std::string, Owner> owners;
  for (const auto& c : into.concepts()) {
    for (const auto& t : c.terms) {
      if (!t.text.empty()) {
        owners.emplace(t.lang.str() + '\t' + key_of(t.text), Owner{c.id, t.text, true});
      }
    }
  }
  auto note_owner = [&](const Concept& c, const Term& t) {
    if (t.text.empty()) {
      return;
    }
    auto [it, fresh] =
        owners.emplace(t.lang.str() + '\t' + key_of(t.text), Owner{c.id, t.text, false});
    if (!fresh && it->second.concept_id != c.id) {
      report.shared.push_back(SharedTerm{t.lang, it->second.text, t.text, it->second.concept_id,
                                         it->second.from_into, c.id});
    }
  };
  for (const auto& src : from.concepts()) {
    for (const auto& t : src.terms) {
      note_owner(src, t);
    }
    Concept* dst = into.find(src.id);
    if (!dst) {
      report.terms_added += src.terms.size();
      into.add(src);
      ++report.added;
      continue;
    }
    ++report.merged;
    auto field = [&](std::string& have, const std::string& add, const std::string& what) {
      if (add.empty() || add == have) {
        return;
      }
      if (have.empty()) {
        have = add;
        return;
      }
      report.conflicts.push_back({src.id, "different " + what + ": " + quoted(have) + " kept, " +
                                              quoted(add) + " not taken"});
    };
    field(dst->domain, src.domain, "domain");
    field(dst->definition, src.definition, "definition");
    for (const auto& n : src.notes) {
      if (std::find(dst->notes.begin(), dst->notes.end(), n) == dst->notes.end()) {
        dst->notes.push_back(n);
      }
    }
    for (const auto& d : src.descriptions) {
      if (std::find(dst->descriptions.begin(), dst->descriptions.end(), d) ==
          dst->descriptions.end()) {
        dst->descriptions.push_back(d);
      }
    }
    for (const auto& info : src.languages) {
      auto& have = dst->language_info_for(info.lang);
      field(have.definition, info.definition, info.lang.str() + " definition");
      for (const auto& n : info.notes) {
        if (std::find(have.notes.begin(), have.notes.end(), n) == have.notes.end()) {
          have.notes.push_back(n);
        }
      }
    }
    for (const auto& t : src.terms) {
      auto it = std::find_if(dst->terms.begin(), dst->terms.end(),
                             [&](const Term& u) { return u.lang == t.lang && u.text == t.text; });
      if (it == dst->terms.end()) {
        // Keep the terms of one language together.
        auto last = std::find_if(dst->terms.rbegin(), dst->terms.rend(),
                                 [&](const Term& u) { return u.lang == t.lang; });
        dst->terms.insert(last == dst->terms.rend() ? dst->terms.end() : last.base(), t);
        ++report.terms_added;
        continue;
      }
      auto attr = [&](auto& have, const auto& add, auto none, std::string_view what, auto show) {
        if (add == none || add == have) {
          return;
        }
        if (have == none) {
          have = add;
          return;
        }
        report.conflicts.push_back({src.id, "term " + describe(t) + " has a different " +
                                                std::string(what) + ": " + show(have) + " kept, " +
                                                show(add) + " not taken"});
      };
      attr(it->status, t.status, TermStatus::unspecified, "status",
           [](TermStatus s) { return quoted(to_string(s)); });
      attr(it->type, t.type, TermType::unspecified, "type",
           [](TermType s) { return quoted(to_string(s)); });
      attr(it->part_of_speech, t.part_of_speech, std::string(), "part of speech",
           [](const std::string& s) { return quoted(s); });
      if (!t.note.empty() && it->note.find(t.note) == std::string::npos) {
        it->note = it->note.empty() ? t.note : it->note + "; " + t.note;
      }
      for (const auto& e : t.extra) {
        if (std::find(it->extra.begin(), it->extra.end(), e) == it->extra.end()) {
          it->extra.push_back(e);
        }
      }
    }
  }
  return report;
}

std::vector<SearchHit> search(const TermBase& tb, std::string_view query, std::size_t limit) {
  std::string q = loose_key(query);
  std::vector<SearchHit> hits;
  if (q.empty()) {
    return hits;
  }
  auto qcp = code_points(q);
  std::size_t cap = std::max<std::size_t>(1, qcp.size() / 4);
  for (const auto& c : tb.concepts()) {
    for (const auto& t : c.terms) {
      if (t.text.empty()) {
        continue;  // a slot a TBX file left blank matches nothing
      }
      std::string k = loose_key(t.text);
      SearchHit h{&c, &t, -1, 0};
      if (k == q) {
        h.rank = 0;
      } else if (k.compare(0, q.size(), q) == 0) {
        h.rank = 1;
      } else if (k.find(q) != std::string::npos) {
        h.rank = 2;
      } else {
        std::size_t d = edit_distance(qcp, code_points(k), cap);
        if (d <= cap) {
          h.rank = 3;
          h.distance = d;
        }
      }
      if (h.rank >= 0) {
        hits.push_back(h);
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.rank != b.rank) {
      return a.rank < b.rank;
    }
    if (a.distance != b.distance) {
      return a.distance < b.distance;
    }
    return a.term->text.size() < b.term->text.size();
  });
  // One hit per concept: its best term.
  std::vector<SearchHit> out;
  std::set<const Concept*> shown;
  for (const auto& h : hits) {
    if (out.size() >= limit) {
      break;
    }
    if (shown.insert(h.concept_).second) {
      out.push_back(h);
    }
  }
  return out;
}

}  // namespace termbridge::glossary
