// Sentence segmentation of ja, zh, de, fr, es and ru by the built-in rules, and of other
// languages by ICU (issue 16).

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "core/segment/multilingual_paragraphs.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/segment/segmenter.hpp"

using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::segment::Method;
using termbridge::segment::Segmenter;

namespace {

using Lines = std::vector<std::string>;

Lines split(std::string_view text, std::string_view lang) {
  Lines out;
  for (auto span : Segmenter::builtin().split(text, lang)) {
    out.emplace_back(span.of(text));
  }
  return out;
}

}  // namespace

TEST_SUITE("segment.multilingual") {
  TEST_CASE("a news paragraph in each language splits into its sentences") {
    for (const auto& p : termbridge::segment::testdata::multilingual_paragraphs()) {
      CAPTURE(p.lang);
      Lines expected(p.sentences.begin(), p.sentences.end());
      CHECK(split(p.text(), p.lang) == expected);
    }
  }

  TEST_CASE("the built-in rules cover ja, zh, de, fr, es and ru, with any region or script") {
    for (std::string_view lang : {"ja", "zh", "de", "fr", "es", "ru", "zh-Hant-TW", "de-AT",
                                  "fr_CA", "es-419", "ko", "en-US", "und", ""}) {
      CAPTURE(lang);
      CHECK(Segmenter::builtin().method(lang) == Method::srx);
    }
    CHECK(Segmenter::builtin().rule_sets("de-CH") ==
          std::vector<std::string>{"German", "European quotes", "Abbreviations", "Default"});
    CHECK(Segmenter::builtin().rule_sets("ja") ==
          std::vector<std::string>{"Japanese", "Chinese and Japanese", "Abbreviations", "Default"});
  }
}

TEST_SUITE("segment.japanese") {
  TEST_CASE("a terminator needs no space after it") {
    CHECK(split("会談が始まった。声明を発表した。", "ja") ==
          Lines{"会談が始まった。", "声明を発表した。"});
    CHECK(split("本当か？政府は否定した！次に進む。", "ja") ==
          Lines{"本当か？", "政府は否定した！", "次に進む。"});
  }

  TEST_CASE("a quotation before the quotative と is part of the sentence") {
    CHECK(split("外相は「厳しい。連携を強める」と述べた。次の会合は秋だ。", "ja") ==
          Lines{"外相は「厳しい。連携を強める」と述べた。", "次の会合は秋だ。"});
    CHECK(split("声明は「履行を求める。」と明記した。", "ja") ==
          Lines{"声明は「履行を求める。」と明記した。"});
    CHECK(split("報道官は『揺るがない！』って言った。", "ja") ==
          Lines{"報道官は『揺るがない！』って言った。"});
  }

  TEST_CASE("closing brackets stay with the sentence they close") {
    CHECK(split("「断固対応する。」報道官は語った。", "ja") ==
          Lines{"「断固対応する。」", "報道官は語った。"});
    CHECK(split("（詳細は後日発表する。）【速報】", "ja") ==
          Lines{"（詳細は後日発表する。）", "【速報】"});
    CHECK(split("会談は終わった。】次へ。", "ja") == Lines{"会談は終わった。】", "次へ。"});
  }

  TEST_CASE("decimals do not split") {
    CHECK(split("約1.5時間飛行した。", "ja") == Lines{"約1.5時間飛行した。"});
  }
}

TEST_SUITE("segment.chinese") {
  TEST_CASE("closing quotes stay with the sentence; a semicolon does not split") {
    CHECK(split("他说：“这是历史性的时刻。”朝鲜会作何反应？各方应保持克制；局势紧张。", "zh") ==
          Lines{"他说：“这是历史性的时刻。”", "朝鲜会作何反应？", "各方应保持克制；局势紧张。"});
  }

  TEST_CASE("a Latin initial inside Chinese text does not split") {
    CHECK(split("布林肯（Antony J. Blinken）表示同意。", "zh") ==
          Lines{"布林肯（Antony J. Blinken）表示同意。"});
  }
}

