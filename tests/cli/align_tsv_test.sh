#!/usr/bin/env bash
# align --format tsv --header writes a header of the languages and a score column; tm import,
# convert and qa read it without --src-lang/--tgt-lang, the score never becomes text, and
# tm import --min-score leaves weak pairs out. Without --header: bare two-column lines.
. "$(dirname "$0")/lib.sh"
S="$TB_SOURCE_DIR/samples"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
KO="$S/ncg-fifth-meeting/article.ko.txt"
EN="$S/ncg-fifth-meeting/article.en.txt"
cd "$WORK"

run "$TB" align -g "$G" "$KO" "$EN" --format tsv --header --src-lang ko-KR --tgt-lang en-US
expect_rc 0 "align --format tsv --header"
printf '%s\n' "$OUT" >fifth.tsv
[ "$(head -n 1 fifth.tsv)" = "$(printf 'ko-KR\ten-US\tscore')" ] || fail "header: $(head -n 1 fifth.tsv)"
[ "$(wc -l <fifth.tsv)" = 13 ] || fail "rows: $(wc -l <fifth.tsv)"
awk -F'\t' 'NR > 1 && (NF != 3 || $3 !~ /^[01]\.[0-9][0-9][0-9]$/) { bad = 1 } END { exit bad }' fifth.tsv ||
  fail "a row without a score: $(cat fifth.tsv)"

# Without --header: the bare pairs, one a line, no score, as scorers and scripts read them.
run "$TB" align -g "$G" "$KO" "$EN" --format tsv
expect_rc 0 "align --format tsv"
[ "$OUT" = "$(tail -n +2 fifth.tsv | cut -f1,2)" ] || fail "no --header: $OUT"
run "$TB" align -g "$G" "$KO" "$EN" --header
expect_rc 2 "--header with beads"
expect_err_contains "--header is for --format tsv"

# tm import: languages from the header; the score is kept as x-align-score, not as text.
run "$TB" tm import --tm m.sqlite fifth.tsv
expect_rc 0 "tm import without languages"
expect_out "m.sqlite: 12 added, 0 duplicates, 0 skipped"
run "$TB" tm export --tm m.sqlite --format tmx
expect_rc 0 "tm export"
expect_out_contains '<tuv xml:lang="ko-KR">'
expect_out_contains '<prop type="x-align-score">'
case "$OUT" in *"	0."*|*"	1.000"*) fail "a score became text: $OUT" ;; esac

# --min-score: the weakest bead is left out, and counted.
low=$(tail -n +2 fifth.tsv | cut -f3 | sort -n | head -n 1)
n_low=$(tail -n +2 fifth.tsv | cut -f3 | awk -v l="$low" '$1 == l' | wc -l)
run "$TB" tm import --tm m2.sqlite --min-score "$(awk -v l="$low" 'BEGIN { printf "%.4f", l + 0.0005 }')" fifth.tsv
expect_rc 0 "tm import --min-score"
expect_out "m2.sqlite: $((12 - n_low)) added, 0 duplicates, 0 skipped, $n_low below --min-score"
run "$TB" tm import --tm m3.sqlite --min-score 2 fifth.tsv
expect_rc 2 "bad --min-score"
expect_err_contains "bad --min-score '2' (expected a number from 0 to 1"
[ ! -e m3.sqlite ] || fail "a refused import created a memory"

# convert: to TMX without languages; the score is a prop.
run "$TB" convert fifth.tsv fifth.tmx
expect_rc 0 "convert without languages"
expect_valid_xml fifth.tmx
grep -q 'srclang="ko-KR"' fifth.tmx || fail "srclang: $(head -n 5 fifth.tmx)"
[ "$(grep -c '<prop type="x-align-score">' fifth.tmx)" = 12 ] || fail "scores: $(cat fifth.tmx)"

# convert to TSV keeps the languages and the scores: nothing of the file is lost.
run "$TB" convert fifth.tsv copy.tsv
expect_rc 0 "convert tsv -> tsv"
cmp -s fifth.tsv copy.tsv || fail "convert tsv -> tsv changed the file: $(diff fifth.tsv copy.tsv)"
run "$TB" convert fifth.tmx back.tsv
expect_rc 0 "convert tmx -> tsv"
cmp -s fifth.tsv back.tsv || fail "tsv -> tmx -> tsv changed the file: $(diff fifth.tsv back.tsv)"

# qa: languages from the header.
run "$TB" qa -g "$G" fifth.tsv
expect_out_contains "in 12 segments"

# A header naming a score column with a row whose third field is no number: an error
# naming the line.
printf 'ko\ten\tscore\n가\tA\t0.9\n나\tB\tgood\n' >bad.tsv
run "$TB" tm import --tm m4.sqlite bad.tsv
expect_rc 2 "bad score"
expect_err_contains "bad.tsv:3:"
expect_err_contains "expected an alignment score in the third column, found 'good'"

done_checks
