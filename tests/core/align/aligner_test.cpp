#include "termbridge/align/aligner.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "align/features.hpp"

namespace align = termbridge::align;

namespace {

std::vector<align::Sentence> read_sentences(const std::string& path) {
  std::ifstream in(path);
  std::vector<align::Sentence> out;
  std::string line;
  while (std::getline(in, line)) {
    out.push_back({line, 0, {}});
  }
  return out;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  return out;
}

// True when the beads cover every sentence of both sides once, in order.
bool covers(const std::vector<align::Bead>& beads, std::size_t n, std::size_t m) {
  std::size_t i = 0, j = 0;
  for (const auto& b : beads) {
    if (b.src_begin != i || b.tgt_begin != j || b.src_end < i || b.tgt_end < j) {
      return false;
    }
    if (b.src_end == b.src_begin && b.tgt_end == b.tgt_begin) {
      return false;
    }
    i = b.src_end;
    j = b.tgt_end;
  }
  return i == n && j == m;
}

struct Score {
  double precision, recall;
};

Score strict_score(const std::vector<align::Bead>& beads, const std::vector<std::string>& gold) {
  std::set<std::string> g(gold.begin(), gold.end());
  std::size_t hit = 0;
  for (const auto& b : beads) {
    hit += g.count(align::to_string(b));
  }
  return {static_cast<double>(hit) / static_cast<double>(beads.size()),
          static_cast<double>(hit) / static_cast<double>(gold.size())};
}

double mean_score(const std::vector<align::Bead>& beads) {
  double sum = 0;
  for (const auto& b : beads) {
    sum += b.score;
  }
  return beads.empty() ? 0 : sum / static_cast<double>(beads.size());
}

// The number anchors of a text (Latin words left out).
std::vector<std::uint64_t> numbers_of(std::string_view text) {
  std::vector<std::uint64_t> out;
  for (auto a : align::extract_features(text).anchors) {
    if (align::kind_of(a) != align::AnchorKind::latin) {
      out.push_back(a);
    }
  }
  return out;
}

const std::string kData = TB_TEST_DATA "/align/";

}  // namespace

