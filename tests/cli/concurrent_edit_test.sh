#!/usr/bin/env bash
# Two editors at once: of one term base (glossary add/set/remove from two processes, TBX and
# CSV), and of one memory (tm import and merge --update-tm at the same time, with a reader
# running tm stats and tm lookup meanwhile). Every round, both succeed, or the second exits 2
# saying the file is locked and its edit is absent; no edit is lost; nothing is half-done.
# EDIT_ROUNDS sets the number of rounds.
# labels: slow
. "$(dirname "$0")/lib.sh"

command -v sqlite3 >/dev/null || {
  echo "sqlite3 not found: skipped"
  exit 77
}
ROUNDS=${EDIT_ROUNDS:-20}
echo "rounds: $ROUNDS"

# Exit status $1 of an editor whose stderr is in $2: 0, or 2 with the lock's message (then
# returns 1: the edit is not there). Anything else fails the test.
accepted() {
  [ "$1" = 0 ] && return 0
  if [ "$1" = 2 ] && grep -q -e 'is being changed by another program' -e 'is locked by another writer' "$2"; then
    LOCKED=$((LOCKED + 1))
    return 1
  fi
  fail "editor exit $1: $(cat "$2")"
}

# ---- one term base ----

awk 'BEGIN {
  print "id,en,ko,ko_status,note"
  for (i = 1; i <= 2000; i++)
    printf "c%d,defense term %d,국방 용어 %d,preferred,note %d\n", i, i, i, i
}' >"$WORK/base.csv"
"$TB" glossary convert "$WORK/base.csv" "$WORK/base.tbx" || fail "making the TBX"

# Prints concept $2's cell of language column $3 (2 = en, 3 = ko) in the list of $1.
cell() { awk -F '\t' -v id="$2" -v col="$3" '$1 == id { print $col }' "$1"; }

for ext in csv tbx; do
  F="$WORK/t.$ext"
  cp "$WORK/base.$ext" "$F"
  LOCKED=0
  expected=2000
  for i in $(seq 1 "$ROUNDS"); do
    # Three kinds of rounds: two new concepts; two new terms of one concept; a removal and
    # an addition.
    case $((i % 3)) in
      0)
        A=(glossary add "$F" "a$i" --term "en=alpha $i" --term "ko=알파 $i")
        B=(glossary add "$F" "b$i" --term "en=beta $i")
        ;;
      1)
        A=(glossary set "$F" "c$i" --term "en=alpha $i")
        B=(glossary set "$F" "c$i" --term "ko=베타 $i")
        ;;
      2)
        A=(glossary remove "$F" "c$i")
        B=(glossary add "$F" "b$i" --term "en=beta $i")
        ;;
    esac
    "$TB" "${A[@]}" 2>"$WORK/a.err" &
    pa=$!
    "$TB" "${B[@]}" 2>"$WORK/b.err" &
    pb=$!
    wait $pa
    ra=$?
    wait $pb
    rb=$?
    a_done=0 b_done=0
    accepted $ra "$WORK/a.err" && a_done=1
    accepted $rb "$WORK/b.err" && b_done=1
    run "$TB" glossary list "$F"
    expect_rc 0 "$ext round $i: glossary list"
    printf '%s\n' "$OUT" >"$WORK/list.tsv"
    what="$ext round $i (exits $ra, $rb)"
    CHECKS=$((CHECKS + 1))
    case $((i % 3)) in
      0)
        [ "$(cell "$WORK/list.tsv" "a$i" 2)" = "$([ $a_done = 1 ] && echo "alpha $i")" ] || fail "$what: a$i"
        [ "$(cell "$WORK/list.tsv" "b$i" 2)" = "$([ $b_done = 1 ] && echo "beta $i")" ] || fail "$what: b$i"
        expected=$((expected + a_done + b_done))
        ;;
      1)
        [ "$(cell "$WORK/list.tsv" "c$i" 2)" = "defense term $i$([ $a_done = 1 ] && echo "; alpha $i")" ] ||
          fail "$what: c$i en is '$(cell "$WORK/list.tsv" "c$i" 2)'"
        [ "$(cell "$WORK/list.tsv" "c$i" 3)" = "국방 용어 $i$([ $b_done = 1 ] && echo "; 베타 $i")" ] ||
          fail "$what: c$i ko is '$(cell "$WORK/list.tsv" "c$i" 3)'"
        ;;
      2)
        [ "$(cell "$WORK/list.tsv" "c$i" 2)" = "$([ $a_done = 0 ] && echo "defense term $i")" ] || fail "$what: c$i"
        [ "$(cell "$WORK/list.tsv" "b$i" 2)" = "$([ $b_done = 1 ] && echo "beta $i")" ] || fail "$what: b$i"
        expected=$((expected - a_done + b_done))
        ;;
    esac
    CHECKS=$((CHECKS + 1))
    [ "$(($(wc -l <"$WORK/list.tsv") - 1))" = "$expected" ] ||
      fail "$what: $(($(wc -l <"$WORK/list.tsv") - 1)) concepts, expected $expected"
  done
  CHECKS=$((CHECKS + 1))
  [ -z "$(find "$WORK" -name '.*.tmp.*')" ] || fail "$ext: temporary files left"
  echo "term base $ext: $ROUNDS of $ROUNDS rounds, $LOCKED edits refused as locked"
done

# ---- one memory ----

