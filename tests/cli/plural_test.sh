#!/usr/bin/env bash
# Count messages agree with their number: "1 segment", "2 segments", never "1 segments".
. "$(dirname "$0")/lib.sh"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
cd "$WORK"

# qa: one finding in one segment.
printf 'ko\ten\n한반도 정세를 논의했다.\tThey discussed the situation on the Korea Peninsula.\n' >one.tsv
run "$TB" qa -g "$G" one.tsv --checks terms
expect_rc 1 "qa of one segment"
expect_out_contains "1 finding in 1 segment"
case "$OUT" in *"1 segments"*) fail "qa: $OUT" ;; esac
printf 'ko\ten\n한반도 정세를 논의했다.\tThey discussed the situation on the Korean Peninsula.\n' >ok.tsv
run "$TB" qa -g "$G" ok.tsv
expect_rc 0 "qa without findings"
expect_out "0 findings in 1 segment"

# pretranslate: a one-sentence article.
printf '국방부는 회의를 열었다.\n' >one.ko.txt
run "$TB" pretranslate one.ko.txt --src-lang ko --tgt-lang en -q -o one.xlf
expect_rc 0 "pretranslate of one sentence"
expect_out_contains "pre-translated one.ko.txt: 1 segment, 3 words"
expect_out_contains "  new               1 segment       3 words"

# tm import: one duplicate.
run "$TB" tm import --tm m.sqlite one.tsv
expect_rc 0 "tm import"
run "$TB" tm import --tm m.sqlite one.tsv
expect_rc 0 "tm import again"
expect_out "m.sqlite: 0 added, 1 duplicate, 0 skipped"

# validate: one unit.
"$TB" convert one.tsv one.tmx || fail "convert"
run "$TB" validate one.tmx
expect_rc 0 "validate"
expect_out "one.tmx: ok (tmx 1.4, 1 unit)"

# merge: one untranslated segment of one.
run "$TB" merge one.xlf --allow-untranslated
expect_rc 0 "merge"
expect_err_contains "1 of 1 segment is untranslated"

done_checks
