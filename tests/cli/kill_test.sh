#!/usr/bin/env bash
# SIGKILL at random moments of every command that changes a user's file: tm import into a
# non-empty memory (WAL in use), merge --update-tm, glossary add/set/remove on a large term
# base (TBX and CSV), glossary convert -o and convert -o of a large TMX. After each kill the
# target is its old bytes or the complete new ones (a memory: integrity_check ok, the old or
# the new unit count), every read-only command reads it, and no temporary file is left.
# Also tm import killed at points of its commit and checkpoint, and while it makes a new
# memory.
# KILL_RUNS (runs per command), KILL_ENTRIES (term base size), KILL_SEED (delays) and
# KILL_KINDS (which commands, as named below) may be set.
# labels: slow
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || {
  echo "sqlite3 not found: skipped"
  exit 77
}
RUNS=${KILL_RUNS:-1}
ENTRIES=${KILL_ENTRIES:-20000}
RANDOM=${KILL_SEED:-$$}
echo "runs per command: $RUNS, term base entries: $ENTRIES, seed: ${KILL_SEED:-$$}"

ms_now() { echo $(($(date +%s%N) / 1000000)); }

# Temporary files of Outputs in directory $1 (.NAME.tmp.*).
temps_in() { find "$1" -maxdepth 1 -name '.*.tmp.*'; }

# ---- 1. The temporary file has no name while it is written ----

D="$WORK/seg"
mkdir "$D"
printf 'old output\n' >"$D/seg.txt"
# segment makes its output before it opens its input: a FIFO nobody writes yet keeps it
# writing, and the test decides when it ends.
slow_segment() {
  mkfifo "$WORK/in$1"
  "$TB" segment --lang ko -o "$D/seg.txt" "$WORK/in$1" >/dev/null 2>"$WORK/seg$1.err" &
  STARTED+=" $!"
}
# A failed check must not leave a writer waiting on its FIFO.
STARTED=
trap 'kill -KILL $STARTED 2>/dev/null; rm -rf "$WORK"' EXIT
# Waits until process $1 has its output open: an unnamed file in $D, or a named one.
wait_for_output() {
  for _ in $(seq 100); do
    ls -l "/proc/$1/fd" 2>/dev/null | grep -q -- "-> $D/" && return 0
    sleep 0.05
  done
  fail "process $1 opened no output in $D"
}
slow_segment 1
pid=$!
wait_for_output $pid
CHECKS=$((CHECKS + 1))
ls -l "/proc/$pid/fd" | grep -q -- "-> $D/#[0-9]* (deleted)" ||
  fail "the output is not an unnamed file: $(ls -l "/proc/$pid/fd")"
[ -z "$(temps_in "$D")" ] || fail "a named temporary file while writing: $(temps_in "$D")"
kill -KILL $pid
wait $pid 2>/dev/null
CHECKS=$((CHECKS + 1))
[ "$(cat "$D/seg.txt")" = "old output" ] || fail "the killed segment changed its output"
[ -z "$(temps_in "$D")" ] || fail "SIGKILL left $(temps_in "$D")"

# Where O_TMPFILE is missing the file is named with the writer's PID: a SIGKILL leaves it,
# and the next writer of the same target removes it, but not the file of a writer alive.
export TERMBRIDGE_TEST_NAMED_TEMP=1
slow_segment 2
alive=$!
slow_segment 3
killed=$!
wait_for_output $alive
wait_for_output $killed
kill -KILL $killed
wait $killed 2>/dev/null
CHECKS=$((CHECKS + 1))
[ -n "$(find "$D" -name ".seg.txt.tmp.$killed.*")" ] || fail "no named temporary file of $killed"
[ -n "$(find "$D" -name ".seg.txt.tmp.$alive.*")" ] || fail "no named temporary file of $alive"
printf 'next writer\n' | "$TB" segment --lang ko -o "$D/seg.txt" - || fail "next writer failed"
CHECKS=$((CHECKS + 1))
[ -z "$(find "$D" -name ".seg.txt.tmp.$killed.*")" ] || fail "the killed writer's file stays"
[ -n "$(find "$D" -name ".seg.txt.tmp.$alive.*")" ] || fail "a live writer's file was removed"
printf '한미 양국은 회의를 열었다.\n' >"$WORK/in2"
wait $alive || fail "the live writer failed after the next writer: $(cat "$WORK/seg2.err")"
CHECKS=$((CHECKS + 1))
[ "$(cat "$D/seg.txt")" = "한미 양국은 회의를 열었다." ] || fail "the live writer's output: $(cat "$D/seg.txt")"
[ -z "$(temps_in "$D")" ] || fail "temporary files left: $(temps_in "$D")"
unset TERMBRIDGE_TEST_NAMED_TEMP

