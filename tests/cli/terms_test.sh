#!/usr/bin/env bash
# termbridge terms find / annotate.
source "$(dirname "$0")/lib.sh"
G="$TB_DATA/terms/defense-mini.csv"

# JSON lines: code-point offsets, particles outside the span, keys in the documented order.
printf '국방부는 핵협의그룹(NCG)을 열었다\n핵심 문제\n' >"$WORK/ko.txt"
run "$TB" terms find --glossary "$G" --lang ko --jsonl "$WORK/ko.txt"
expect_rc 0 "terms find --jsonl"
expect_out '{"line": 1, "start": 0, "end": 3, "text": "국방부", "concept": "defense-ministry"}
{"line": 1, "start": 5, "end": 10, "text": "핵협의그룹", "concept": "nuclear-consultative-group"}
{"line": 1, "start": 11, "end": 14, "text": "NCG", "concept": "nuclear-consultative-group"}' "terms find --jsonl"

# Readable listing with the translation.
run "$TB" terms find -g "$G" -l en - <<<"Three nuclear tests worried the allies."
expect_rc 0 "terms find listing"
expect_out "line	start	end	concept	surface	translation
1	6	19	nuclear-test	nuclear tests	핵실험
1	32	38	ally	allies	동맹국" "terms find listing"

# Annotation.
run "$TB" terms annotate -g "$G" -l ko - <<<"핵협의그룹은 지하 핵 실험을 논의했다"
expect_rc 0 "terms annotate"
expect_out "핵협의그룹[Nuclear Consultative Group]은 지하 핵 실험[nuclear test]을 논의했다" "annotate"

# CRLF and a UTF-8 BOM do not shift offsets.
printf '\xEF\xBB\xBF국방부가\r\n' >"$WORK/bom.txt"
run "$TB" terms find -g "$G" -l ko --jsonl "$WORK/bom.txt"
expect_out '{"line": 1, "start": 0, "end": 3, "text": "국방부", "concept": "defense-ministry"}' "BOM/CRLF"

# UTF-16 with BOM is decoded.
printf '\xFF\xFE\x6D\xAD\x29\xBC\x80\xBD\x0A\x00' >"$WORK/u16.txt"
run "$TB" terms find -g "$G" -l ko --jsonl "$WORK/u16.txt"
expect_out '{"line": 1, "start": 0, "end": 3, "text": "국방부", "concept": "defense-ministry"}' "UTF-16"

# Invalid UTF-8 is an error naming file and line.
printf '핵실험\n\xFF\n' >"$WORK/bad.txt"
run "$TB" terms find -g "$G" -l ko "$WORK/bad.txt"
expect_rc 2 "invalid UTF-8"
expect_err_contains "bad.txt:2"

# --lang auto: each line with the terms of its language, the translation column the other's.
printf '국방부는 핵협의그룹을 열었다\nThree nuclear tests worried the allies.\n2024\n' >"$WORK/mixed.txt"
run "$TB" terms find -g "$G" -l auto "$WORK/mixed.txt"
expect_rc 0 "terms find -l auto"
expect_out "line	start	end	concept	surface	translation
1	0	3	defense-ministry	국방부	Ministry of National Defense
1	5	10	nuclear-consultative-group	핵협의그룹	Nuclear Consultative Group
2	6	19	nuclear-test	nuclear tests	핵실험
2	32	38	ally	allies	동맹국" "terms find -l auto"

# Many batches, matched on all cores: every hit, in input order. 40 000 lines (about 2 MB)
# of the two kinds above; each Korean line has two hits, each English line two.
awk 'BEGIN { for (i = 0; i < 20000; i++) { print "국방부는 핵협의그룹을 열었다 " i; print "Three nuclear tests worried the allies " i "." } }' >"$WORK/many.txt"
"$TB" terms find -g "$G" -l auto "$WORK/many.txt" >"$WORK/many.tsv" || fail "terms find on many lines"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$WORK/many.tsv")" = 80001 ] || fail "hits on many lines: $(wc -l <"$WORK/many.tsv")"
awk -F'\t' 'NR > 1 && ($1 < prev || ($1 == prev && $2 <= pos)) { print "out of order at " NR; exit 1 } NR > 1 { prev = $1; pos = $2 }' \
  "$WORK/many.tsv" || fail "hits out of input order"
"$TB" terms annotate -g "$G" -l auto "$WORK/many.txt" >"$WORK/many.ann" || fail "annotate many lines"
CHECKS=$((CHECKS + 1))
[ "$(sed -n '39999p' "$WORK/many.ann")" = "국방부[Ministry of National Defense]는 핵협의그룹[Nuclear Consultative Group]을 열었다 19999" ] ||
  fail "annotate line 39999: $(sed -n '39999p' "$WORK/many.ann")"
# An error in a late batch: the lines before it are written, then the error with its line.
{ head -n 30000 "$WORK/many.txt"; printf '\xFF\n'; } >"$WORK/many-bad.txt"
run "$TB" terms find -g "$G" -l auto "$WORK/many-bad.txt"
expect_rc 2 "invalid UTF-8 after many lines"
expect_err_contains "many-bad.txt:30001"

# Usage errors.
run "$TB" terms find --lang ko "$WORK/ko.txt"
expect_rc 2 "missing --glossary"
expect_err_contains "--glossary"
run "$TB" terms find -g "$WORK/none.csv" -l ko "$WORK/ko.txt"
expect_rc 2 "missing glossary file"
expect_err_contains "none.csv"

# The scorer on the shared dev set, when the shared data is there.
if [ -f "$SHARED/tools/terms_score.py" ] && command -v python3 >/dev/null; then
  T="$SHARED/data/terms"
  for lang in ko en; do
    bar=$([ $lang = ko ] && echo 0.96 || echo 0.95)
    "$TB" terms find -g "$T/defense-ko-en.csv" -l $lang --jsonl "$T/dev/$lang.txt" >"$WORK/$lang.csv.jsonl" ||
      fail "terms find on dev/$lang.txt"
    f1=$(python3 "$SHARED/tools/terms_score.py" "$T/dev/$lang.gold.jsonl" "$WORK/$lang.csv.jsonl" |
      sed -n 's/^exact_f1=\([0-9.]*\).*/\1/p')
    CHECKS=$((CHECKS + 1))
    python3 -c "import sys; sys.exit(0 if float('$f1') >= $bar else 1)" ||
      fail "$lang exact F1 $f1 below $bar"
    for tbx in tbx2 tbx3; do
      "$TB" terms find -g "$T/defense-ko-en.$tbx.tbx" -l $lang --jsonl "$T/dev/$lang.txt" \
        >"$WORK/$lang.$tbx.jsonl" || fail "terms find with $tbx"
      CHECKS=$((CHECKS + 1))
      cmp -s "$WORK/$lang.csv.jsonl" "$WORK/$lang.$tbx.jsonl" || fail "$tbx output differs from CSV"
    done
  done
fi
echo "terms: $CHECKS checks"
