#!/usr/bin/env bash
# Term-matching benchmark: termbridge's matcher against rg -F -f and grep -F -f on the same
# term lists and corpus. Data is generated outside the repository (default /tmp/tb-bench).
#
#   bench/terms.sh [BUILD_DIR]        (BUILD_DIR defaults to ./build)
#
# grep runs with -a: the corpus holds a few bytes that make grep call it binary and stop.
# The tools write into a pipe, not /dev/null, which GNU grep treats as "stop at the first match".
# Prints one line per glossary size: load+build seconds, matching MB/s (CPU time, one
# thread), peak memory (/usr/bin/time -v), and the same run for rg and grep.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
out=${TB_BENCH_DIR:-/tmp/tb-bench}
shared=${TB_SHARED:-$here/../shared}
sizes=${TB_BENCH_SIZES:-"1000 10000 100000"}
gen="$shared/tools/make_bench_corpus.py"

mkdir -p "$out"
if [ ! -f "$out/corpus.txt" ]; then
  python3 "$gen" --src "$shared/data/corpus" --out "$out" --only corpus
fi
for n in $sizes; do
  if [ ! -f "$out/glossary-$n.csv" ]; then
    python3 "$gen" --src "$shared/data/corpus" --out "$out" --only glossary
    break
  fi
done
corpus="$out/corpus.txt"
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$corpus")
command -v rg >/dev/null || echo "rg not found (apt-get install ripgrep)" >&2

peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
secs() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$1"; }

echo "date=$(date -u +%Y-%m-%dT%H:%MZ) corpus=$corpus corpus_mb=$mb cpu=$(nproc)x"
for n in $sizes; do
  log=$(mktemp)
  /usr/bin/time -v "$build/bench/terms_bench" "$out/glossary-$n.csv" "$corpus" >"$log.out" 2>"$log"
  # shellcheck disable=SC2046
  eval $(grep -E '^(load_build_s|mb_per_s|hits)=' "$log.out")
  echo "termbridge n=$n load_build_s=$load_build_s match_mb_s=$mb_per_s hits=$hits peak_mb=$(peak "$log")"
  for tool in rg grep; do
    command -v $tool >/dev/null || continue
    if [ $tool = rg ]; then cmd=(rg -j1 -F -o -f "$out/terms-$n.txt" "$corpus"); else
      cmd=(grep -a -F -o -f "$out/terms-$n.txt" "$corpus"); fi
    # Output goes through a pipe: GNU grep stops at the first match when stdout is /dev/null.
    { /usr/bin/time -v "${cmd[@]}" 2>"$log" || true; } | wc -c >/dev/null
    t=$(secs "$log")
    echo "$tool n=$n cpu_s=$t mb_s=$(python3 -c "print(round($mb/max($t,1e-9),1))") peak_mb=$(peak "$log")"
  done
  rm -f "$log" "$log.out"
done
