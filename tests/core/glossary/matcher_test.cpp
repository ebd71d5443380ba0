#include "termbridge/glossary/matcher.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"

namespace glossary = termbridge::glossary;
using termbridge::LangTag;
using termbridge::Span;

namespace {

glossary::Term term(const char* text, const char* lang) {
  glossary::Term t;
  t.text = text;
  t.lang = LangTag::parse(lang);
  return t;
}

void add(glossary::TermBase& tb, const char* id, std::vector<glossary::Term> terms) {
  glossary::Concept c;
  c.id = id;
  c.terms = std::move(terms);
  tb.add(std::move(c));
}

// A small Korean-English defense term base, in the shape of the shipped one.
glossary::TermBase defense_terms() {
  glossary::TermBase tb;
  add(tb, "nuclear-consultative-group",
      {term("Nuclear Consultative Group", "en"), term("NCG", "en"), term("핵협의그룹", "ko")});
  add(tb, "security-consultative-meeting",
      {term("Security Consultative Meeting", "en"), term("SCM", "en"), term("안보협의회의", "ko")});
  add(tb, "defense-ministry", {term("Ministry of National Defense", "en"), term("국방부", "ko")});
  add(tb, "nuke", {term("nuke", "en"), term("핵", "ko")});
  add(tb, "nuclear-test", {term("nuclear test", "en"), term("핵실험", "ko")});
  add(tb, "nuclear-weapon", {term("nuclear weapon", "en"), term("핵무기", "ko")});
  add(tb, "nuclear-program",
      {term("nuclear program", "en"), term("nuclear weapons program", "en"),
       term("핵개발 계획", "ko")});
  add(tb, "weapon", {term("weapon", "en"), term("무기", "ko")});
  add(tb, "border", {term("border", "en"), term("국경", "ko")});
  add(tb, "military-base", {term("air base", "en"), term("기지", "ko")});
  add(tb, "us-forces", {term("U.S. troops", "en"), term("미군", "ko")});
  add(tb, "sanctions", {term("sanction", "en"), term("제재", "ko")});
  add(tb, "ally", {term("ally", "en"), term("동맹국", "ko")});
  add(tb, "joint-exercise", {term("joint exercise", "en"), term("연합훈련", "ko")});
  add(tb, "united-nations",
      {term("United Nations", "en"), term("U.N.", "en"), term("UN", "en"), term("유엔", "ko")});
  add(tb, "un-security-council",
      {term("UN Security Council", "en"), term("유엔 안보리", "ko"), term("안보리", "ko")});
  add(tb, "national-security", {term("national security", "en"), term("안보", "ko")});
  add(tb, "nato", {term("NATO", "en"), term("나토", "ko")});
  add(tb, "icbm", {term("ICBM", "en")});
  add(tb, "six-party-talks", {term("six-party talks", "en"), term("6자회담", "ko")});
  add(tb, "diplomacy", {term("diplomacy", "en"), term("외교", "ko")});
  add(tb, "diplomat", {term("diplomat", "en"), term("외교관", "ko")});
  add(tb, "secretary-of-state", {term("Secretary of State", "en"), term("국무장관", "ko")});
  add(tb, "prisoner-of-war", {term("prisoner of war", "en"), term("포로", "ko")});
  add(tb, "military-junta", {term("military junta", "en"), term("군부", "ko")});
  add(tb, "bomb", {term("bomb", "en"), term("폭탄", "ko")});
  add(tb, "war", {term("war", "en"), term("전쟁", "ko")});
  return tb;
}

const glossary::TermBase& terms() {
  static const glossary::TermBase tb = defense_terms();
  return tb;
}

std::vector<glossary::TermHit> find(const char* lang, std::string_view text,
                                    glossary::MatchOptions options = {}) {
  glossary::TermMatcher matcher(terms(), LangTag::parse(lang), options);
  return matcher.find(text);
}

// The surfaces of the hits, joined by "|", for one-line assertions.
std::string surfaces(const std::vector<glossary::TermHit>& hits) {
  std::string out;
  for (const auto& h : hits) {
    if (!out.empty()) {
      out += '|';
    }
    out += h.surface;
  }
  return out;
}

std::string concepts(const std::vector<glossary::TermHit>& hits) {
  std::string out;
  for (const auto& h : hits) {
    if (!out.empty()) {
      out += '|';
    }
    out += h.concept_id;
  }
  return out;
}

}  // namespace