TEST_SUITE("segment.german") {
  TEST_CASE("two-letter abbreviations and titles do not end a sentence") {
    CHECK(split("Es gibt z. B. Luftabwehr, u. a. Patriot. Das ist d. h. viel.", "de") ==
          Lines{"Es gibt z. B. Luftabwehr, u. a. Patriot.", "Das ist d. h. viel."});
    CHECK(split("Dr. Müller leitet die Abteilung Nr. 4 im Ministerium.", "de") ==
          Lines{"Dr. Müller leitet die Abteilung Nr. 4 im Ministerium."});
    CHECK(split("Die Kosten liegen bei ca. 2,5 Mrd. Euro. Das ist viel.", "de") ==
          Lines{"Die Kosten liegen bei ca. 2,5 Mrd. Euro.", "Das ist viel."});
  }

  TEST_CASE("a number and a period before a word is an ordinal, before a starter an end") {
    CHECK(split("Am 3. Oktober tagte der Rat.", "de") == Lines{"Am 3. Oktober tagte der Rat."});
    CHECK(split("Zum 75. Jahrestag kam Scholz.", "de") == Lines{"Zum 75. Jahrestag kam Scholz."});
    CHECK(split("Die Zahl stieg auf 12. Die Polizei ermittelt.", "de") ==
          Lines{"Die Zahl stieg auf 12.", "Die Polizei ermittelt."});
    CHECK(split("Die Nato wurde 1949 gegründet. Heute hat sie 32 Mitglieder.", "de") ==
          Lines{"Die Nato wurde 1949 gegründet.", "Heute hat sie 32 Mitglieder."});
  }

  TEST_CASE("German quotation marks close a sentence") {
    CHECK(split("„Wir stehen fest an der Seite der Ukraine.“ Das sagte Baerbock.", "de") ==
          Lines{"„Wir stehen fest an der Seite der Ukraine.“", "Das sagte Baerbock."});
    CHECK(split("„Das ist falsch!“, sagte er.", "de") == Lines{"„Das ist falsch!“, sagte er."});
    CHECK(split("»Wir bleiben.« Das sagte sie.", "de") ==
          Lines{"»Wir bleiben.«", "Das sagte sie."});
  }

  TEST_CASE("initials stay with the name") {
    CHECK(split("George W. Bush traf John F. Kennedy nie.", "de") ==
          Lines{"George W. Bush traf John F. Kennedy nie."});
  }
}

TEST_SUITE("segment.french") {
  TEST_CASE("guillemets with no-break spaces inside stay with their sentence") {
    CHECK(split("«\u202FNous ne céderons rien.\u202F» Selon Mme Colonna, c'est clair.", "fr") ==
          Lines{"«\u202FNous ne céderons rien.\u202F»", "Selon Mme Colonna, c'est clair."});
    CHECK(split("«\u00A0C'est en jeu\u00A0!\u00A0» a répondu la ministre.", "fr") ==
          Lines{"«\u00A0C'est en jeu\u00A0!\u00A0» a répondu la ministre."});
    CHECK(split("Pourquoi maintenant\u00A0? Parce que.", "fr") ==
          Lines{"Pourquoi maintenant\u00A0?", "Parce que."});
  }

  TEST_CASE("titles and abbreviations do not end a sentence") {
    CHECK(split("M. Macron a reçu M. Le Drian. Le gén. Burkhard était là.", "fr") ==
          Lines{"M. Macron a reçu M. Le Drian.", "Le gén. Burkhard était là."});
    CHECK(split("Les sanctions visent p. ex. le pétrole, le gaz, etc. Pourquoi ?", "fr") ==
          Lines{"Les sanctions visent p. ex. le pétrole, le gaz, etc.", "Pourquoi ?"});
  }
}

TEST_SUITE("segment.spanish") {
  TEST_CASE("EE. UU. continues before a name, ends before a sentence starter") {
    CHECK(split("El secretario de EE. UU. Antony Blinken llegó.", "es") ==
          Lines{"El secretario de EE. UU. Antony Blinken llegó."});
    CHECK(split("El acuerdo se firmará en EE. UU. El próximo paso es Vilna.", "es") ==
          Lines{"El acuerdo se firmará en EE. UU.", "El próximo paso es Vilna."});
    CHECK(split("Las FF. AA. participan.", "es") == Lines{"Las FF. AA. participan."});
  }

  TEST_CASE("titles do not end a sentence") {
    CHECK(split("El Sr. Albares y la Sra. Robles hablaron con el Dr. Pérez.", "es") ==
          Lines{"El Sr. Albares y la Sra. Robles hablaron con el Dr. Pérez."});
  }

  TEST_CASE("inverted marks open a sentence; a dash and a lower-case verb continue it") {
    CHECK(split("¿Está preparada la OTAN? ¡Basta ya! —dijo el portavoz. «Sí», respondió.", "es") ==
          Lines{"¿Está preparada la OTAN?", "¡Basta ya! —dijo el portavoz.", "«Sí», respondió."});
  }
}