# A write that fails (a full disk) is an error saying why.
if [ -w /dev/full ]; then
  printf '한미 양국은 회의를 열었다.\n' >"$WORK/full.txt"
  run "$TB" segment --lang ko -o /dev/full "$WORK/full.txt"
  expect_rc 2 "segment -o /dev/full"
  expect_err_contains "cannot write '/dev/full': No space left on device"
fi

# ---- 2. Random kills ----

# Inputs: a term base of $ENTRIES concepts (CSV and TBX), a memory of 20,000 units, 100,000
# more units as TSV and TMX, a translated XLIFF job of 20,000 units.
awk -v n="$ENTRIES" 'BEGIN {
  print "id,en,ko,ko_status,note"
  for (i = 1; i <= n; i++)
    printf "c%d,defense term %d,국방 용어 %d,preferred,note %d\n", i, i, i, i
}' >"$WORK/big.csv"
"$TB" glossary convert "$WORK/big.csv" "$WORK/big.tbx" || fail "making the TBX"
awk 'BEGIN {
  print "ko\ten"
  for (i = 1; i <= 20000; i++)
    printf "국방부는 %d일 연합훈련 %d차 계획을 발표했다.\tThe ministry announced exercise plan %d on day %d.\n", i, i % 97, i, i
}' >"$WORK/base.tsv"
awk 'BEGIN {
  print "ko\ten"
  for (i = 1; i <= 100000; i++)
    printf "합참은 %d일 북한 미사일 %d발을 탐지했다.\tThe JCS detected %d North Korean missiles on day %d.\n", i, i % 13, i, i
}' >"$WORK/new.tsv"
"$TB" tm import -q --tm "$WORK/base.sqlite" --src-lang ko --tgt-lang en "$WORK/base.tsv" >/dev/null ||
  fail "making the memory"
"$TB" convert "$WORK/new.tsv" "$WORK/big.tmx" --src-lang ko --tgt-lang en || fail "making the TMX"
head -n 20001 "$WORK/new.tsv" >"$WORK/job.tsv"
"$TB" convert "$WORK/job.tsv" "$WORK/job.xlf" --src-lang ko --tgt-lang en || fail "making the job"
printf 'old article\n' >"$WORK/old-article.txt"
head -n 11 "$WORK/big.csv" >"$WORK/small.csv"
"$TB" glossary convert "$WORK/small.csv" "$WORK/old.tbx" || fail "making the old TBX"
head -n 11 "$WORK/new.tsv" >"$WORK/small.tsv"
"$TB" convert "$WORK/small.tsv" "$WORK/old.xlf" --src-lang ko --tgt-lang en || fail "old XLIFF"
"$TB" convert "$WORK/small.tsv" "$WORK/old.tmx" --src-lang ko --tgt-lang en || fail "old TMX"

D="$WORK/k"
mkdir "$D"
# Each kind of run: how to put the old state in $D, the command, and what to check.
setup() {
  rm -rf "$D" && mkdir "$D"
  case $1 in
    tm-import | merge) cp "$WORK/base.sqlite" "$D/m.sqlite" ;;
  esac
  case $1 in
    merge) cp "$WORK/old-article.txt" "$D/article.txt" ;;
    *-csv) cp "$WORK/big.csv" "$D/t.csv" ;;
    *-tbx) cp "$WORK/big.tbx" "$D/t.tbx" ;;
    glossary-convert) cp "$WORK/old.tbx" "$D/out.tbx" ;;
    convert-xliff) cp "$WORK/old.xlf" "$D/out.xlf" ;;
    convert-tmx) cp "$WORK/old.tmx" "$D/out.tmx" ;;
  esac
}
command_of() {
  case $1 in
    tm-import) CMD=("$TB" tm import -q --tm "$D/m.sqlite" --src-lang ko --tgt-lang en "$WORK/new.tsv") ;;
    merge) CMD=("$TB" merge -q "$WORK/job.xlf" -o "$D/article.txt" --update-tm "$D/m.sqlite") ;;
    add-*) CMD=("$TB" glossary add "$D/t.${1#add-}" new-concept --term 'en=new concept' --term 'ko=새 개념') ;;
    set-*) CMD=("$TB" glossary set "$D/t.${1#set-}" "c$((ENTRIES / 2))" --term 'en=changed term') ;;
    remove-*) CMD=("$TB" glossary remove "$D/t.${1#remove-}" c7) ;;
    glossary-convert) CMD=("$TB" glossary convert "$WORK/big.csv" "$D/out.tbx") ;;
    convert-xliff) CMD=("$TB" convert "$WORK/big.tmx" "$D/out.xlf") ;;
    convert-tmx) CMD=("$TB" convert "$WORK/big.tmx" "$D/out.tmx") ;;
  esac
}
# The file a kind changes, compared byte for byte with the old and the new state.
target_of() {
  case $1 in
    tm-import) TARGET= ;;
    merge) TARGET="$D/article.txt" ;;
    *-csv) TARGET="$D/t.csv" ;;
    *-tbx) TARGET="$D/t.tbx" ;;
    glossary-convert) TARGET="$D/out.tbx" ;;
    convert-xliff) TARGET="$D/out.xlf" ;;
    convert-tmx) TARGET="$D/out.tmx" ;;
  esac
}

