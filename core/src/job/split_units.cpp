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
// How much better two sentences must pair crosswise than in order (the mean of the two
// pairs' own confidence) before a swap is assumed: on lengths alone the two orders often
// differ by a few hundredths either way, and translators mostly keep the order.
constexpr double kCrossMargin = 0.05;
// A swapped pair is stored crosswise only when neither crossed pair is contradicted by its
// lengths (own confidence at least kCrossAgree; lengths alone give about 0.8 at best) and
// one of them shares a number, name, quotation or concept (kCrossAnchored: only anchors lift
// a pair above 0.9). Otherwise both sentences give no part.
constexpr double kCrossAgree = 0.75;
constexpr double kCrossAnchored = 0.95;

// Whether `text` from `from` on holds a letter of any script: not only ASCII digits, white
// space and punctuation, general punctuation (U+2000-U+2BFF) or CJK punctuation
// (U+3000-U+303F, U+FF01-U+FF20). "(3)" after a sentence is no sentence of its own.
bool has_letter(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        return true;
      }
      continue;
    }
    if (c < 0xC3 || (c & 0xC0) == 0x80) {  // U+0080-U+00BF (signs) or a continuation byte
      continue;
    }
    char32_t cp = c >= 0xF0 ? (c & 0x07U) : c >= 0xE0 ? (c & 0x0FU) : (c & 0x1FU);
    std::size_t n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    for (std::size_t k = 1; k <= n && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    const bool punctuation = (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                             (cp >= 0xFF01 && cp <= 0xFF20);
    if (!punctuation) {
      return true;
    }
    i += n;
  }
  return false;
}

// False when `text` surely holds one sentence for the built-in rules: no sentence mark,
// semicolon, line break or formal ending stands before text with a letter that follows it.
// Most memory units hold one sentence, ending in their only mark (or followed by a number
// only, as "… (3)"); this spares them the segmenter, which costs more than the rest of an
// import.
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
        return has_letter(text, j);
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
          return has_letter(text, j);
        }
        j += len - 1;
      }
    }
  }
  return false;
}

// The spans cut after each "; " inside them, the semicolon and spaces left out. `joined[k]`
// tells that span k and span k + 1 are the two sides of such a cut (one sentence).
std::vector<Span> at_semicolons(std::string_view text, const std::vector<Span>& spans,
                                std::vector<bool>& joined) {
  std::vector<Span> out;
  joined.clear();
  for (Span s : spans) {
    std::size_t begin = s.begin;
    for (std::size_t at = text.find("; ", begin); at != std::string_view::npos && at < s.end;
         at = text.find("; ", begin)) {
      if (at > begin) {
        out.push_back(Span{begin, at});
        joined.push_back(true);
      }
      begin = at + 1;
      while (begin < s.end && text[begin] == ' ') {
        ++begin;
      }
    }
    if (begin < s.end) {
      out.push_back(Span{begin, s.end});
      joined.push_back(false);
    }
  }
  return out;
}

// The spans with each one without a letter ("(3)", "2006.02") joined to the one before it
// (or after it, when first): it is no sentence of its own to pair.
std::vector<Span> join_letterless(std::string_view text, const std::vector<Span>& spans) {
  std::vector<Span> out;
  for (Span s : spans) {
    if (!out.empty() && (!has_letter(s.of(text), 0) || !has_letter(out.back().of(text), 0))) {
      out.back().end = s.end;
    } else {
      out.push_back(s);
    }
  }
  return out;
}

// Code points other than white space, as the aligner counts a sentence's length.
std::size_t length_of(std::string_view text) {
  std::size_t n = 0;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r' ? 1 : 0;
  }
  return n;
}

bool one_one(const align::Bead& b) {
  return b.src_end - b.src_begin == 1 && b.tgt_end - b.tgt_begin == 1;
}

bool two_two(const align::Bead& b) {
  return b.src_end - b.src_begin == 2 && b.tgt_end - b.tgt_begin == 2;
}

}  // namespace