TEST_SUITE("glossary.matcher") {
  TEST_CASE("Korean particles stay outside the span") {
    auto hits = find("ko", "국방부는 핵협의그룹을 열었다고 밝혔다");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].surface == "국방부");
    CHECK(hits[0].span == Span{0, 9});
    CHECK(hits[0].concept_id == "defense-ministry");
    CHECK(hits[1].surface == "핵협의그룹");
    CHECK(hits[1].term_index == 2);
  }

  TEST_CASE("a term and its acronym in brackets are two occurrences") {
    auto hits = find("ko", "핵협의그룹(NCG)에서 논의했다");
    CHECK(surfaces(hits) == "핵협의그룹|NCG");
    CHECK(concepts(hits) == "nuclear-consultative-group|nuclear-consultative-group");
  }

  TEST_CASE("spacing variants match and the span covers the text as written") {
    CHECK(surfaces(find("ko", "북한은 지하 핵 실험을 강행했다")) == "핵 실험");
    CHECK(surfaces(find("ko", "북한의 핵개발계획에 대해")) == "핵개발계획");
    CHECK(surfaces(find("ko", "미 국무 장관은 말했다")) == "국무 장관");
  }

  TEST_CASE("an inserted space counts only when the term is still a word") {
    CHECK(surfaces(find("ko", "두 나라는 외교 관계를 수립했다")) == "외교");
    CHECK(surfaces(find("ko", "중국 경찰이 출동했다")) == "");
  }

  TEST_CASE("terms glued to other nouns count") {
    CHECK(surfaces(find("ko", "미국이 대북제재를 강행했다")) == "제재");
    CHECK(surfaces(find("ko", "중앙아시아 국경지역에서")) == "국경");
    CHECK(surfaces(find("ko", "한미연합훈련이 시작됐다")) == "연합훈련");
  }

  TEST_CASE("adjacent terms are separate occurrences") {
    auto hits = find("ko", "헌법재판소는 미군기지 이전에 관해");
    CHECK(surfaces(hits) == "미군|기지");
    CHECK(concepts(hits) == "us-forces|military-base");
  }

  TEST_CASE("no hits inside unrelated longer words") {
    CHECK(surfaces(find("ko", "문제의 핵심은 경제다")) == "");
    CHECK(surfaces(find("ko", "결핵 환자가 늘었다")) == "");
    CHECK(surfaces(find("ko", "미국경제가 흔들렸다")) == "");
    CHECK(surfaces(find("ko", "영국경찰은 수사에 나섰다")) == "");
    CHECK(surfaces(find("ko", "모기지 대출이 부실해졌다")) == "");
    CHECK(surfaces(find("ko", "그는 사실을 숨기지 않았다")) == "");
    // Any verb in -기 before the negation, not only a listed one.
    CHECK(surfaces(find("ko", "합의를 어기지 않겠다고 밝혔다")) == "");
    CHECK(surfaces(find("ko", "결승에서 이기지 못했다")) == "");
    CHECK(surfaces(find("ko", "휴가를 즐기지도 못했다")) == "");
    CHECK(surfaces(find("ko", "30대사이에서 인기다")) == "");
    CHECK(surfaces(find("ko", "사람들이 공포로 떨었다")) == "");
    CHECK(surfaces(find("ko", "인근 군부대에서")) == "");
    CHECK(surfaces(find("ko", "해안보다 내륙이 춥다")) == "");
  }

  TEST_CASE("기지 before 않/못 only when it ends a verb") {
    CHECK(surfaces(find("ko", "공군 기지 안에서 훈련했다")) == "기지");
    CHECK(surfaces(find("ko", "기지 못지않은 시설")) == "기지");
    CHECK(surfaces(find("ko", "새 기지는 넓다")) == "기지");
  }

  TEST_CASE("a guard word does not hide a longer term across it") {
    CHECK(surfaces(find("ko", "미국무장관의 발언")) == "국무장관");
  }

  TEST_CASE("the single syllable 핵 stands alone or heads a compound") {
    CHECK(surfaces(find("ko", "북한의 핵 포기를 요구했다")) == "핵");
    CHECK(surfaces(find("ko", "유휴의 핵원료를 손에 넣었다")) == "핵");
    CHECK(surfaces(find("ko", "노후한 핵무기들이")) == "핵무기");
  }

  TEST_CASE("longest match wins") {
    auto hits = find("ko", "유엔 안보리는 결의를 채택했다");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].concept_id == "un-security-council");
    CHECK(hits[0].surface == "유엔 안보리");
    CHECK(concepts(find("en", "its nuclear weapons program remains")) == "nuclear-program");
  }

  TEST_CASE("overlapping hits are all reported when asked") {
    glossary::MatchOptions all;
    all.longest_match_only = false;
    // 안보 inside 안보리 is no hit of its own: 리 after it is neither a particle nor a
    // compound head, so it is a piece of the abbreviation, as 리퍼 is of 클리퍼.
    CHECK(concepts(find("ko", "유엔 안보리", all)) ==
          "un-security-council|united-nations|un-security-council");
  }

  TEST_CASE("Latin acronyms are spotted in Korean text, case-sensitively") {
    CHECK(surfaces(find("ko", "UN의 인권 보고서")) == "UN");
    CHECK(surfaces(find("ko", "UNICEF 보고서")) == "");
    CHECK(surfaces(find("ko", "United Nations 보고서")) == "");
  }

  TEST_CASE("English plurals match and the span covers the inflected word") {
    CHECK(surfaces(find("en", "conducted underground nuclear tests in 1992")) == "nuclear tests");
    CHECK(surfaces(find("en", "the United States and its allies.")) == "allies");
    CHECK(surfaces(find("en", "joint exercises began")) == "joint exercises");
    CHECK(surfaces(find("en", "tougher sanctions from the council")) == "sanctions");
  }

  TEST_CASE("English case variants match") {
    CHECK(surfaces(find("en", "the National Security Law")) == "National Security");
    CHECK(surfaces(find("en", "NEW YORK, UNITED NATIONS (AP)")) == "UNITED NATIONS");
  }

  TEST_CASE("derivations are not inflections") {
    CHECK(surfaces(find("en", "the bombing of the embassy")) == "");
    CHECK(surfaces(find("en", "a gunman opened fire")) == "");
  }

  TEST_CASE("verb forms match when asked") {
    glossary::MatchOptions verbs;
    verbs.english_verb_forms = true;
    CHECK(surfaces(find("en", "the council sanctioned the regime", verbs)) == "sanctioned");
  }

  TEST_CASE("the possessive stays outside the span") {
    CHECK(surfaces(find("en", "NATO's summit in Bucharest")) == "NATO");
    CHECK(surfaces(find("en", "the ally’s position")) == "ally");
  }

  TEST_CASE("hyphen and space are interchangeable") {
    CHECK(surfaces(find("en", "the six party talks resumed")) == "six party talks");
    CHECK(surfaces(find("en", "the six-party talks resumed")) == "six-party talks");
    CHECK(surfaces(find("en", "a U.N.-brokered deal")) == "U.N.");
    CHECK(surfaces(find("en", "war-torn Iraq")) == "war");
  }

  TEST_CASE("acronyms match in capitals and as whole tokens") {
    CHECK(surfaces(find("en", "Senator Obama said")) == "");
    CHECK(surfaces(find("en", "the Scm was held")) == "");
    CHECK(surfaces(find("en", "the SCMP reported")) == "");
    CHECK(surfaces(find("en", "the SCM was held")) == "SCM");
    CHECK(surfaces(find("en", "it tested two ICBMs")) == "ICBMs");
  }

  TEST_CASE("words match only as whole words") {
    CHECK(surfaces(find("en", "moving toward peace")) == "");
    CHECK(surfaces(find("en", "really important")) == "");
  }

  TEST_CASE("a rank word before a title names another office") {
    CHECK(surfaces(find("en", "Assistant Secretary of State Christopher Hill")) == "");
    CHECK(surfaces(find("en", "he served under Secretary of State Rice")) == "Secretary of State");
  }

  TEST_CASE("decomposed Hangul is matched and mapped to the original bytes") {
    // 핵실험 with 핵 as conjoining jamo U+1112 U+1162 U+11A8 (9 bytes).
    std::string nfd = "지하 \xE1\x84\x92\xE1\x85\xA2\xE1\x86\xA8실험을";
    auto hits = find("ko", nfd);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].concept_id == "nuclear-test");
    CHECK(hits[0].span == Span{7, 22});
  }

  TEST_CASE("full-width Latin is matched and mapped to the original bytes") {
    auto hits = find("ko", "ＮＣＧ 회의");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].concept_id == "nuclear-consultative-group");
    CHECK(hits[0].span == Span{0, 9});
    CHECK(hits[0].surface == "ＮＣＧ");
  }

  TEST_CASE("case folding can be turned off") {
    glossary::MatchOptions exact;
    exact.fold_case = false;
    CHECK(surfaces(find("en", "the Nuclear Test ban", exact)) == "");
    CHECK(surfaces(find("en", "the nuclear test ban", exact)) == "nuclear test");
  }

  TEST_CASE("the word rules can be turned off") {
    glossary::MatchOptions raw;
    raw.korean_word_rules = false;
    CHECK(surfaces(find("ko", "문제의 핵심은", raw)) == "핵");
  }

  TEST_CASE("regional language tags match their language") {
    glossary::TermBase tb;
    add(tb, "nuclear-test", {term("핵실험", "ko-KR")});
    glossary::TermMatcher matcher(tb, LangTag::parse("ko"));
    CHECK(matcher.find("핵실험을 했다").size() == 1);
  }

  TEST_CASE("empty and blank text has no hits") {
    CHECK(find("ko", "").empty());
    CHECK(find("ko", "   \t ").empty());
  }

  TEST_CASE("an empty term base has no hits") {
    glossary::TermBase empty;
    glossary::TermMatcher matcher(empty, LangTag::parse("en"));
    CHECK(matcher.key_count() == 0);
    CHECK(matcher.find("nuclear test").empty());
  }

  TEST_CASE("invalid UTF-8 is an error") {
    CHECK_THROWS_AS(find("ko", "핵\xFF실험"), termbridge::Error);
  }

  TEST_CASE("a batch of lines gives what each line gives alone") {
    glossary::TermMatcher ko(terms(), LangTag::parse("ko"));
    std::vector<std::string_view> lines = {"국방부는 핵협의그룹을 열었다", "", "핵심 문제",
                                           "핵 실험과 외교관계", "미국경제와 국경 지역"};
    auto batch = ko.find_each(lines);
    REQUIRE(batch.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(surfaces(batch[i]) == surfaces(ko.find(lines[i])));
    }
    CHECK(surfaces(batch[3]) == "핵 실험|외교");
    CHECK(surfaces(batch[4]) == "국경");
  }

  TEST_CASE("a NUL byte is an error, as text::check_utf8 has it") {
    CHECK_THROWS_AS(find("en", std::string_view("nuclear\0test", 12)), termbridge::Error);
    CHECK_THROWS_AS(find("ko", std::string_view("핵\0실험", 7)), termbridge::Error);
  }

  TEST_CASE("a batch with invalid UTF-8 in one line is an error") {
    glossary::TermMatcher ko(terms(), LangTag::parse("ko"));
    std::vector<std::string_view> lines = {"국방부는", "핵\xFF실험"};
    CHECK_THROWS_AS(ko.find_each(lines), termbridge::Error);
  }

  TEST_CASE("a counter after a number starts no term") {
    glossary::TermBase tb;
    add(tb, "ambassador", {term("대사", "ko")});
    glossary::TermMatcher ko(tb, LangTag::parse("ko"));
    CHECK(ko.find("20대와 30대사이에서 인기가 높다").empty());
    CHECK(surfaces(ko.find("2명의 대사가 부임했다")) == "대사");
    CHECK(surfaces(ko.find("주한 미국대사는")) == "대사");
  }

  TEST_CASE("a span with the hash of a term but other letters is no hit") {
    // The matcher finds spans by a polynomial hash mod 2^64. A Thue-Morse string and its
    // complement, 1024 letters long, have the same such hash for any base, so the walk takes
    // the second for the first; the check against the key must drop it and keep the shorter
    // term it had hidden.
    std::string thue = "a";
    std::string morse = "b";
    while (thue.size() < 1024) {
      std::string t = thue + morse;
      morse += thue;
      thue = std::move(t);
    }
    glossary::TermBase tb;
    add(tb, "nuclear", {term("nuclear", "en")});
    add(tb, "pattern", {term(("nuclear a" + thue).c_str(), "en")});
    const std::string text = "nuclear a" + morse;
    for (bool longest : {true, false}) {
      glossary::MatchOptions options;
      options.longest_match_only = longest;
      glossary::TermMatcher en(tb, LangTag::parse("en"), options);
      CHECK(concepts(en.find(text)) == "nuclear");
      CHECK(concepts(en.find("nuclear a" + thue)) == (longest ? "pattern" : "pattern|nuclear"));
    }
  }

  TEST_CASE("a matcher needs a language") {
    CHECK_THROWS_AS(glossary::TermMatcher(terms(), LangTag{}), termbridge::Error);
  }
}