# Whether file $1 is file $2; a TMX header's creationdate (the time it was written) aside.
same_file() {
  case $1 in
    *.tmx) cmp -s <(sed '1,5s/ creationdate="[0-9TZ]*"//' "$1") <(sed '1,5s/ creationdate="[0-9TZ]*"//' "$2") ;;
    *) cmp -s "$1" "$2" ;;
  esac
}

MEM_OLD=20000
# Read-only commands on the memory; its unit count must be $1 or $2 (or anything: "any"),
# left in $UNITS.
check_memory() {
  local old=$1 new=$2 what=$3 units
  run "$TB" tm stats --tm "$D/m.sqlite"
  expect_rc 0 "$what: tm stats"
  units=$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "units" { print $2 }')
  CHECKS=$((CHECKS + 1))
  [ "$new" = any ] || [ "$units" = "$old" ] || [ "$units" = "$new" ] ||
    fail "$what: $units units, expected $old or $new"
  run "$TB" tm lookup --tm "$D/m.sqlite" --src-lang ko --tgt-lang en '합참은 7일 북한 미사일 7발을 탐지했다.'
  expect_rc 0 "$what: tm lookup"
  if [ "$units" = "$new" ]; then
    expect_out_contains "100%" "$what: lookup of a new unit"
  fi
  run "$TB" tm export --tm "$D/m.sqlite" -o "$WORK/export.tsv"
  expect_rc 0 "$what: tm export"
  CHECKS=$((CHECKS + 1))
  [ "$(wc -l <"$WORK/export.tsv")" = "$units" ] || fail "$what: export has $(wc -l <"$WORK/export.tsv") lines, not $units"
  run sqlite3 "$D/m.sqlite" 'PRAGMA integrity_check'
  expect_out "ok" "$what: integrity_check"
  UNITS=$units
}
# Read-only commands on the file changed.
check_readers() {
  local kind=$1 what=$2
  case $kind in
    *-csv | *-tbx | glossary-convert)
      run "$TB" glossary list "$TARGET"
      expect_rc 0 "$what: glossary list"
      run "$TB" glossary search 'defense term 5' "$TARGET"
      expect_rc 0 "$what: glossary search"
      ;;
    convert-*)
      run "$TB" validate "$TARGET"
      expect_rc 0 "$what: validate"
      ;;
  esac
}

KINDS=${KILL_KINDS:-tm-import merge add-csv add-tbx set-csv set-tbx remove-csv remove-tbx \
glossary-convert convert-xliff convert-tmx}
for kind in $KINDS; do
  command_of "$kind"
  target_of "$kind"
  # The new state, from a run that is not killed; its time spreads the kills over the run.
  setup "$kind"
  start=$(ms_now)
  "${CMD[@]}" >/dev/null 2>"$WORK/ref.err" || fail "$kind: $(cat "$WORK/ref.err")"
  took=$(($(ms_now) - start))
  if [ -n "$TARGET" ]; then
    cp "$TARGET" "$WORK/new.ref"
    check_readers "$kind" "$kind, not killed"
  fi
  mem_new=
  if [ -e "$D/m.sqlite" ]; then
    check_memory "$MEM_OLD" any "$kind, not killed"
    mem_new=$UNITS
    [ "$mem_new" != "$MEM_OLD" ] || fail "$kind: the memory did not grow"
  fi
  setup "$kind"
  [ -z "$TARGET" ] || cp "$TARGET" "$WORK/old.ref"
  ok=0 olds=0 news=0 window=0
  for run_no in $(seq 1 "$RUNS"); do
    what="$kind run $run_no"
    setup "$kind"
    # Up to 1.2 times the run: some kills come after the end.
    delay=$(awk -v t="$took" -v r="$RANDOM" 'BEGIN { printf "%.3f", t * 1.2 * r / 32767 / 1000 }')
    "${CMD[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    # The one moment a temporary file has a name: linked, not yet renamed. It carries the
    # killed PID; the next writer removes it (checked below).
    left=$(temps_in "$D")
    if [ -n "$left" ]; then
      [ -z "$(temps_in "$D" | grep -v "\.tmp\.$pid\.")" ] || fail "$what: temporary files left: $left"
      window=$((window + 1))
    fi
    state=
    if [ -n "$TARGET" ]; then
      CHECKS=$((CHECKS + 1))
      if same_file "$TARGET" "$WORK/old.ref"; then
        state=old
      elif same_file "$TARGET" "$WORK/new.ref"; then
        state=new
      else
        fail "$what (after $delay s of $took ms): $TARGET is neither the old nor the new file"
      fi
      check_readers "$kind" "$what"
    fi
    if [ -n "$mem_new" ]; then
      check_memory "$MEM_OLD" "$mem_new" "$what"
      # merge writes the article first: its memory may be old with a new article.
      [ -n "$state" ] || { [ "$UNITS" = "$MEM_OLD" ] && state=old || state=new; }
    fi
    [ "$state" = old ] && olds=$((olds + 1)) || news=$((news + 1))
    if [ -n "$left" ]; then
      "${CMD[@]}" >/dev/null 2>&1
      CHECKS=$((CHECKS + 1))
      [ -z "$(temps_in "$D")" ] || fail "$what: the next writer left $(temps_in "$D")"
    fi
    ok=$((ok + 1))
  done
  echo "$kind: $ok of $RUNS ($olds old, $news new; ${took} ms a run; $window killed between link and rename)"