TEST_SUITE("align.aligner") {
  TEST_CASE("a Korean news text and its translation align against hand-made gold") {
    auto ko = read_sentences(kData + "ncg/ko.txt");
    auto en = read_sentences(kData + "ncg/en.txt");
    auto gold = read_lines(kData + "ncg/gold");
    auto beads = align::align_sentences(ko, en);
    CHECK(covers(beads, ko.size(), en.size()));
    Score s = strict_score(beads, gold);
    CHECK(s.precision >= 0.75);
    CHECK(s.recall >= 0.6);
    // The 1-2 and 2-1 beads are found.
    CHECK(align::to_string(beads[2]) == "[2]:[2,3]");
    CHECK(align::to_string(beads[6]) == "[7,8]:[7]");
    CHECK(mean_score(beads) > 0.7);
  }

  TEST_CASE("glossary concepts found on both sides anchor beads") {
    std::vector<align::Sentence> ko = {
        {"양측은 확장억제 강화 방안을 논의했다.", 0, {"extended-deterrence"}},
        {"회의는 두 시간 동안 진행됐다.", 0, {}}};
    std::vector<align::Sentence> en = {
        {"The two sides discussed ways to strengthen extended deterrence.",
         0,
         {"extended-deterrence"}},
        {"The meeting lasted two hours.", 0, {}}};
    auto beads = align::align_sentences(ko, en);
    REQUIRE(beads.size() == 2);
    CHECK(align::to_string(beads[0]) == "[0]:[0]");
    CHECK(align::to_string(beads[1]) == "[1]:[1]");
  }

  TEST_CASE("an empty side gives deletions or insertions with score 0") {
    std::vector<align::Sentence> ko = {{"북한은 올해 탄도미사일을 12차례 발사했다.", 0, {}},
                                       {"주한미군은 약 28,500명 규모를 유지하고 있다.", 0, {}}};
    auto del = align::align_sentences(ko, {});
    REQUIRE(del.size() == 2);
    CHECK(align::to_string(del[1]) == "[1]:[]");
    CHECK(del[0].score == 0);
    auto ins = align::align_sentences({}, ko);
    REQUIRE(ins.size() == 2);
    CHECK(align::to_string(ins[0]) == "[]:[0]");
    CHECK(align::align_sentences({}, {}).empty());
  }

  TEST_CASE("a single sentence each gives one bead") {
    std::vector<align::Sentence> ko = {{"북한은 올해 탄도미사일을 12차례 발사했다.", 0, {}}};
    std::vector<align::Sentence> en = {
        {"North Korea has launched ballistic missiles 12 times.", 0, {}}};
    auto beads = align::align_sentences(ko, en);
    REQUIRE(beads.size() == 1);
    CHECK(align::to_string(beads[0]) == "[0]:[0]");
    CHECK(beads[0].score > 0.5);
  }

  TEST_CASE("an article against a different, longer article gets low confidence") {
    auto ko = read_sentences(kData + "ncg/ko.txt");
    auto other = read_sentences(kData + "unrelated/en.txt");
    auto en = read_sentences(kData + "ncg/en.txt");
    std::vector<align::Sentence> longer;
    for (int k = 0; k < 3; ++k) {
      longer.insert(longer.end(), other.begin(), other.end());
    }
    auto wrong = align::align_sentences(ko, longer);
    CHECK(covers(wrong, ko.size(), longer.size()));
    auto right = align::align_sentences(ko, en);
    CHECK(mean_score(wrong) < 0.5);
    CHECK(mean_score(wrong) < mean_score(right) - 0.3);
  }

  TEST_CASE("mismatched languages: a Korean text against itself aligns 1-1") {
    auto ko = read_sentences(kData + "ncg/ko.txt");
    auto beads = align::align_sentences(ko, ko);
    REQUIRE(beads.size() == ko.size());
    CHECK(align::to_string(beads[4]) == "[4]:[4]");
    CHECK(align::to_string(beads.back()) == "[10]:[10]");
  }

  TEST_CASE("the band widens when the path leaves the diagonal") {
    // 300 numbered sentences on each side, with 150 extra target sentences in the middle:
    // the path runs 150 cells off the diagonal, more than twice the initial band.
    std::vector<align::Sentence> src, tgt;
    for (int k = 0; k < 300; ++k) {
      std::string n = std::to_string(1000 + k * 7);
      src.push_back({"보고서 항목은 " + n + "건의 사례를 다룬다.", 0, {}});
      tgt.push_back({"The report item covers " + n + " cases.", 0, {}});
      if (k == 40) {
        for (int e = 0; e < 150; ++e) {
          tgt.push_back({"This part has no counterpart in the other edition.", 0, {}});
        }
      }
    }
    align::AlignOptions options;
    options.band = 16;
    auto beads = align::align_sentences(src, tgt, options);
    CHECK(covers(beads, src.size(), tgt.size()));
    std::size_t right = 0;
    for (const auto& b : beads) {
      if (b.src_end - b.src_begin == 1 && b.tgt_end - b.tgt_begin == 1 &&
          src[b.src_begin].text.substr(src[b.src_begin].text.find_first_of("0123456789"), 4) ==
              tgt[b.tgt_begin].text.substr(tgt[b.tgt_begin].text.find_first_of("0123456789"), 4)) {
        ++right;
      }
    }
    CHECK(right >= 290);
  }

  TEST_CASE("the band follows a path that drifts far from the diagonal") {
    // 400 numbered pairs; the first 200 English ones are each followed by an added note, so
    // at pair 200 the path runs 50 sentences off the diagonal, three times the band.
    std::vector<align::Sentence> src, tgt;
    std::vector<std::size_t> where;  // target index of each numbered English sentence
    for (int k = 0; k < 400; ++k) {
      std::string n = std::to_string(2000 + k * 13);
      src.push_back({"국방부는 올해 " + n + "명의 장병을 새로 배치했다.", 0, {}});
      where.push_back(tgt.size());
      tgt.push_back({"The ministry deployed " + n + " new troops this year.", 0, {}});
      if (k < 200 && k % 2 == 1) {
        tgt.push_back({"Editor's note: figures were updated.", 0, {}});
      }
    }
    align::AlignOptions options;
    options.band = 16;
    auto beads = align::align_sentences(src, tgt, options);
    REQUIRE(covers(beads, src.size(), tgt.size()));
    std::size_t right = 0;
    for (const auto& b : beads) {
      if (b.src_end == b.src_begin + 1 && b.tgt_end == b.tgt_begin + 1 &&
          where[b.src_begin] == b.tgt_begin) {
        ++right;
      }
    }
    CHECK(right >= 395);
  }

  TEST_CASE("beads are written in vecalign notation") {
    CHECK(align::to_string({0, 1, 0, 1, 0}) == "[0]:[0]");
    CHECK(align::to_string({5, 7, 3, 4, 0}) == "[5,6]:[3]");
    CHECK(align::to_string({2, 2, 4, 5, 0}) == "[]:[4]");
    CHECK(align::to_string({3, 4, 5, 5, 0}) == "[3]:[]");
  }

  TEST_CASE("a long pair aligns the same with its sides prepared on two threads") {
    auto ko = read_sentences(kData + "ncg/ko.txt");
    auto en = read_sentences(kData + "ncg/en.txt");
    std::vector<align::Sentence> long_ko, long_en;
    for (int k = 0; k < 100; ++k) {
      long_ko.insert(long_ko.end(), ko.begin(), ko.end());
      long_en.insert(long_en.end(), en.begin(), en.end());
    }
    REQUIRE(long_ko.size() + long_en.size() >= 2000);
    align::AlignOptions one;
    one.parallel = false;
    auto a = align::align_sentences(long_ko, long_en);
    auto b = align::align_sentences(long_ko, long_en, one);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(align::to_string(a[i]) == align::to_string(b[i]));
      CHECK(a[i].score == b[i].score);
    }
    CHECK(covers(a, long_ko.size(), long_en.size()));
  }

  TEST_CASE("a clause of an English sentence pairs with a Korean sentence of its own") {
    std::vector<align::Sentence> ko = {
        {"미 국방부는 14일 새 핵태세검토보고서를 발표했다.", 0, {}},
        {"보고서는 북한의 핵 위협을 가장 시급한 과제로 꼽았다.", 0, {}},
        {"오스틴 장관은 기자회견에서 이렇게 말했다.", 0, {}},
        {"“동맹에 대한 어떤 핵 공격도 용납되지 않을 것이며 그 정권은 종말을 맞게 될 것이다.”",
         0,
         {}},
        {"한미 양국은 다음 달 서울에서 핵협의그룹 회의를 연다.", 0, {}}};
    std::vector<align::Sentence> en = {
        {"The Pentagon released its new Nuclear Posture Review on the 14th.", 0, {}},
        {"The review named the North Korean nuclear threat as the most pressing challenge.", 0, {}},
        {"Secretary Austin told reporters:", 0, {}},
        {"“Any nuclear attack against our allies will not be tolerated and will result in the "
         "end of that regime.”",
         0,
         {},
         true},
        {"Seoul and Washington will hold a Nuclear Consultative Group meeting in Seoul next "
         "month.",
         0,
         {}}};
    auto beads = align::align_sentences(ko, en);
    REQUIRE(beads.size() == 5);
    CHECK(align::to_string(beads[2]) == "[2]:[2]");
    CHECK(align::to_string(beads[3]) == "[3]:[3]");

    // One Korean sentence for the whole English one: a bead joins the clauses, 1-1.
    std::vector<align::Sentence> ko1 = {
        ko[0],
        ko[1],
        {"오스틴 장관은 기자회견에서 “동맹에 대한 어떤 핵 공격도 용납되지 않을 것이며 그 "
         "정권은 종말을 맞게 될 것”이라고 말했다.",
         0,
         {}},
        ko[4]};
    beads = align::align_sentences(ko1, en);
    REQUIRE(beads.size() == 4);
    CHECK(align::to_string(beads[2]) == "[2]:[2,3]");
    CHECK(align::to_string(beads[3]) == "[3]:[4]");
    // It pays no 1-2 cost, however high; two sentences of their own would.
    align::AlignOptions dear;
    dear.cost_1_2 = 30;
    CHECK(align::to_string(align::align_sentences(ko1, en, dear)[2]) == "[2]:[2,3]");
    en[3].continues = false;
    CHECK(align::to_string(align::align_sentences(ko1, en, dear)[2]) != "[2]:[2,3]");
  }
}

