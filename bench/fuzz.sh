#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang 14, ASan+UBSan) in build-fuzz and runs
# each for SECONDS, two at a time, on a temporary copy of its seeds and regressions (the
# repository is not written). Prints per target executions per second, coverage (cov/ft of
# the last status line), corpus size and findings; findings are copied to a folder under
# /tmp, named in the output. Exit status 1 when there is a finding.
#
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]   run (default 60 s each, every target)
#        bench/fuzz.sh --build [CMAKE-TARGET...] configure and build only (test.sh uses it)
# Env: TB_FUZZ_BUILD (build dir, default build-fuzz), TB_FUZZ_JOBS (parallel runs, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${TB_FUZZ_BUILD:-$root/build-fuzz}
parallel=${TB_FUZZ_JOBS:-2}
targets_all=()
for src in tests/fuzz/*_fuzz.cpp; do
  name=$(basename "$src" _fuzz.cpp)
  targets_all+=("$name")
done

configure() {
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  # The compiler of a build dir is fixed at its first configure; CXX names it then. Line
  # tables are all a finding's stack trace needs (as OSS-Fuzz builds), for a third less
  # compile time than -g.
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
    -DTB_FUZZ=ON -DTB_WERROR=ON -DTB_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
}

if [ "${1:-}" = "--build" ]; then
  shift
  configure
  if [ $# -gt 0 ]; then
    cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target "$@"
  else
    cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)"
  fi
  exit 0
fi

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")
case $seconds in
  '' | *[!0-9]*) echo "usage: bench/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/${t}_fuzz.cpp" ] || { echo "fuzz.sh: no target '$t' (tests/fuzz/${t}_fuzz.cpp)" >&2; exit 2; }
done

echo "== build fuzz targets (clang, libFuzzer, ASan+UBSan) in $build =="
configure
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/fuzz_}" >/dev/null

work=$(mktemp -d /tmp/termbridge-fuzz.XXXXXX)
findings=/tmp/termbridge-fuzz-findings-$(date -u +%Y%m%dT%H%M%SZ)
trap 'rm -rf "$work"' EXIT

run_one() {
  local t=$1 dir=$work/$1
  mkdir -p "$dir/corpus" "$dir/artifacts"
  for d in tests/fuzz/seeds/$t tests/fuzz/regressions/$t; do
    [ -d "$d" ] && find "$d" -type f -exec cp {} "$dir/corpus/" \;
  done
  local status=0
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
    "$dir/corpus" >"$dir/log" 2>&1 || status=$?
  echo "$status" >"$dir/status"
}

echo "== fuzzing ${#targets[@]} targets, ${seconds} s each, $parallel at a time =="
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
wait

bad=0
printf '%-14s %10s %8s %8s %8s %10s  %s\n' target execs exec/s cov ft corpus findings
for t in "${targets[@]}"; do
  dir=$work/$t
  last=$(grep -a -E '^#[0-9]+' "$dir/log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  execs=$(LC_ALL=C sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
  rate=$(LC_ALL=C sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
  files=$(find "$dir/corpus" -type f | wc -l)
  bytes=$(du -sk "$dir/corpus" | cut -f1)
  # Slow units are not findings; crashes, leaks, timeouts and out-of-memory are.
  found=$(find "$dir/artifacts" -type f ! -name 'slow-unit-*' | wc -l)
  status=$(cat "$dir/status")
  note=$found
  if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
    bad=1
    mkdir -p "$findings/$t"
    cp "$dir/log" "$findings/$t/log"
    find "$dir/artifacts" -type f ! -name 'slow-unit-*' -exec cp {} "$findings/$t/" \;
    note="$found (exit $status): $findings/$t"
  fi
  printf '%-14s %10s %8s %8s %8s %10s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "${files}f/${bytes}K" "$note"
done
if [ "$bad" -ne 0 ]; then
  echo "fuzz.sh: findings under $findings (inputs and logs); replay: $build/tests/fuzz/fuzz_TARGET FILE" >&2
  exit 1
fi
echo "fuzz.sh: no findings"
