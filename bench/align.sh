#!/usr/bin/env bash
# Aligner speed and memory on a generated 20,000- and 40,000-sentence pair (see
# docs/BENCHMARKS.md), with the lexicon trained on the pair itself (the default) and without
# any lexicon (--no-lexicon). User (CPU) time is the figure to compare on a shared, loaded machine;
# wall time follows the load. Usage: bench/align.sh [BUILD_DIR]   (default: build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SHARED=$ROOT/../shared
OUT=/tmp/tb-bench
CORPUS=$SHARED/data/corpus/korean-english-park.dev
for n in 20000 40000; do
  dir=$OUT/align${n%000}k
  if [ ! -f "$dir/big.gold" ]; then
    python3 "$SHARED/tools/make_align_eval.py" --big "$n" --seed 1 --out "$dir" \
      --pair news "$CORPUS.ko" "$CORPUS.en" >/dev/null
  fi
  echo "== $n sentences: $(wc -l <"$dir/big.ko.txt") ko / $(wc -l <"$dir/big.en.txt") en"
  /usr/bin/time -v "$BUILD/bench/align_bench" "$dir/big.ko.txt" "$dir/big.en.txt" \
    "$OUT/align$n.pred" 2>"$OUT/align$n.time"
  grep -E "User time|System time|Elapsed|Maximum resident" "$OUT/align$n.time"
  python3 "$SHARED/tools/align_score.py" "$dir/big.gold" "$OUT/align$n.pred" | tail -1
  echo "without a lexicon:"
  /usr/bin/time -v "$BUILD/bench/align_bench" --set lexicon_weight=0 "$dir/big.ko.txt" \
    "$dir/big.en.txt" "$OUT/align$n.plain.pred" 2>"$OUT/align$n.plain.time"
  grep -E "User time|Elapsed|Maximum resident" "$OUT/align$n.plain.time"
  python3 "$SHARED/tools/align_score.py" "$dir/big.gold" "$OUT/align$n.plain.pred" | tail -1
  /usr/bin/time -v "$BUILD/cli/termbridge" align --presegmented "$dir/big.ko.txt" \
    "$dir/big.en.txt" -o "$OUT/align$n.cli.pred" 2>"$OUT/align$n.cli.time"
  echo "termbridge align (read + align + write):" \
    "$(grep -E "User time|Elapsed" "$OUT/align$n.cli.time" | tr -s '\t\n' '  ')," \
    "$(grep -E "Maximum resident" "$OUT/align$n.cli.time")"
done
