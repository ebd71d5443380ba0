#pragma once

// Korean word knowledge used by the term matcher: what may follow a noun inside one eojeol
// (particles, the copula, light-verb endings, noun suffixes), which single syllables head or
// lead a compound noun, and the counters written after numbers. With it the matcher tells a
// term glued into a compound (대북제재, 납치범) from letters inside another word (핵심,
// 클리퍼) without a list of such words.

#include <cstddef>
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
// with its ending (했다, 되었고, 시켰다). Empty counts. A closing particle (subject, object,
// topic, genitive: 이, 를, 는, 의 ...) ends the sequence: 이는 and 를이 are no stacks, so
// 안보이는 'invisible' is not 안보 + particles.
bool is_noun_suffix(std::u32string_view rest);

// The length of the part of `rest` (the letters after a term up to the end of its eojeol)
// before its particles and endings: 0 for 는 or 했다, 2 for 지역에서 (지역 + 에서), 1 for
// 심 (핵심) and 3 for 무총장.
std::size_t noun_part(std::u32string_view rest);

// True for the one-syllable Sino-Korean nouns that head compounds of a term without making
// it another word: 납치범 'kidnapper', 폭격기 'bomber', 인질극 'hostage drama', 반군 'rebel
// army', 억제력 'deterrent', 한국인, 외무장관회의 ... (범 犯, 기 機, 극 劇, 군 軍, 전 戰, 함 艦,
// 단 團, 국 國, 법 法, 안 案, 론 論, 책 策, 망 網, 권 權, 화 化, 병 兵, 탄 彈, 선 船/線, 소 所,
// 사 史, 령 令, 력 力, 인 人, 회 會, 급 級, 비 費, 식 式, 형 型, 터: 장관급, 국방비, 한국형,
// 전쟁터). Heads that turn the
// term into a person or an office of another concept (장 長, 관 官, 원 員) are not among them:
// 외교부장 is no 외교부.
bool is_compound_head(char32_t c);

// True for the one-syllable Sino-Korean prefixes that news Korean glues before a noun: the
// short names of countries (미 美, 중 中, 일 日, 러, 영 英, 북 北, 남 南, 한 韓, 독 獨, 불 佛)
// and the relational prefixes (대 對 'toward', 반 反, 친 親, 주 駐 'stationed in',
// 탈 脫, 비 非, 전 前 'former', 현 現, 부 副 'deputy', 총 總): 미대사, 주한미군, 반정부.
bool is_noun_prefix(char32_t c);

// True when `after`, the text right after a word ending in 지 (with one space between
// words), is a negation: 않다 or 못하다 as the next word, perhaps after a particle on the 지
// (숨기지 않았다, 이기지 못했다, 어기지도 않았다). A noun is never followed by 않다 or 못하다
// like this, so 기지 'base' inside 숨기지 않았다 ends in the connective -지 of a verb. The
// matcher asks only for a term that starts inside its eojeol.
bool negation_follows(std::u32string_view after);

}  // namespace termbridge::glossary::korean
