#!/usr/bin/env bash
# How much of an article the memory fills (see docs/DESIGN.md, "Sentences inside memory
# units"): a memory built from the gold alignments of ../shared/data/align/dev (one unit per
# gold bead, so merged beads become multi-sentence units), then three of those articles
# pre-translated from their raw text into XLIFF 1.2.
#   bench/memory_leverage.sh [BUILD_DIR] [DOC...]     (default: news-dev-001 002 003)
#   TB_BEFORE=OLD/termbridge bench/memory_leverage.sh ...   also the same with an older build
#   TM_1M=1 bench/memory_leverage.sh ...   also the 1M-unit bench memory: the TMX of
#     $TB_BENCH_DATA (default /tmp/tb-bench; made by shared/tools/make_bench_corpus.py as
#     bench/tm.sh does) imported with and without parts (and by TB_BEFORE), each memory's
#     size, and `tm lookup -f` of the 100 fuzzy queries on each, side by side, three rounds;
#     then the memory imported without parts gets its parts at an import of nothing (the
#     parts pass over all its units, as a memory made before parts gets them)
# A segment counts as filled when its best match in the XLIFF (alt-trans match-quality of
# its mid, or of the unit when it has one segment) is 100 or at least 95. Every sentence of
# these articles is in the memory, inside a unit of its own or of a merged bead.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
shift || true
DOCS=("$@")
[ ${#DOCS[@]} -gt 0 ] || DOCS=(news-dev-001 news-dev-002 news-dev-003)
DEV=$ROOT/../shared/data/align/dev
TB=$BUILD/cli/termbridge
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

leverage() {  # NAME TERMBRIDGE [IMPORT OPTION]
  local name=$1 tb=$2
  shift 2
  echo "== $name"
  "$tb" tm import --quiet "$@" --src-lang ko --tgt-lang en --tm "$OUT/$name.tm.sqlite" \
    "$DEV"/*.gold.tsv
  "$tb" tm stats --tm "$OUT/$name.tm.sqlite" | grep -E '^(units|parts|file_bytes)'
  for doc in "${DOCS[@]}"; do
    "$tb" pretranslate --quiet --src-lang ko --tgt-lang en --tm "$OUT/$name.tm.sqlite" \
      -o "$OUT/$name.$doc.xlf" "$DEV/$doc.ko.raw.txt" >/dev/null
  done
  python3 - "$OUT" "$name" "${DOCS[@]}" <<'PY'
import sys
import xml.etree.ElementTree as ET

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
out, name, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
total_segments = total_filled = total_parts = 0
for doc in docs:
    root = ET.parse(f"{out}/{name}.{doc}.xlf").getroot()
    segments = filled = from_parts = 0
    for tu in root.iterfind(".//x:trans-unit", NS):
        seg_source = tu.find("x:seg-source", NS)
        mids = [m.get("mid") for m in seg_source.iterfind(".//x:mrk[@mtype='seg']", NS)] \
            if seg_source is not None else [None]
        best = {mid: (0.0, "") for mid in mids}
        for alt in tu.iterfind("x:alt-trans", NS):
            mid = alt.get("mid")
            score = float(alt.get("match-quality", "0").rstrip("%"))
            if mid in best and score > best[mid][0]:
                best[mid] = (score, alt.get("origin", ""))
        for score, origin in best.values():
            segments += 1
            if score >= 95:
                filled += 1
                from_parts += "part of unit" in origin
    print(f"{doc}: {filled} of {segments} segments filled (exact or >= 95%), "
          f"{from_parts} of them from parts of units")
    total_segments += segments
    total_filled += filled
    total_parts += from_parts
share = 100.0 * total_filled / total_segments if total_segments else 0.0
print(f"all: {total_filled} of {total_segments} segments filled ({share:.1f}%), "
      f"{total_parts} from parts of units")
PY
}

if [ -n "${TB_BEFORE:-}" ]; then
  leverage before "$TB_BEFORE"
fi
leverage without-parts "$TB" --no-parts
leverage with-parts "$TB"

[ -n "${TM_1M:-}" ] || exit 0
DATA=${TB_BENCH_DATA:-/tmp/tb-bench}
for piece in tmx:tm-1000000.tmx queries:fuzzy-queries.tsv; do
  [ -f "$DATA/${piece#*:}" ] ||
    python3 "$ROOT/../shared/tools/make_bench_corpus.py" --src "$ROOT/../shared/data/corpus" \
      --out "$DATA" --only "${piece%%:*}"
done
BIG=${TM_1M_DIR:-$DATA/leverage}
mkdir -p "$BIG"
cut -f4 "$DATA/fuzzy-queries.tsv" >"$BIG/queries.txt"
NAMES=()
import_1m() {  # NAME TERMBRIDGE [IMPORT OPTION]
  local name=$1 tb=$2
  shift 2
  rm -f "$BIG/$name.tm.sqlite" "$BIG/$name.tm.sqlite-wal" "$BIG/$name.tm.sqlite-shm"
  echo "== import 1M units: $name"
  /usr/bin/time -f "wall %e s, cpu %U+%S s, max rss %M KB" \
    "$tb" tm import --quiet "$@" --tm "$BIG/$name.tm.sqlite" "$DATA/tm-1000000.tmx"
  "$tb" tm stats --tm "$BIG/$name.tm.sqlite" | grep -E '^(units|parts|file_bytes)'
  NAMES+=("$name:$tb")
}
if [ -n "${TB_BEFORE:-}" ]; then
  import_1m before "$TB_BEFORE"
fi
import_1m without-parts "$TB" --no-parts
import_1m with-parts "$TB"
for round in 1 2 3; do
  for entry in "${NAMES[@]}"; do
    name=${entry%%:*}
    tb=${entry#*:}
    printf 'round %s, lookup -f 100 queries, %-14s ' "$round" "$name:"
    /usr/bin/time -f "wall %e s, cpu %U+%S s" "$tb" tm lookup --quiet --tm "$BIG/$name.tm.sqlite" \
      -f "$BIG/queries.txt" -o "$BIG/$name.lookup.txt" 2>&1
  done
done
first=
for entry in "${NAMES[@]}"; do
  name=${entry%%:*}
  printf '%s: %s matches' "$name" "$(grep -cE '^ +[0-9]+%  #' "$BIG/$name.lookup.txt")"
  if [ -z "$first" ]; then
    first=$name
    echo
  elif cmp -s "$BIG/$first.lookup.txt" "$BIG/$name.lookup.txt"; then
    echo ", the same output as $first"
  else
    echo ", $(diff "$BIG/$first.lookup.txt" "$BIG/$name.lookup.txt" | grep -c '^>') lines differ from $first"
  fi
done
echo "== parts of the memory imported without parts, at its next import (of nothing)"
printf 'en\tko\n' >"$BIG/empty.tsv"
/usr/bin/time -f "wall %e s, cpu %U+%S s, max rss %M KB" \
  "$TB" tm import --quiet --src-lang en --tgt-lang ko --tm "$BIG/without-parts.tm.sqlite" \
  "$BIG/empty.tsv"
"$TB" tm stats --tm "$BIG/without-parts.tm.sqlite" | grep -E '^(units|parts|file_bytes)'
