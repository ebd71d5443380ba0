// The segmenter with the built-in rules: sentences of any text in Korean, English and other
// languages must be in order, inside the paragraph, not empty and trimmed. The paragraph
// reader over the same text, with a small cut size, too.

#include <sstream>

#include "fuzz_common.hpp"
#include "termbridge/segment/paragraphs.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/decode.hpp"

namespace {

bool is_space_at_edge(std::string_view s) {
  // ASCII white space only: the segmenter trims Unicode white space, which includes these.
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return sp(s.front()) || sp(s.back());
}

void check_spans(std::string_view paragraph, const std::vector<termbridge::Span>& spans) {
  std::size_t last = 0;
  for (const auto& span : spans) {
    if (span.begin < last || span.end <= span.begin || span.end > paragraph.size()) {
      fuzz::finding("segment: a span out of order, empty or outside the paragraph", paragraph);
    }
    if (is_space_at_edge(paragraph.substr(span.begin, span.end - span.begin))) {
      fuzz::finding("segment: a sentence not trimmed", paragraph);
    }
    last = span.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  if (size == 0) {
    return 0;
  }
  static const segment::Segmenter segmenter = segment::Segmenter::builtin();
  static const char* const langs[] = {"ko", "en", "en-US", "", "und", "ja", "de", "zh"};
  const std::string lang = langs[data[0] % std::size(langs)];
  const std::string_view input = fuzz::bytes(data + 1, size - 1);
  try {
    check_spans(input, segmenter.split(input, lang));
  } catch (const Error& e) {
    fuzz::expected(e);
  }
  try {
    std::istringstream in{std::string(input)};
    text::LineReader lines(in, "fuzz.txt");
    segment::ParagraphReader paragraphs(lines, 64 + data[0]);
    std::string paragraph;
    while (paragraphs.next(paragraph)) {
      check_spans(paragraph, segmenter.split(paragraph, lang));
    }
  } catch (const Error& e) {
    fuzz::expected(e);
  }
  return 0;
}