TEST_SUITE("align.features") {
  TEST_CASE("numbers are anchors whatever their notation") {
    CHECK(numbers_of("병력 1,000명을 보냈다.").size() == 1);
    CHECK(numbers_of("병력 1,000명을 보냈다.") == numbers_of("It sent 1000 troops."));
    CHECK(numbers_of("1억1천만 달러짜리 설비") == numbers_of("the $110 million machine"));
    CHECK(numbers_of("12월 11일") == numbers_of("on December 11"));
    CHECK(numbers_of("1992년") != numbers_of("in 1993"));
  }

  TEST_CASE("Latin words inside Korean text are anchors, case-folded") {
    auto ko = align::extract_features("ASCI White로 알려진 컴퓨터");
    auto en = align::extract_features("asci WHITE");
    CHECK(ko.anchors == en.anchors);
    CHECK(ko.anchors.size() == 2);
  }

  TEST_CASE("word stems: two syllables of a Hangul word, five letters of a Latin one") {
    // 로도스섬에서 and 로도스는 share 로도; evacuated and evacuation share evacu.
    CHECK(align::word_stems("로도스섬에서") == align::word_stems("로도스는"));
    CHECK(align::word_stems("evacuated") == align::word_stems("Evacuation"));
    CHECK(align::word_stems("로도스섬에서") != align::word_stems("evacuated"));
    // Short words give nothing: one syllable, three letters or fewer.
    CHECK(align::word_stems("그 the was 및").empty());
    // A change of script inside a word: the first script's stem when it is long enough.
    CHECK(align::word_stems("White로") == align::word_stems("white"));
    CHECK(align::word_stems("NCG회의") == align::word_stems("회의"));
    // Sorted, each stem once.
    auto stems = align::word_stems("Rhodes fire: Rhodes hotels evacuated");
    CHECK(stems.size() == 4);
    CHECK(std::is_sorted(stems.begin(), stems.end()));
  }

  TEST_CASE("length counts code points without spaces") {
    CHECK(align::extract_features("핵 협의").length == 3);
    CHECK(align::extract_features("").length == 0);
    CHECK(align::extract_features("\"핵\"?").quotes == 2);
    CHECK(align::extract_features("\"핵\"?").questions == 1);
  }
}