std::vector<tm::UnitPart> UnitSplitter::split(const LangTag& src_lang, std::string_view source,
                                              const LangTag& tgt_lang,
                                              std::string_view target) const {
  // Most units hold one sentence; both sides must hold two for a part.
  if (!may_split(source, target)) {
    return {};
  }
  std::vector<Span> src_spans = join_letterless(source, segmenter_.split(source, src_lang.str()));
  if (src_spans.size() < 2 && source.find(';') == std::string_view::npos) {
    return {};
  }
  std::vector<Span> tgt_spans = join_letterless(target, segmenter_.split(target, tgt_lang.str()));
  // Translators join two sentences with a semicolon as often as with a full stop: the side
  // with fewer sentences is cut at semicolons too.
  std::vector<bool> src_joined(src_spans.size(), false), tgt_joined(tgt_spans.size(), false);
  if (src_spans.size() < tgt_spans.size()) {
    src_spans = at_semicolons(source, src_spans, src_joined);
  } else if (tgt_spans.size() < src_spans.size()) {
    tgt_spans = at_semicolons(target, tgt_spans, tgt_joined);
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
  // One bead is the unit itself, unless its two sentences are swapped (2-2).
  if (beads.size() < 2 && !(beads.size() == 1 && two_two(beads[0]))) {
    return parts;
  }
  auto text = [](std::string_view whole, const std::vector<Span>& spans, std::size_t begin,
                 std::size_t end) {
    return std::string(whole.substr(spans[begin].begin, spans[end - 1].end - spans[begin].begin));
  };

  // Translators swap two sentences now and then; the aligner keeps the order. Two
  // neighbouring sentences of each side (two 1-1 beads where the aligner is unsure, or a 2-2
  // bead: the order did not pair them at all) are weighed both ways by each pair's own
  // confidence: the pair aligned alone, lengths measured against the whole unit's ratio.
  // (Pieces of one sentence cut at a semicolon keep their order: they are one sentence.)
  align::AlignOptions alone;
  alone.length_ratio = static_cast<double>(length_of(target)) /
                       static_cast<double>(std::max<std::size_t>(1, length_of(source)));
  auto own = [&](std::size_t i, std::size_t j) {
    auto b = align::align_sentences({src[i]}, {tgt[j]}, alone);
    return b.size() == 1 && one_one(b[0]) ? b[0].score : 0.0;
  };
  enum class Order { kept, crossed, unsure };
  // The two sentences of each side from si and tj on.
  auto weigh = [&](std::size_t si, std::size_t tj) {
    const double a_cross = own(si, tj + 1);
    const double b_cross = own(si + 1, tj);
    const double straight = (own(si, tj) + own(si + 1, tj + 1)) / 2;
    if ((a_cross + b_cross) / 2 < straight + kCrossMargin) {
      return std::make_pair(Order::kept, std::make_pair(0.0, 0.0));
    }
    const bool sure =
        std::min(a_cross, b_cross) >= kCrossAgree && std::max(a_cross, b_cross) >= kCrossAnchored;
    return std::make_pair(sure ? Order::crossed : Order::unsure, std::make_pair(a_cross, b_cross));
  };
  // The crossed parts of the two sentences from si and tj on.
  auto add_crossed = [&](std::size_t si, std::size_t tj, std::pair<double, double> scores) {
    parts.push_back(tm::UnitPart{text(source, src_spans, si, si + 1),
                                 text(target, tgt_spans, tj + 1, tj + 2), scores.first});
    parts.push_back(tm::UnitPart{text(source, src_spans, si + 1, si + 2),
                                 text(target, tgt_spans, tj, tj + 1), scores.second});
  };
  auto pieces = [&](const align::Bead& a) {
    return src_joined[a.src_begin] || tgt_joined[a.tgt_begin];
  };
  for (std::size_t k = 0; k < beads.size(); ++k) {
    const align::Bead& b = beads[k];
    std::size_t ns = b.src_end - b.src_begin;
    std::size_t nt = b.tgt_end - b.tgt_begin;
    if (two_two(b) && !pieces(b)) {
      auto [order, scores] = weigh(b.src_begin, b.tgt_begin);
      if (order == Order::crossed) {
        add_crossed(b.src_begin, b.tgt_begin, scores);
      }
      continue;
    }
    if (k + 1 < beads.size() && one_one(b) && one_one(beads[k + 1]) && !pieces(b) &&
        std::min(b.score, beads[k + 1].score) < kSureOrder) {
      auto [order, scores] = weigh(b.src_begin, b.tgt_begin);
      if (order == Order::crossed) {
        add_crossed(b.src_begin, b.tgt_begin, scores);
      }
      if (order != Order::kept) {
        ++k;  // both beads are taken (crosswise) or left out
        continue;
      }
    }
    bool one = ns == 1 && nt == 1;
    bool two = (ns == 1 && nt == 2) || (ns == 2 && nt == 1);
    if (!(one && b.score >= options_.min_score_one) &&
        !(two && b.score >= options_.min_score_two)) {
      continue;
    }
    parts.push_back(tm::UnitPart{text(source, src_spans, b.src_begin, b.src_end),
                                 text(target, tgt_spans, b.tgt_begin, b.tgt_end), b.score});
  }
  // A pair without a letter ("(3)" <-> "(3)") is no sentence worth a lookup.
  std::erase_if(parts, [](const tm::UnitPart& p) { return !has_letter(p.source, 0); });
  return parts;
}

bool UnitSplitter::may_split(std::string_view source, std::string_view target) {
  return may_hold_two(source) && may_hold_two(target);
}

tm::PartSplitter UnitSplitter::function() const {
  return [this](const LangTag& src_lang, std::string_view source, const LangTag& tgt_lang,
                std::string_view target) { return split(src_lang, source, tgt_lang, target); };
}

}  // namespace termbridge::job
