#!/usr/bin/env bash
# Translation-memory benchmark (see docs/BENCHMARKS.md, "Translation memory").
#   bench/tm.sh [BUILD_DIR]    data under /tmp/tb-bench (made on first run)
# 1M-unit memory imported straight from the TMX: import time, database size, lookup latency
# (top-5 >= 70%) through the index and by a linear scan with the same scoring;
# translate-toolkit's matcher on 100k units; the Korean tokenization comparison.
# TM_CLI=1 also times `termbridge tm import` of the 1M TMX.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SHARED=$ROOT/../shared
DATA=/tmp/tb-bench
OUT=$DATA/tm
mkdir -p "$OUT"
if [ ! -f "$DATA/tm-1000000.tmx" ] || [ ! -f "$DATA/fuzzy-queries.tsv" ]; then
  python3 "$SHARED/tools/make_bench_corpus.py" --src "$SHARED/data/corpus" --out "$DATA" \
    --only tmx,queries
fi
if [ -z "${TM_SKIP_TERMBRIDGE:-}" ]; then
echo "== termbridge, 1,000,000 units (en -> ko), $(date -u +%Y-%m-%d)"
"$BUILD/bench/tm_bench" --tm "$OUT/bench-1m.tm.sqlite" --units "$DATA/tm-1000000.tmx" \
  --queries "$DATA/fuzzy-queries.tsv" --linear "${TM_LINEAR_QUERIES:-100}"

echo "== termbridge, 100,000 units"
"$BUILD/bench/tm_bench" --tm "$OUT/bench-100k.tm.sqlite" --units "$DATA/tm-100000.tmx" \
  --queries "$DATA/fuzzy-queries.tsv" --linear 100

if [ -n "${TM_CLI:-}" ]; then
  echo "== termbridge tm import (the command), 1,000,000 units from TMX"
  rm -f "$OUT/cli-1m.tm.sqlite" "$OUT/cli-1m.tm.sqlite-wal" "$OUT/cli-1m.tm.sqlite-shm"
  /usr/bin/time -f "wall %e s, cpu %U+%S s, max rss %M KB" \
    "$BUILD/cli/termbridge" tm import --quiet --tm "$OUT/cli-1m.tm.sqlite" "$DATA/tm-1000000.tmx"
fi
fi

echo "== translate-toolkit matcher, 100,000 units"
/usr/bin/python3 - "$DATA/tm-100000.tmx" "$DATA/fuzzy-queries.tsv" "${TTK_QUERIES:-20}" <<'PY'
import statistics, sys, time
from translate.search import match
from translate.storage import tmx
from translate.storage.base import TranslationUnit
# The matcher's heap compares units on equal similarity, which the repeated units of the
# benchmark memory produce; any order will do.
TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)
t0 = time.time()
store = tmx.tmxfile.parsefile(sys.argv[1])
print(f"load_s: {time.time() - t0:.1f} ({len(store.units)} units)")
queries = [l.rstrip("\n").split("\t")[3] for l in open(sys.argv[2], encoding="utf-8")]
queries = queries[: int(sys.argv[3])]
for max_length in (1000, 70):
    m = match.matcher(store, max_candidates=5, min_similarity=70, max_length=max_length)
    times, found = [], 0
    for q in queries:
        t = time.time()
        r = m.matches(q)
        times.append((time.time() - t) * 1000)
        found += 1 if r else 0
    times.sort()
    print(f"max_length {max_length}: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, found {found}/{len(queries)}")
PY

echo "== Korean tokenization: syllables vs eojeol vs particles"
for e in 1 3 5; do
  "$BUILD/bench/tm_tokens_bench" "$SHARED/data/corpus/korean-english-park.dev.ko" \
    --queries 400 --edits "$e"
done
