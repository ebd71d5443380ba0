#!/usr/bin/env bash
# Segmentation quality on the shared dev set (skipped when ../shared is absent):
# boundary F1 >= 0.985 for English and >= 0.982 for Korean.
. "$(dirname "$0")/lib.sh"

DEV="$SHARED/data/segment/dev"
SCORE="$SHARED/tools/seg_score.py"
if [ ! -d "$DEV" ] || [ ! -f "$SCORE" ] || ! command -v python3 >/dev/null; then
  echo "skipped: no shared dev set"
  exit 77
fi

check_f1() {  # LANG MIN
  for raw in "$DEV"/*."$1".raw.txt; do
    "$TB" segment --lang "$1" -o "$WORK/$(basename "$raw" .raw.txt).txt" "$raw" ||
      fail "segment $raw"
  done
  local summary
  summary=$(python3 "$SCORE" --dir "$DEV" "$WORK" --glob "*.$1.txt" --raw-suffix .raw.txt | tail -n 1)
  echo "$1: $summary"
  local f1=${summary#boundary_f1=}
  f1=${f1%% *}
  CHECKS=$((CHECKS + 1))
  python3 -c "import sys; sys.exit(0 if float('$f1') >= $2 else 1)" ||
    fail "$1 boundary F1 $f1 < $2"
}

check_f1 en 0.985
check_f1 ko 0.982
done_checks
