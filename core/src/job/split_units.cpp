#include "termbridge/job/split_units.hpp"

#include <algorithm>
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

// The confidence above which two neighbouring 1-1 beads are not checked for a swap.
constexpr double kSureOrder = 0.9;

// False when `text` surely holds one sentence for the built-in rules: no sentence mark,
// semicolon, line break or formal ending stands before text that follows it. Most memory units hold
// one sentence, ending in their only mark; this spares them the segmenter, which costs more than
// the rest of an import.
bool may_hold_two(std::string_view text) {
  auto mark_at = [&](std::size_t i) -> std::size_t {  // the mark's length, or 0
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '.' || c == '?' || c == '!' || c == ';' || c == '\n' || c == '\r') {
      return 1;
    }
    // 。 ？ ！ … ；, the mojibake ¡¦ of …, and the formal ending 니다 that the Korean rules
    // end a sentence with when its period is missing (…겪었습니다 그래서). Told by the lead
    // byte first: this runs on every unit of an import.
    auto is = [&](std::string_view m) { return text.substr(i, m.size()) == m ? m.size() : 0; };
    switch (c) {
      case 0xE3:
        return is("\u3002");
      case 0xEF: {
        std::size_t n = is("\uFF1F");
        n = n ? n : is("\uFF01");
        return n ? n : is("\uFF1B");
      }
      case 0xE2:
        return is("\u2026");
      case 0xC2:
        return is("\u00A1");
      case 0xEB:
        return is("\uB2C8\uB2E4");
      default:
        return 0;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t n = mark_at(i);
    if (n == 0) {
      continue;
    }
    // Anything but white space, closing quotes and brackets after it is a next sentence.
    for (std::size_t j = i + n; j < text.size(); ++j) {
      unsigned char c = static_cast<unsigned char>(text[j]);
      bool closing = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' ||
                     c == ')' || c == ']' || c == '.' || c >= 0x80;
      if (!closing) {
        return true;
      }
      if (c >= 0x80) {
        // A letter of another script (Hangul, CJK) after the mark starts a sentence too;
        // closing quotes and brackets (” ’ 」 』 ） 〉 》) do not.
        std::size_t len = 1;
        while (j + len < text.size() &&
               (static_cast<unsigned char>(text[j + len]) & 0xC0) == 0x80) {
          ++len;
        }
        std::string_view ch = text.substr(j, len);
        if (ch != "\u201D" && ch != "\u2019" && ch != "\u300D" && ch != "\u300F" &&
            ch != "\uFF09" && ch != "\u3009" && ch != "\u300B" && mark_at(j) == 0) {
          return true;
        }
        j += len - 1;
      }
    }
  }
  return false;
}

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
  if (!may_hold_two(source)) {
    return {};
  }
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
  const auto src = sentences(source, src_spans, src_lang);
  const auto tgt = sentences(target, tgt_spans, tgt_lang);
  auto beads = align::align_sentences(src, tgt);
  std::vector<tm::UnitPart> parts;
  if (beads.size() < 2) {
    return parts;
  }
  // Two neighbouring 1-1 beads that pair at least as well crosswise are left out: the
  // aligner keeps the order, and translators do swap two sentences, most often when little
  // (a number, a name) tells them apart, which is when the aligner is least sure.
  auto one_one = [](const align::Bead& b) {
    return b.src_end - b.src_begin == 1 && b.tgt_end - b.tgt_begin == 1;
  };
  std::vector<bool> crossed(beads.size(), false);
  for (std::size_t k = 0; k + 1 < beads.size(); ++k) {
    const align::Bead& a = beads[k];
    const align::Bead& b = beads[k + 1];
    // Only where the aligner is unsure: every swapped pair of dev scored below 0.8, and the
    // two alignments this takes cost more than the unit's own.
    if (!one_one(a) || !one_one(b) || std::min(a.score, b.score) >= kSureOrder) {
      continue;
    }
    const std::vector<align::Sentence> pair_src = {src[a.src_begin], src[b.src_begin]};
    auto min_score = [&](const std::vector<align::Sentence>& pair_tgt) {
      auto sub = align::align_sentences(pair_src, pair_tgt);
      if (sub.size() != 2 || !one_one(sub[0]) || !one_one(sub[1])) {
        return 0.0;
      }
      return std::min(sub[0].score, sub[1].score);
    };
    double straight = min_score({tgt[a.tgt_begin], tgt[b.tgt_begin]});
    double across = min_score({tgt[b.tgt_begin], tgt[a.tgt_begin]});
    if (across > 0 && across >= straight) {
      crossed[k] = crossed[k + 1] = true;
    }
  }
  for (std::size_t k = 0; k < beads.size(); ++k) {
    const align::Bead& b = beads[k];
    if (crossed[k]) {
      continue;
    }
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
