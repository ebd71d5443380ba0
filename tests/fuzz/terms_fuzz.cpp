// The term matcher: the input is a flags byte, a small glossary (lines "ko-term<TAB>en-term"
// up to a blank line) and a text. Hits must lie inside the text, in order, name a concept's
// term of the language, not overlap when longest_match_only, and find_each must give what
// find gives for each line.

#include <span>

#include "fuzz_common.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase.hpp"

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    auto at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + 1;
  }
}

void check_hits(std::string_view text, const std::vector<termbridge::glossary::TermHit>& hits,
                const termbridge::glossary::TermBase& tb, bool no_overlap) {
  std::size_t last_begin = 0, last_end = 0;
  for (const auto& hit : hits) {
    if (hit.span.end <= hit.span.begin || hit.span.end > text.size() ||
        hit.span.begin < last_begin || (no_overlap && hit.span.begin < last_end)) {
      fuzz::finding("terms: a hit out of order, empty, overlapping or outside the text", text);
    }
    if (hit.surface != hit.span.of(text)) {
      fuzz::finding("terms: surface is not the span", text);
    }
    const auto* c = tb.find(hit.concept_id);
    if (c == nullptr || hit.term_index >= c->terms.size()) {
      fuzz::finding("terms: a hit names no term of the glossary", text);
    }
    last_begin = hit.span.begin;
    last_end = hit.span.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  if (size < 2) {
    return 0;
  }
  const unsigned flags = data[0] | (unsigned{data[1]} << 8);
  const std::string_view input = fuzz::bytes(data + 2, size - 2);
  auto blank = input.find("\n\n");
  const std::string_view glossary = input.substr(0, blank);
  const std::string_view text =
      blank == std::string_view::npos ? std::string_view{} : input.substr(blank + 2);

  glossary::TermBase tb;
  const LangTag ko = LangTag::parse("ko"), en = LangTag::parse("en");
  std::size_t n = 0;
  for (auto line : split(glossary, '\n')) {
    if (++n > 64) {
      break;
    }
    glossary::Concept c;
    c.id = "c" + std::to_string(n);
    auto cells = split(line, '\t');
    for (std::size_t i = 0; i < cells.size() && i < 4; ++i) {
      glossary::Term t;
      t.text = std::string(cells[i]);
      t.lang = i % 2 == 0 ? ko : en;
      if ((flags >> (i + 10)) & 1) {
        t.type = glossary::TermType::acronym;
      }
      c.terms.push_back(std::move(t));
    }
    tb.add(std::move(c));
  }

  glossary::MatchOptions options;
  options.fold_case = flags & 1;
  options.acronyms_exact_case = flags & 2;
  options.korean_particles = flags & 4;
  options.longest_match_only = !(flags & 8);
  options.ignore_spacing = flags & 16;
  options.english_plurals = flags & 32;
  options.english_verb_forms = flags & 64;
  options.korean_word_rules = flags & 128;
  options.skip_rank_prefixed = flags & 256;
  options.foreign_acronyms = flags & 512;
  for (const LangTag& lang : {ko, en}) {
    try {
      glossary::TermMatcher matcher(tb, lang, options);
      auto hits = matcher.find(text);
      check_hits(text, hits, tb, options.longest_match_only);
      auto lines = split(text, '\n');
      auto each = matcher.find_each(std::span<const std::string_view>(lines));
      if (each.size() != lines.size()) {
        fuzz::finding("terms: find_each gave another number of results", text);
      }
      for (std::size_t i = 0; i < lines.size(); ++i) {
        auto one = matcher.find(lines[i]);
        bool same = one.size() == each[i].size();
        for (std::size_t j = 0; same && j < one.size(); ++j) {
          same = one[j].span == each[i][j].span && one[j].concept_id == each[i][j].concept_id &&
                 one[j].term_index == each[i][j].term_index;
        }
        if (!same) {
          fuzz::finding("terms: find_each differs from find", lines[i]);
        }
      }
    } catch (const Error& e) {
      fuzz::expected(e);
    }
  }
  return 0;
}
