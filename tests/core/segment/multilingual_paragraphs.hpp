#pragma once

// One paragraph of news sentences in each of ja, zh, de, fr, es and ru, with the traps of
// each language's punctuation, abbreviations and quotations, and their sentences as a
// translator would segment them. Used by tests/core/segment/multilingual_test.cpp and by
// bench/segment_multilingual.cpp (which compares ICU's plain sentence iterator).

#include <string>
#include <string_view>
#include <vector>

namespace termbridge::segment::testdata {

struct MultilingualParagraph {
  std::string_view lang;
  std::string_view separator;               // between sentences: "" for ja and zh, else " "
  std::vector<std::string_view> sentences;  // in order; the paragraph is their join

  std::string text() const {
    std::string out;
    for (auto s : sentences) {
      if (!out.empty()) {
        out += separator;
      }
      out += s;
    }
    return out;
  }
};

// Sentences name their traps in the comment after them.
inline const std::vector<MultilingualParagraph>& multilingual_paragraphs() {
  static const std::vector<MultilingualParagraph> paragraphs{
      {"ja",
       "",
       {
           "日米韓3か国の外相は12日、ジャカルタで会談し、北朝鮮による弾道ミサイル発射を強く非難"
           "する共同声明を発表した。",
           // 。 inside 「」 before the quotative と
           "上川外相は「地域の安全保障環境は戦後最も厳しい。3か国の連携をさらに強化しなければなら"
           "ない」と述べた。",
           // 。」と
           "声明は「国連安全保障理事会決議の完全な履行を求める。」と明記した。",
           // ？ with no space after it
           "北朝鮮は反発するのか？",
           // a decimal and full-width parentheses
           "防衛省によると、ミサイルは約1.5時間飛行し、日本の排他的経済水域（EEZ）の外側に落下し"
           "た。",
           // ！』と
           "米国務省のミラー報道官は『同盟は揺るがない！』と強調した。",
           // a quotation that is a sentence of its own, closed by 」
           "「挑発には断固として対応する。」",
           "韓国国防省の報道官は記者団にこう語った（聯合ニュース）。",
       }},
      {"zh",
       "",
       {
           "美日韩三国领导人8月18日在戴维营举行会晤，并发表联合声明。",
           "声明强调，三国将加强在导弹预警数据实时共享方面的合作。",
           // a Latin initial; 。” closes the sentence
           "美国国务卿布林肯（Antony J. Blinken）表示：“这是一个历史性的时刻。”",
           // ！”
           "他还说：“三国关系从未如此牢固！”",
           // ？ with no space after it
           "朝鲜会作何反应？",
           // a decimal
           "分析人士指出，朝鲜今年已试射约30枚弹道导弹，国防预算增长了3.5%。",
           // a full-width semicolon does not end a sentence
           "联合国安理会将于下周召开紧急会议；中方呼吁有关各方保持克制。",
       }},
      {"de",
       " ",
       {
           // an ordinal date, u. a.
           "Die Außenminister der G7 haben am 3. Oktober in Berlin u. a. über neue Sanktionen "
           "gegen "
           "Russland beraten.",
           // „…“ around a whole sentence
           "„Wir stehen fest an der Seite der Ukraine.“",
           "Das sagte Bundesaußenministerin Annalena Baerbock nach dem Treffen.",
           // Dr., Nr., z. B.
           "Nach Angaben von Dr. Thomas Müller, dem Leiter der Abteilung Nr. 4 im "
           "Verteidigungsministerium, sollen z. B. weitere Luftabwehrsysteme geliefert werden.",
           // ca., a decimal comma, Mrd.
           "Die Kosten liegen bei ca. 2,5 Mrd. Euro.",
           // an ordinal before a capitalized noun
           "Zum 75. Jahrestag der Nato-Gründung kündigte die Bundesregierung höhere "
           "Verteidigungsausgaben an.",
           // a date that ends a sentence, then a sentence starter
           "Der Gipfel endet am 11. Juli.",
           "Danach reist Bundeskanzler Olaf Scholz nach Washington.",
       }},
      {"fr",
       " ",
       {
           // M.
           "Le président de la République, M. Emmanuel Macron, a reçu lundi à l'Élysée le "
           "secrétaire général de l'OTAN.",
           // « » with narrow no-break spaces inside
           "«\u202FNous ne céderons rien face à l'agression russe.\u202F»",
           // Mme (no period), p. ex., etc. ending a sentence
           "Selon Mme Catherine Colonna, les sanctions visent p. ex. les exportations de pétrole, "
           "de gaz, etc.",
           // a no-break space before ?
           "Pourquoi maintenant\u00A0?",
           // ! » then a lower-case verb: one sentence
           "«\u202FParce que la sécurité de l'Europe est en jeu\u202F!\u202F» a répondu la "
           "ministre.",
           // gén. before a name
           "L'article 5 du traité, cité par le gén. Thierry Burkhard, reste au cœur du débat.",
           "Paris accueillera le prochain sommet le 3 juillet.",
       }},
      {"es",
       " ",
       {
           // EE. UU., Sr.
           "El secretario de Estado de EE. UU., Antony Blinken, se reunió el martes en Madrid con "
           "el Sr. José Manuel Albares.",
           // ¿…?
           "¿Está preparada la OTAN para una guerra larga?",
           // « » and Sra.
           "«No hay alternativa a la unidad», declaró la Sra. Margarita Robles, ministra de "
           "Defensa.",
           // ¡…! then a dash and a lower-case verb: one sentence
           "¡Basta ya de amenazas! —dijo el portavoz del Gobierno.",
           // Dr., thousands with a period, a decimal comma
           "Según el Dr. Pérez, del Instituto Español de Estudios Estratégicos, la ayuda asciende "
           "a 1.500 millones de euros, un 0,3 % del PIB.",
           // EE. UU. ending a sentence before a sentence starter
           "El acuerdo se firmará en EE. UU.",
           "El próximo paso será la cumbre de Vilna.",
       }},
      {"ru",
       " ",
       {
           // initials
           "Министр иностранных дел России С. В. Лавров провёл переговоры с генеральным "
           "секретарём ООН.",
           // initials that are also a preposition (В)
           "Президент В. В. Путин подписал указ о контрмерах.",
           // !» then a dash and a lower-case verb: one sentence
           "«Мы не допустим эскалации!» — заявил он журналистам.",
           // г. before a capitalized name; т. д. ending a sentence
           "В марте 2014 г. Россия присоединила Крым, что повлекло санкции ЕС, США, Японии и т. д.",
           // т. е.
           "Санкции затрагивают банки и энергетику, т. е. ключевые отрасли экономики.",
           // руб. before a lower-case word, г. ending a sentence
           "По данным Минобороны, расходы выросли на 1,5 трлн руб. в 2023 г.",
           "Кроме того, Совет Безопасности ООН рассмотрит этот вопрос 3 марта.",
       }},
  };
  return paragraphs;
}

}  // namespace termbridge::segment::testdata
