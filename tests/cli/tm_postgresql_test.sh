#!/usr/bin/env bash
# fixtures: pg
# Memories in PostgreSQL (--tm postgresql://...): the commands give what they give on an
# SQLite file, errors name the URI without its password, and processes importing at once
# neither lose nor duplicate a unit. Needs the cluster of tests/pg_cluster.sh; skips without.
. "$(dirname "$0")/lib.sh"

need_pg
cleanup() {
  pg_drop_schemas
  rm -rf "$WORK"
}
trap cleanup EXIT

TSV="$TB_DATA/tm/news.ko-en.tsv"
PG=$(pg_schema_uri news)
FILE="$WORK/news.tm.sqlite"

run "$TB" tm import --tm "$PG" --src-lang ko --tgt-lang en "$TSV"
expect_rc 0 "import into PostgreSQL"
expect_out "$PG: 4 added, 0 duplicates, 0 skipped" "import summary names the URI"
run "$TB" tm import --tm "$PG" --src-lang ko --tgt-lang en "$TSV"
expect_out "$PG: 0 added, 4 duplicates, 0 skipped" "duplicates by content"
"$TB" tm import --quiet --tm "$FILE" --src-lang ko --tgt-lang en "$TSV" >/dev/null ||
  fail "import into SQLite"

# Every reading command prints the same for both memories.
same() {
  local what=$1
  shift
  run "$TB" "$@" --tm "$FILE"
  # The memory's name and the dates of the imports (a second apart, maybe) aside.
  local file_rc=$RC file_out
  file_out=$(printf '%s' "${OUT//"$FILE"/MEMORY}" | sed -E 's/[0-9]{8}T[0-9]{6}Z/DATE/g')
  run "$TB" "$@" --tm "$PG"
  OUT=${OUT//"$PG"/MEMORY}
  OUT=${OUT//"${PG//&/&amp;}"/MEMORY} # as XML writes it
  OUT=$(printf '%s' "$OUT" | sed -E 's/[0-9]{8}T[0-9]{6}Z/DATE/g')
  CHECKS=$((CHECKS + 1))
  [ "$RC" = "$file_rc" ] || fail "$what: exit $RC on PostgreSQL, $file_rc on SQLite; stderr: $ERR"
  [ "$OUT" = "$file_out" ] || fail "$what differs; SQLite:
$file_out
PostgreSQL:
$OUT"
}
same "fuzzy lookup" tm lookup --src-lang ko --tgt-lang en '국방부는 연합훈련 일정을 발표했다.'
expect_out_contains "   85%  #2  국방부는 연합훈련 계획을 발표했다."
same "lookup --jsonl" tm lookup --jsonl '한미 양국은 13일 서울에서 핵협의그룹 회의를 열었다.'
same "no match" tm lookup '주한미군 사령관이 기자회견을 열었다.'
same "export" tm export --format tsv
same "export tmx" tm export --format tmx
printf '국방부는 연합훈련 일정을 발표했다. 북한은 동해상으로 탄도미사일 2발을 발사했다.\n' >"$WORK/article.ko.txt"
same "pretranslate" pretranslate "$WORK/article.ko.txt" --src-lang ko --tgt-lang en --quiet
expect_out_contains "The Ministry of National Defense announced the combined exercise plan."

run "$TB" tm stats --tm "$PG"
expect_rc 0 "stats"
expect_out_contains "units	4"
expect_out_contains "schema_version	1"

run "$TB" tm remove --tm "$PG" --document news.ko-en.tsv
expect_rc 0 "remove by document"
run "$TB" tm stats --tm "$PG"
expect_out_contains "units	0"
run "$TB" tm lookup --tm "$PG" '북한은 동해상으로 탄도미사일 2발을 발사했다.'
expect_out_contains "no match" "removed units are gone from the index"

# Errors: an unreachable server, a database without a memory; the password is never shown.
run "$TB" tm lookup --tm "postgresql://desk:s3cret@/tm?host=$WORK/nosocket" '회의'
expect_rc 2 "unreachable server"
expect_err_contains "cannot connect to translation memory 'postgresql://desk@/tm?host=$WORK/nosocket'"
case "$ERR" in *s3cret*) fail "the password is shown: $ERR" ;; esac
EMPTY=$(pg_schema_uri empty)
run "$TB" tm lookup --tm "$EMPTY" '회의'
expect_rc 2 "no memory in the database"
expect_err_contains "the database holds no termbridge memory"
run "$TB" pretranslate "$WORK/article.ko.txt" --src-lang ko --tgt-lang en --tm "$EMPTY"
expect_rc 2 "pretranslate with a database without a memory"
run "$TB" tm stats --tm "$EMPTY"
expect_rc 2 "a read-only command makes no memory"

# Processes importing at once: six imports of overlapping slices of 600 units (each unit in
# three of them), then every unit is there once.
SHARED_PG=$(pg_schema_uri shared)
for i in $(seq 1 600); do
  printf '국방부는 %d일 제%d차 회의를 열고 연합훈련 계획 %d호를 발표했다.\tOn the %dth the ministry held meeting %d and announced exercise plan %d.\n' \
    "$i" "$i" "$i" "$i" "$i" "$i"
done >"$WORK/all.tsv"
pids=()
for p in 0 1 2 3 4 5; do
  awk -v p="$p" '(int((NR - 1) / 100) + p) % 6 < 3' "$WORK/all.tsv" >"$WORK/part$p.tsv"
  "$TB" tm import --quiet --tm "$SHARED_PG" --src-lang ko --tgt-lang en --format tsv \
    "$WORK/part$p.tsv" >"$WORK/import$p.out" 2>"$WORK/import$p.err" &
  pids+=($!)
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || fail "import $i failed: $(cat "$WORK/import$i.err")"
done
added=$(cat "$WORK"/import*.out | sed -n 's/.*: \([0-9]*\) added, \([0-9]*\) duplicates.*/\1/p' |
  awk '{s += $1} END {print s}')
CHECKS=$((CHECKS + 1))
[ "$added" = 600 ] || fail "the imports added $added units in all, expected 600"
run "$TB" tm stats --tm "$SHARED_PG"
expect_out_contains "units	600" "every unit stored once"
run "$TB" tm export --tm "$SHARED_PG" --format tsv
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | sort -u | wc -l)" = 600 ] || fail "export: not 600 distinct units"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 600 ] || fail "export: not 600 units"
[ "$(printf '%s\n' "$OUT" | sort)" = "$(sort "$WORK/all.tsv")" ] || fail "export differs from the input"
run "$TB" tm lookup --tm "$SHARED_PG" '국방부는 77일 제77차 회의를 열고 연합훈련 계획 77호를 발표했다.'
expect_out_contains "  100%  " "a unit of the concurrent imports is found"

echo "ok: $CHECKS checks"
