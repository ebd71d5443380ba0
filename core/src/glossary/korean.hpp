#pragma once

// Korean word knowledge used by the term matcher: what may follow a noun inside one eojeol
// (particles, the copula, light-verb endings, noun suffixes) and a short lexicon of common
// words that hide the letters of a term (핵심 hides 핵, 미국경제 hides 국경).

#include <span>
#include <string_view>

namespace termbridge::glossary::korean {

// True for Hangul syllables and jamo (conjoining and compatibility).
bool is_hangul(char32_t c);

// True for the syllables used as counters and units right after a number (대, 명, 개, 년,
// 월, 일 ...): in 30대사이 'between (people in their) thirties' 대 belongs to 30, and no term
// starts there.
bool is_counter(char32_t c);

// True when `rest`, the letters after a noun up to the end of its eojeol, is a sequence of
// particles and suffixes (은, 에서는, 들이), the copula (이다, 였다, 입니다) or a light verb
// with its ending (했다, 되었고, 시켰다). Empty counts.
bool is_noun_suffix(std::u32string_view rest);

// True when `after`, the text right after a word ending in 지 (with one space between
// words), is a negation: 않다 or 못하다 as the next word, perhaps after a particle on the 지
// (숨기지 않았다, 이기지 못했다, 어기지도 않았다). A noun is never followed by 않다 or 못하다
// like this, so 기지 'base' inside 숨기지 않았다 ends in the connective -지 of a verb. The
// matcher asks only for a term that starts inside its eojeol.
bool negation_follows(std::u32string_view after);

// Common words whose letters contain or straddle a glossary term without meaning it. A term
// hit that such a word overlaps (and that does not contain the word) is dropped by the rules
// in matcher.cpp. Entries are NFKC + case folded, without spaces.
std::span<const std::string_view> guard_words();

}  // namespace termbridge::glossary::korean
