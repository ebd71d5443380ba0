#!/usr/bin/env bash
# Term matching as a user sees it: whole processes side by side, output through a pipe.
#
#   bench/terms_vs_rg.sh [TERMBRIDGE] [RUNS]    (TERMBRIDGE defaults to ./build/cli/termbridge)
#
# For each bench glossary (1k, 10k, 100k concepts) on the 100 MB corpus, one after the other
# in one run: `termbridge terms find -g glossary-N.csv -l auto corpus.txt | cat >/dev/null`
# (every line matched with the terms of its language: Korean lines with the Korean terms,
# the others with the English ones) and `rg -F -o -f terms-N.txt corpus.txt | cat >/dev/null`
# (ripgrep at its defaults, all terms of both languages and the abbreviations on every
# line). Wall and CPU seconds (user + system, the pipe's processes included) and peak RSS
# of the largest process, from /usr/bin/time; the ratio is ripgrep's wall time over
# termbridge's. RUNS (default 1) repeats each pair; every run is printed. With
# TB_BEFORE=BINARY another termbridge (an earlier build) runs in the same round, so that a
# change is measured beside ripgrep under the same load; TB_LANG sets -l (default auto).
# Data: shared/tools/make_bench_corpus.py, made on first use in TB_BENCH_DIR (/tmp/tb-bench).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tb=${1:-$here/build/cli/termbridge}
runs=${2:-1}
out=${TB_BENCH_DIR:-/tmp/tb-bench}
shared=${TB_SHARED:-$here/../shared}
sizes=${TB_BENCH_SIZES:-"1000 10000 100000"}
before=${TB_BEFORE:-}
lang=${TB_LANG:-auto}
gen="$shared/tools/make_bench_corpus.py"
command -v rg >/dev/null || { echo "rg not found (apt-get install ripgrep)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 1; }
mkdir -p "$out"
[ -f "$out/corpus.txt" ] || python3 "$gen" --src "$shared/data/corpus" --out "$out" --only corpus
for n in $sizes; do
  [ -f "$out/glossary-$n.csv" ] || python3 "$gen" --src "$shared/data/corpus" --out "$out" --only glossary
done
corpus="$out/corpus.txt"
echo "date=$(date -u +%Y-%m-%dT%H:%MZ) cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "termbridge=$tb ($("$tb" --version 2>/dev/null | sed -n 1p)) rg=$(rg --version | head -n 1)"
[ -z "$before" ] || echo "before=$before ($("$before" --version 2>/dev/null | sed -n 1p))"
printf '%-8s %-10s %8s %8s %8s %9s\n' concepts tool wall_s cpu_s peak_mb rg/tb
measure() {  # prints "wall cpu peak_mb" of `sh -c CMD`
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$log" sh -c "$1"
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$log"
  rm -f "$log"
}
for n in $sizes; do
  for ((r = 1; r <= runs; r++)); do
    if [ -n "$before" ]; then
      read -r bw bc bm < <(measure "'$before' terms find --quiet -g '$out/glossary-$n.csv' -l $lang '$corpus' | cat >/dev/null")
    fi
    read -r tw tc tm < <(measure "'$tb' terms find --quiet -g '$out/glossary-$n.csv' -l $lang '$corpus' | cat >/dev/null")
    read -r rw rc rm_ < <(measure "rg -F -o -f '$out/terms-$n.txt' '$corpus' | cat >/dev/null")
    if [ -n "$before" ]; then
      printf '%-8s %-10s %8s %8s %8s %9s\n' "$n" before "$bw" "$bc" "$bm" \
        "$(awk -v a="$rw" -v b="$bw" 'BEGIN {printf "%.2f", a / b}')"
    fi
    printf '%-8s %-10s %8s %8s %8s %9s\n' "$n" termbridge "$tw" "$tc" "$tm" \
      "$(awk -v a="$rw" -v b="$tw" 'BEGIN {printf "%.2f", a / b}')"
    printf '%-8s %-10s %8s %8s %8s\n' "$n" ripgrep "$rw" "$rc" "$rm_"
  done
done
