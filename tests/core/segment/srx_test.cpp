#include "segment/srx.hpp"

#include <doctest/doctest.h>

using termbridge::segment::detail::bound_quantifiers;

TEST_SUITE("segment.srx") {
  TEST_CASE("unbounded quantifiers are bounded for lookbehinds") {
    CHECK(bound_quantifiers(R"(\w+\.)", 40) == R"(\w{1,40}\.)");
    CHECK(bound_quantifiers(R"(\s[A-Z]*\.)", 40) == R"(\s[A-Z]{0,40}\.)");
    CHECK(bound_quantifiers(R"(\d{2,}\.)", 40) == R"(\d{2,40}\.)");
  }

  TEST_CASE("quantifier characters in sets, escapes and modifiers are kept") {
    CHECK(bound_quantifiers(R"([+*]\+\p{Lu}+?)", 9) == R"([+*]\+\p{Lu}{1,9}?)");
    CHECK(bound_quantifiers(R"(a*+b?+)", 9) == R"(a{0,9}+b?+)");
    CHECK(bound_quantifiers(R"((?:Mr|Dr)\.)", 9) == R"((?:Mr|Dr)\.)");
  }

  TEST_CASE("constructs that cannot be rewritten are refused") {
    CHECK_FALSE(bound_quantifiers(R"(\Qa+\E)", 9).has_value());
    CHECK_FALSE(bound_quantifiers(R"([abc)", 9).has_value());
  }
}
