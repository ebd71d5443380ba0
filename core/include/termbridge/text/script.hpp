#pragma once

// Scripts of characters, runs of one script, code-point offsets and a ko/en language guess.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::text {

enum class Script {
  hangul,  // syllables and jamo
  latin,
  han,  // Hanja / Chinese characters
  kana,
  digit,  // any decimal digit
  space,
  punct,  // punctuation and symbols
  other,  // any other script
};

// The script class of one code point.
Script script_of(char32_t c);

struct ScriptRun {
  Span span;  // bytes of the input
  Script script;
};

// Splits valid UTF-8 into maximal runs of one script class. Combining marks join the run
// before them.
std::vector<ScriptRun> script_runs(std::string_view utf8);

// Guesses the language of a text from its letters: "ko" when Hangul is at least a fifth of the
// letters, "ja" for kana, "zh" for Han without Hangul or kana, "en" for Latin, "und" when
// there are no letters. Enough to pick segmentation rules, not a language identifier.
std::string guess_language(std::string_view utf8);

// The number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view utf8);

// Byte offset -> code-point offset, for reporting positions the way editors count them.
// Offsets are looked up in increasing order in O(total length).
class CodePointCounter {
 public:
  explicit CodePointCounter(std::string_view utf8) : text_(utf8) {}
  // The code-point offset of byte offset `byte` (which must be on a character boundary).
  std::size_t at(std::size_t byte);

 private:
  std::string_view text_;
  std::size_t byte_ = 0;
  std::size_t cps_ = 0;
};

}  // namespace termbridge::text