TM="$WORK/m.sqlite"
awk 'BEGIN {
  print "ko\ten"
  for (i = 1; i <= 20000; i++)
    printf "국방부는 %d일 연합훈련 %d차 계획을 발표했다.\tThe ministry announced exercise plan %d on day %d.\n", i, i % 97, i, i
}' >"$WORK/base.tsv"
"$TB" tm import -q --tm "$TM" --src-lang ko --tgt-lang en "$WORK/base.tsv" >/dev/null || fail "making the memory"
units=20000
LOCKED=0
# A reader that runs until $WORK/stop appears: every tm stats and tm lookup must succeed
# and see no fewer units than before the round and no more than after it.
reader() {
  local low=$1 high=$2 n
  while [ ! -e "$WORK/stop" ]; do
    "$TB" tm stats --tm "$TM" >"$WORK/r.out" 2>"$WORK/r.err" || {
      echo "tm stats failed: $(cat "$WORK/r.err")"
      return 1
    }
    n=$(awk -F '\t' '$1 == "units" { print $2 }' "$WORK/r.out")
    if [ "$n" -lt "$low" ] || [ "$n" -gt "$high" ]; then
      echo "tm stats saw $n units, not between $low and $high"
      return 1
    fi
    "$TB" tm lookup --tm "$TM" --src-lang ko --tgt-lang en '국방부는 7일 연합훈련 7차 계획을 발표했다.' \
      >"$WORK/r.out" 2>"$WORK/r.err" || {
      echo "tm lookup failed: $(cat "$WORK/r.err")"
      return 1
    }
    grep -q '100%' "$WORK/r.out" || {
      echo "tm lookup lost its exact match: $(cat "$WORK/r.out")"
      return 1
    }
  done
}
for i in $(seq 1 "$ROUNDS"); do
  # Each round's units are its own: 300 imported, 200 merged from a job.
  awk -v r="$i" 'BEGIN {
    print "ko\ten"
    for (k = 1; k <= 300; k++)
      printf "합참은 %d회차 %d번째 미사일을 탐지했다.\tThe JCS detected missile %d of round %d.\n", r, k, k, r
  }' >"$WORK/a.tsv"
  awk -v r="$i" 'BEGIN {
    print "ko\ten"
    for (k = 1; k <= 200; k++)
      printf "국방부는 %d회차 %d번째 훈련을 마쳤다.\tThe ministry finished exercise %d of round %d.\n", r, k, k, r
  }' >"$WORK/b.tsv"
  "$TB" convert "$WORK/b.tsv" "$WORK/job.xlf" --src-lang ko --tgt-lang en || fail "round $i: job"
  rm -f "$WORK/stop"
  reader "$units" $((units + 500)) >"$WORK/reader.log" 2>&1 &
  pr=$!
  "$TB" tm import -q --tm "$TM" --src-lang ko --tgt-lang en "$WORK/a.tsv" >/dev/null 2>"$WORK/a.err" &
  pa=$!
  "$TB" merge -q "$WORK/job.xlf" -o "$WORK/article.txt" --update-tm "$TM" 2>"$WORK/b.err" &
  pb=$!
  wait $pa
  ra=$?
  wait $pb
  rb=$?
  touch "$WORK/stop"
  wait $pr || fail "round $i: reader: $(cat "$WORK/reader.log")"
  a_done=0 b_done=0
  accepted $ra "$WORK/a.err" && a_done=1
  accepted $rb "$WORK/b.err" && b_done=1
  units=$((units + 300 * a_done + 200 * b_done))
  what="memory round $i (exits $ra, $rb)"
  run "$TB" tm stats --tm "$TM"
  expect_out_contains "units	$units" "$what: unit count"
  run "$TB" tm lookup --tm "$TM" --src-lang ko --tgt-lang en "합참은 ${i}회차 300번째 미사일을 탐지했다."
  expect_rc 0 "$what: lookup"
  if [ $a_done = 1 ]; then
    expect_out_contains "100%" "$what: the import's last unit"
  fi
  run "$TB" tm lookup --tm "$TM" --src-lang ko --tgt-lang en "국방부는 ${i}회차 200번째 훈련을 마쳤다."
  expect_rc 0 "$what: lookup"
  if [ $b_done = 1 ]; then
    expect_out_contains "100%" "$what: the merge's last unit"
  fi
  run sqlite3 "$TM" 'PRAGMA integrity_check'
  expect_out "ok" "$what: integrity_check"
done
echo "memory: $ROUNDS of $ROUNDS rounds, $units units, $LOCKED writers refused as locked"

# ---- two imports making one new memory ----
# Started together, one creates the schema while the other opens the file. The other must
# wait and then add its units, never take the half-made file for a foreign database (it
# read the version and the tables at two moments: 3 failures in 100 rounds before).
awk 'BEGIN {
  print "src\ttgt"
  for (i = 1; i <= 1000; i++)
    printf "합참은 %d번째 발사를 탐지했다.\tThe JCS detected launch %d.\n", i, i
}' >"$WORK/new.tsv"
NEW_ROUNDS=$((ROUNDS * 3))
for i in $(seq 1 "$NEW_ROUNDS"); do
  TM="$WORK/new$i.tm.sqlite"
  "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$WORK/new.tsv" >/dev/null 2>"$WORK/a.err" &
  pa=$!
  "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$WORK/new.tsv" >/dev/null 2>"$WORK/b.err"
  rb=$?
  wait $pa
  ra=$?
  CHECKS=$((CHECKS + 2))
  [ $ra = 0 ] || fail "new memory round $i: first import exit $ra: $(cat "$WORK/a.err")"
  [ $rb = 0 ] || fail "new memory round $i: second import exit $rb: $(cat "$WORK/b.err")"
  run "$TB" tm stats --tm "$TM"
  expect_out_contains "units	1000" "new memory round $i: one copy of each unit"
  rm -f "$TM" "$TM-wal" "$TM-shm"
done
echo "new memory: $NEW_ROUNDS rounds"
done_checks