TEST_SUITE("segment.russian") {
  TEST_CASE("initials stay with the name") {
    CHECK(split("Президент В. В. Путин подписал указ. Он вступит в силу.", "ru") ==
          Lines{"Президент В. В. Путин подписал указ.", "Он вступит в силу."});
  }

  TEST_CASE("т. е. continues, т. д. ends before a capital") {
    CHECK(split("Санкции затрагивают банки, т. е. ключевые отрасли.", "ru") ==
          Lines{"Санкции затрагивают банки, т. е. ключевые отрасли."});
    CHECK(split("Санкции ввели ЕС, США и т. д. Москва ответила.", "ru") ==
          Lines{"Санкции ввели ЕС, США и т. д.", "Москва ответила."});
  }

  TEST_CASE("г. before a name continues, before a sentence starter ends") {
    CHECK(split("В марте 2014 г. Россия присоединила Крым.", "ru") ==
          Lines{"В марте 2014 г. Россия присоединила Крым."});
    CHECK(split("Расходы выросли в 2023 г. Кроме того, ООН рассмотрит вопрос.", "ru") ==
          Lines{"Расходы выросли в 2023 г.", "Кроме того, ООН рассмотрит вопрос."});
  }

  TEST_CASE("a quotation, a dash and a lower-case verb are one sentence") {
    CHECK(split("«Мы не допустим эскалации!» — заявил он. «Нет!» Москва молчит.", "ru") ==
          Lines{"«Мы не допустим эскалации!» — заявил он.", "«Нет!»", "Москва молчит."});
  }
}

TEST_SUITE("segment.icu") {
  TEST_CASE("a language without built-in rules is split by ICU's rules for its locale") {
    CHECK(Segmenter::builtin().method("sw") == Method::icu);
    CHECK(Segmenter::builtin().method("it-IT") == Method::icu);
    CHECK(Segmenter::builtin().rule_sets("sw").empty());
    CHECK(split("Habari za asubuhi. Rais alisema ndiyo.", "sw") ==
          Lines{"Habari za asubuhi.", "Rais alisema ndiyo."});
    // ICU's own abbreviation exceptions, where it has them for the locale.
    CHECK(split("Il Sig. Rossi venne. Poi partì.", "it") ==
          Lines{"Il Sig. Rossi venne.", "Poi partì."});
  }

  TEST_CASE("ICU's spans are trimmed byte ranges of the original text") {
    CHECK(split("", "sw").empty());
    CHECK(split("  \t ", "sw").empty());
    std::string text = "  Moja.   Mbili.  ";
    auto spans = Segmenter::builtin().split(text, "sw");
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].begin == 2);
    CHECK(spans[0].end == 7);
    CHECK(spans[1].begin == 10);
    CHECK(spans[1].end == 16);
    // Decomposed text is split as its composed form, with spans of the original.
    std::string nfd = "Ca\u0301fe\u0301 mbili. Ndio.";
    CHECK(split(nfd, "sw") == Lines{"Ca\u0301fe\u0301 mbili.", "Ndio."});
  }

  TEST_CASE("invalid UTF-8 is an error with its byte offset under ICU's rules too") {
    try {
      split("Habari\xff za asubuhi.", "sw");
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::unicode);
      CHECK(std::string(e.what()).find("byte 6") != std::string::npos);
    }
  }

  TEST_CASE("rules from an SRX file apply to every language, without ICU") {
    auto s = Segmenter::from_srx(R"(<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="yes"/><body><languagerules>
<languagerule languagerulename="all"><rule break="yes"><beforebreak>\.</beforebreak>
<afterbreak>\s</afterbreak></rule></languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="all"/></maprules></body></srx>)",
                                 "all.srx");
    CHECK(s.method("sw") == Method::srx);
    CHECK(s.rule_sets("sw") == std::vector<std::string>{"all"});
  }
}
