#include "termbridge/text/stemmer.hpp"

#include <string>

#include <doctest/doctest.h>

#include "termbridge/base/error.hpp"
#include "termbridge/text/word_breaker.hpp"

namespace text = termbridge::text;

TEST_SUITE("text.stemmer") {
  TEST_CASE("Snowball languages by their subtags") {
    CHECK(text::has_stemmer("de"));
    CHECK(text::has_stemmer("fr"));
    CHECK(text::has_stemmer("es"));
    CHECK(text::has_stemmer("ru"));
    CHECK(text::has_stemmer("nb"));
    CHECK(text::has_stemmer("DE"));
    CHECK_FALSE(text::has_stemmer("ko"));
    CHECK_FALSE(text::has_stemmer("ja"));
    CHECK_FALSE(text::has_stemmer(""));
    CHECK_FALSE(text::has_stemmer("de/../x"));
    CHECK_THROWS_AS(text::Stemmer("ko"), termbridge::Error);
  }

  TEST_CASE("a word and its inflected forms share a stem") {
    text::Stemmer de("de");
    CHECK(std::string(de.stem("atomwaffen")) == std::string(de.stem("atomwaffe")));
    text::Stemmer ru("ru");
    CHECK(std::string(ru.stem("ядерного")) == std::string(ru.stem("ядерное")));
    CHECK(std::string(ru.stem("оружия")) == std::string(ru.stem("оружие")));
    text::Stemmer fr("fr");
    CHECK(std::string(fr.stem("nucléaires")) == std::string(fr.stem("nucléaire")));
    SUBCASE("Spanish short plurals too") {
      text::Stemmer es("es");
      CHECK(std::string(es.stem("armas")) == std::string(es.stem("arma")));
      CHECK(std::string(es.stem("nucleares")) == std::string(es.stem("nuclear")));
      CHECK(std::string(es.stem("misiles")) == std::string(es.stem("misil")));
      CHECK(std::string(es.stem("armada")) != std::string(es.stem("arma")));
    }
  }
}

TEST_SUITE("text.word_breaker") {
  TEST_CASE("dictionary languages") {
    CHECK(text::segments_by_dictionary("ja"));
    CHECK(text::segments_by_dictionary("zh"));
    CHECK(text::segments_by_dictionary("th"));
    CHECK_FALSE(text::segments_by_dictionary("ko"));
    CHECK_FALSE(text::segments_by_dictionary("de"));
  }

  TEST_CASE("boundaries are byte offsets of the words ICU finds") {
    text::WordBreaker breaker("zh");
    std::vector<std::uint8_t> at;
    const std::string s = "朝鲜发展核武器";  // 朝鲜|发展|核武器, three bytes a character
    breaker.boundaries(s, at);
    REQUIRE(at.size() == s.size() + 1);
    std::vector<std::size_t> edges;
    for (std::size_t k = 0; k < at.size(); ++k) {
      if (at[k]) {
        edges.push_back(k);
      }
    }
    CHECK(edges == std::vector<std::size_t>{0, 6, 12, 21});
    breaker.boundaries("", at);
    CHECK(at == std::vector<std::uint8_t>{1});
  }
}
