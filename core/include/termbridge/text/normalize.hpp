#pragma once

// Unicode normalization, and matching keys that remember where each byte came from.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/span.hpp"

namespace termbridge::text {

enum class NormalForm {
  nfc,      // canonical composition: what termbridge writes (decomposed Hangul is composed)
  nfkc,     // compatibility composition: full-width Latin and digits become ASCII
  nfkc_cf,  // NFKC + case folding + removal of default-ignorables: the matching key
};

// "nfc", "nfkc", "nfkc_cf" (also "nfkc-cf", "key"). Throws Error(invalid_argument).
NormalForm parse_normal_form(std::string_view name);

// The characters below U+10000 that a form leaves alone whatever surrounds them: a text made
// of these is in the form. ASCII lower case, Hangul syllables, most CJK and punctuation are;
// capitals are not for the key, nor are combining marks, compatibility characters or jamo.
class StableChars {
 public:
  static const StableChars& of(NormalForm form);
  bool has(char32_t c) const { return c < 0x10000 && ((bits_[c >> 6] >> (c & 63)) & 1U) != 0; }

 private:
  explicit StableChars(NormalForm form);
  std::vector<std::uint64_t> bits_;
};

// True when the text is in the form already (normalize() would return it as it is). Text of
// common characters (ASCII lower case for the key, Hangul syllables, CJK, punctuation) is
// decided by a table; the rest by ICU's check. Input must be valid UTF-8.
bool is_normalized(std::string_view utf8, NormalForm form);

// Normalizes UTF-8 text. Input must be valid UTF-8 (see check_utf8).
std::string normalize(std::string_view utf8, NormalForm form);

// Normalized text with a map back to the input it came from.
struct Normalized {
  std::string text;
  // to_original[i] is the byte offset in the input of the character that produced byte i of
  // `text`; to_original[text.size()] is the input size. Bytes produced together by one
  // change (a composed syllable, a folded ligature) all map to the start of their source.
  std::vector<std::uint32_t> to_original;

  // Maps a span of `text` to the span of the input it was produced from. A span that ends
  // inside one change is widened to the end of that change's source.
  Span original_span(Span key_span) const;
};

// Like normalize(), also keeping the map. Input is limited to 4 GiB.
Normalized normalize_with_map(std::string_view utf8, NormalForm form);

// The matching key of a text: NFKC with case folding ("ＮＣＧ" and "ncg" get the same key).
inline Normalized match_key(std::string_view utf8) {
  return normalize_with_map(utf8, NormalForm::nfkc_cf);
}

}  // namespace termbridge::text
