#include "termbridge/lexicon/extract.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/glossary/termbase.hpp"

namespace glossary = termbridge::glossary;
namespace lexicon = termbridge::lexicon;
using termbridge::LangTag;

namespace {

const LangTag ko = LangTag::parse("ko");
const LangTag en = LangTag::parse("en");

const lexicon::TermCandidate* find(const std::vector<lexicon::TermCandidate>& cs,
                                   const std::string& source, const std::string& target) {
  auto it = std::find_if(cs.begin(), cs.end(), [&](const lexicon::TermCandidate& c) {
    return c.source == source && c.target == target;
  });
  return it == cs.end() ? nullptr : &*it;
}

// Sentences of the ROK Ministry of National Defense's NCG releases and news of the same weeks.
std::vector<lexicon::UnitPair> units() {
  return {
      {"국방부는 11일 한미 양국이 제5차 핵협의그룹(NCG) 회의를 열었다고 밝혔다.",
       "The Ministry of National Defense said the allies held the fifth meeting of the Nuclear "
       "Consultative Group (NCG) on the 11th."},
      {"양측은 재래식-핵 통합(CNI) 등 확장억제의 모든 분야를 논의했다.",
       "The two sides discussed all areas of extended deterrence, including conventional and "
       "nuclear integration (CNI)."},
      {"북한은 지난달 대륙간탄도미사일을 발사했다.",
       "North Korea launched an intercontinental ballistic missile last month."},
      {"합참은 북한이 동해상으로 대륙간탄도미사일 1발을 발사했다고 밝혔다.",
       "The Joint Chiefs of Staff said North Korea fired an intercontinental ballistic missile "
       "into the East Sea."},
      {"전문가들은 북한의 대륙간탄도미사일 기술이 진전됐다고 평가했다.",
       "Experts said North Korea's intercontinental ballistic missile technology has advanced."},
      {"미국은 한국에 대한 확장억제 공약을 재확인했다.",
       "The United States reaffirmed its extended deterrence commitment to South Korea."},
      {"양측은 확장억제의 신뢰성을 높이는 방안을 논의했다.",
       "The two sides discussed ways to enhance the credibility of extended deterrence."},
      {"양국은 한반도 정세를 점검했다.",
       "The two countries reviewed the situation on the Korean Peninsula."},
      {"한반도 비핵화는 양국의 공동 목표다.",
       "The denuclearization of the Korean Peninsula is a goal the two countries share."},
  };
}

}  // namespace

