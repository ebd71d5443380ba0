#!/usr/bin/env bash
# Sentence segmentation: throughput against a plain ICU sentence-iterator loop, and peak
# memory of `termbridge segment` on ~100 MB of mixed Korean/English news paragraphs and on
# a 50 MB single line.
# Usage: bench/segment.sh [BUILD_DIR]   (data goes to /tmp/tb-bench, outside the repo)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
DATA=/tmp/tb-bench
mkdir -p "$DATA"
if [ ! -f "$DATA/paras.txt" ]; then
  python3 "$ROOT/../shared/tools/make_bench_corpus.py" --src "$ROOT/../shared/data/corpus" \
    --out "$DATA" --only paras
fi
echo "== throughput (library, same run, CPU time, best of 3 alternating passes) =="
"$BUILD/bench/segment_bench" "$DATA/paras.txt" 3
echo "== termbridge segment --lang auto, peak memory =="
/usr/bin/time -v "$BUILD/cli/termbridge" segment --lang auto -o /dev/null "$DATA/paras.txt" \
  2>&1 | grep -E "Elapsed|Maximum resident"
if [ ! -f "$DATA/long-line.txt" ]; then
  python3 -c "
import sys
s = 'Sen. Kim said the U.S. Army will stay in Korea until 2030. '
sys.stdout.write(s * (50_000_000 // len(s)) + '\n')" >"$DATA/long-line.txt"
fi
echo "== 50 MB single line, peak memory =="
/usr/bin/time -v "$BUILD/cli/termbridge" segment --lang en -o /dev/null "$DATA/long-line.txt" \
  2>&1 | grep -E "Elapsed|Maximum resident"
