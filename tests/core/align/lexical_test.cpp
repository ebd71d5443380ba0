#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/align/aligner.hpp"
#include "termbridge/lexicon/lexicon.hpp"

namespace align = termbridge::align;
namespace lexicon = termbridge::lexicon;
using termbridge::LangTag;

namespace {

std::string beads_of(const std::vector<align::Bead>& beads) {
  std::string out;
  for (const auto& b : beads) {
    out += align::to_string(b) + " ";
  }
  return out;
}

// The second Korean sentence is translated at the end of the first English one. By length
// it would join the third: the first English sentence is short for two, the second, a wordy
// rendering, long for one.
const std::vector<align::Sentence> kKo = {
    {"국방부는 새 훈련 계획을 발표했다.", 0, {}},
    {"장관은 예산을 설명했다.", 0, {}},
    {"양국은 내년 회담을 약속했다.", 0, {}},
};
const std::vector<align::Sentence> kEn = {
    {"The ministry announced a training plan; the minister explained the budget.", 0, {}},
    {"The two countries, after long discussions, promised to hold talks again next year.", 0, {}},
};

lexicon::Lexicon hand_lexicon() {
  lexicon::Lexicon lex(LangTag::parse("ko"), LangTag::parse("en"));
  const char* pairs[][2] = {{"국방부", "ministry"},  {"훈련", "training"}, {"계획", "plan"},
                            {"발표", "announced"},   {"양국", "two"},      {"장관", "minister"},
                            {"내년", "year"},        {"회담", "talks"},    {"약속", "promised"},
                            {"대변인", "spokesman"}, {"예산", "budget"},   {"기자", "reporters"}};
  for (const auto& p : pairs) {
    lex.set(p[0], p[1], 0.8, 0.8);
  }
  return lex;
}

}  // namespace

TEST_SUITE("align.lexical") {
  TEST_CASE("a given lexicon decides where a sentence belongs") {
    align::AlignOptions plain;
    plain.lexicon_weight = 0;
    plain.learned_weight = 0;
    std::string by_length = beads_of(align::align_sentences(kKo, kEn, plain));
    CHECK(by_length == "[0]:[0] [1,2]:[1] ");

    lexicon::Lexicon lex = hand_lexicon();
    align::AlignOptions with = plain;
    with.lexicon = &lex;
    with.dictionary_weight = 0;  // this lexicon alone
    CHECK(beads_of(align::align_sentences(kKo, kEn, with)) == "[0,1]:[0] [2]:[1] ");
    // Its weight is the given lexicon's.
    with.lexicon_given_weight = 0;
    CHECK(beads_of(align::align_sentences(kKo, kEn, with)) == by_length);
  }

  TEST_CASE("a lexicon of unrelated words changes nothing") {
    lexicon::Lexicon lex(LangTag::parse("ko"), LangTag::parse("en"));
    lex.set("고양이", "cat", 0.9, 0.9);
    align::AlignOptions o;
    o.lexicon = &lex;
    o.dictionary_weight = 0;
    align::AlignOptions plain;
    plain.lexicon_weight = 0;
    CHECK(beads_of(align::align_sentences(kKo, kEn, o)) ==
          beads_of(align::align_sentences(kKo, kEn, plain)));
  }

  TEST_CASE("the built-in dictionary decides without any lexicon given, ko-en and en-ko") {
    align::AlignOptions o;
    o.learned_weight = 0;
    CHECK(beads_of(align::align_sentences(kKo, kEn, o)) == "[0,1]:[0] [2]:[1] ");
    align::AlignOptions back = o;
    back.src_lang = "en";
    back.tgt_lang = "ko";
    CHECK(beads_of(align::align_sentences(kEn, kKo, back)) == "[0]:[0,1] [1]:[2] ");
    // Without it (or for a pair it has no dictionary of) the lengths decide, as before.
    align::AlignOptions none = o;
    none.dictionary_weight = 0;
    CHECK(beads_of(align::align_sentences(kKo, kEn, none)) == "[0]:[0] [1,2]:[1] ");
    align::AlignOptions ja = o;
    ja.tgt_lang = "ja";
    CHECK(beads_of(align::align_sentences(kKo, kEn, ja)) == "[0]:[0] [1,2]:[1] ");
  }
}
