#!/usr/bin/env bash
# qa over several files: one set (a source translated one way in one file and another way in
# the next is inconsistent), findings named by file, a summary over all, one language pair.
. "$(dirname "$0")/lib.sh"
G="$TB_DATA/qa/defense-mini.tsv"
cd "$WORK"

printf 'ko\ten\n확장억제를 논의했다.\tThey discussed extended deterrence.\n' >a.tsv
printf 'ko\ten\n회의가 열렸다.\tThe meeting was held.\n확장억제를 논의했다.\tThey talked about extended deterrence.\n' >b.tsv
run "$TB" qa -g "$G" a.tsv b.tsv
expect_rc 1 "two files"
expect_out_contains ": unit 2: inconsistent: the same source was translated differently"
case "$OUT" in *"b.tsv"*) ;; *) fail "the finding does not name b.tsv: $OUT" ;; esac
expect_out_contains "differently in unit '1' of a.tsv: 'They discussed extended deterrence.'"
expect_out_contains "1 finding in 3 segments of 2 files"
run "$TB" qa -g "$G" a.tsv
expect_rc 0 "one file"
expect_out "0 findings in 1 segment"

# Files in another language pair are not mixed in.
printf 'en\tko\nThe meeting was held.\t회의가 열렸다.\n' >c.tsv
run "$TB" qa -g "$G" a.tsv c.tsv
expect_rc 2 "two language pairs"
expect_err_contains "'c.tsv' is in en -> ko, not ko -> en as 'a.tsv'"

done_checks
