#!/usr/bin/env bash
# Segmentation of one news paragraph in each of ja, zh, de, fr, es and ru with their traps
# (tests/core/segment/multilingual_paragraphs.hpp): termbridge's built-in rules against ICU's
# plain sentence iterator, sentences right and every boundary each gets wrong; then the
# Korean and English dev-set scores, which the other languages' rules must leave unchanged.
# Usage: bench/segment_multilingual.sh [BUILD_DIR]   (results: docs/MULTILINGUAL.md)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
echo "== ja zh de fr es ru: termbridge vs ICU's plain sentence iterator =="
"$BUILD/bench/segment_multilingual" || true
DEV=$ROOT/../shared/data/segment/dev
if [ -d "$DEV" ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  echo "== ko en: boundary F1 on the shared dev set =="
  for lang in en ko; do
    "$BUILD/cli/termbridge" segment --lang "$lang" -o "$OUT/news-dev.$lang.txt" \
      "$DEV/news-dev.$lang.raw.txt"
    printf '%s: ' "$lang"
    python3 "$ROOT/../shared/tools/seg_score.py" --dir "$DEV" "$OUT" --glob "*.$lang.txt" \
      --raw-suffix .raw.txt | tail -n 1
  done
fi
