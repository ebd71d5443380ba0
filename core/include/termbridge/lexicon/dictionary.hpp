#pragma once

// A bilingual dictionary of everyday words, read as a lexicon: what a text of a few dozen
// sentences cannot teach about itself (it shows most words once), a dictionary knows.
// termbridge compiles in a general Korean–English news dictionary (core/data/lexicon/ko-en.tsv,
// written for the project); the aligner uses it for ko–en and en–ko texts.
//
// The text format, UTF-8, one headword a line:
//   HEADWORD<TAB>translation; translation; ...       # lines starting with '#' are comments
// e.g. "외무장관<TAB>foreign minister; foreign secretary". The headword is cut into words by
// words() as text is (so 고속도로 enters as 고속도, the word text gives), each translation too,
// and every headword word is paired with every word of each translation that is not a
// function word ("of", "the"), as a fixed entry with both probabilities 1. English words are
// entered in their inflected forms as well (announce: announces, announced, announcing), since
// lexicon words are case-folded, not stemmed.
//
// Example:
//   lexicon::Lexicon d = lexicon::read_dictionary(in, "ko-en.tsv", LangTag::parse("ko"),
//                                                 LangTag::parse("en"));
//   d.fixed("외무장관", "ministers");  // true

#include <iosfwd>
#include <string_view>

#include "termbridge/base/lang.hpp"
#include "termbridge/lexicon/lexicon.hpp"

namespace termbridge::lexicon {

// Throws Error(parse) naming `name` and the line for a line without a tab or without a
// translation, and for invalid UTF-8.
Lexicon read_dictionary(std::istream& in, std::string_view name, const LangTag& src,
                        const LangTag& tgt);

// The same lexicon with its languages (and each pair's two probabilities) swapped.
Lexicon reversed(const Lexicon& lex);

// The compiled-in dictionary of the two languages, either way round (ko–en or en–ko), or
// nullptr when there is none for the pair. Read once, on first use; thread-safe.
const Lexicon* builtin_dictionary(const LangTag& src, const LangTag& tgt);

}  // namespace termbridge::lexicon
