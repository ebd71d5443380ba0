#!/usr/bin/env bash
# pretranslate without a memory: a job of the article's segments with glossary hints only;
# a memory named with --tm that does not exist is an error that says how to make one.
. "$(dirname "$0")/lib.sh"
S="$TB_SOURCE_DIR/samples"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
A="$S/ncg-sixth-meeting/article.ko.txt"
cd "$WORK"

# No --tm and no termbridge.tm.sqlite here: every segment is new, the terms are attached.
run "$TB" pretranslate "$A" --src-lang ko --tgt-lang en -g "$G" -o job.xlf
expect_rc 0 "pretranslate without a memory"
expect_out_contains "pre-translated $A: 7 segments, 69 words"
expect_out_contains "  exact             0 segments      0 words"
expect_out_contains "  new               7 segments     69 words"
expect_err_contains "no translation memory (no --tm, and no termbridge.tm.sqlite here): every segment is new; the job holds glossary hints only"
expect_valid_xml job.xlf
[ "$(grep -c '<trans-unit' job.xlf)" = 4 ] || fail "units of the job: $(grep -c '<trans-unit' job.xlf)"
grep -q 'Nuclear Consultative Group' job.xlf || fail "no glossary hint in the job: $(cat job.xlf)"
if grep -q '<alt-trans' job.xlf; then fail "a job without a memory has matches"; fi
[ ! -e termbridge.tm.sqlite ] || fail "pretranslate created a memory"
# XLIFF 2.1 carries the hints as gls:glossary.
run "$TB" pretranslate "$A" --src-lang ko --tgt-lang en -g "$G" --xliff 2.1 -q
expect_rc 0 "pretranslate without a memory, XLIFF 2.1"
expect_out_contains "<gls:glossEntry"
[ -z "$ERR" ] || fail "--quiet printed: $ERR"

# A memory named with --tm must exist: the error names tm import; nothing is created.
run "$TB" pretranslate "$A" --src-lang ko --tgt-lang en -g "$G" --tm missing.tm.sqlite -o job2.xlf
expect_rc 2 "a missing memory"
expect_err_contains "termbridge pretranslate: error: translation memory 'missing.tm.sqlite' does not exist; make it with 'termbridge tm import --tm missing.tm.sqlite FILE...'"
[ ! -e missing.tm.sqlite ] || fail "pretranslate created the memory"
[ ! -e job2.xlf ] || fail "pretranslate wrote a job despite the error"

# The default memory, once tm import made it here, is used without --tm.
"$TB" align -g "$G" "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" \
  --format tsv --header -o fifth.tsv || fail "align"
"$TB" tm import fifth.tsv >/dev/null || fail "tm import into the default memory"
run "$TB" pretranslate "$A" --src-lang ko --tgt-lang en -g "$G" -o job3.xlf
expect_rc 0 "pretranslate with the default memory"
expect_out_contains "  exact             2 segments     21 words"
case "$ERR" in *"no translation memory"*) fail "the default memory was not used: $ERR" ;; esac

done_checks
