#!/usr/bin/env bash
# termbridge qa on an aligned TSV: each kind of finding, the JSON lines, exit codes.
. "$(dirname "$0")/lib.sh"
G="$TB_DATA/qa/defense-mini.tsv"
IN="$TB_DATA/qa/ncg.aligned.tsv"

run "$TB" qa --glossary "$G" "$IN"
expect_rc 1 "findings give exit 1"
expect_out_contains "unit 2: forbidden-term: 'expanded deterrence' is a forbidden term; use 'extended deterrence'"
expect_out_contains "unit 2: missing-term: source term '확장억제' (extended-deterrence) is not translated with an approved term; expected 'extended deterrence'"
expect_out_contains "unit 3: number-mismatch: number 12 of the source is not in the target"
expect_out_contains "unit 3: number-mismatch: number 13 of the target is not in the source"
expect_out_contains "unit 4: inconsistent: the same source was translated differently in unit '2'"
expect_out_contains "unit 5: untranslated: the target is empty"
expect_out_contains "6 findings in 5 segments"
# Unit 1: 11일 and December 11, 제5차 and fifth, 핵협의그룹 and NCG all agree.
case "$OUT" in *"unit 1:"*) fail "unit 1 should pass: $OUT" ;; esac

run "$TB" qa --glossary "$G" --jsonl --checks numbers "$IN"
expect_rc 1 "numbers only"
expect_out '{"unit":"3","kind":"number-mismatch","message":"number 12 of the source is not in the target"}
{"unit":"3","kind":"number-mismatch","message":"number 13 of the target is not in the source"}'

head -2 "$IN" >"$WORK/clean.tsv"
run "$TB" qa --glossary "$G" "$WORK/clean.tsv"
expect_rc 0 "no findings"
expect_out "0 findings in 1 segment"

run "$TB" qa "$IN"
expect_rc 2 "--glossary is required"
expect_err_contains "--glossary FILE is required"

run "$TB" qa --glossary "$G" --checks spelling "$IN"
expect_rc 2 "unknown check"
expect_err_contains "unknown check 'spelling'"

tail -n +2 "$IN" >"$WORK/noheader.tsv"
run "$TB" qa --glossary "$G" "$WORK/noheader.tsv"
expect_rc 2 "a table without languages"
expect_err_contains "give --src-lang and --tgt-lang"
run "$TB" qa --glossary "$G" --src-lang ko --tgt-lang en "$WORK/noheader.tsv"
expect_rc 1 "languages given"

done_checks
