#!/usr/bin/env bash
# Builds termbridge and runs every test: the normal build (g++), then again under clang's
# ASan+UBSan, then a short run of every fuzz target.
# Usage: ./test.sh [--fast]   (--fast: skip the sanitizer pass)
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)
# Each phase's header tells the seconds since the start: the whole run must fit CI's 20
# minutes on two cores.
phase() { echo "== $* (at ${SECONDS} s) =="; }

cmake/install_deps.sh

# Debug information is line tables only (-g1): all that a failure's stack trace needs, for
# some 40% less compile time than -g at -O2. The code is the same.
phase "build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_WERROR=ON \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
cmake --build build -j"$jobs"
phase "tests"
(cd build && ctest -j"$jobs" --output-on-failure)

if [ "${1:-}" != "--fast" ]; then
  # One clang 14 build with ASan+UBSan and libFuzzer's coverage (build-fuzz, bench/fuzz.sh's
  # configuration): every test again, then a short run of every fuzz target (TB_FUZZ_SECONDS
  # each, two at a time). One build for both: the
  # sanitizer builds are the longest part of this script.
  phase "build (clang: ASan+UBSan, libFuzzer)"
  bench/fuzz.sh --build
  phase "tests under ASan+UBSan"
  export ASAN_OPTIONS=detect_leaks=1
  # The unit tests run as one process, beside the command's tests: a sanitized program takes
  # some 0.15 s to start, which once per test case (ctest's way) cost minutes. They get a
  # PostgreSQL cluster of their own (without one, those cases say they skip).
  pg_state=$(mktemp -d)
  trap 'bash tests/pg_cluster.sh stop "$pg_state" >/dev/null 2>&1 || true; rm -rf "$pg_state"' EXIT
  bash tests/pg_cluster.sh start "$pg_state"
  TB_PG_URI_FILE=$pg_state/uri build-fuzz/tests/termbridge_tests --no-intro=true \
    >build-fuzz/unit-tests.log 2>&1 &
  unit_pid=$!
  # Left out, as the normal pass ran them: what runs long (label slow), what no sanitizer
  # sees into (label static: scripts that read the sources, not the program), and the
  # command's PostgreSQL tests (label pg; the unit tests above cover that code here).
  cli_status=0
  (cd build-fuzz && ctest -j"$jobs" --output-on-failure -L '^cli$' -LE 'slow|static|pg') || cli_status=$?
  unit_status=0
  wait "$unit_pid" || unit_status=$?
  cat build-fuzz/unit-tests.log
  [ "$unit_status" = 0 ] || { echo "unit tests under ASan+UBSan failed (exit $unit_status)" >&2; exit 1; }
  [ "$cli_status" = 0 ] || exit "$cli_status"
  # A smoke run: the seeds and regressions replay in the normal pass, the long run is
  # bench/fuzz.sh 300.
  phase "fuzz (${TB_FUZZ_SECONDS:-5} s per target)"
  bench/fuzz.sh "${TB_FUZZ_SECONDS:-5}"
fi
phase "all tests passed"
