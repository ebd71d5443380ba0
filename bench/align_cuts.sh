#!/usr/bin/env bash
# Alignment quality on cuts of the shared corpus made by make_align_eval.py with several
# seeds (docs/QUALITY.md, "Alignment with the built-in dictionary"): presegmented strict / lax
# F1 and raw containment F1, with the built-in dictionary (the default) and without it.
# Seeds 7 11 23 61 71 83 97 and dev were used for tuning; 131 137 139 149 151 never were.
# Usage: bench/align_cuts.sh [BUILD_DIR] [SEED...]   (default: build, the unseen five)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
shift || true
SEEDS=${*:-131 137 139 149 151}
SHARED=$ROOT/../shared
CORPUS=$SHARED/data/corpus/korean-english-park.dev
GLOSSARY=$SHARED/data/terms/defense-ko-en.csv
SCORE="python3 $SHARED/tools/align_score.py"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
for mode in with without; do
  set_args=()
  [ "$mode" = without ] && set_args=(--set dictionary_weight=0)
  sum_s=0 sum_l=0 sum_c=0 n=0
  for s in $SEEDS; do
    if [ "$s" = dev ]; then
      cut=$SHARED/data/align/dev
    else
      cut=$OUT/seed$s
      [ -d "$cut" ] || python3 "$SHARED/tools/make_align_eval.py" --out "$cut" --seed "$s" \
        --pair news-dev "$CORPUS.ko" "$CORPUS.en" >/dev/null
    fi
    mkdir -p "$OUT/$mode-$s" "$OUT/$mode-$s-raw"
    "$BUILD/bench/align_bench" "${set_args[@]}" --glossary "$GLOSSARY" --dir "$cut" \
      "$OUT/$mode-$s" >/dev/null
    "$BUILD/bench/align_bench" "${set_args[@]}" --glossary "$GLOSSARY" --raw --dir "$cut" \
      "$OUT/$mode-$s-raw" >/dev/null
    pre=$($SCORE --dir "$cut" "$OUT/$mode-$s" | tail -1)
    raw=$($SCORE --tsv --dir "$cut" "$OUT/$mode-$s-raw" | tail -1)
    st=$(echo "$pre" | field strict_f1) lx=$(echo "$pre" | field lax_f1)
    ct=$(echo "$raw" | field contain_f1)
    echo "$mode dictionary, seed $s: strict $st lax $lx raw containment $ct"
    sum_s=$(python3 -c "print($sum_s + $st)") sum_l=$(python3 -c "print($sum_l + $lx)")
    sum_c=$(python3 -c "print($sum_c + $ct)") n=$((n + 1))
  done
  python3 -c "print('$mode dictionary, mean of $n: strict %.4f lax %.4f raw containment %.4f' % ($sum_s / $n, $sum_l / $n, $sum_c / $n))"
done
