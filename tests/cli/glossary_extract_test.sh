#!/usr/bin/env bash
# glossary extract: the seed article's acronym pairs (NCG, SCM, CNI, TTS, TTX) from its
# alignment, known and conflicting candidates against a term base, output that validates and
# merges with glossary import, and bad input.
. "$(dirname "$0")/lib.sh"
S="$TB_SOURCE_DIR/samples/ncg-fifth-meeting"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
cd "$WORK"

"$TB" align --quiet --format tsv --header "$S/article.ko.txt" "$S/article.en.txt" >fifth.tsv ||
  fail "align of the sample"

run "$TB" glossary extract --quiet --src-lang ko --tgt-lang en fifth.tsv
expect_rc 0 "extract"
# One row per term: concept id, then the terms; the acronym rows of each definition.
row() {  # ID LANG TERM: the candidate has that term
  printf '%s\n' "$OUT" | awk -F'\t' -v id="$1" -v lang="$2" -v term="$3" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == id && $(col[lang]) == term { found = 1 } END { exit !found }' ||
    fail "no candidate $1 with $2 '$3' in:
$OUT"
}
row nuclear-consultative-group ko 핵협의그룹
row nuclear-consultative-group en "Nuclear Consultative Group"
row nuclear-consultative-group en NCG
row security-consultative-meeting ko 한미안보협의회의
row security-consultative-meeting en "Security Consultative Meeting"
row conventional-and-nuclear-integration ko "재래식-핵 통합"
row conventional-and-nuclear-integration en CNI
row tabletop-simulation ko 도상모의
row tabletop-simulation en TTS
row tabletop-exercise ko 도상연습
row tabletop-exercise en "tabletop exercise"
expect_out_contains "proposed; acronym NCG"

# Against the shipped term base: NCG is known, its concept named; the article's 도상모의
# for "tabletop simulation" is a conflict, as the term base has 도상모의연습.
run "$TB" glossary extract --quiet --src-lang ko --tgt-lang en -g "$G" fifth.tsv
expect_rc 0 "extract with a term base"
expect_out_contains "known as nuclear-consultative-group; acronym NCG"
expect_out_contains "conflict: the term base has tabletop-simulation = '도상모의연습'"

# TBX output validates; the candidates merge into a term base with glossary import.
run "$TB" glossary extract --quiet --src-lang ko --tgt-lang en -o cand.tbx --to tbx3 fifth.tsv
expect_rc 0 "extract to tbx"
expect_valid_xml cand.tbx
"$TB" glossary extract --quiet --src-lang ko --tgt-lang en -o cand.tsv fifth.tsv
cp "$G" mine.tsv
run "$TB" glossary import --quiet mine.tsv cand.tsv
CHECKS=$((CHECKS + 1))
[ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "import the candidates: exit $RC: $ERR"
run "$TB" glossary search 도상모의 mine.tsv
expect_out_contains "tabletop-simulation	도상모의	ko	exact	en: tabletop simulation"

# Bad input
run "$TB" glossary extract fifth.tsv
expect_rc 2 "no languages"
expect_err_contains "--src-lang and --tgt-lang are required"
run "$TB" glossary extract --src-lang ko --tgt-lang en "$S/article.ko.txt"
expect_rc 2 "plain text is no aligned units"
expect_err_contains "article.ko.txt"
run "$TB" glossary extract --src-lang ko --tgt-lang en --background "$WORK/none" fifth.tsv
expect_rc 2 "word lists asked for and absent"
expect_err_contains "no SCOWL word list (english-words.NN) in '$WORK/none'"
"$TB" lexicon train --quiet --src-lang en --tgt-lang ko -o en-ko.lex fifth.tsv ||
  fail "lexicon train"
run "$TB" glossary extract --src-lang ko --tgt-lang en --lexicon en-ko.lex fifth.tsv
expect_rc 2 "a lexicon of the other direction"
expect_err_contains "lexicon 'en-ko.lex' is en -> ko, not ko -> en"
printf 'not a lexicon\n' >bad.lex
run "$TB" glossary extract --src-lang ko --tgt-lang en --lexicon bad.lex fifth.tsv
expect_rc 2 "a file that is no lexicon"
expect_err_contains "bad.lex:1"
run "$TB" glossary extract --src-lang ko --tgt-lang en --top x fifth.tsv
expect_rc 2 "bad --top"
expect_err_contains "--top expects a whole number"

done_checks
