#include "segment/pattern.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <unicode/regex.h>

#include "segment/srx.hpp"

namespace detail = termbridge::segment::detail;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<icu::RegexPattern> compile(const std::string& re) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe{};
  return std::unique_ptr<icu::RegexPattern>(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(re), 0, pe, status));
}

// ICU's answer: does `before` match text ending at p (within 1024 units)?
bool icu_ends_at(icu::RegexPattern& ended, const icu::UnicodeString& text, std::int32_t p) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString head(false, text.getBuffer(), p);
  std::unique_ptr<icu::RegexMatcher> m(ended.matcher(head, status));
  m->region(std::max(0, p - 1024), p, status);
  m->useTransparentBounds(true);
  m->useAnchoringBounds(false);
  return m->find();
}

struct Counts {
  int checked = 0;
  int differ = 0;
};

// Compares the walks with ICU for every rule of `srx` at every position of the sample text.
Counts compare_with_icu(const std::string& srx) {
  auto doc = detail::parse_srx(srx, "rules.srx");
  auto sample = icu::UnicodeString::fromUTF8(read(TB_TEST_DATA "/segment/mixed.txt"));
  const auto* text = reinterpret_cast<const char16_t*>(sample.getBuffer());
  std::int32_t n = sample.length();
  Counts c;
  for (const auto& set : doc.language_rules) {
    for (const auto& rule : set.rules) {
      if (!rule.before.empty()) {
        auto node = detail::parse_pattern(rule.before);
        auto walk = node ? detail::BackwardMatcher::make(std::move(*node)) : nullptr;
        auto ended = compile("(?:" + rule.before + ")\\z");
        for (std::int32_t p = 0; walk && p <= n; ++p) {
          auto ours = walk->ends_at(text, n, std::max(0, p - 1024), p);
          ++c.checked;
          if (!ours || *ours != icu_ends_at(*ended, sample, p)) {
            ++c.differ;
            MESSAGE("beforebreak " << rule.before << " differs at " << p);
          }
        }
      }
      if (!rule.after.empty()) {
        auto node = detail::parse_pattern(rule.after);
        auto walk = node ? detail::ForwardMatcher::make(std::move(*node)) : nullptr;
        auto pattern = compile(rule.after);
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(sample, status));
        for (std::int32_t p = 0; walk && p <= n; ++p) {
          auto ours = walk->starts_at(text, n, p);
          ++c.checked;
          if (!ours || *ours != static_cast<bool>(m->lookingAt(p, status))) {
            ++c.differ;
            MESSAGE("afterbreak " << rule.after << " differs at " << p);
          }
        }
      }
    }
  }
  return c;
}

}  // namespace

TEST_SUITE("segment.pattern") {
  TEST_CASE("the walks agree with ICU on the built-in rules") {
    auto c = compare_with_icu(std::string(detail::builtin_srx()));
    CHECK(c.checked > 10000);
    CHECK(c.differ == 0);
  }

  TEST_CASE("the walks agree with ICU on the Okapi and Maxprograms rules") {
    for (const char* name : {"okapi-defaultSegmentation.srx", "maxprograms-default.srx"}) {
      auto srx = read(std::string(TB_SOURCE_DIR "/../shared/schemas/srx/") + name);
      if (srx.empty()) {
        MESSAGE("skipped: ../shared is absent");
        continue;
      }
      auto c = compare_with_icu(srx);
      CHECK(c.checked > 1000);
      CHECK(c.differ == 0);
    }
  }

  TEST_CASE("prefix sets rule out positions by the characters there") {
    auto node = detail::parse_pattern(R"(\s+["“'‘(]?\p{Ll})");
    REQUIRE(node);
    auto sets = detail::prefix_sets(*node, 3);
    REQUIRE(sets.size() == 2);
    std::u16string said = u"said. The";
    std::u16string asked = u"asked. he";
    CHECK_FALSE(detail::prefix_allows(sets, said.data(), 9, 5));
    CHECK(detail::prefix_allows(sets, asked.data(), 9, 6));
  }

  TEST_CASE("a title before a period is found walking back") {
    auto node = detail::parse_pattern(R"(\b(?:Mr|Dr|Sen|Gov)\.)");
    REQUIRE(node);
    auto walk = detail::BackwardMatcher::make(std::move(*node));
    REQUIRE(walk);
    std::u16string text = u"Sen. Kim met Usen. Lee";
    CHECK(walk->ends_at(text.data(), 22, 0, 4) == true);
    CHECK(walk->ends_at(text.data(), 22, 0, 18) == false);
  }

  TEST_CASE("expressions outside the covered subset are refused") {
    CHECK_FALSE(detail::parse_pattern(R"((?i)mr\.)"));
    CHECK_FALSE(detail::parse_pattern(R"([\p{L}&&[^a]])"));
    CHECK_FALSE(detail::parse_pattern(R"(\Qa.b\E)"));
    auto lookahead = detail::parse_pattern(R"(a(?=b))");
    REQUIRE(lookahead);
    CHECK_FALSE(detail::BackwardMatcher::make(std::move(*lookahead)));
  }
}
