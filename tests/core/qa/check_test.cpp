#include "termbridge/qa/check.hpp"

#include <algorithm>

#include <doctest/doctest.h>

#include "termbridge/glossary/matcher.hpp"

namespace glossary = termbridge::glossary;
namespace qa = termbridge::qa;
using termbridge::LangTag;

namespace {

glossary::Term term(std::string text, const char* lang, glossary::TermStatus status,
                    glossary::TermType type = glossary::TermType::full_form) {
  glossary::Term t;
  t.text = std::move(text);
  t.lang = LangTag::parse(lang);
  t.status = status;
  t.type = type;
  return t;
}

glossary::TermBase defense_terms() {
  using S = glossary::TermStatus;
  glossary::TermBase tb;
  glossary::Concept ncg;
  ncg.id = "NCG";
  ncg.terms = {term("핵협의그룹", "ko", S::preferred),
               term("Nuclear Consultative Group", "en", S::preferred),
               term("NCG", "en", S::admitted, glossary::TermType::acronym)};
  tb.add(ncg);
  glossary::Concept ed;
  ed.id = "extended-deterrence";
  ed.terms = {term("확장억제", "ko", S::preferred), term("extended deterrence", "en", S::preferred),
              term("expanded deterrence", "en", S::forbidden)};
  tb.add(ed);
  glossary::Concept mnd;
  mnd.id = "MND";
  mnd.terms = {term("국방부", "ko", S::preferred),
               term("Ministry of National Defense", "en", S::preferred)};
  tb.add(mnd);
  return tb;
}

std::size_t count(const std::vector<qa::Finding>& f, qa::FindingKind kind) {
  return static_cast<std::size_t>(
      std::count_if(f.begin(), f.end(), [&](const qa::Finding& x) { return x.kind == kind; }));
}

}  // namespace

