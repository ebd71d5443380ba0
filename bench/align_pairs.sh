#!/usr/bin/env bash
# Alignment quality in other language pairs beside Korean-English's, for one termbridge
# binary: the Korean-English dev set as tests/cli/align_test.sh scores it (presegmented with
# the glossary, without, and raw text), and the Korean-Japanese article pair of
# tests/data/align/trilateral against its hand alignment (raw text, both directions).
# Usage: bench/align_pairs.sh [TERMBRIDGE]   (default: build/cli/termbridge)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TB=${1:-$ROOT/build/cli/termbridge}
SHARED=$ROOT/../shared
DEV=$SHARED/data/align/dev
SCORE="python3 $SHARED/tools/align_score.py"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

mkdir -p "$OUT/gloss" "$OUT/plain" "$OUT/raw"
for gold in "$DEV"/*.gold; do
  doc=$(basename "$gold" .gold)
  "$TB" align --presegmented --glossary "$SHARED/data/terms/defense-ko-en.csv" \
    "$DEV/$doc.ko.txt" "$DEV/$doc.en.txt" >"$OUT/gloss/$doc.pred"
  "$TB" align --presegmented "$DEV/$doc.ko.txt" "$DEV/$doc.en.txt" >"$OUT/plain/$doc.pred"
  "$TB" align --format tsv "$DEV/$doc.ko.raw.txt" "$DEV/$doc.en.raw.txt" >"$OUT/raw/$doc.pred.tsv"
done
echo "ko-en dev, glossary:    $($SCORE --dir "$DEV" "$OUT/gloss" | tail -1)"
echo "ko-en dev, no glossary: $($SCORE --dir "$DEV" "$OUT/plain" | tail -1)"
echo "ko-en dev, raw text:    $($SCORE --tsv --dir "$DEV" "$OUT/raw" | tail -1)"

A=$ROOT/tests/data/align/trilateral
"$TB" align --src-lang ko --tgt-lang ja "$A/ko.txt" "$A/ja.txt" >"$OUT/ko-ja.pred"
echo "ko-ja trilateral:       $($SCORE "$A/gold" "$OUT/ko-ja.pred" | tail -1)"
sed -E 's/^(\[[0-9,]*\]):(\[[0-9,]*\])$/\2:\1/' "$A/gold" >"$OUT/ja-ko.gold"
"$TB" align --src-lang ja --tgt-lang ko "$A/ja.txt" "$A/ko.txt" >"$OUT/ja-ko.pred"
echo "ja-ko trilateral:       $($SCORE "$OUT/ja-ko.gold" "$OUT/ja-ko.pred" | tail -1)"