TEST_SUITE("glossary.matcher.long") {
  // Lines longer than MatchOptions::window_threshold are matched in windows; the hits must be
  // those of the line matched whole. A 64 KiB threshold makes a line of a few hundred KB cross
  // as many window cuts as a 5 MB line does at the default 4 MiB, in a fraction of the time
  // (tests/cli/bounded_input_test.sh runs a 30 MB line at the default).
  glossary::MatchOptions small_windows() {
    glossary::MatchOptions o;
    o.window_threshold = std::size_t{64} << 10;
    return o;
  }

  // Hits compared by span and concept; a mismatch names the first differing hit.
  void check_same_hits(const std::vector<glossary::TermHit>& got,
                       const std::vector<glossary::TermHit>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (got[i].span.begin != want[i].span.begin || got[i].span.end != want[i].span.end ||
          got[i].concept_id != want[i].concept_id) {
        FAIL("hit " << i << " at " << got[i].span.begin << " is " << got[i].concept_id
                    << ", matched whole " << want[i].span.begin << " " << want[i].concept_id);
      }
    }
  }

  // A sentence repeated: the sentence's hits at each copy, and the hits of the line matched
  // whole (the default threshold is far above these lines).
  TEST_CASE("a long line gives each copy's hits, with exact offsets, across window cuts") {
    glossary::TermBase tb = defense_terms();
    for (const char* lang : {"ko", "en"}) {
      CAPTURE(lang);
      glossary::TermMatcher m(tb, LangTag::parse(lang), small_windows());
      glossary::TermMatcher whole(tb, LangTag::parse(lang));
      std::string sentence =
          std::string(lang) == "ko"
              ? "국방부는 핵협의그룹(NCG) 회의에서 핵 실험과 유엔 안보리 제재, 외교관계를 "
                "논의했다. "
              : "The allies discussed nuclear tests, the U.N. Security Council and NCG sanctions. ";
      auto one = m.find(sentence);
      REQUIRE(one.size() >= 4);
      std::string text;
      std::size_t copies = 0;
      while (text.size() < 5 * small_windows().window_threshold) {
        text += sentence;
        ++copies;
      }
      auto hits = m.find(text);
      REQUIRE(hits.size() == one.size() * copies);
      for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& want = one[i % one.size()];
        std::size_t shift = (i / one.size()) * sentence.size();
        if (hits[i].span.begin != want.span.begin + shift ||
            hits[i].concept_id != want.concept_id || hits[i].span.end != want.span.end + shift) {
          FAIL("hit " << i << " at " << hits[i].span.begin << " is " << hits[i].concept_id);
        }
        CHECK(hits[i].surface.data() == text.data() + hits[i].span.begin);
      }
      check_same_hits(hits, whole.find(text));
      // The batches of find_in_batches add up to the same hits.
      std::vector<glossary::TermHit> batched;
      std::size_t batches = 0;
      m.find_in_batches(text, [&](std::vector<glossary::TermHit>& b) {
        ++batches;
        batched.insert(batched.end(), b.begin(), b.end());
      });
      CHECK(batches > 16);
      check_same_hits(batched, hits);
    }
  }

  TEST_CASE("a long run where every position starts a term is chosen as a whole") {
    // 국방국방...: a term at every position, no point free of a candidate: the window widens
    // (16 KiB, 32, 64) until it holds the whole line.
    glossary::TermBase tb;
    add(tb, "double", {term("국방국방", "ko")});
    glossary::TermMatcher m(tb, LangTag::parse("ko"), small_windows());
    std::string text;
    for (int i = 0; i < 12000; ++i) {  // 72 KB: just over the threshold
      text += "국방";
    }
    auto hits = m.find(text);
    REQUIRE(hits.size() == 6000);
    CHECK(hits.front().span.begin == 0);
    CHECK(hits.back().span.begin == text.size() - 12);
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (hits[i].span.begin != i * 12) {
        FAIL("hit " << i << " at " << hits[i].span.begin);
      }
    }
    check_same_hits(hits, glossary::TermMatcher(tb, LangTag::parse("ko")).find(text));
  }

  TEST_CASE("a window threshold below 64 KiB is an error") {
    glossary::MatchOptions o;
    o.window_threshold = (std::size_t{64} << 10) - 1;
    CHECK_THROWS_WITH_AS(glossary::TermMatcher(defense_terms(), LangTag::parse("ko"), o),
                         "term matcher window threshold of 65535 bytes is below the minimum of "
                         "65536",
                         termbridge::Error);
    o.window_threshold = std::size_t{64} << 10;
    CHECK_NOTHROW(glossary::TermMatcher(defense_terms(), LangTag::parse("ko"), o));
  }
}

