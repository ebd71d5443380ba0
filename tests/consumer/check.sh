#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds tests/consumer against it, runs it.
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/termbridge"
test -f "$work/prefix/include/termbridge/text/normalize.hpp"
cmake -S "$src" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j2 >/dev/null
out=$("$work/build/consumer" 'ＮＣＧ 회의')
if [ "$out" != "ncg 회의" ]; then
  echo "consumer printed '$out', expected 'ncg 회의'" >&2
  exit 1
fi
"$work/prefix/bin/termbridge" --version
echo "consumer built against the installed package and ran"
