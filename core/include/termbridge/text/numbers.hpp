#pragma once

// Numbers mentioned in text, as values: "1,000" = "1000" = "천" is not attempted, but
// "2만" = 20000, "1.5 billion" = 1500000000, "2025.12.11" = 2025, 12, 11, "fifth" = 5 and
// "December" = 12 are, so that a Korean sentence and its English translation can be compared
// number by number (QA) or paired by their numbers (alignment).

#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::text {

struct NumberMention {
  Span span;  // bytes of the input
  double value = 0;
  bool spelled = false;  // from a word ("fifth", "twelve", "December"): weaker evidence
};

// The numbers of valid UTF-8 text, in order. Digits of any script count (full-width too).
// Korean, Chinese and Japanese myriad units after digits multiply (3만 = 3万 = 30000,
// 1조2천억 = 1.2e12); English scale words after digits multiply (2 million); digit groups
// with two or more dots are dates and give one number per part; English number words
// (one..twenty, tens, ordinals) and month names are reported as spelled.
std::vector<NumberMention> find_numbers(std::string_view utf8);

// True when two values are the same number (relative tolerance for decimals).
bool same_number(double a, double b);

}  // namespace termbridge::text