TEST_SUITE("qa.check") {
  TEST_CASE("an approved translation passes, in full form or acronym") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings = checker.check({
        {"1",
         {},
         "국방부는 11일 핵협의그룹 회의를 열었다고 밝혔다.",
         "The Ministry of National Defense said on the 11th that it held an NCG meeting."},
        {"2",
         {},
         "미국은 확장억제 공약을 재확인했다.",
         "The United States reaffirmed its extended deterrence commitment."},
    });
    CHECK(findings.empty());
  }

  TEST_CASE("a source term without its approved translation is reported") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings = checker.check({{"7",
                                    {},
                                    "미국은 확장억제 공약을 재확인했다.",
                                    "The United States reaffirmed its deterrence commitment."}});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].kind == qa::FindingKind::missing_term);
    CHECK(findings[0].concept_id == "extended-deterrence");
    CHECK(findings[0].message.find("expected 'extended deterrence'") != std::string::npos);
  }

  TEST_CASE("a translation inside a longer target term is no missing term") {
    // The sample article: 모의 (simulation) on the Korean side, "tabletop simulation" (a
    // concept of its own, the longest match) on the English side.
    using S = glossary::TermStatus;
    glossary::TermBase tb;
    glossary::Concept simulation;
    simulation.id = "simulation";
    simulation.terms = {term("모의", "ko", S::preferred), term("simulation", "en", S::preferred)};
    tb.add(simulation);
    glossary::Concept tts;
    tts.id = "tabletop-simulation";
    tts.terms = {term("도상모의연습", "ko", S::preferred),
                 term("tabletop simulation", "en", S::preferred),
                 term("TTS", "en", S::admitted, glossary::TermType::acronym)};
    tb.add(tts);
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings = checker.check(
        {{"9",
          {},
          "양측은 NCG 도상모의(TTS)를 통해 동맹의 공동 의사결정 능력을 높이고 있다고 평가했다.",
          "The two sides assessed that the NCG tabletop simulation (TTS) is strengthening the "
          "alliance's joint decision-making."}});
    CHECK(count(findings, qa::FindingKind::missing_term) == 0);
    // Without it, the finding stays.
    auto missing = checker.check({{"9", {}, "양측은 도상모의를 평가했다.", "The two sides met."}});
    CHECK(count(missing, qa::FindingKind::missing_term) == 1);
  }

  TEST_CASE("a term kept for translations counts in the target, never from the source") {
    // News: 안보 is "security", but most "security" in English text is 보안 or 치안, so the
    // term base keeps the English term for translations only.
    using S = glossary::TermStatus;
    glossary::TermBase tb;
    glossary::Concept security;
    security.id = "security";
    security.terms = {term("안보", "ko", S::preferred), term("security", "en", S::preferred)};
    security.terms[1].extra.push_back(
        {"projectSubset", std::string(glossary::kTranslationOnly), "admin"});
    tb.add(security);
    qa::Checker ko_en(tb, LangTag::parse("ko"), LangTag::parse("en"));
    CHECK(ko_en.check({{"1", {}, "한미 안보 협력을 강화했다.", "They deepened security ties."}})
              .empty());
    auto missing = ko_en.check({{"2", {}, "한미 안보 협력을 강화했다.", "They deepened ties."}});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].message.find("expected 'security'") != std::string::npos);
    // English to Korean: "security" of a data centre is no 안보 to ask for.
    qa::Checker en_ko(tb, LangTag::parse("en"), LangTag::parse("ko"));
    CHECK(
        en_ko.check({{"3", {}, "The data security team met.", "데이터 보안팀이 만났다."}}).empty());
    // Nor is it spotted on its own.
    glossary::TermMatcher matcher(tb, LangTag::parse("en"));
    CHECK(matcher.find("The data security team met.").empty());
    glossary::MatchOptions target_side;
    target_side.include_translation_only = true;
    CHECK(glossary::TermMatcher(tb, LangTag::parse("en"), target_side)
              .find("The data security team met.")
              .size() == 1);
  }

  TEST_CASE("a forbidden target term is reported with the term to use") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings =
        checker.check({{"3",
                        {},
                        "미국은 확장억제 공약을 재확인했다.",
                        "The United States reaffirmed its expanded deterrence pledge."}});
    CHECK(count(findings, qa::FindingKind::forbidden_term) == 1);
    CHECK(count(findings, qa::FindingKind::missing_term) == 1);
    CHECK(findings[0].message ==
          "'expanded deterrence' is a forbidden term; use 'extended deterrence'");
  }

  TEST_CASE("numbers must agree, in digits, units or words") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    CHECK(checker
              .check({{"1",
                       {},
                       "북한은 올해 탄도미사일을 12차례 발사했다.",
                       "North Korea fired ballistic missiles 12 times this year."}})
              .empty());
    CHECK(checker.check({{"1", {}, "주한미군 2만8천500명", "the 28,500 U.S. troops in Korea"}})
              .empty());
    CHECK(checker
              .check({{"1",
                       {},
                       "제5차 회의는 12월 11일 열렸다.",
                       "The fifth meeting was held on December 11."}})
              .empty());
    auto findings = checker.check({{"1",
                                    {},
                                    "북한은 올해 탄도미사일을 12차례 발사했다.",
                                    "North Korea fired ballistic missiles 13 times this year."}});
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].message == "number 12 of the source is not in the target");
    CHECK(findings[1].message == "number 13 of the target is not in the source");
  }

  TEST_CASE("the same source translated two ways is inconsistent") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings = checker.check({
        {"a", {}, "한미 양국은 회의를 열었다.", "The two countries held a meeting."},
        {"b", {}, "한미 양국은 회의를 열었다.", "The allies met."},
        {"c", {}, "한미 양국은  회의를 열었다.", "The two countries held a meeting."},
    });
    REQUIRE(count(findings, qa::FindingKind::inconsistent) == 1);
    CHECK(findings[0].unit_id == "b");
    CHECK(findings[0].message.find("in unit 'a': 'The two countries") != std::string::npos);

    // Across files unit ids repeat, so the first translation's file is named.
    qa::Pair first{"1", {}, "회의가 열렸다.", "The meeting was held."};
    first.where.file = "a.tsv";
    qa::Pair again{"1", {}, "회의가 열렸다.", "A meeting took place."};
    again.where.file = "b.tsv";
    auto across = checker.check({first, again});
    REQUIRE(across.size() == 1);
    CHECK(across[0].message ==
          "the same source was translated differently in unit '1' of "
          "a.tsv: 'The meeting was held.'");
  }

  TEST_CASE("empty and copied targets") {
    auto tb = defense_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    auto findings = checker.check({
        {"1", {}, "국방부는 밝혔다.", ""},
        {"2", {}, "국방부는 밝혔다.", "국방부는 밝혔다."},
        {"3", {}, "", ""},
    });
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].kind == qa::FindingKind::untranslated);
    CHECK(findings[1].kind == qa::FindingKind::same_as_source);
  }

  TEST_CASE("checks can be switched off") {
    auto tb = defense_terms();
    qa::CheckOptions options;
    options.numbers = false;
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"), options);
    CHECK(checker.check({{"1", {}, "12차례", "13 times"}}).empty());
  }
}

