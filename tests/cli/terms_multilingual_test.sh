#!/usr/bin/env bash
# Term bases of more than two languages, and term spotting in Japanese (ICU word boundaries)
# and German (stems): terms find, annotate, qa and pretranslate with the language given on the
# command line. Issue 16.
source "$(dirname "$0")/lib.sh"
G="$TB_DATA/terms/defense-multi.ko-en-ja-de.tsv"

# Japanese: a term on word boundaries, none inside a word (核 in 核心, 非核化).
printf '核協議グループの会合で核心の議題は非核化だった\n北朝鮮は弾道ミサイルを発射し、制裁が強化された\n' >"$WORK/ja.txt"
run "$TB" terms find -g "$G" -l ja --tgt-lang en "$WORK/ja.txt"
expect_rc 0 "terms find -l ja"
expect_out "line	start	end	concept	surface	translation
1	0	7	nuclear-consultative-group	核協議グループ	Nuclear Consultative Group
2	4	10	ballistic-missile	弾道ミサイル	ballistic missile
2	15	17	sanctions	制裁	sanction" "terms find -l ja"

run "$TB" terms find -g "$G" -l ja --jsonl "$WORK/ja.txt"
expect_rc 0 "terms find -l ja --jsonl"
expect_out_contains '{"line": 1, "start": 0, "end": 7, "text": "核協議グループ", "concept": "nuclear-consultative-group"}' "jsonl"

# German: inflected forms through their stems, the surface as written; no term inside a word.
printf 'Der Verteidigungsminister sprach über Atomwaffen und neue Sanktionen.\nDie Waffenruhe hielt.\n' >"$WORK/de.txt"
run "$TB" terms find -g "$G" -l de --tgt-lang ko "$WORK/de.txt"
expect_rc 0 "terms find -l de"
expect_out "line	start	end	concept	surface	translation
1	4	25	defense-minister	Verteidigungsminister	국방장관
1	38	48	nuclear-weapon	Atomwaffen	핵무기
1	58	68	sanctions	Sanktionen	제재" "terms find -l de"

run "$TB" terms annotate -g "$G" -l de --tgt-lang en - <<<"Neue Atomwaffen"
expect_rc 0 "annotate -l de"
expect_out "Neue Atomwaffen[nuclear weapon]" "annotate -l de"

run "$TB" terms annotate -g "$G" -l ja --tgt-lang ko - <<<"防衛相は核兵器を批判した"
expect_rc 0 "annotate -l ja"
expect_out "防衛相[국방장관]は核兵器[핵무기]を批判した" "annotate -l ja"

# Korean and English in the same term base keep their own rules.
run "$TB" terms find -g "$G" -l ko --tgt-lang ja --jsonl - <<<"핵협의그룹은 핵심 의제를 논의했다"
expect_rc 0 "terms find -l ko"
expect_out '{"line": 1, "start": 0, "end": 5, "text": "핵협의그룹", "concept": "nuclear-consultative-group"}' "ko"
run "$TB" terms find -g "$G" -l en --jsonl - <<<"New sanctions on ballistic missiles."
expect_rc 0 "terms find -l en"
expect_out '{"line": 1, "start": 4, "end": 13, "text": "sanctions", "concept": "sanctions"}
{"line": 1, "start": 17, "end": 35, "text": "ballistic missiles", "concept": "ballistic-missile"}' "en"

# qa of a Japanese → German pair: the source term's approved translation is looked for in
# the target through the target's stems.
printf 'ja\tde\n北朝鮮は核兵器を開発した\tNordkorea entwickelte Atomwaffen.\n北朝鮮は核兵器を開発した\tNordkorea entwickelte Raketen.\n' >"$WORK/ja-de.tsv"
run "$TB" qa -g "$G" --src-lang ja --tgt-lang de --checks terms "$WORK/ja-de.tsv"
expect_rc 1 "qa ja-de"
expect_out_contains "missing-term: source term '核兵器' (nuclear-weapon)"
case "$OUT" in *"unit 1:"*) fail "unit 1 has its term: $OUT" ;; esac

# pretranslate of a German text for Japanese: the glossary hints come from the German terms.
printf 'Die Sanktionen bleiben.\n' >"$WORK/article.de.txt"
run "$TB" pretranslate "$WORK/article.de.txt" --src-lang de --tgt-lang ja -g "$G" -o "$WORK/job.xlf"
expect_rc 0 "pretranslate de → ja"
CHECKS=$((CHECKS + 1))
grep -q '制裁' "$WORK/job.xlf" || fail "pretranslate de → ja: no hint 制裁 in $(cat "$WORK/job.xlf")"

echo "terms_multilingual: $CHECKS checks"
