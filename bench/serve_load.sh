#!/usr/bin/env bash
# Load on `termbridge serve` (see docs/BENCHMARKS.md, "Serving a team").
#   bench/serve_load.sh [BUILD_DIR]     SERVE_SECONDS=60 (each run), SERVE_CLIENTS="1 4 8"
# A memory of 20,000 units (en -> ko, from the TM bench corpus) is served on a free loopback
# port. For each client count: lookups only, then imports and lookups at once (each client
# adds batches of 20 new units between its lookups); the server is stopped and the units
# counted: every unit a client was told was added is there once, none else. Then the same
# lookups in-process on the memory file (SQLite, one connection per thread): the ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SHARED=$ROOT/../shared
TB=$BUILD/cli/termbridge
LOAD=$BUILD/bench/serve_load
SECS=${SERVE_SECONDS:-60}
DATA=/tmp/tb-bench
OUT=$DATA/serve
[ -x "$LOAD" ] || { echo "serve_load not built (cpp-httplib missing?)" >&2; exit 1; }
mkdir -p "$OUT"
if [ ! -f "$DATA/tm-100000.tmx" ]; then
  python3 "$SHARED/tools/make_bench_corpus.py" --src "$SHARED/data/corpus" --out "$DATA" --only tmx
fi
if [ ! -f "$OUT/seed.tsv" ]; then
  python3 - "$DATA/tm-100000.tmx" "$OUT/seed.tsv" <<'PY'
import html, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out = open(sys.argv[2], "w", encoding="utf-8")
out.write("en\tko\n")
n = 0
for tu in re.finditer(r'<tuv xml:lang="en"><seg>(.*?)</seg></tuv>\s*<tuv xml:lang="ko"><seg>(.*?)</seg>', text):
    en, ko = (html.unescape(s).replace("\t", " ").strip() for s in tu.groups())
    if en and ko and "\n" not in en + ko:
        out.write(f"{en}\t{ko}\n")
        n += 1
        if n == 20000:
            break
PY
fi
if [ ! -f "$OUT/seed.tm.sqlite" ]; then
  "$TB" tm import --quiet --no-parts --tm "$OUT/seed.tm.sqlite" "$OUT/seed.tsv"
fi
tail -n +2 "$OUT/seed.tsv" >"$OUT/pairs.tsv"
TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf 'rw %s\n' "$TOKEN" >"$OUT/tokens"
chmod 600 "$OUT/tokens"
count() { sqlite3 "$1" "SELECT count(*) FROM units WHERE part_of IS NULL"; }

echo "== termbridge serve, 20,000-unit memory, ${SECS} s per run, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for N in ${SERVE_CLIENTS:-1 4 8}; do
  MEM=$OUT/run-$N.tm.sqlite
  rm -f "$MEM" "$MEM-wal" "$MEM-shm"
  cp "$OUT/seed.tm.sqlite" "$MEM"
  "$TB" serve --tm "$MEM" --tokens "$OUT/tokens" --listen 127.0.0.1:0 --threads 8 \
    2>"$OUT/server-$N.log" &
  SERVER=$!
  URL=
  for _ in $(seq 100); do
    URL=$(sed -nE 's@.*listening on (http://[^/]+)/.*@\1@p' "$OUT/server-$N.log")
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$OUT/server-$N.log"; exit 1; }
  before=$(count "$MEM")
  "$LOAD" --url "$URL" --token "$TOKEN" --units "$OUT/pairs.tsv" --clients "$N" --seconds "$SECS" \
    --lookups-only
  "$LOAD" --url "$URL" --token "$TOKEN" --units "$OUT/pairs.tsv" --clients "$N" --seconds "$SECS" \
    --run "r$N" | tee "$OUT/mixed-$N.txt"
  kill -TERM "$SERVER"
  wait "$SERVER"
  added=$(sed -nE 's/.* added=([0-9]+).*/\1/p' "$OUT/mixed-$N.txt")
  after=$(count "$MEM")
  tagged=$(sqlite3 "$MEM" "SELECT count(*) FROM units WHERE src_text LIKE '% [r$N-%'")
  twice=$(sqlite3 "$MEM" "SELECT count(*) FROM (SELECT src_text FROM units WHERE part_of IS NULL GROUP BY src_lang, tgt_lang, src_text, tgt_text HAVING count(*) > 1)")
  echo "units: before $before, told added $added, after $after, tagged $tagged, stored twice $twice"
  if [ "$after" != $((before + added)) ] || [ "$tagged" != "$added" ] || [ "$twice" != 0 ]; then
    echo "FAIL: lost or duplicated units" >&2
    exit 1
  fi
  "$LOAD" --local "$OUT/seed.tm.sqlite" --units "$OUT/pairs.tsv" --clients "$N" --seconds "$SECS"
done
