#!/usr/bin/env bash
# The same memory in SQLite and in PostgreSQL (docs/BENCHMARKS.md, "Translation memory in
# PostgreSQL"): import time, size, lookup latency (top-5 >= 70 %, with diffs), the top match
# compared query by query, the CPU time the PostgreSQL server spends on the lookups, and
# pg_trgm's trigram index as the candidate search (bench/tm_trgm_bench.cpp).
#   bench/tm_postgresql.sh [BUILD_DIR] [UNITS]    UNITS: 100000 (default) or 1000000
# Data under /tmp/tb-bench as bench/tm.sh makes it. The cluster is a throw-away one
# (tests/pg_cluster.sh, durable settings, shared_buffers 512MB), removed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
UNITS=${2:-100000}
DATA=${TB_BENCH_DATA:-/tmp/tb-bench}
OUT=$DATA/tm-pg
mkdir -p "$OUT"
if [ ! -f "$DATA/tm-$UNITS.tmx" ] || [ ! -f "$DATA/fuzzy-queries.tsv" ]; then
  python3 "$ROOT/../shared/tools/make_bench_corpus.py" --src "$ROOT/../shared/data/corpus" \
    --out "$DATA" --only tmx,queries
fi
STATE=$OUT/cluster
trap 'bash "$ROOT/tests/pg_cluster.sh" stop "$STATE" >/dev/null' EXIT
TB_PG_DURABLE=1 TB_PG_OPTIONS="-c shared_buffers=512MB" \
  bash "$ROOT/tests/pg_cluster.sh" start "$STATE"
URI=$(cat "$STATE/uri")
[ -n "$URI" ] || { echo "no PostgreSQL server installed" >&2; exit 1; }
SQLITE=$OUT/bench-$UNITS.tm.sqlite

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== SQLite, $UNITS units"
"$BUILD/bench/tm_bench" --tm "$SQLITE" --units "$DATA/tm-$UNITS.tmx" \
  --queries "$DATA/fuzzy-queries.tsv" --linear 0
echo "== PostgreSQL, $UNITS units (the same TMX), top-1 compared with SQLite's"
"$BUILD/bench/tm_bench" --tm "$URI" --units "$DATA/tm-$UNITS.tmx" \
  --queries "$DATA/fuzzy-queries.tsv" --linear 0 --same-as "$SQLITE"

# CPU time of the server (clock ticks): the postmaster's own and that of its children, those
# that ended (cutime, cstime: the lookups' backend once tm_bench has exited) and those alive.
server_ticks() {
  local dir pid total
  dir=$(cat "$STATE/dir")
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
  for p in $(pgrep -P "$pid"); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
echo "== PostgreSQL, lookups again (the memory kept), server CPU"
before=$(server_ticks)
"$BUILD/bench/tm_bench" --keep --tm "$URI" --queries "$DATA/fuzzy-queries.tsv" --linear 0 \
  --same-as "$SQLITE"
after=$(server_ticks)
queries=$(wc -l <"$DATA/fuzzy-queries.tsv")
# Background work of the server (autovacuum, checkpoints) in that time counts too.
echo "server_cpu_ms_per_lookup: $(awk -v t=$((after - before)) -v q="$queries" \
  -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t * 1000 / hz / q}')"
# pg_trgm as the candidate search instead of the memory's own token index (same scoring).
if [ -x "$BUILD/bench/tm_trgm_bench" ]; then
  echo "== PostgreSQL, candidates from a pg_trgm GIN index, scored by termbridge"
  "$BUILD/bench/tm_trgm_bench" --tm "$URI" --queries "$DATA/fuzzy-queries.tsv"
fi
echo "== $(date -u +%Y-%m-%dT%H:%MZ), load: $(cut -d' ' -f1-3 /proc/loadavg)"
