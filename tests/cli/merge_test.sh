#!/usr/bin/env bash
# termbridge merge on XLIFF as CAT tools return it: a target typed for a whole segmented unit
# (the issue), targets of spaces, every untranslated segment named, units of bare tags,
# several language pairs; and the states convert writes for a unit with an empty segment.
. "$(dirname "$0")/lib.sh"
D="$TB_DATA/xliff"
JOB="$D/issue-whole-unit-target.xlf"

# The issue: unit p2 had <seg-source> and the translator's <target> has no <mrk>s. Its
# translation is the paragraph; the Korean source never comes back.
run "$TB" merge "$JOB" --allow-untranslated --source "$D/issue-whole-unit-target.ko.txt"
expect_rc 0 "merge of a whole-unit target"
[ "$(printf '%s\n' "$OUT" | sed -n 3p)" = "The meeting was attended by the ROK director general for defense policy and the acting U.S. deputy assistant secretary of defense for nuclear deterrence, who reaffirmed their resolve to strengthen the execution of extended deterrence." ] ||
  fail "paragraph 2 is not the translator's target: $OUT"
case "$OUT" in *"이번 회의에는"*) fail "the source of p2 came back: $OUT" ;; esac
expect_err_contains "issue-whole-unit-target.xlf:17:9: <target> of <trans-unit id='p2'> has no <mrk mtype=\"seg\"> for the 2 segments of its <seg-source>; read as the translation of the whole unit"
# p3's target is two spaces, p4's second segment empty: both named (file:unit), both keep
# their source.
expect_err_contains "issue-whole-unit-target.xlf: segment ncg-sixth-meeting.ko.txt:p3 is untranslated; its source text is kept"
expect_err_contains "issue-whole-unit-target.xlf: segment ncg-sixth-meeting.ko.txt:p4#s2 is untranslated; its source text is kept"
expect_err_contains "2 of 6 segments are untranslated"
[ "$(printf '%s\n' "$OUT" | sed -n 5p)" = "다음 회의는 2026년 하반기에 워싱턴에서 열린다." ] || fail "p3: $OUT"
expect_out_contains "North Korea fired a ballistic missile into the East Sea on the same day. 합동참모본부는 이를 강력히 규탄했다."

# Without --allow-untranslated every untranslated segment is named, a line each as
# file:unit, and nothing is written.
run "$TB" merge "$JOB" -o "$WORK/draft.en.txt"
expect_rc 2 "untranslated segments"
expect_err_contains "issue-whole-unit-target.xlf: 2 of 6 segments have no translation; translate them or give --allow-untranslated to keep their source text:
  ncg-sixth-meeting.ko.txt:p3
  ncg-sixth-meeting.ko.txt:p4#s2"
[ ! -e "$WORK/draft.en.txt" ] || fail "a draft was written despite the error"

# --update-tm stores p1's two sentences and p2 whole; not p4 (needs review) nor p3.
run "$TB" merge "$JOB" --allow-untranslated --quiet --update-tm "$WORK/tm.sqlite" -o "$WORK/draft.en.txt"
expect_rc 0 "merge with --update-tm"
run "$TB" tm stats --tm "$WORK/tm.sqlite"
expect_rc 0 "tm stats"
expect_out_contains "$(printf 'units\t3')"
run "$TB" tm lookup --tm "$WORK/tm.sqlite" '이번 회의에는 한국 측 국방정책실장과 미국 측 국방부 핵억제 담당 부차관보 대행이 참석했다. 양측은 확장억제 실행력 강화를 재확인했다.'
expect_rc 0 "lookup of the whole-unit pair"
expect_out_contains "100%"
expect_out_contains "The meeting was attended by"

# validate says what happened to p2 instead of "ok".
run "$TB" validate "$JOB"
expect_rc 1 "validate of the job"
expect_out_contains "issue-whole-unit-target.xlf:17:9: <target> of <trans-unit id='p2'> has no <mrk"

