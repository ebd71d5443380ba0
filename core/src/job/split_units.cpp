#include "termbridge/job/split_units.hpp"

#include <utility>

#include "termbridge/align/aligner.hpp"

namespace termbridge::job {

UnitSplitter::UnitSplitter(segment::Segmenter segmenter, const glossary::TermBase* terms,
                           SplitOptions options)
    : segmenter_(std::move(segmenter)), terms_(terms), options_(options) {}

UnitSplitter::~UnitSplitter() = default;

const glossary::TermMatcher* UnitSplitter::matcher(const LangTag& lang) const {
  if (terms_ == nullptr) {
    return nullptr;
  }
  auto& slot = matchers_[lang.str()];
  if (!slot) {
    slot = std::make_unique<glossary::TermMatcher>(*terms_, lang);
  }
  return slot.get();
}

namespace {

// The spans cut after each "; " inside them, the semicolon and spaces left out.
std::vector<Span> at_semicolons(std::string_view text, const std::vector<Span>& spans) {
  std::vector<Span> out;
  for (Span s : spans) {
    std::size_t begin = s.begin;
    for (std::size_t at = text.find("; ", begin); at != std::string_view::npos && at < s.end;
         at = text.find("; ", begin)) {
      if (at > begin) {
        out.push_back(Span{begin, at});
      }
      begin = at + 1;
      while (begin < s.end && text[begin] == ' ') {
        ++begin;
      }
    }
    if (begin < s.end) {
      out.push_back(Span{begin, s.end});
    }
  }
  return out;
}

}  // namespace

std::vector<tm::UnitPart> UnitSplitter::split(const LangTag& src_lang, std::string_view source,
                                              const LangTag& tgt_lang,
                                              std::string_view target) const {
  // Most units hold one sentence: the source alone tells, so the target is cut only when
  // needed.
  std::vector<Span> src_spans = segmenter_.split(source, src_lang.str());
  if (src_spans.size() < 2 && source.find(';') == std::string_view::npos) {
    return {};
  }
  std::vector<Span> tgt_spans = segmenter_.split(target, tgt_lang.str());
  // Translators join two sentences with a semicolon as often as with a full stop: the side
  // with fewer sentences is cut at semicolons too.
  if (src_spans.size() < tgt_spans.size()) {
    src_spans = at_semicolons(source, src_spans);
  } else if (tgt_spans.size() < src_spans.size()) {
    tgt_spans = at_semicolons(target, tgt_spans);
  }
  if (src_spans.size() < 2 || tgt_spans.size() < 2) {
    return {};
  }
  auto sentences = [this](std::string_view text, const std::vector<Span>& spans,
                          const LangTag& lang) {
    const glossary::TermMatcher* m = matcher(lang);
    std::vector<align::Sentence> out;
    out.reserve(spans.size());
    for (Span s : spans) {
      align::Sentence sentence;
      sentence.text = std::string(s.of(text));
      if (m != nullptr) {
        for (const auto& hit : m->find(sentence.text)) {
          sentence.concepts.push_back(hit.concept_id);
        }
      }
      out.push_back(std::move(sentence));
    }
    return out;
  };
  auto beads = align::align_sentences(sentences(source, src_spans, src_lang),
                                      sentences(target, tgt_spans, tgt_lang));
  std::vector<tm::UnitPart> parts;
  if (beads.size() < 2) {
    return parts;
  }
  for (const align::Bead& b : beads) {
    std::size_t ns = b.src_end - b.src_begin;
    std::size_t nt = b.tgt_end - b.tgt_begin;
    bool one = ns == 1 && nt == 1;
    bool two = (ns == 1 && nt == 2) || (ns == 2 && nt == 1);
    if (!(one && b.score >= options_.min_score_one) &&
        !(two && b.score >= options_.min_score_two)) {
      continue;
    }
    auto text = [](std::string_view whole, const std::vector<Span>& spans, std::size_t begin,
                   std::size_t end) {
      return std::string(whole.substr(spans[begin].begin, spans[end - 1].end - spans[begin].begin));
    };
    parts.push_back(tm::UnitPart{text(source, src_spans, b.src_begin, b.src_end),
                                 text(target, tgt_spans, b.tgt_begin, b.tgt_end), b.score});
  }
  return parts;
}

tm::PartSplitter UnitSplitter::function() const {
  return [this](const LangTag& src_lang, std::string_view source, const LangTag& tgt_lang,
                std::string_view target) { return split(src_lang, source, tgt_lang, target); };
}

}  // namespace termbridge::job
