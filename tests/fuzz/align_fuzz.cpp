// The aligner: two texts (split at the first NUL byte), a sentence per line, a blank line
// between paragraphs. The beads must cover both sides in order, without gaps, scores in 0..1.

#include <cmath>

#include "fuzz_common.hpp"
#include "termbridge/align/aligner.hpp"

namespace {

std::vector<termbridge::align::Sentence> sentences(std::string_view text) {
  std::vector<termbridge::align::Sentence> out;
  std::size_t paragraph = 0, start = 0;
  while (start <= text.size() && out.size() < 300) {
    auto at = text.find('\n', start);
    auto line = text.substr(start, at == std::string_view::npos ? at : at - start);
    if (line.empty()) {
      ++paragraph;
    } else {
      termbridge::align::Sentence s;
      s.text = std::string(line);
      s.paragraph = paragraph;
      // A word in brackets stands for a glossary concept.
      auto open = line.find('[');
      auto close = line.find(']');
      if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
        s.concepts.emplace_back(line.substr(open + 1, close - open - 1));
      }
      out.push_back(std::move(s));
    }
    if (at == std::string_view::npos) {
      break;
    }
    start = at + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  const std::string_view input = fuzz::bytes(data, size);
  auto nul = input.find('\0');
  if (nul == std::string_view::npos) {
    return 0;
  }
  auto src = sentences(input.substr(0, nul));
  auto tgt = sentences(input.substr(nul + 1));
  std::vector<align::Bead> beads;
  try {
    beads = align::align_sentences(src, tgt);
  } catch (const Error& e) {
    fuzz::expected(e);
    return 0;
  }
  std::size_t s = 0, t = 0;
  for (const auto& bead : beads) {
    if (bead.src_begin != s || bead.tgt_begin != t || bead.src_end < bead.src_begin ||
        bead.tgt_end < bead.tgt_begin ||
        (bead.src_end == bead.src_begin && bead.tgt_end == bead.tgt_begin) ||
        !(bead.score >= 0 && bead.score <= 1)) {
      fuzz::finding("align: beads with a gap, an overlap, nothing in them or a bad score",
                    align::to_string(bead));
    }
    s = bead.src_end;
    t = bead.tgt_end;
  }
  if (s != src.size() || t != tgt.size()) {
    fuzz::finding("align: the beads do not cover both texts");
  }
  return 0;
}
