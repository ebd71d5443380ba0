#!/usr/bin/env bash
# termbridge lexicon train: inputs in every unit format, a memory, a glossary's fixed pairs,
# atomic output, and bad input; align --lexicon with the trained file.
. "$(dirname "$0")/lib.sh"
D="$TB_DATA/align"

run "$TB" lexicon train --help
expect_rc 0 "lexicon train --help"
expect_out_contains "usage: termbridge lexicon train"

run "$TB" lexicon train --src-lang ko --tgt-lang en
expect_rc 2 "no input"
expect_err_contains "expected aligned units"

run "$TB" lexicon train "$WORK/x.tsv"
expect_rc 2 "no languages"
expect_err_contains "--src-lang and --tgt-lang are required"

# Aligned units from align's TSV (with its header), and from TMX.
"$TB" align --presegmented --format tsv --header "$D/ncg/ko.txt" "$D/ncg/en.txt" \
  -o "$WORK/ncg.tsv" || fail "align tsv"
run "$TB" lexicon train --src-lang ko --tgt-lang en "$WORK/ncg.tsv" -o "$WORK/ncg.lex"
expect_rc 0 "train from tsv"
expect_err_contains "word pairs from 9 units"
CHECKS=$((CHECKS + 1))
[ "$(head -1 "$WORK/ncg.lex")" = "$(printf 'termbridge-lexicon\t1\tko\ten')" ] ||
  fail "header: $(head -1 "$WORK/ncg.lex")"
# 국방부 recurs in the text: its best translations are among ministry / defense / national.
best=$(awk -F'\t' '$1 == "국방부" { print $3, $2 }' "$WORK/ncg.lex" | sort -gr | head -3 | cut -d' ' -f2 | tr '\n' ' ')
CHECKS=$((CHECKS + 1))
case "$best" in *ministry*|*defense*|*national*) ;; *) fail "국방부 -> $best" ;; esac
# The same training gives the same file.
"$TB" lexicon train --src-lang ko --tgt-lang en "$WORK/ncg.tsv" >"$WORK/again.lex" 2>/dev/null
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/ncg.lex" "$WORK/again.lex" || fail "training is not deterministic"

"$TB" align --presegmented --format tmx "$D/ncg/ko.txt" "$D/ncg/en.txt" -o "$WORK/ncg.tmx" ||
  fail "align tmx"
run "$TB" lexicon train --src-lang ko --tgt-lang en "$WORK/ncg.tmx"
expect_rc 0 "train from tmx"
expect_out_contains "$(printf 'termbridge-lexicon\t1\tko\ten')"
# XLIFF gives the same units too.
"$TB" convert "$WORK/ncg.tmx" "$WORK/ncg.xlf" --src-lang ko --tgt-lang en >/dev/null 2>&1 ||
  fail "convert to xliff"
run "$TB" lexicon train --src-lang ko --tgt-lang en "$WORK/ncg.xlf" -o "$WORK/xlf.lex"
expect_rc 0 "train from xliff"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/ncg.lex" "$WORK/xlf.lex" || fail "XLIFF and TSV give different lexicons"
# A memory via --tm gives the same units.
"$TB" tm import --tm "$WORK/m.sqlite" --no-parts "$WORK/ncg.tmx" >/dev/null 2>&1 || fail "tm import"
run "$TB" lexicon train --src-lang ko --tgt-lang en --tm "$WORK/m.sqlite" -o "$WORK/tm.lex"
expect_rc 0 "train from a memory"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/ncg.lex" "$WORK/tm.lex" || fail "memory and TSV give different lexicons"

# A glossary's pairs are fixed entries.
printf 'id,ko,en\nmnd,국방부,Ministry of National Defense\n' >"$WORK/g.csv"
run "$TB" lexicon train --src-lang ko --tgt-lang en -g "$WORK/g.csv" "$WORK/ncg.tsv"
expect_rc 0 "train with glossary"
expect_out_contains "$(printf '국방부\tministry of national defense\t1\t1\tterm')"

# Errors keep the old output and name the file and line.
echo old >"$WORK/keep.lex"
printf 'ko\ten\n국방부는\n' >"$WORK/odd.tsv"
run "$TB" lexicon train --src-lang ko --tgt-lang en "$WORK/odd.tsv" -o "$WORK/keep.lex"
expect_rc 2 "bad table"
expect_err_contains "odd.tsv:2"
CHECKS=$((CHECKS + 1)); [ "$(cat "$WORK/keep.lex")" = old ] || fail "output clobbered"
run "$TB" lexicon train --src-lang ko --tgt-lang en --iterations 0 "$WORK/ncg.tsv"
expect_rc 2 "bad iterations"
expect_err_contains "--iterations"

# align --lexicon: the trained file is read; a bad one is an error naming file and line.
run "$TB" align --presegmented --lexicon "$WORK/ncg.lex" "$D/ncg/ko.txt" "$D/ncg/en.txt"
expect_rc 0 "align --lexicon"
expect_out_contains "[7,8]:[7]"
src=$(echo "$OUT" | sed -E 's/^\[([0-9,]*)\]:.*/\1/' | tr ',' '\n' | grep -c .)
tgt=$(echo "$OUT" | sed -E 's/.*:\[([0-9,]*)\]$/\1/' | tr ',' '\n' | grep -c .)
CHECKS=$((CHECKS + 1)); [ "$src/$tgt" = 11/11 ] || fail "beads cover $src/$tgt sentences, expected 11/11"
printf 'termbridge-lexicon\t1\tko\ten\n국방부\tministry\t2\t0.5\n' >"$WORK/bad.lex"
run "$TB" align --presegmented --lexicon "$WORK/bad.lex" "$D/ncg/ko.txt" "$D/ncg/en.txt"
expect_rc 2 "bad lexicon"
expect_err_contains "bad.lex:2: field 3"
printf 'termbridge-lexicon\t1\ten\tko\n' >"$WORK/enko.lex"
run "$TB" align --presegmented --lexicon "$WORK/enko.lex" "$D/ncg/ko.txt" "$D/ncg/en.txt"
expect_rc 2 "lexicon of other languages"
expect_err_contains "en-ko lexicon"

echo "lexicon: $CHECKS checks passed"
