#include "termbridge/job/pretranslate.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/text/ascii.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/words.hpp"
#include "termbridge/tm/repair.hpp"

namespace termbridge::job {

namespace {

// Sentences compare on NFC text with white space collapsed.
std::string comparable(std::string_view s) {
  return text::collapse_spaces(text::normalize(s, text::NormalForm::nfc));
}

std::vector<std::string> sentences_of(std::string_view paragraph,
                                      const segment::Segmenter& segmenter, const LangTag& lang) {
  std::vector<std::string> out;
  for (Span s : segmenter.split(paragraph, lang.str())) {
    out.push_back(comparable(s.of(paragraph)));
  }
  return out;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Languages written without spaces between sentences.
std::vector<tm::TermSpan> term_spans(const std::vector<glossary::TermHit>& hits) {
  std::vector<tm::TermSpan> out;
  out.reserve(hits.size());
  for (const auto& h : hits) {
    out.push_back({h.concept_id, h.span});
  }
  return out;
}

// The target term to put in for a query term: one of the same type when the concept has it
// (an acronym for an acronym), else the preferred one.
const glossary::Term* target_term_for(const glossary::Concept& c, const glossary::TermHit& hit,
                                      const LangTag& tgt) {
  const glossary::Term* preferred = c.preferred(tgt);
  if (hit.term_index >= c.terms.size()) {
    return preferred;
  }
  glossary::TermType type = c.terms[hit.term_index].type;
  if (type == glossary::TermType::acronym || type == glossary::TermType::abbreviation) {
    for (const glossary::Term* t : c.terms_in(tgt)) {
      if (t->type == type && t->status != glossary::TermStatus::forbidden &&
          t->status != glossary::TermStatus::deprecated) {
        return t;
      }
    }
  }
  return preferred;
}

struct Matchers {
  glossary::TermMatcher src;
  glossary::TermMatcher tgt;
};

std::optional<tm::RepairedMatch> try_repair(const std::string& query, const tm::MemoryMatch& m,
                                            const glossary::TermBase& terms,
                                            const Matchers& matchers, const LangTag& tgt,
                                            tm::KoreanTokens tokens) {
  auto query_hits = matchers.src.find(query);
  if (query_hits.empty()) {
    return std::nullopt;
  }
  tm::RepairInput in;
  in.query = query;
  in.source = m.source;
  in.target = m.target;
  in.query_terms = term_spans(query_hits);
  in.source_terms = term_spans(matchers.src.find(m.source));
  in.target_terms = term_spans(matchers.tgt.find(m.target));
  in.korean_tokens = tokens;
  for (const auto& hit : query_hits) {
    const glossary::Concept* c = terms.find(hit.concept_id);
    if (!c) {
      continue;
    }
    if (const glossary::Term* t = target_term_for(*c, hit, tgt)) {
      in.approved_targets.emplace(hit.concept_id, t->text);
    }
  }
  return tm::repair_match(in);
}

// A sentence pair found inside a memory unit says so in its origin, so the translator can
// look the whole unit up.
tm::Match offered(const tm::MemoryMatch& m, const std::string& origin) {
  tm::Match out;
  out.unit = m.unit;
  out.score = m.score;
  out.origin = origin;
  if (m.part_of != 0) {
    out.origin += ", part of unit " + std::to_string(m.part_of);
  }
  return out;
}

void count(Summary& s, const SegmentReport& r) {
  ++s.segments;
  s.words += r.words;
  switch (r.kind) {
    case MatchKind::exact:
      ++s.exact;
      s.exact_words += r.words;
      break;
    case MatchKind::repaired:
      ++s.repaired;
      s.repaired_words += r.words;
      break;
    case MatchKind::fuzzy: {
      int band = r.score >= 95 ? 0 : r.score >= 85 ? 1 : r.score >= 75 ? 2 : 3;
      ++s.fuzzy[band];
      s.fuzzy_words[band] += r.words;
      break;
    }
    case MatchKind::none:
      ++s.fresh;
      s.fresh_words += r.words;
      break;
  }
}

}  // namespace

std::string_view to_string(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::repaired:
      return "repaired";
    case MatchKind::fuzzy:
      return "fuzzy";
    case MatchKind::none:
      return "new";
  }
  return "new";
}

Pretranslation pretranslate(const std::vector<std::string>& paragraphs, const std::string& original,
                            const segment::Segmenter& segmenter,
                            const tm::TranslationMemory* memory, const glossary::TermBase* terms,
                            const PretranslateOptions& options) {
  if (options.src_lang.empty() || options.tgt_lang.empty()) {
    throw Error(ErrorKind::invalid_argument,
                "pre-translation needs a source and a target language");
  }
  std::optional<Matchers> matchers;
  if (terms) {
    glossary::MatchOptions target_side;  // a memory's translation may use any of them
    target_side.include_translation_only = true;
    matchers.emplace(Matchers{glossary::TermMatcher(*terms, options.src_lang),
                              glossary::TermMatcher(*terms, options.tgt_lang, target_side)});
  }
  Pretranslation result;
  tm::Document& doc = result.document;
  doc.src_lang = options.src_lang;
  doc.tgt_lang = options.tgt_lang;
  tm::DocFile file;
  file.id = "f1";
  file.original = original;
  tm::LookupOptions lookup;
  lookup.src_lang = options.src_lang;
  lookup.tgt_lang = options.tgt_lang;
  lookup.max_results = std::max<std::size_t>(options.max_matches, 1);
  lookup.threshold = options.fuzzy_threshold;
  lookup.with_diff = false;
  std::size_t unit_no = 0;
  std::size_t done = 0;
  for (const std::string& paragraph : paragraphs) {
    if (options.on_progress) {
      options.on_progress(done++, paragraphs.size());
    }
    if (blank(paragraph)) {
      continue;
    }
    tm::DocUnit unit;
    unit.id = "p" + std::to_string(++unit_no);
    std::size_t seg_no = 0;
    for (Span span : segmenter.split(paragraph, options.src_lang.str())) {
      tm::DocSegment seg;
      seg.id = "s" + std::to_string(++seg_no);
      seg.source.text = comparable(span.of(paragraph));
      SegmentReport report;
      report.unit_id = unit.id;
      report.segment_id = seg.id;
      report.words = text::words(seg.source.text, options.src_lang.language()).size();
      auto matches =
          memory ? memory->lookup(seg.source.text, lookup) : std::vector<tm::MemoryMatch>();
      if (!matches.empty() && matches[0].score >= 100.0) {
        seg.target.text = matches[0].target;
        seg.state = tm::SegmentState::translated;
        report.kind = MatchKind::exact;
        report.score = 100;
      } else if (!matches.empty()) {
        report.kind = MatchKind::fuzzy;
        report.score = matches[0].score;
        if (options.repair && terms) {
          for (const auto& m : matches) {
            auto repaired = try_repair(seg.source.text, m, *terms, *matchers, options.tgt_lang,
                                       memory->korean_tokens());
            if (repaired && repaired->only_terms_differed) {
              seg.target.text = repaired->target;
              seg.state = tm::SegmentState::needs_review;
              report.kind = MatchKind::repaired;
              report.score = repaired->score;
              tm::Match fixed = offered(m, "termbridge-repair");
              fixed.score = repaired->score;
              if (fixed.unit.variants.size() >= 2) {
                fixed.unit.variants[1].segment = tm::Segment{repaired->target, {}};
              }
              seg.matches.push_back(std::move(fixed));
              break;
            }
          }
        }
      }
      for (std::size_t k = 0; k < matches.size() && k < options.max_matches; ++k) {
        seg.matches.push_back(offered(matches[k], options.tm_name));
      }
      count(result.summary, report);
      result.segments.push_back(std::move(report));
      unit.segments.push_back(std::move(seg));
    }
    if (matchers) {
      std::set<std::string> seen;
      for (const auto& hit : matchers->src.find(paragraph)) {
        const glossary::Concept* c = terms->find(hit.concept_id);
        if (!c || !seen.insert(hit.concept_id).second || hit.term_index >= c->terms.size()) {
          continue;
        }
        const glossary::Term& source_term = c->terms[hit.term_index];
        if (source_term.status == glossary::TermStatus::forbidden ||
            source_term.status == glossary::TermStatus::deprecated) {
          continue;
        }
        tm::TermHint hint;
        hint.concept_id = c->id;
        hint.source_term = source_term.text;
        if (const glossary::Term* t = target_term_for(*c, hit, options.tgt_lang)) {
          hint.target_term = t->text;
        }
        unit.terms.push_back(std::move(hint));
      }
      result.summary.term_hints += unit.terms.size();
    }
    file.units.push_back(std::move(unit));
  }
  doc.files.push_back(std::move(file));
  return result;
}

namespace {

// A segment as merge names it: the unit id, with "#<segment id>" when the unit has several.
std::string segment_name(const tm::DocUnit& unit, const tm::DocSegment& seg) {
  return seg.id.empty() || seg.id == unit.id || unit.segments.size() == 1 ? unit.id
                                                                          : unit.id + "#" + seg.id;
}

}  // namespace

std::vector<std::string> untranslated_segments(const tm::Document& document) {
  std::vector<std::string> out;
  for (const auto& file : document.files) {
    for (const auto& unit : file.units) {
      for (const auto& seg : unit.segments) {
        if (tm::is_translatable(seg) && !tm::has_text(seg.target)) {
          out.push_back(segment_name(unit, seg));
        }
      }
    }
  }
  return out;
}

std::string merge_target(const tm::Document& document, bool allow_untranslated) {
  if (!allow_untranslated) {
    auto missing = untranslated_segments(document);
    if (!missing.empty()) {
      std::string names;
      for (const auto& n : missing) {
        names += (names.empty() ? "" : ", ") + quoted(n);
      }
      throw Error(ErrorKind::invalid_argument,
                  (missing.size() == 1 ? "segment " + names + " has"
                                       : std::to_string(missing.size()) + " segments have") +
                      " no translation" + (missing.size() == 1 ? "" : " (" + names + ")") +
                      "; translate them or allow untranslated segments");
    }
  }
  std::string out;
  // Sentences of a Japanese, Chinese or Thai target join without a space; a source sentence
  // kept untranslated keeps the spaces of its own language around it (a Korean sentence left
  // in a Japanese draft).
  const bool tgt_spaced = !joins_without_space(document.tgt_lang);
  const bool src_spaced = !joins_without_space(document.src_lang);
  for (const auto& file : document.files) {
    for (const auto& unit : file.units) {
      std::string paragraph;
      bool prev_spaced = false;
      for (const auto& seg : unit.segments) {
        // Segments of bare tags (SDLXLIFF, memoQ structure units) hold no text to merge.
        if (!tm::is_translatable(seg)) {
          continue;
        }
        const bool translated = tm::has_text(seg.target);
        const std::string& text = translated ? seg.target.text : seg.source.text;
        const bool spaced = translated ? tgt_spaced : src_spaced;
        if (!paragraph.empty() && (spaced || prev_spaced)) {
          paragraph += ' ';
        }
        paragraph += text;
        prev_spaced = spaced;
      }
      if (paragraph.empty()) {
        continue;
      }
      if (!out.empty()) {
        out += "\n\n";
      }
      out += paragraph;
    }
  }
  if (!out.empty()) {
    out += '\n';
  }
  return out;
}

void check_against_source(const tm::Document& document, const std::vector<std::string>& paragraphs,
                          const segment::Segmenter& segmenter) {
  std::vector<const tm::DocUnit*> units;
  for (const auto& file : document.files) {
    for (const auto& unit : file.units) {
      units.push_back(&unit);
    }
  }
  std::size_t u = 0;
  for (const std::string& paragraph : paragraphs) {
    if (blank(paragraph)) {
      continue;
    }
    auto expected = sentences_of(paragraph, segmenter, document.src_lang);
    if (u >= units.size()) {
      throw Error(ErrorKind::invalid_argument,
                  "the article has more paragraphs than the translation (" +
                      std::to_string(units.size()) + "); was it changed after pre-translation?");
    }
    const tm::DocUnit& unit = *units[u++];
    std::vector<std::string> got;
    for (const auto& seg : unit.segments) {
      got.push_back(comparable(seg.source.text));
    }
    // A unit read whole (its target had no segment markers) holds the paragraph's sentences
    // as one segment.
    if (got.size() == 1 && expected.size() > 1) {
      std::string joined;
      for (const auto& e : expected) {
        joined += (joined.empty() ? "" : " ") + e;
      }
      if (comparable(joined) == got[0]) {
        continue;
      }
    }
    if (got != expected) {
      std::size_t k = 0;
      while (k < got.size() && k < expected.size() && got[k] == expected[k]) {
        ++k;
      }
      std::string article = k < expected.size() ? expected[k] : std::string("(nothing)");
      std::string xliff = k < got.size() ? got[k] : std::string("(nothing)");
      throw Error(ErrorKind::invalid_argument,
                  "unit " + quoted(unit.id) + " no longer matches the article: the article has " +
                      quoted(article) + " where the translation has " + quoted(xliff));
    }
  }
  if (u != units.size()) {
    throw Error(ErrorKind::invalid_argument,
                "the translation has " + std::to_string(units.size()) + " units but the article " +
                    std::to_string(u) + " paragraphs; was it changed after pre-translation?");
  }
}

std::vector<tm::TranslationUnit> confirmed_units(const tm::Document& document) {
  std::vector<tm::TranslationUnit> out;
  for (const auto& file : document.files) {
    for (const auto& unit : file.units) {
      for (const auto& seg : unit.segments) {
        bool confirmed = seg.state == tm::SegmentState::translated ||
                         seg.state == tm::SegmentState::reviewed ||
                         seg.state == tm::SegmentState::final;
        if (!confirmed || !tm::is_translated(seg)) {
          continue;
        }
        tm::TranslationUnit tu;
        tu.id = unit.id + "#" + seg.id;
        tm::Variant src;
        src.lang = tm::source_lang(document, file);
        src.segment = seg.source;
        tm::Variant tgt;
        tgt.lang = tm::target_lang(document, file);
        tgt.segment = seg.target;
        tu.variants.push_back(std::move(src));
        tu.variants.push_back(std::move(tgt));
        if (!file.original.empty()) {
          tu.props.push_back({"x-document", file.original});
        }
        out.push_back(std::move(tu));
      }
    }
  }
  return out;
}

}  // namespace termbridge::job
