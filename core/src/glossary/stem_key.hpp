#pragma once

// The key under which a text in a language with a Snowball stemmer is matched: its words
// stemmed one by one, so that a term's words match their inflected forms (Atomwaffe,
// Atomwaffen → atomwaff; ядерное оружие, ядерного оружия → ядерн оруж).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/text/stemmer.hpp"

namespace termbridge::glossary {

// Writes the stem key of valid, case-folded UTF-8 `text` to `key`: the stems of its words
// (runs of letters, marks and digits) and every other character that is not a separator
// (punctuation: one token each), joined by one space. White space, dashes and apostrophes
// only separate words (l'arme → l arme). origin[k] is the byte of `text` where the token of
// key byte k starts, or, for a joining space, where the token before it ends; origin has
// key.size() + 1 entries, the last where the last token ends.
void stem_key(std::string_view text, text::Stemmer& stemmer, std::string& key,
              std::vector<std::uint32_t>& origin);

}  // namespace termbridge::glossary
