#include "termbridge/job/split_units.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace job = termbridge::job;
namespace segment = termbridge::segment;
using termbridge::LangTag;

namespace {

const LangTag kKo = LangTag::parse("ko");
const LangTag kEn = LangTag::parse("en");

// Two sentences each side, as aligned news articles and paragraph memories store them.
const std::string kKoTwo =
    "국방부는 11일 워싱턴에서 제5차 핵협의그룹 회의를 열었다고 밝혔다. 양측은 북한의 핵 위협에 "
    "대응해 확장억제를 강화하는 방안을 논의했다.";
const std::string kEnTwo =
    "The Ministry of National Defense said it held the fifth Nuclear Consultative Group "
    "meeting in Washington on the 11th. The two sides discussed ways to strengthen extended "
    "deterrence against North Korea's nuclear threat.";

}  // namespace

TEST_SUITE("job.split_units") {
  TEST_CASE("a unit of two sentences each side gives its two sentence pairs") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    auto parts = splitter.split(kKo, kKoTwo, kEn, kEnTwo);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == "국방부는 11일 워싱턴에서 제5차 핵협의그룹 회의를 열었다고 밝혔다.");
    CHECK(parts[0].target ==
          "The Ministry of National Defense said it held the fifth Nuclear Consultative Group "
          "meeting in Washington on the 11th.");
    CHECK(parts[1].source == "양측은 북한의 핵 위협에 대응해 확장억제를 강화하는 방안을 논의했다.");
    CHECK(parts[1].target ==
          "The two sides discussed ways to strengthen extended deterrence against North "
          "Korea's nuclear threat.");
    for (const auto& p : parts) {
      CHECK(p.score >= 0.5);
      CHECK(p.score <= 1.0);
    }
  }

  TEST_CASE("a unit with one sentence on a side gives no parts") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    CHECK(splitter
              .split(kKo, "국방부는 연합훈련 계획을 발표했다.", kEn,
                     "The Ministry of National Defense announced the combined exercise plan.")
              .empty());
    // Two Korean sentences rendered as one English sentence: the unit is the pair.
    CHECK(splitter
              .split(kKo, "북한은 미사일 2발을 발사했다. 미사일은 동해상에 떨어졌다.", kEn,
                     "North Korea fired two missiles, which fell into the East Sea.")
              .empty());
  }

  TEST_CASE("an untranslated sentence stays with its neighbour, the next pair is still found") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // The English leaves out the middle sentence: it goes with the first sentence, as the
    // translation delivered them, never with a sentence it does not translate.
    const std::string first = kKoTwo.substr(0, kKoTwo.find(". ") + 1);
    const std::string second = kKoTwo.substr(kKoTwo.find(". ") + 2);
    const std::string extra = "회의에는 양국 국방 당국자 20여 명이 참석했다.";
    auto parts = splitter.split(kKo, first + " " + extra + " " + second, kEn, kEnTwo);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == first + " " + extra);
    CHECK(parts[0].target.rfind("The Ministry of National Defense", 0) == 0);
    CHECK(parts[1].source == second);
    CHECK(parts[1].target.rfind("The two sides", 0) == 0);
  }

  TEST_CASE("two sentences translated as one joined by a semicolon give two pairs") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    const std::string en =
        "The Ministry of National Defense said it held the fifth Nuclear Consultative Group "
        "meeting in Washington on the 11th; the two sides discussed ways to strengthen extended "
        "deterrence against North Korea's nuclear threat.";
    auto parts = splitter.split(kKo, kKoTwo, kEn, en);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == "국방부는 11일 워싱턴에서 제5차 핵협의그룹 회의를 열었다고 밝혔다.");
    CHECK(parts[0].target ==
          "The Ministry of National Defense said it held the fifth Nuclear Consultative Group "
          "meeting in Washington on the 11th");
    CHECK(parts[1].target ==
          "the two sides discussed ways to strengthen extended deterrence against North Korea's "
          "nuclear threat.");
    // A semicolon inside a side with as many sentences as the other is left alone.
    CHECK(splitter.split(kKo, "국방부는 회의를 열었다.", kEn, "The ministry met; it said so.")
              .empty());
  }

  TEST_CASE("two sentences translated in the other order give the crossed pairs") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // In order, the lengths pair them well enough; the dates tell they cross (the aligner
    // gives two 1-1 beads it is unsure of).
    auto parts = splitter.split(
        kKo,
        "국방부는 11일 서울에서 한미 국방장관 회담을 열었다고 밝혔다. 합동참모본부는 12일부터 "
        "대규모 연합훈련을 시작했다.",
        kEn,
        "The Joint Chiefs of Staff began a large combined exercise on the 12th. The Ministry of "
        "National Defense said it held a defense ministers' meeting in Seoul on the 11th.");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == "국방부는 11일 서울에서 한미 국방장관 회담을 열었다고 밝혔다.");
    CHECK(parts[0].target ==
          "The Ministry of National Defense said it held a defense ministers' meeting in Seoul on "
          "the 11th.");
    CHECK(parts[1].source == "합동참모본부는 12일부터 대규모 연합훈련을 시작했다.");
    CHECK(parts[1].target ==
          "The Joint Chiefs of Staff began a large combined exercise on the 12th.");
    // Here the order pairs them so badly that the aligner makes one 2-2 bead of the four.
    parts = splitter.split(
        kKo,
        "해군은 서해에서 함정 3척이 참가한 해상 사격훈련을 실시했다고 밝혔다. 공군은 같은 날 "
        "전투기 40여 대를 동원해 대규모 공중 훈련을 벌였다.",
        kEn,
        "The air force mobilized some 40 fighter jets for a large air exercise on the same day. "
        "The navy said it held a maritime firing drill in the West Sea involving three ships.");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source ==
          "해군은 서해에서 함정 3척이 참가한 해상 사격훈련을 실시했다고 밝혔다.");
    CHECK(parts[0].target ==
          "The navy said it held a maritime firing drill in the West Sea involving three ships.");
    CHECK(parts[1].target ==
          "The air force mobilized some 40 fighter jets for a large air exercise on the same day.");
    for (const auto& p : parts) {
      CHECK(p.score >= 0.95);
    }
  }

  TEST_CASE("sentences that may be swapped, with nothing but their lengths to tell, give none") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // Swapped: the short sentence last. No number or name says which is which.
    CHECK(splitter
              .split(kKo,
                     "국방부는 회의를 열었다. 양측은 북한의 핵 위협에 대응해 확장억제를 강화하는 "
                     "방안을 오랫동안 깊이 논의했다.",
                     kEn,
                     "The two sides discussed at length ways to strengthen extended deterrence "
                     "against the nuclear threat of the North. The ministry met.")
              .empty());
  }

  TEST_CASE("sentences in order that lengths would pair crosswise: the words decide") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // By lengths alone the two pairs fit better crosswise (that gave no part). The aligner's
    // dictionary knows 국방부 = ministry, 회의 = meeting, 양측 = both sides, 위협 = threats:
    // the two pairs in order.
    auto parts = splitter.split(kKo,
                                "국방부는 어제 정례 회의를 열었다. 양측은 북한의 위협에 대응하는 "
                                "방안을 논의했다.",
                                kEn,
                                "The Ministry of National Defense held its regular meeting with "
                                "the Joint Chiefs of Staff yesterday. Both sides discussed "
                                "responses to the North's threats.");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == "국방부는 어제 정례 회의를 열었다.");
    CHECK(parts[0].target ==
          "The Ministry of National Defense held its regular meeting with the Joint Chiefs of "
          "Staff yesterday.");
    CHECK(parts[1].source == "양측은 북한의 위협에 대응하는 방안을 논의했다.");
    CHECK(parts[1].target == "Both sides discussed responses to the North's threats.");
  }

  TEST_CASE("the two halves of a sentence joined by a semicolon keep their order") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // The same texts as the case above, the English joined by a semicolon: one
    // sentence, whose halves are not weighed crosswise.
    auto parts = splitter.split(
        kKo, "국방부는 어제 정례 회의를 열었다. 양측은 북한의 위협에 대응하는 방안을 논의했다.",
        kEn,
        "The Ministry of National Defense held its regular meeting with the Joint Chiefs of "
        "Staff yesterday; both sides discussed responses to the North's threats.");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].source == "국방부는 어제 정례 회의를 열었다.");
    CHECK(parts[0].target ==
          "The Ministry of National Defense held its regular meeting with the Joint Chiefs of "
          "Staff yesterday");
    CHECK(parts[1].target == "both sides discussed responses to the North's threats.");
  }

  TEST_CASE("a number after the last sentence is no sentence") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // As repeated units of a memory carry it: "… (3)". The segmenter cuts it off, but it
    // makes no pair, and a unit of one sentence and it is not split at all.
    CHECK_FALSE(
        job::UnitSplitter::may_split("국방부는 그렇게 밝혔다. (3)", "The ministry said so. (3)"));
    CHECK(splitter.split(kKo, "국방부는 그렇게 밝혔다. (3)", kEn, "The ministry said so. (3)")
              .empty());
    // Nor does it count as a sentence: this unit holds one on each side.
    CHECK(splitter
              .split(kKo, "국방부는 훈련 계획을 발표했다. (3)", kEn,
                     "U.S. forces will join the exercise. (3)")
              .empty());
    // It stays with the sentence before it.
    auto parts = splitter.split(kKo, kKoTwo + " (3)", kEn, kEnTwo + " (3)");
    REQUIRE(parts.size() == 2);
    CHECK(parts[1].source ==
          "양측은 북한의 핵 위협에 대응해 확장억제를 강화하는 방안을 논의했다. (3)");
    CHECK(parts[1].target ==
          "The two sides discussed ways to strengthen extended deterrence against North "
          "Korea's nuclear threat. (3)");
    // Either side of one sentence is enough to tell.
    CHECK(job::UnitSplitter::may_split(kKoTwo, kEnTwo));
    CHECK_FALSE(job::UnitSplitter::may_split(kKoTwo, "The ministry said so."));
    CHECK_FALSE(job::UnitSplitter::may_split("국방부는 회의를 열었다.", kEnTwo));
    // A sentence in another script after the mark, or after a closing quote, is a sentence.
    CHECK(job::UnitSplitter::may_split("국방부는 “대비하겠다.” 합참은 훈련을 시작했다.", kEnTwo));
    CHECK(job::UnitSplitter::may_split("The ministry said so. 합참은 훈련을 시작했다.", kEnTwo));
  }

  TEST_CASE("sentences after a closing quote or in CJK punctuation are still found") {
    job::UnitSplitter splitter(segment::Segmenter::builtin());
    // The first sentence ends inside a quotation: the mark is followed by the closing quote.
    auto parts = splitter.split(
        kKo,
        "국방부는 “대비 태세를 강화하겠다.” 합동참모본부는 12일부터 대규모 연합훈련을 시작했다.",
        kEn,
        "The ministry said, \"We will strengthen our readiness.\" The Joint Chiefs of Staff began "
        "a large combined exercise on the 12th.");
    REQUIRE(parts.size() == 2);
    CHECK(parts[1].source == "합동참모본부는 12일부터 대규모 연합훈련을 시작했다.");
  }
}
