#!/usr/bin/env bash
# TMX streaming benchmark: read and write 1,000,000 units with termbridge, beside
# translate-toolkit's tmxfile and `xmllint --stream` on the same file, in the same run.
# Wall time and peak memory (maximum resident set size) come from /usr/bin/time -v.
#
# Usage: bench/tmx.sh [BUILD_DIR] [UNITS]   (data under /tmp/tb-bench, outside the repo)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
UNITS=${2:-1000000}
DATA=/tmp/tb-bench
SHARED=$HERE/../../shared
mkdir -p "$DATA"
TMX=$DATA/tm-$UNITS.tmx
if [ ! -f "$TMX" ]; then
  python3 "$SHARED/tools/make_bench_corpus.py" --src "$SHARED/data/corpus" --out "$DATA" \
    --only tmx --tmx "$UNITS"
fi
BENCH=$BUILD/bench/tmx_bench

measure() {  # measure LABEL CMD...: prints wall seconds and peak MB
  local label=$1
  shift
  /usr/bin/time -v "$@" >"$DATA/out.log" 2>"$DATA/time.log" || {
    echo "$label: failed"; cat "$DATA/time.log" | head -5; return 0; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$DATA/time.log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$DATA/time.log" | awk '{print $NF}')
  printf '%-34s wall %8s   peak %7.1f MB\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

echo "input: $TMX ($(du -m "$TMX" | cut -f1) MB, $UNITS units), $(date -u +%Y-%m-%d)"
measure "termbridge stream read" "$BENCH" read "$TMX"
measure "termbridge stream write" "$BENCH" write "$UNITS" "$DATA/written.tmx"
measure "termbridge read+write (copy)" "$BENCH" copy "$TMX" "$DATA/copied.tmx"
measure "xmllint --stream" xmllint --stream --noout "$TMX"
if /usr/bin/python3 -c 'import translate.storage.tmx' 2>/dev/null && [ "${SKIP_TTK:-0}" != 1 ]; then
  measure "translate-toolkit tmxfile" /usr/bin/python3 -c \
    "import sys; from translate.storage import tmx; print(len(tmx.tmxfile.parsefile(sys.argv[1]).units))" "$TMX"
fi
