#!/usr/bin/env bash
# termbridge tm under faults: an import killed part-way leaves a memory that the read-only
# commands still open (0 units or all of them, never an error), and two importers into one
# memory at the same time both succeed. TM_FAULTS_ROWS sets the size of the import.
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || {
  echo "sqlite3 not found: skipped"
  exit 77
}

# A TSV large enough that its import takes a while: distinct Korean/English sentences.
# 100,000 rows; 20,000 in the sanitizer build (TB_SANITIZE), where an import of our code is
# some ten times slower while SQLite's writes are not: 100,000 took 155 s there. The kill
# points are bytes per row, so they fall at the same places of the commit at either size,
# and the smaller first import still holds its lock long enough for the second to wait.
BIG="$WORK/big.tsv"
N=${TM_FAULTS_ROWS:-100000}
[ -z "${TB_SANITIZE:-}" ] || N=${TM_FAULTS_ROWS:-20000}
echo "rows: $N"
awk -v n=$N 'BEGIN {
  print "src\ttgt"
  for (i = 1; i <= n; i++)
    printf "국방부는 %d일 연합훈련 %d차 계획을 발표했다.\tThe ministry announced exercise plan %d on day %d.\n", i, i % 97, i, i
}' >"$BIG"

size_of() {
  local total=0 f s
  for f in "$@"; do
    s=$(stat -c %s "$f" 2>/dev/null || echo 0)
    total=$((total + s))
  done
  echo "$total"
}

# Copies a memory with its journal or WAL, as a killed writer left them.
copy_memory() {
  local f
  rm -f "$2" "$2-journal" "$2-wal" "$2-shm"
  for f in "" -journal -wal; do
    [ -e "$1$f" ] && cp "$1$f" "$2$f"
  done
}

# Checks that every read-only command opens $1 and sees 0 or $2 units, and that SQLite
# finds the file sound. Each command gets its own copy of the files as they were left, so
# each one meets the unfinished journal or WAL itself.
check_readable() {
  local tm=$1 all=$2 what=$3 units
  copy_memory "$tm" "$WORK/c1.sqlite"
  copy_memory "$tm" "$WORK/c2.sqlite"
  copy_memory "$tm" "$WORK/c3.sqlite"
  copy_memory "$tm" "$WORK/c4.sqlite"
  run "$TB" tm stats --tm "$WORK/c1.sqlite"
  expect_rc 0 "$what: stats"
  units=$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "units" { print $2 }')
  CHECKS=$((CHECKS + 1))
  [ "$units" = 0 ] || [ "$units" = "$all" ] || fail "$what: $units units, expected 0 or $all"
  run "$TB" tm lookup --tm "$WORK/c2.sqlite" --src-lang ko --tgt-lang en "$QUERY"
  expect_rc 0 "$what: lookup"
  if [ "$units" != 0 ]; then
    expect_out_contains "100%" "$what: lookup finds the unit"
  fi
  run "$TB" tm export --tm "$WORK/c3.sqlite" -o "$WORK/export.tsv"
  expect_rc 0 "$what: export"
  CHECKS=$((CHECKS + 1))
  [ "$(wc -l <"$WORK/export.tsv")" = "$units" ] ||
    fail "$what: export has $(wc -l <"$WORK/export.tsv") lines, stats said $units"
  run "$TB" pretranslate "$WORK/article.ko.txt" --src-lang ko --tgt-lang en -q \
    --tm "$WORK/c4.sqlite" -o "$WORK/article.xlf"
  expect_rc 0 "$what: pretranslate"
  run sqlite3 "$tm" 'PRAGMA integrity_check'
  expect_out "ok" "$what: integrity_check"
  SEEN=$units
}
QUERY='국방부는 7일 연합훈련 7차 계획을 발표했다.'
printf '%s\n' "$QUERY" >"$WORK/article.ko.txt"

# Kills the first import into a new memory at several points: once the files have grown
# past a few sizes (3 to 280 bytes a row; the whole memory has some 340). That import keeps
# its pages in the cache and writes them at the commit, so these are points inside the
# commit (the last may come after it).
round=0
for per_row in 3 20 80 160 280; do
  limit=$((per_row * N))
  round=$((round + 1))
  TM="$WORK/kill$round.tm.sqlite"
  "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$BIG" >/dev/null 2>&1 &
  pid=$!
  # Bounded: 30 s at most, then kill anyway.
  for _ in $(seq 1 3000); do
    kill -0 "$pid" 2>/dev/null || break
    [ "$(size_of "$TM" "$TM-wal" "$TM-journal")" -ge "$limit" ] && break
    sleep 0.01
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ -s "$TM" ] || continue  # killed before the file had a schema: nothing to open
  left="$(size_of "$TM") bytes, journal $(size_of "$TM-journal"), WAL $(size_of "$TM-wal")"
  check_readable "$TM" "$N" "kill at $limit bytes"
  echo "killed at $limit bytes: $SEEN units; $left"
  # The memory takes the whole file afterwards: nothing of the input is lost.
  run "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$BIG"
  expect_rc 0 "import after the kill at $limit bytes"
  check_readable "$TM" "$N" "import after the kill at $limit bytes"
  run "$TB" tm stats --tm "$TM"
  expect_out_contains "units	$N" "all units after the kill at $limit bytes"
done

# Two importers into one new memory: the second waits for the first (busy timeout), then
# both succeed and the counts add up. Started together, and started while the first is in
# its bulk import (a rollback journal instead of the WAL), where the second used to give up
# at once instead of waiting.
# --no-parts: these units hold one sentence each, and the pass that looks for sentences
# inside units reads every new unit back within the import's transaction; in the sanitizer
# build that alone stretches the first import's lock past the 10 s the second waits. What
# is checked here is the waiting, not that pass (tests/cli/tm_parts_test.sh).
head -n $((N * 6 / 10 + 1)) "$BIG" >"$WORK/a.tsv"
{
  echo "src	tgt"
  tail -n +$((N * 6 / 10 + 2)) "$BIG"
} >"$WORK/b.tsv"
for pass in together bulk bulk2; do
  TM="$WORK/two-$pass.tm.sqlite"
  "$TB" tm import --no-parts --tm "$TM" --src-lang ko --tgt-lang en "$WORK/a.tsv" >"$WORK/a.out" 2>&1 &
  pa=$!
  if [ "$pass" != together ]; then
    for _ in $(seq 1 3000); do
      [ -e "$TM-journal" ] && break
      kill -0 "$pa" 2>/dev/null || break
      sleep 0.01
    done
  fi
  "$TB" tm import --no-parts --tm "$TM" --src-lang ko --tgt-lang en "$WORK/b.tsv" >"$WORK/b.out" 2>&1 &
  pb=$!
  wait "$pa"
  ra=$?
  wait "$pb"
  rb=$?
  CHECKS=$((CHECKS + 2))
  [ "$ra" = 0 ] || fail "$pass: first importer exit $ra: $(cat "$WORK/a.out")"
  [ "$rb" = 0 ] || fail "$pass: second importer exit $rb: $(cat "$WORK/b.out")"
  run "$TB" tm stats --tm "$TM"
  expect_out_contains "units	$N" "$pass: both imports stored"
  run sqlite3 "$TM" 'PRAGMA integrity_check'
  expect_out "ok" "$pass: integrity_check"
done

done_checks
