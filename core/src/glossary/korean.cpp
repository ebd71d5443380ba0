#include "glossary/korean.hpp"

#include <algorithm>
#include <cstdint>
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

// Beginnings of the copula (이다, 였다, 입니다, 이라고), of light verbs (하다, 되다, 시키다,
// 당하다) and of 같다 'like' after a noun: once one starts, the rest of the eojeol is its ending.
constexpr std::u32string_view kVerbStarts[] = {
    U"하",   U"한",   U"할",   U"함",   U"합",   U"해",   U"했",   U"되",   U"된",
    U"될",   U"됨",   U"됩",   U"돼",   U"됐",   U"시키", U"시킨", U"시킬", U"시켜",
    U"시켰", U"당하", U"당한", U"당했", U"당해", U"이다", U"이었", U"이어", U"이지",
    U"이자", U"이므", U"이니", U"이면", U"이던", U"였",   U"입니", U"일",   U"임",
    U"이라", U"라고", U"라며", U"라면", U"같",
};

bool starts_with(std::u32string_view s, std::u32string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Particles after which nothing more attaches: the structural cases (subject 이/가, object
// 을/를, genitive 의), the topic and the additive (은/는, 도) and the connectives and
// quotatives. Adverbial cases (에, 에서, 로, 까지 ...) and 들, 만 take more after them
// (에서는, 들이, 만을).
constexpr std::u32string_view kClosing[] = {
    U"은",     U"는", U"이",   U"가", U"을", U"를",   U"의",   U"도",     U"나",   U"이나", U"며",
    U"이며",   U"고", U"이고", U"요", U"야", U"아",   U"든",   U"이든",   U"란",   U"이란", U"라는",
    U"이라는", U"라", U"이라", U"엔", U"인", U"과의", U"와의", U"으로의", U"에의", U"로의",
};

bool closing(std::u32string_view particle) {
  return std::find(std::begin(kClosing), std::end(kClosing), particle) != std::end(kClosing);
}

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

bool is_compound_head(char32_t c) {
  static constexpr std::u32string_view kHeads =
      U"범기극군전함단국법안론책망권화병탄선소사령력인회급비식형터";
  return kHeads.find(c) != std::u32string_view::npos;
}

bool is_noun_prefix(char32_t c) {
  static constexpr std::u32string_view kPrefixes = U"미중일러영북남한독불대반친주탈비전현부총";
  return kPrefixes.find(c) != std::u32string_view::npos;
}

bool is_noun_suffix(std::u32string_view rest) {
  // open[p]: rest[0, p) is a sequence of particles and suffixes that may go on; closed[p]:
  // one that ended with a closing particle, so only the end of the eojeol may follow.
  std::vector<std::uint8_t> open(rest.size() + 1, 0);
  std::vector<std::uint8_t> closed(rest.size() + 1, 0);
  open[0] = 1;
  for (std::size_t p = 0; p < rest.size(); ++p) {
    if (!open[p]) {
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
        (closing(particle) ? closed : open)[p + particle.size()] = 1;
      }
    }
  }
  return open[rest.size()] || closed[rest.size()];
}

std::size_t noun_part(std::u32string_view rest) {
  std::size_t k = 0;
  while (k < rest.size() && !is_noun_suffix(rest.substr(k))) {
    ++k;
  }
  return k;
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

}  // namespace termbridge::glossary::korean