# A unit with an empty segment is never written as translated, in any version; what is
# written stays schema-valid.
run "$TB" convert "$JOB" "$WORK/job12.xlf"
expect_rc 0 "xliff12 -> xliff12"
expect_valid_xml "$WORK/job12.xlf"
[ "$(grep -c 'state="translated"' "$WORK/job12.xlf")" = 2 ] || fail "translated units: $(grep -n 'state=' "$WORK/job12.xlf")"
grep -q '<target xml:lang="en" state="needs-translation">  </target>' "$WORK/job12.xlf" || fail "p3 state: $(cat "$WORK/job12.xlf")"
grep -q 'state="needs-review-translation"><mrk mtype="seg" mid="s1">North Korea' "$WORK/job12.xlf" || fail "p4 state: $(cat "$WORK/job12.xlf")"
for v in xliff20 xliff21; do
  run "$TB" convert "$JOB" "$WORK/job-$v.xlf" --to "$v"
  expect_rc 0 "xliff12 -> $v"
  expect_valid_xml "$WORK/job-$v.xlf"
  [ "$(grep -c 'state="initial"' "$WORK/job-$v.xlf")" = 2 ] || fail "$v states: $(grep -n 'state=' "$WORK/job-$v.xlf")"
done

# SDLXLIFF: units of bare tags (a paragraph mark, a drawing) are left out, not merged as
# text and not counted as untranslated.
run "$TB" merge "$D/trados-briefing.docx.sdlxliff"
expect_rc 0 "merge of SDLXLIFF"
expect_out "MND Regular Briefing

The spokesperson said the combined ROK-U.S. exercise would proceed as planned."
[ -z "$ERR" ] || fail "SDLXLIFF merge warned: $ERR"

# memoQ: an image-only unit is no translation; a target of three spaces is untranslated.
run "$TB" merge "$D/memoq-briefing.mqxliff"
expect_rc 2 "memoQ target of spaces"
expect_err_contains "segments has no translation; translate them or give --allow-untranslated to keep their source text:
  briefing-0415.docx:3"

# Files in several language pairs: merge wants one, and --tgt-lang picks it.
run "$TB" merge "$D/kit-multi-pair.xlf"
expect_rc 2 "several pairs"
expect_err_contains "the document holds several language pairs (ko-KR -> en-US, ko-KR -> ja-JP, en-US -> ko-KR)"
run "$TB" merge "$D/kit-multi-pair.xlf" --src-lang ko --tgt-lang ja
expect_rc 0 "merge of the Japanese files"
expect_out "国防部は15日の定例ブリーフィングで韓米連合演習の日程を発表した。"
expect_err_contains "merged the files in ko-KR -> ja-JP; 2 files in other language pairs left out"
run "$TB" merge "$D/kit-multi-pair.xlf" --src-lang en
expect_rc 0 "merge of the English summary"
expect_out "연습은 11일간 진행된다."
run "$TB" merge "$D/kit-multi-pair.xlf" --tgt-lang zh
expect_rc 2 "a pair the kit lacks"
expect_err_contains "no file is in the language pair '? -> zh'"

# A memory is no job: merge names the format it found and how to make a job of it.
run "$TB" merge "$TB_DATA/interchange/ncg.tmx" -o "$WORK/not-a-job.txt"
expect_rc 2 "merge of a TMX"
expect_err_contains "ncg.tmx is tmx, not XLIFF"
[ ! -e "$WORK/not-a-job.txt" ] || fail "a refused merge wrote its output"

# A job pre-translated without a memory: all seven segments are named, not only the first.
(cd "$WORK" && "$TB" pretranslate "$TB_SOURCE_DIR/samples/ncg-sixth-meeting/article.ko.txt" \
  --src-lang ko --tgt-lang en -q -o new.xlf >/dev/null) || fail "pretranslate"
run "$TB" merge "$WORK/new.xlf"
expect_rc 2 "merge of an untranslated job"
expect_err_contains "new.xlf: 7 of 7 segments have no translation"
[ "$(printf '%s\n' "$ERR" | grep -c '^  article.ko.txt:p')" = 7 ] || fail "not every segment named: $ERR"

done_checks
