#include "glossary/korean.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace termbridge::glossary::korean {

namespace {

// Case particles, auxiliary particles and their common stacks, and noun suffixes that attach
// without a space (들 plural, 측 side, 간 between, 적 -ic). Longer entries first is not
// needed: the parser below tries every entry at every position.
constexpr std::u32string_view kParticles[] = {
    U"은",   U"는",   U"이",   U"가",     U"을",   U"를",     U"의",   U"에",     U"에서", U"에게",
    U"께",   U"께서", U"한테", U"더러",   U"로",   U"으로",   U"와",   U"과",     U"도",   U"만",
    U"까지", U"부터", U"보다", U"처럼",   U"같이", U"마저",   U"조차", U"나",     U"이나", U"며",
    U"이며", U"고",   U"이고", U"랑",     U"이랑", U"요",     U"야",   U"아",     U"든",   U"이든",
    U"란",   U"이란", U"라는", U"이라는", U"로서", U"으로서", U"로써", U"으로써", U"엔",   U"인",
    U"라",   U"이라", U"뿐",   U"밖에",   U"대로", U"씩",     U"만큼", U"끼리",   U"마다", U"께선",
    U"에선", U"서",   U"들",   U"측",     U"간",   U"상",     U"적",   U"내",     U"별",   U"용",
    U"쪽",   U"님",   U"등",   U"과의",   U"와의", U"으로의", U"에의", U"로의",
};

// Beginnings of the copula (이다, 였다, 입니다) and of light verbs (하다, 되다, 시키다, 당하다)
// after a predicate noun: once one starts, the rest of the eojeol is its ending.
constexpr std::u32string_view kVerbStarts[] = {
    U"하",   U"한",   U"할",   U"함",   U"합",   U"해",   U"했",   U"되",   U"된",
    U"될",   U"됨",   U"됩",   U"돼",   U"됐",   U"시키", U"시킨", U"시킬", U"시켜",
    U"시켰", U"당하", U"당한", U"당했", U"당해", U"이다", U"이었", U"이어", U"이지",
    U"이자", U"이므", U"이니", U"이면", U"이던", U"였",   U"입니", U"일",   U"임",
};

bool starts_with(std::u32string_view s, std::u32string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The guard lexicon. Each entry is a common word (or a word with its particle) that contains
// or straddles the letters of a short term in another meaning. Grouped by the term they hide.
constexpr std::string_view kGuardWords[] = {
    // 핵 'nucleus/core', not 'nuclear'
    "핵심",
    "핵가족",
    "세포핵",
    // 기지: mortgage, a stretch, a mosquito (verbs in -기 before the negation -지 않다/못하다
    // are a rule: negation_follows)
    "모기지",
    "기지개",
    "모기",
    // 국경: country words ending in 국 before 경제/경찰/경쟁 ..., and 국경일 'national holiday'
    "미국",
    "영국",
    "중국",
    "한국",
    "태국",
    "외국",
    "자국",
    "타국",
    "각국",
    "본국",
    "전국",
    "제국",
    "왕국",
    "강국",
    "대국",
    "모국",
    "조국",
    "귀국",
    "입국",
    "출국",
    "결국",
    "당국",
    "국경일",
    // 대사 'metabolism' and 대 'big' + 사건/사면/사업 (a counter after a number is a rule:
    // starts_with_counter)
    "대사건",
    "대사면",
    "대사업",
    "신진대사",
    "대사증후군",
    // 포로: nouns in -포 before the particle 로 (공포로, 동포로)
    "공포",
    "대포",
    "폭포",
    "교포",
    "동포",
    "세포",
    "발포",
    "선포",
    "엄포",
    "점포",
    "살포",
    "화포",
    "총포",
    // 나토: anatomy
    "아나토미",
    // 군부: 군 + 부대 'unit'
    "부대",
    // 안보: nouns in -안 before 보다 'than', and 안 보이다 written together
    "해안",
    "치안",
    "불안",
    "방안",
    "제안",
    "보안",
    "안보다",
    "안보여",
    "안보인",
    "안보이는",
    "안보이지",
    "안보였",
    // 무기: lethargy, indefinite, life sentence
    "무기력",
    "무기한",
    "무기징역",
    "무기수",
    // 유엔사, 연합사: 사무 'office'
    "사무국",
    "사무총장",
    "사무소",
    "사무실",
    "사무처",
    "사무차장",
    // 외교관, 외교부 before 관계 'relations' and 부문 'sector'
    "관계",
    "부문",
};

}  // namespace

bool is_hangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xD7B0 && c <= 0xD7FF);
}

bool is_counter(char32_t c) {
  // Counters and units written right after Arabic numerals: 30대 'in their thirties',
  // 2명, 3개, 5차, 10년, 4월, 3일, 2시, 5분, 7층, 1호, 3번, 2회, 6국, 2척, 3기, 10발, 2배, 3세.
  static constexpr std::u32string_view kCounters = U"대명개차년월일시분층호번회국척기발배세";
  return kCounters.find(c) != std::u32string_view::npos;
}

bool is_noun_suffix(std::u32string_view rest) {
  // reachable[p]: rest[0, p) is a sequence of particles and suffixes.
  std::vector<bool> reachable(rest.size() + 1, false);
  reachable[0] = true;
  for (std::size_t p = 0; p < rest.size(); ++p) {
    if (!reachable[p]) {
      continue;
    }
    auto tail = rest.substr(p);
    for (auto verb : kVerbStarts) {
      if (starts_with(tail, verb)) {
        return true;
      }
    }
    for (auto particle : kParticles) {
      if (starts_with(tail, particle)) {
        reachable[p + particle.size()] = true;
      }
    }
  }
  return reachable[rest.size()];
}

bool negation_follows(std::u32string_view after) {
  // Delimiter particles that may sit between -지 and the auxiliary: 숨기지도 않았다.
  static constexpr std::u32string_view kBetween[] = {U"도", U"는", U"만", U"조차", U"를"};
  std::size_t word = after.find(U' ');
  std::u32string_view tail = after.substr(0, word);
  if (!tail.empty() &&
      std::find(std::begin(kBetween), std::end(kBetween), tail) == std::end(kBetween)) {
    return false;
  }
  if (word == std::u32string_view::npos) {
    return false;
  }
  std::u32string_view next = after.substr(word + 1);
  if (next.substr(0, 2) == U"못지") {
    return false;  // 못지않다 'no less than' follows nouns: 기지 못지않은 시설
  }
  return !next.empty() && (next.front() == U'않' || next.front() == U'못');
}

std::span<const std::string_view> guard_words() {
  return kGuardWords;
}

}  // namespace termbridge::glossary::korean
