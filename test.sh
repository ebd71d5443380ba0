#!/usr/bin/env bash
# Builds termbridge and runs every test: the normal build, then again under ASan+UBSan (g++),
# then the unit tests and a short fuzz run under clang's ASan+UBSan.
# Usage: ./test.sh [--fast]   (--fast: skip the sanitizer pass)
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)

cmake/install_deps.sh

echo "== build (RelWithDebInfo) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests =="
(cd build && ctest -j"$jobs" --output-on-failure)

if [ "${1:-}" != "--fast" ]; then
  echo "== build (ASan+UBSan) =="
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTB_SANITIZE=address,undefined \
        -DTB_WERROR=ON -DTB_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  echo "== tests under ASan+UBSan =="
  # The install check builds a second project; the normal pass covers it.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest -j"$jobs" --output-on-failure -LE slow)

  # clang 14 with coverage, ASan and UBSan (build-fuzz): the unit tests, then a short run of
  # every fuzz target (TB_FUZZ_SECONDS each, two at a time); bench/fuzz.sh 300 is the long run.
  echo "== build (clang: ASan+UBSan, libFuzzer) =="
  bench/fuzz.sh --build termbridge_tests
  echo "== unit tests under clang ASan+UBSan =="
  ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/termbridge_tests --no-intro=true
  echo "== fuzz (${TB_FUZZ_SECONDS:-10} s per target) =="
  bench/fuzz.sh "${TB_FUZZ_SECONDS:-10}"
fi
