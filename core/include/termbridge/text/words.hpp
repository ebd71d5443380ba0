#pragma once

// Word boundaries through ICU's word break iterator (dictionary-based for Thai, CJ etc.;
// for Korean an eojeol, the space-separated word with its particles, is one word).

#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::text {

struct Word {
  Span span;     // bytes of the input
  bool letters;  // true for words with letters (or ideographs, kana), false for numbers
};

// The words of valid UTF-8 text, leaving out spaces and punctuation. `lang` selects the
// locale of the break rules ("ko", "en", ...; empty for root).
std::vector<Word> words(std::string_view utf8, std::string_view lang = {});

}  // namespace termbridge::text