// Issue 14: terms on open text. The sentences are lines of the Korean-English news corpus
// (korean-english-park.dev.ko) whose hits were judged by hand.
TEST_SUITE("glossary.matcher.open_text") {
  glossary::TermMatcher korean(std::vector<std::pair<const char*, const char*>> concepts) {
    glossary::TermBase tb;
    for (const auto& [id, ko] : concepts) {
      add(tb, id, {term(ko, "ko")});
    }
    return glossary::TermMatcher(tb, LangTag::parse("ko"));
  }

  TEST_CASE("a term inside a longer word is no hit") {
    auto m = korean({{"reaper", "리퍼"}, {"mofa", "외교부"}, {"nuke", "핵"}, {"security", "안보"}});
    // 클리퍼 'Clipper (chip)': 클 before 리퍼 is one syllable of another word.
    CHECK(surfaces(m.find("\"클리퍼\"는 적어도 그러한 능력의 일부분이라도 지켜보려는 시도인 "
                          "것입니다.")) == "");
    // 외교부장 'foreign minister': 장 makes a person of another concept, not a compound of 외교부.
    CHECK(surfaces(m.find("양제츠 중국외교부장은 6개국 외무장관 회동에 대해")) == "");
    // 핵심 'core', with the quotative after it.
    CHECK(surfaces(m.find("“문제의 핵심은 오바마가 국가안보와 외교정책에 있어서 매케인에 강점이 "
                          "있는지 여부”라고 말했다.")) == "안보");
    CHECK(surfaces(m.find("임무의 핵심\"이 되는 것이며, 핵 억제력을 확고히 하는 것이라고 했다.")) ==
          "핵");
  }

  TEST_CASE("a term glued into a compound noun is a hit") {
    auto m = korean({{"deterrence", "억제"},
                     {"security", "안보"},
                     {"south-korea", "한국"},
                     {"territorial-waters", "영해"},
                     {"foreign-minister", "외무장관"},
                     {"sanctions", "제재"}});
    CHECK(surfaces(m.find("핵 억제력을 확고히 하는 것이라고 했다.")) == "억제");
    CHECK(surfaces(m.find("이번 회동은 아세안지역안보포럼에서 개별적으로 가진 회담이었다.")) ==
          "안보");
    CHECK(surfaces(m.find("서로 다른 배경을 가진 두 집단(한국인과 외국인)이")) == "한국");
    CHECK(surfaces(m.find("매우 가까운 국가간 친밀이 영토나 영해같은 영토분쟁에")) == "영해");
    CHECK(surfaces(m.find("10개국 외무장관회의(미국, 한국, 중국, 러시아 등)에 불참했다.")) ==
          "외무장관|한국");
    CHECK(surfaces(m.find("대북금융제재 해제")) == "제재");
    auto minister = korean({{"minister", "장관"}});
    CHECK(surfaces(minister.find("정부는 오늘 시작하는 제16차 남북 장관급 회담에서")) == "장관");
  }

  TEST_CASE("a spacing variant does not start right after a number") {
    auto m = korean({{"tank", "전차"}});
    CHECK(surfaces(m.find("오바마는 매케인이 10년 전 차별 철폐 조치 폐지가 불화를 일으키는 "
                          "조치라고 한 발언엔 동의했다.")) == "");
    CHECK(surfaces(m.find("3개월 전 차는 고장났다")) == "");
    CHECK(surfaces(m.find("북한군 전차는 낡았다")) == "전차");
  }

  TEST_CASE("a one-syllable prefix counts where the glossary shows it") {
    // 핵 + 전쟁: 핵 is a prefix when the glossary has 핵무기 beside 무기.
    auto with = korean({{"weapon", "무기"}, {"war", "전쟁"}, {"nuclear-weapon", "핵무기"}});
    CHECK(surfaces(with.find("미국이 핵전쟁으로부터 세계를 지킨다")) == "전쟁");
    auto without = korean({{"weapon", "무기"}, {"war", "전쟁"}});
    CHECK(surfaces(without.find("미국이 핵전쟁으로부터 세계를 지킨다")) == "");
    // Country names and 對, 駐 ... are prefixes in any glossary.
    auto ambassador = korean({{"ambassador", "대사"}});
    CHECK(surfaces(ambassador.find("미대사의 발언에 대해")) == "대사");
  }
}