// Issue 14: a term present in another English form is not missing. Sentence pairs from the
// Korean-English news corpus (korean-english-park.dev, lines 545 and 558).
TEST_SUITE("qa.check") {
  glossary::TermBase korea_terms() {
    using S = glossary::TermStatus;
    glossary::TermBase tb;
    glossary::Concept nk;
    nk.id = "north-korea";
    nk.terms = {term("북한", "ko", S::preferred), term("North Korea", "en", S::preferred)};
    tb.add(nk);
    glossary::Concept nw;
    nw.id = "nuclear-weapon";
    nw.terms = {term("핵무기", "ko", S::preferred), term("nuclear weapon", "en", S::preferred)};
    tb.add(nw);
    glossary::Concept dn;
    dn.id = "denuclearization";
    dn.terms = {term("비핵화", "ko", S::preferred), term("denuclearization", "en", S::preferred)};
    tb.add(dn);
    glossary::Concept um;
    um.id = "unification-ministry";
    um.terms = {term("통일부", "ko", S::preferred),
                term("Unification Ministry", "en", S::preferred)};
    tb.add(um);
    glossary::Concept jp;
    jp.id = "japan";
    jp.terms = {term("일본", "ko", S::preferred), term("Japan", "en", S::preferred)};
    tb.add(jp);
    return tb;
  }

  std::size_t missing(const qa::Checker& checker, const char* src, const char* tgt) {
    auto findings = checker.check({{"1", {}, src, tgt}});
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](auto& f) {
      return f.kind == qa::FindingKind::missing_term;
    }));
  }

  TEST_CASE("an adjective or demonym form of the approved term is no missing term") {
    auto tb = korea_terms();
    qa::Checker checker(tb, LangTag::parse("ko"), LangTag::parse("en"));
    CHECK(
        missing(checker,
                "콘돌리자 라이스 미 국무장관이 23일(현지시간) 북한 외무상과 만나 북한의 핵 활동과 "
                "관련된 검증에 대해 합의했다.",
                "(CNN) U.S. Secretary of State Condoleezza Rice pressed her North Korean "
                "counterpart Wednesday to agree a plan for verifying its nuclear activity.") == 0);
    CHECK(missing(checker, "“이란이 핵 무기를 보유한다면 중동뿐 아니라 전세계에”",
                  "a nuclear-armed Iran would be a \"game-changing\" situation") == 0);
    CHECK(missing(checker, "일본 정부는", "the Japanese government") == 0);
    // Line 854: the verb of a term in -ation.
    CHECK(missing(checker, "북한의 비핵화에 대한 6자 회담",
                  "the six-nation talks on denuclearizing North Korea") == 0);
    CHECK(missing(checker, "북한 주민들은", "the North Koreans") == 0);
    // Line 859: the ministry named through its minister.
    CHECK(missing(checker, "정동영 통일부 장관이 이끄는 장관급 대표단이",
                  "a Cabinet-level delegation headed by Unification Minister Chung Dong-young") ==
          0);
    // Another word is still missing: "the North" names no form of North Korea.
    CHECK(missing(checker, "북한 외무상은", "the North's foreign minister") == 1);
  }

  TEST_CASE("forms are built by rule from the glossary's own English terms") {
    using S = glossary::TermStatus;
    auto forms = [](const char* text) {
      std::string out;
      for (const auto& f : qa::term_forms(term(text, "en", S::preferred))) {
        out += out.empty() ? "" : "|";
        out += f;
      }
      return out;
    };
    CHECK(forms("North Korea") == "North Korean|North Koreese|North Koreian");
    CHECK(forms("Japan") == "Japanese|Japani|Japanian|Japanish");
    CHECK(forms("Britain") == "Britainese|Britaini|Britainian|Britainish|British");
    CHECK(forms("nuclear weapon") == "nuclear-armed");
    CHECK(forms("simulation") == "simulate|simulates|simulated|simulating");
    CHECK(forms("denuclearization") == "denuclearize|denuclearizes|denuclearized|denuclearizing");
    CHECK(forms("security") == "");
    CHECK(forms("Unification Ministry") ==
          "Unification Ministrian|Unification Ministish|Unification Minister");
    CHECK(qa::term_forms(term("ROK", "en", S::admitted, glossary::TermType::acronym)).empty());
    CHECK(qa::term_forms(term("북한", "ko", S::preferred)).empty());
  }

  TEST_CASE("a form is no hit of its own: the term matcher keeps them apart") {
    auto tb = korea_terms();
    glossary::TermMatcher en(tb, LangTag::parse("en"));
    CHECK(en.find("her North Korean counterpart").empty());
    CHECK(en.find("talks with North Korea").size() == 1);
  }
}