TEST_SUITE("lexicon.extract") {
  TEST_CASE("acronym definitions on both sides make a pair, before any association") {
    auto cs = lexicon::extract_terms(units(), ko, en);
    const auto* ncg = find(cs, "핵협의그룹", "Nuclear Consultative Group");
    REQUIRE(ncg != nullptr);
    CHECK(ncg->kind == lexicon::CandidateKind::acronym);
    CHECK(ncg->acronym == "NCG");
    CHECK(ncg->examples == std::vector<std::size_t>{0});
    const auto* cni = find(cs, "재래식-핵 통합", "conventional and nuclear integration");
    REQUIRE(cni != nullptr);
    CHECK(cni->acronym == "CNI");
    REQUIRE(!cs.empty());
    CHECK(cs.front().kind == lexicon::CandidateKind::acronym);
  }

  TEST_CASE("a noun and the n-gram it shares units with are paired, particles split off") {
    auto cs = lexicon::extract_terms(units(), ko, en);
    // 대륙간탄도미사일을 / 대륙간탄도미사일 in three units, "intercontinental ballistic missile"
    // in the same three.
    const auto* icbm = find(cs, "대륙간탄도미사일", "intercontinental ballistic missile");
    REQUIRE(icbm != nullptr);
    CHECK(icbm->kind == lexicon::CandidateKind::association);
    CHECK(icbm->frequency == 3);
    CHECK(icbm->examples == std::vector<std::size_t>{2, 3});
    // 확장억제의 and "extended deterrence" share three units too.
    CHECK(find(cs, "확장억제", "extended deterrence") != nullptr);
    // 한반도 ends in 도 'also', but the units never write 한반 otherwise: the noun is whole.
    CHECK(find(cs, "한반도", "Korean Peninsula") != nullptr);
    CHECK(find(cs, "한반", "Korean Peninsula") == nullptr);
    // A pair seen once is below the default minimum of two units.
    CHECK(find(cs, "동해상", "East Sea") == nullptr);
  }

  TEST_CASE("candidates the term base has are known; another translation is a conflict") {
    auto concept_of = [](const char* id, const char* korean, const char* english) {
      glossary::Concept c;
      c.id = id;
      for (auto [text, lang] : {std::pair{korean, ko}, std::pair{english, en}}) {
        glossary::Term t;
        t.text = text;
        t.lang = lang;
        t.status = glossary::TermStatus::preferred;
        c.terms.push_back(t);
      }
      return c;
    };
    glossary::TermBase tb;
    tb.add(concept_of("icbm", "대륙간탄도미사일", "intercontinental ballistic missile"));
    tb.add(concept_of("extended-deterrence", "확대억제", "extended deterrence"));
    lexicon::ExtractOptions options;
    options.known = &tb;
    auto cs = lexicon::extract_terms(units(), ko, en, options);
    const auto* known = find(cs, "대륙간탄도미사일", "intercontinental ballistic missile");
    REQUIRE(known != nullptr);
    CHECK(known->status == lexicon::CandidateStatus::known);
    CHECK(known->concept_id == "icbm");
    const auto* conflict = find(cs, "확장억제", "extended deterrence");
    REQUIRE(conflict != nullptr);
    CHECK(conflict->status == lexicon::CandidateStatus::conflict);
    CHECK(conflict->concept_id == "extended-deterrence");
    CHECK(conflict->known_translation == "확대억제");
    CHECK(find(cs, "핵협의그룹", "Nuclear Consultative Group")->status ==
          lexicon::CandidateStatus::proposed);
  }

  TEST_CASE("common words rank below rarer ones with the same evidence") {
    lexicon::WordLevels levels;
    levels.add("government", 10);
    levels.add("encryption", 35);
    std::vector<lexicon::UnitPair> us = {
        {"정부는 암호화 기술을 규제했다.", "The government regulated encryption technology."},
        {"정부는 암호화 표준을 발표했다.", "The government announced an encryption standard."},
    };
    lexicon::ExtractOptions options;
    options.background = &levels;
    auto cs = lexicon::extract_terms(us, ko, en, options);
    const auto* gov = find(cs, "정부", "government");
    const auto* enc = find(cs, "암호화", "encryption");
    REQUIRE(gov != nullptr);
    REQUIRE(enc != nullptr);
    CHECK(enc->score > gov->score);
  }

  TEST_CASE("a name of people or places ranks below a term with the same evidence") {
    lexicon::WordLevels levels;
    levels.add("sanctions", 35);
    levels.add_name("baghdad");
    std::vector<lexicon::UnitPair> us = {
        {"바그다드 시내에서 폭발이 있었다.", "There was a blast in Baghdad."},
        {"바그다드 공항이 폐쇄됐다.", "The airport in Baghdad was closed."},
        {"유엔은 새로운 제재를 논의했다.", "The United Nations discussed new sanctions."},
        {"정부는 제재 해제를 요구했다.", "The government demanded that the sanctions be lifted."},
    };
    lexicon::ExtractOptions options;
    options.background = &levels;
    auto cs = lexicon::extract_terms(us, ko, en, options);
    const auto* baghdad = find(cs, "바그다드", "Baghdad");
    const auto* sanctions = find(cs, "제재", "sanction");
    REQUIRE(baghdad != nullptr);
    REQUIRE(sanctions != nullptr);
    CHECK(sanctions->score > 2 * baghdad->score);
  }

  TEST_CASE("the nouns of a compound count where the text writes the compound") {
    std::vector<lexicon::UnitPair> us = {
        {"안보리는 대북제재를 강화했다.", "The Security Council tightened sanctions on the North."},
        {"미국은 금융 제재를 풀지 않았다.", "The United States did not lift financial sanctions."},
        {"정부는 대북 지원을 재개했다.", "The government resumed aid to the North."},
    };
    auto cs = lexicon::extract_terms(us, ko, en);
    // 대북제재 is 대북 + 제재, both written alone in the units: 제재 is in two units.
    const auto* sanctions = find(cs, "제재", "sanction");
    REQUIRE(sanctions != nullptr);
    CHECK(sanctions->frequency == 2);
  }

  TEST_CASE("a source term's other renderings come with it, not as candidates of their own") {
    std::vector<lexicon::UnitPair> us = {
        {"정부는 테러 위협에 대비했다.", "The government prepared for the threat of terror."},
        {"테러 용의자가 체포됐다.", "A terror suspect was arrested."},
        {"테러 척결은 국제 사회의 과제다.", "Fighting terror is a task for the world."},
        {"그는 테러를 규탄했다.", "He condemned terrorism."},
        {"테러가 세계를 위협한다.", "Terrorism threatens the world."},
    };
    auto cs = lexicon::extract_terms(us, ko, en);
    auto n = std::count_if(cs.begin(), cs.end(),
                           [](const lexicon::TermCandidate& c) { return c.source == "테러"; });
    CHECK(n == 1);
    const auto* terror = find(cs, "테러", "terror");
    REQUIRE(terror != nullptr);
    CHECK(terror->frequency == 3);
    REQUIRE(terror->alternatives.size() == 1);
    std::string other = terror->alternatives[0].target;  // written "Terrorism" once of two
    std::transform(other.begin(), other.end(), other.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    CHECK(other == "terrorism");
    CHECK(terror->alternatives[0].frequency == 2);
  }

  TEST_CASE("with a term base, candidates of its field rank above others") {
    // The same evidence for both pairs; only 제재 shares its units with known terms.
    std::vector<lexicon::UnitPair> us = {
        {"북한의 대륙간탄도미사일 발사 이후 제재가 강화됐다.",
         "Sanctions were tightened after the North's intercontinental ballistic missile launch."},
        {"핵실험에 대한 제재 논의가 이어졌다.",
         "Talks on sanctions over the nuclear test went on."},
        {"관광객들이 해변에 몰렸다.", "Tourists crowded the beach."},
        {"폭풍이 해변을 덮쳤다.", "The storm hit the beach."},
    };
    auto concept_of = [](const std::string& id, const std::string& k, const std::string& e) {
      glossary::Concept c;
      c.id = id;
      glossary::Term a, b;
      a.text = k;
      a.lang = ko;
      b.text = e;
      b.lang = en;
      c.terms = {a, b};
      return c;
    };
    glossary::TermBase tb;
    tb.add(concept_of("icbm", "대륙간탄도미사일", "intercontinental ballistic missile"));
    tb.add(concept_of("nuclear-test", "핵실험", "nuclear test"));
    auto alone = lexicon::extract_terms(us, ko, en);
    lexicon::ExtractOptions options;
    options.known = &tb;
    auto field = lexicon::extract_terms(us, ko, en, options);
    auto ratio = [](const std::vector<lexicon::TermCandidate>& cs) {
      const auto* sanctions = find(cs, "제재", "Sanctions");
      const auto* beach = find(cs, "해변", "beach");
      REQUIRE(sanctions != nullptr);
      REQUIRE(beach != nullptr);
      return sanctions->score / beach->score;
    };
    CHECK(ratio(field) > 3 * ratio(alone));
  }

  TEST_CASE("a Korean long form starts after the verb that describes it") {
    std::vector<lexicon::UnitPair> us = {
        {"카라지치는 헤이그에 있는 국제유고전범재판소(ICTY)로 이송됐다.",
         "Karadzic was transferred to the International Criminal Tribunal for the former "
         "Yugoslavia (ICTY) in The Hague."},
    };
    auto cs = lexicon::extract_terms(us, ko, en);
    CHECK(find(cs, "국제유고전범재판소",
               "International Criminal Tribunal for the former Yugoslavia") != nullptr);
    CHECK(find(cs, "있는 국제유고전범재판소",
               "International Criminal Tribunal for the former Yugoslavia") == nullptr);
  }

  TEST_CASE("a title seen beside a name translates as the title, not the name") {
    // 국무장관 is in four of Rice's five units and the Secretary of State's two; Rice is
    // 라이스's rendering, so it is no rendering of 국무장관, not even an alternative.
    std::vector<lexicon::UnitPair> us = {
        {"콘돌리자 라이스 미 국무장관은 싱가포르에서 회담을 시작했다.",
         "U.S. Secretary of State Condoleezza Rice began talks in Singapore."},
        {"라이스 국무장관은 기자회견에서 북한을 비판했다.",
         "Rice criticized North Korea at a news conference."},
        {"라이스 국무장관은 6자회담 재개를 촉구했다.",
         "Rice called for the resumption of the six-party talks."},
        {"라이스 국무장관은 중국 외교부장과 만났다.", "Rice met the Chinese foreign minister."},
        {"라이스는 베이징으로 떠났다.", "Rice left for Beijing."},
        {"국무장관은 이날 성명을 냈다.", "The Secretary of State issued a statement that day."},
    };
    auto cs = lexicon::extract_terms(us, ko, en);
    CHECK(find(cs, "라이스", "Rice") != nullptr);
    const auto* title = find(cs, "국무장관", "Secretary of State");
    REQUIRE(title != nullptr);
    for (const auto& alt : title->alternatives) {
      CHECK(alt.target != "Rice");
    }
    CHECK(find(cs, "국무장관", "Rice") == nullptr);
  }

  TEST_CASE("no language is an error") {
    CHECK_THROWS(lexicon::extract_terms(units(), LangTag(), en));
  }
}