done
# ---- 3. The memory's commit and checkpoint, and the creation of a new memory ----

# An import into a non-empty memory writes its pages to the WAL at the commit, then copies
# them into the file (the checkpoint). Killed once the WAL, then the file, has grown past a
# few sizes: inside the commit, or after it with a full WAL not yet copied back, which
# random delays seldom hit. Printed: the state each point left and the WAL's size.
wal_points=0 points=
for limit in wal:100000 wal:2000000 wal:10000000 wal:25000000 db:12000000 db:30000000; do
  setup tm-import
  command_of tm-import
  file=$D/m.sqlite
  [ "${limit%%:*}" = wal ] && file=$D/m.sqlite-wal
  size=${limit#*:}
  "${CMD[@]}" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    kill -0 $pid 2>/dev/null || break
    [ "$(stat -c %s "$file" 2>/dev/null || echo 0)" -ge "$size" ] && break
    sleep 0.002
  done
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  left_wal=$(stat -c %s "$D/m.sqlite-wal" 2>/dev/null || echo none)
  check_memory "$MEM_OLD" $((MEM_OLD + 100000)) "tm import killed at $limit bytes"
  wal_points=$((wal_points + 1))
  points+=" $limit:$([ "$UNITS" = "$MEM_OLD" ] && echo old || echo new)(wal $left_wal)"
done
echo "tm import killed in its commit or checkpoint: $wal_points of 6 points:$points"

# A new memory: the schema is written through the WAL too. Killed early, the file may not be
# a memory yet; then the readers say so, and the next import works as on a new file.
head -n 2001 "$WORK/new.tsv" >"$WORK/first.tsv"
start=$(ms_now)
"$TB" tm import -q --tm "$WORK/first.sqlite" --src-lang ko --tgt-lang en "$WORK/first.tsv" >/dev/null ||
  fail "first import"
took=$(($(ms_now) - start))
nothing=0 zero=0 all=0
for run_no in $(seq 1 "$RUNS"); do
  what="new memory run $run_no"
  rm -rf "$D" && mkdir "$D"
  delay=$(awk -v t="$took" -v r="$RANDOM" 'BEGIN { printf "%.3f", t * 1.2 * r / 32767 / 1000 }')
  "$TB" tm import -q --tm "$D/m.sqlite" --src-lang ko --tgt-lang en "$WORK/first.tsv" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  run "$TB" tm stats --tm "$D/m.sqlite"
  if [ "$RC" = 2 ]; then
    # Nothing was stored: no file yet, or one without the schema.
    expect_err_contains "'$D/m.sqlite'" "$what: stats names the memory"
    CHECKS=$((CHECKS + 1))
    case $ERR in
      *": no such file"* | *" is empty"*) nothing=$((nothing + 1)) ;;
      *) fail "$what: tm stats: $ERR" ;;
    esac
    if [ -e "$D/m.sqlite" ]; then
      run sqlite3 "$D/m.sqlite" 'PRAGMA integrity_check'
      expect_out "ok" "$what: integrity_check"
    fi
  else
    check_memory 0 2000 "$what"
    [ "$UNITS" = 0 ] && zero=$((zero + 1)) || all=$((all + 1))
  fi
  run "$TB" tm import -q --tm "$D/m.sqlite" --src-lang ko --tgt-lang en "$WORK/first.tsv"
  expect_rc 0 "$what: the next import"
  check_memory 2000 2000 "$what, imported again"
done
echo "new memory: $RUNS of $RUNS ($nothing without a schema, $zero with 0 units, $all with all; ${took} ms a run)"

done_checks
