#!/usr/bin/env bash
# Builds termbridge and runs every test: the normal build, then again under ASan+UBSan (g++),
# then the unit tests and a short fuzz run under clang's ASan+UBSan.
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
  phase "build (ASan+UBSan)"
  # -O0 (Debug, assertions on): at -O1 a file takes two to three times as long to compile,
  # more than the tests would gain. Here -g costs no more than -g1.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug \
        -DTB_SANITIZE=address,undefined -DTB_WERROR=ON -DTB_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  phase "tests under ASan+UBSan"
  # The install check builds a second project; the normal pass covers it.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest -j"$jobs" --output-on-failure -LE slow)

  # clang 14 with coverage, ASan and UBSan (build-fuzz): the unit tests, then a short run of
  # every fuzz target (TB_FUZZ_SECONDS each, two at a time); bench/fuzz.sh 300 is the long run.
  phase "build (clang: ASan+UBSan, libFuzzer)"
  bench/fuzz.sh --build termbridge_tests
  # The unit tests run on one core: the fuzz targets build meanwhile.
  phase "unit tests under clang ASan+UBSan, and the fuzz targets built"
  ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/termbridge_tests --no-intro=true \
    >build-fuzz/unit-tests.log 2>&1 &
  unit_pid=$!
  fuzz_status=0
  bench/fuzz.sh --build $(for f in tests/fuzz/*_fuzz.cpp; do echo "fuzz_$(basename "$f" _fuzz.cpp)"; done) ||
    fuzz_status=$?
  unit_status=0
  wait "$unit_pid" || unit_status=$?
  cat build-fuzz/unit-tests.log
  [ "$unit_status" = 0 ] || { echo "unit tests under clang failed (exit $unit_status)" >&2; exit 1; }
  [ "$fuzz_status" = 0 ] || exit "$fuzz_status"
  phase "fuzz (${TB_FUZZ_SECONDS:-10} s per target)"
  bench/fuzz.sh "${TB_FUZZ_SECONDS:-10}"
fi
phase "all tests passed"
