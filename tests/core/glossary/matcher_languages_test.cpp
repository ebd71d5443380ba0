// Term spotting in languages other than Korean and English: word boundaries by ICU's
// dictionary (ja, zh, th) and Snowball stems (de, fr, es, ru). Issue 16.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/glossary/matcher.hpp"

namespace glossary = termbridge::glossary;
using termbridge::LangTag;

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

// One term base in eight languages, as a multilingual defense glossary holds them.
glossary::TermBase multilingual_terms() {
  glossary::TermBase tb;
  add(tb, "nuke", {term("핵", "ko"), term("nuke", "en"), term("核", "ja"), term("核", "zh")});
  add(tb, "nuclear-consultative-group",
      {term("핵협의그룹", "ko"), term("Nuclear Consultative Group", "en"), term("NCG", "en"),
       term("核協議グループ", "ja"), term("核磋商小组", "zh"),
       term("Nukleare Konsultativgruppe", "de")});
  add(tb, "nuclear-weapon",
      {term("핵무기", "ko"), term("nuclear weapon", "en"), term("核兵器", "ja"),
       term("核武器", "zh"), term("Atomwaffe", "de"), term("Kernwaffe", "de"),
       term("arme nucléaire", "fr"), term("arma nuclear", "es"), term("ядерное оружие", "ru"),
       term("อาวุธนิวเคลียร์", "th")});
  add(tb, "weapon",
      {term("무기", "ko"), term("weapon", "en"), term("Waffe", "de"), term("arme", "fr"),
       term("arma", "es"), term("оружие", "ru")});
  add(tb, "ballistic-missile",
      {term("탄도미사일", "ko"), term("ballistic missile", "en"), term("弾道ミサイル", "ja"),
       term("弹道导弹", "zh"), term("ballistische Rakete", "de"), term("missile balistique", "fr"),
       term("misil balístico", "es"), term("баллистическая ракета", "ru")});
  add(tb, "sanctions",
      {term("제재", "ko"), term("sanction", "en"), term("制裁", "ja"), term("制裁", "zh"),
       term("Sanktion", "de"), term("sanction", "fr"), term("sanción", "es"),
       term("санкция", "ru")});
  add(tb, "defense-minister",
      {term("국방장관", "ko"), term("defense minister", "en"), term("防衛相", "ja"),
       term("国防部长", "zh"), term("Verteidigungsminister", "de"),
       term("ministre de la Défense", "fr"), term("ministro de Defensa", "es"),
       term("министр обороны", "ru")});
  add(tb, "nato", {term("나토", "ko"), term("NATO", "en"), term("OTAN", "fr"), term("НАТО", "ru")});
  add(tb, "core-interest", {term("核心利益", "zh")});
  return tb;
}

const glossary::TermBase& terms() {
  static const glossary::TermBase tb = multilingual_terms();
  return tb;
}

// The hits of `text` as "surface=concept", in order.
std::vector<std::string> spot(const char* lang, std::string_view text,
                              glossary::MatchOptions options = {}) {
  glossary::TermMatcher matcher(terms(), LangTag::parse(lang), options);
  std::vector<std::string> out;
  for (const auto& hit : matcher.find(text)) {
    CHECK(hit.surface == text.substr(hit.span.begin, hit.span.end - hit.span.begin));
    out.push_back(std::string(hit.surface) + "=" + hit.concept_id);
  }
  return out;
}

using Hits = std::vector<std::string>;

}  // namespace

TEST_SUITE("glossary.matcher.languages") {
  TEST_CASE("Japanese terms start and end on ICU word boundaries") {
    CHECK(spot("ja", "核協議グループの会合がワシントンで開かれた") ==
          Hits{"核協議グループ=nuclear-consultative-group"});
    CHECK(spot("ja", "北朝鮮は弾道ミサイルを発射し、国連は制裁を強化した") ==
          Hits{"弾道ミサイル=ballistic-missile", "制裁=sanctions"});
    CHECK(spot("ja", "防衛相は核兵器の脅威について述べた") ==
          Hits{"防衛相=defense-minister", "核兵器=nuclear-weapon"});
    SUBCASE("a term inside a longer word is no hit") {
      CHECK(spot("ja", "問題の核心は対話にある").empty());
      CHECK(spot("ja", "非核化交渉が再開された").empty());
    }
    SUBCASE("a one-character term standing as a word is") {
      CHECK(spot("ja", "北朝鮮の核と弾道ミサイル") ==
            Hits{"核=nuke", "弾道ミサイル=ballistic-missile"});
    }
  }

  TEST_CASE("Chinese terms start and end on ICU word boundaries") {
    CHECK(spot("zh", "朝鲜发展核武器") == Hits{"核武器=nuclear-weapon"});
    CHECK(spot("zh", "联合国安理会加强对朝鲜的制裁") == Hits{"制裁=sanctions"});
    CHECK(spot("zh", "朝鲜发射弹道导弹") == Hits{"弹道导弹=ballistic-missile"});
    SUBCASE("核 is not in 核心利益, which is a term of its own") {
      CHECK(spot("zh", "台湾问题是中国的核心利益") == Hits{"核心利益=core-interest"});
    }
    SUBCASE("nor in 核心 without it") {
      CHECK(spot("zh", "这是问题的核心").empty());
    }
    SUBCASE("off, the characters alone decide") {
      glossary::MatchOptions plain;
      plain.language_words = false;
      CHECK(spot("zh", "这是问题的核心", plain) == Hits{"核=nuke"});
    }
  }

  TEST_CASE("Thai terms start and end on ICU word boundaries") {
    CHECK(spot("th", "อาวุธนิวเคลียร์ของเกาหลีเหนือ") == Hits{"อาวุธนิวเคลียร์=nuclear-weapon"});
  }

  TEST_CASE("German terms match their inflected forms, as written") {
    CHECK(spot("de", "Nordkorea baut weitere Atomwaffen.") == Hits{"Atomwaffen=nuclear-weapon"});
    CHECK(spot("de", "Die Sanktionen gegen Pjöngjang wurden verschärft.") ==
          Hits{"Sanktionen=sanctions"});
    CHECK(spot("de", "Der Verteidigungsminister traf die Nukleare Konsultativgruppe.") ==
          Hits{"Verteidigungsminister=defense-minister",
               "Nukleare Konsultativgruppe=nuclear-consultative-group"});
    CHECK(spot("de", "Das Treffen der Nuklearen Konsultativgruppe in Washington") ==
          Hits{"Nuklearen Konsultativgruppe=nuclear-consultative-group"});
    CHECK(spot("de", "ATOMWAFFEN und Kernwaffen") ==
          Hits{"ATOMWAFFEN=nuclear-weapon", "Kernwaffen=nuclear-weapon"});
    SUBCASE("no term inside another word") {
      CHECK(spot("de", "Die Waffenruhe hielt; Atomwaffentests blieben aus.").empty());
      CHECK(spot("de", "Der Verteidigungsministeriumssprecher schwieg.").empty());
    }
  }

  TEST_CASE("French terms match their plural, as written") {
    CHECK(spot("fr", "Pyongyang développe des armes nucléaires.") ==
          Hits{"armes nucléaires=nuclear-weapon"});
    CHECK(
        spot("fr", "Le ministre de la Défense a parlé des missiles balistiques.") ==
        Hits{"ministre de la Défense=defense-minister", "missiles balistiques=ballistic-missile"});
    CHECK(spot("fr", "L'OTAN prépare de nouvelles sanctions contre l'arme nucléaire.") ==
          Hits{"OTAN=nato", "sanctions=sanctions", "arme nucléaire=nuclear-weapon"});
    SUBCASE("no term inside another word") {
      CHECK(spot("fr", "Le désarmement et l'armée de terre.").empty());
    }
  }

  TEST_CASE("Spanish terms match their plural, as written") {
    CHECK(spot("es", "Corea del Norte amplía su arsenal de armas nucleares.") ==
          Hits{"armas nucleares=nuclear-weapon"});
    CHECK(spot("es", "El ministro de Defensa condenó los misiles balísticos.") ==
          Hits{"ministro de Defensa=defense-minister", "misiles balísticos=ballistic-missile"});
    CHECK(spot("es", "Nuevas sanciones y una arma nuclear.") ==
          Hits{"sanciones=sanctions", "arma nuclear=nuclear-weapon"});
    SUBCASE("no term inside another word") {
      CHECK(spot("es", "La Armada y el armamento convencional.").empty());
    }
  }

  TEST_CASE("Russian terms match their case forms, as written") {
    CHECK(spot("ru", "КНДР отказывается от ядерного оружия.") ==
          Hits{"ядерного оружия=nuclear-weapon"});
    CHECK(spot("ru", "Министр обороны сообщил о запуске баллистической ракеты.") ==
          Hits{"Министр обороны=defense-minister", "баллистической ракеты=ballistic-missile"});
    CHECK(spot("ru", "Новые санкции против НАТО не вводились.") ==
          Hits{"санкции=sanctions", "НАТО=nato"});
    SUBCASE("no term inside another word") {
      CHECK(spot("ru", "Разоружение и безоружные солдаты.").empty());
    }
  }

  TEST_CASE("a term base of many languages serves each of them") {
    CHECK(spot("ko", "핵협의그룹은 핵심 의제를 논의했다") ==
          Hits{"핵협의그룹=nuclear-consultative-group"});
    CHECK(spot("en", "Allies discussed the nuclear weapons.") ==
          Hits{"nuclear weapons=nuclear-weapon"});
    CHECK(spot("ja", "NCGの会合") == Hits{"NCG=nuclear-consultative-group"});
  }

  TEST_CASE("edges: empty, spaces only, punctuation between words") {
    CHECK(spot("de", "").empty());
    CHECK(spot("de", "   ").empty());
    CHECK(spot("ja", "").empty());
    CHECK(spot("ru", "ядерное. Оружие") == Hits{"Оружие=weapon"});  // no ядерное оружие
    CHECK(spot("fr", "arme-nucléaire") == Hits{"arme-nucléaire=nuclear-weapon"});
  }

  TEST_CASE("long texts in windows give the hits of the whole") {
    glossary::MatchOptions small;
    small.window_threshold = 64 << 10;
    std::string de;
    std::string ja;
    for (int k = 0; k < 3000; ++k) {
      de += "Die Atomwaffen und die Waffenruhe. ";
      ja += "北朝鮮の核兵器と核心。";
    }
    CHECK(spot("de", de, small) == spot("de", de));
    CHECK(spot("de", de).size() == 3000);
    CHECK(spot("ja", ja, small) == spot("ja", ja));
    CHECK(spot("ja", ja).size() == 3000);
  }
}
