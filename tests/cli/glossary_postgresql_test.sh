#!/usr/bin/env bash
# fixtures: pg
# Term bases in PostgreSQL (a postgresql:// URI wherever a term-base FILE or --glossary goes):
# every command gives what it gives on the file the term base came from, edits are checked
# against the concept's version, and two editors at once lose nothing. Needs the cluster of
# tests/pg_cluster.sh; skips without.
. "$(dirname "$0")/lib.sh"

need_pg
cleanup() {
  pg_drop_schemas
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK" || exit 1

S="$TB_SOURCE_DIR/samples"
FILE="$WORK/defense.tbx"
cp "$TB_SOURCE_DIR/glossaries/defense.ko-en.tbx" "$FILE"
PG=$(pg_schema_uri defense)

run "$TB" glossary import "$PG" "$FILE"
expect_rc 0 "import into PostgreSQL"
concepts=$(grep -c '<conceptEntry' "$FILE")
expect_err_contains "$concepts concepts added, 0 merged"

# The same command on the file and on the term base in PostgreSQL: the same output.
same() {
  local what=$1 file_rc file_out file_err
  shift
  # The term base's name aside (validate prints it, an XLIFF job may).
  run "${@//@TB@/"$FILE"}"
  file_rc=$RC file_out=${OUT//"$FILE"/TERMBASE} file_err=${ERR//"$FILE"/TERMBASE}
  run "${@//@TB@/"$PG"}"
  OUT=${OUT//"$PG"/TERMBASE}
  OUT=${OUT//"${PG//&/&amp;}"/TERMBASE}
  CHECKS=$((CHECKS + 1))
  [ "$RC" = "$file_rc" ] || fail "$what: exit $RC on PostgreSQL, $file_rc on the file; stderr: $ERR"
  [ "$OUT" = "$file_out" ] || fail "$what differs; file:
$file_out
PostgreSQL:
$OUT"
  [ "${ERR//"$PG"/TERMBASE}" = "$file_err" ] || fail "$what: stderr differs; file: $file_err
PostgreSQL: $ERR"
}
compare_all() {
  same "list" "$TB" glossary list @TB@
  same "list --lang" "$TB" glossary list --lang ko -g @TB@
  same "search" "$TB" glossary search 핵협의 @TB@
  same "search -g" "$TB" glossary search --max 3 missile -g @TB@
  same "stats" "$TB" glossary stats @TB@
  same "validate" "$TB" glossary validate @TB@
  same "convert to TBX v2" "$TB" glossary convert @TB@ - --to tbx2
  same "convert to TBX v3" "$TB" glossary convert @TB@ - --to tbx3-dct
  same "convert to CSV" "$TB" glossary convert @TB@ - --to csv
  same "terms find" "$TB" terms find -g @TB@ -l ko "$S/ncg-sixth-meeting/article.ko.txt"
  same "terms find en" "$TB" terms find --glossary @TB@ -l en "$S/ncg-sixth-meeting/article.en.txt"
  "$TB" align "$S/ncg-sixth-meeting/article.ko.txt" "$S/ncg-sixth-meeting/article.en.txt" \
    --glossary "$FILE" --format tsv -o sixth.tsv || fail "align sixth"
  same "align" "$TB" align "$S/ncg-sixth-meeting/article.ko.txt" \
    "$S/ncg-sixth-meeting/article.en.txt" --glossary @TB@ --format tsv
  same "qa" "$TB" qa --glossary @TB@ --src-lang ko --tgt-lang en sixth.tsv
  same "pretranslate" "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko \
    --tgt-lang en --glossary @TB@ -q --xliff 2.1 -o -
}
compare_all
# Not only equal to each other: the QA report is the expected one.
run "$TB" qa --glossary "$PG" --src-lang ko --tgt-lang en sixth.tsv
expect_rc 1 "qa with the term base in PostgreSQL"
[ "$OUT" = "$(cat "$S/ncg-sixth-meeting/expected.qa.txt")" ] || fail "QA report differs: $OUT"

# TBX -> PostgreSQL -> TBX loses nothing: the export is the file's own conversion.
"$TB" glossary convert "$FILE" from-file.tbx --to tbx2 || fail "convert the file"
"$TB" glossary convert "$PG" from-pg.tbx --to tbx2 || fail "convert from PostgreSQL"
cmp -s from-file.tbx from-pg.tbx || fail "export differs: $(diff from-file.tbx from-pg.tbx | head)"

# Edits: the same on both, then every command again.
edit_both() {
  local what=$1
  shift
  run "${@//@TB@/"$FILE"}"
  expect_rc 0 "$what on the file"
  run "${@//@TB@/"$PG"}"
  expect_rc 0 "$what on PostgreSQL"
}
edit_both "add" "$TB" glossary add @TB@ kill-chain-test --term ko=킬체인 \
  --term 'en=Kill Chain;preferred;fullForm' --note 'a "quoted" note, with a comma'
edit_both "set" "$TB" glossary set @TB@ nuclear-consultative-group --term 'ko=핵 협의 그룹;variant' --definition 'NCG'
edit_both "set --remove-term" "$TB" glossary set @TB@ kill-chain-test --remove-term ko=킬체인 \
  --term 'ko=킬 체인;preferred'
first=$(sed -n 2p <<<"$("$TB" glossary list "$FILE")" | cut -f1)
edit_both "remove" "$TB" glossary remove @TB@ "$first"
compare_all
# Several at once (one named twice): each removed once, all in one transaction.
second=$(sed -n 3p <<<"$("$TB" glossary list "$FILE")" | cut -f1)
third=$(sed -n 4p <<<"$("$TB" glossary list "$FILE")" | cut -f1)
edit_both "remove several" "$TB" glossary remove @TB@ "$second" "$third" "$second"
[ "$("$TB" glossary convert "$FILE" - --to tsv)" = "$("$TB" glossary convert "$PG" - --to tsv)" ] ||
  fail "removing several: the file and the term base differ"
run "$TB" glossary list "$PG"
grep -q -e "^$second	" -e "^$third	" <<<"$OUT" && fail "$second or $third still listed"

# Versions: 1 when added, one more per change; none for the file.
run "$TB" glossary list --versions --lang en "$PG"
expect_rc 0 "list --versions"
expect_out_contains "$(printf 'kill-chain-test\t2\tKill Chain')"
expect_out_contains "$(printf 'nuclear-consultative-group\t2\t')"
grep -q "^$first	" <<<"$OUT" && fail "removed concept $first still listed"
run "$TB" glossary list --versions "$FILE"
expect_rc 2 "--versions on a file"
expect_err_contains "a file keeps no versions"

# A stale version: a clear conflict, exit status 2 (as a lock that cannot be taken), nothing
# written.
before=$("$TB" glossary convert "$PG" - --to tsv)
run "$TB" glossary set "$PG" nuclear-consultative-group --note 'stale edit' --expect-version 1
expect_rc 2 "set from a stale version"
expect_err_contains "concept 'nuclear-consultative-group' was changed by someone else since you read it (version 1, now 2); read it again and retry"
run "$TB" glossary remove "$PG" nuclear-consultative-group --expect-version 1
expect_rc 2 "remove from a stale version"
expect_err_contains "(version 1, now 2)"
[ "$("$TB" glossary convert "$PG" - --to tsv)" = "$before" ] || fail "a refused edit changed the term base"
run "$TB" glossary set "$PG" nuclear-consultative-group --note 'fresh edit' --expect-version 2
expect_rc 0 "set from the current version"
run "$TB" glossary set "$FILE" nuclear-consultative-group --note x --expect-version 2
expect_rc 2 "--expect-version on a file"
run "$TB" glossary add "$PG" nuclear-consultative-group --term en=NCG
expect_rc 2 "add a taken id"
expect_err_contains "concept 'nuclear-consultative-group' is already in term base"
run "$TB" glossary set "$PG" nuclear-consultative-group --note x -o out.tbx
expect_rc 2 "-o with a URI"
[ ! -e out.tbx ] || fail "-o wrote a file"

# Two editors at once, both from the version they were shown: one wins, the other is told.
version=$("$TB" glossary list --versions "$PG" | awk -F'\t' '$1 == "nuclear-consultative-group" {print $2}')
for i in 1 2; do
  "$TB" glossary set "$PG" nuclear-consultative-group --term "en=editor $i" --expect-version "$version" \
    >"editor$i.out" 2>"editor$i.err" &
  pids[i]=$!
done
wins=0 conflicts=0 winner=
for i in 1 2; do
  if wait "${pids[i]}"; then
    wins=$((wins + 1)) winner=$i
  else
    grep -q "was changed by someone else since you read it (version $version, now $((version + 1)))" "editor$i.err" ||
      fail "editor $i failed without the conflict message: $(cat "editor$i.err")"
    conflicts=$((conflicts + 1))
  fi
done
CHECKS=$((CHECKS + 1))
[ "$wins" = 1 ] && [ "$conflicts" = 1 ] || fail "$wins won, $conflicts conflicts (expected 1 and 1)"
run "$TB" glossary list --versions --lang en "$PG"
expect_out_contains "editor $winner"
expect_out_contains "$(printf 'nuclear-consultative-group\t%s\t' $((version + 1)))"

# Editors without --expect-version, each adding its own term many times over: each edit
# either lands or is refused with the conflict message; no edit that reported success is lost.
for i in 1 2; do
  (
    for n in 1 2 3 4 5 6 7 8; do
      if "$TB" glossary set "$PG" kill-chain-test --term "en=chain $i-$n" 2>>"loop$i.err"; then
        echo "chain $i-$n"
      fi
    done
  ) >"loop$i.out" &
  pids[i]=$!
done
wait "${pids[1]}" "${pids[2]}"
listed=$("$TB" glossary list --lang en "$PG" | grep '^kill-chain-test')
while IFS= read -r t; do
  CHECKS=$((CHECKS + 1))
  case "$listed" in *"$t"*) ;; *) fail "edit '$t' reported done but is lost: $listed" ;; esac
done < <(cat loop1.out loop2.out)
if [ -s loop1.err ] || [ -s loop2.err ]; then
  ! grep -hv "was changed by someone else" loop1.err loop2.err || fail "unexpected errors"
fi
[ "$(cat loop1.out loop2.out | wc -l)" -ge 8 ] || fail "too few edits landed"

# A failed import leaves the term base as it was.
before=$("$TB" glossary convert "$PG" - --to tsv)
printf 'id\ten\tko\tdomain\nncg\tNCG\t핵협의그룹\tnavy\nncg\tNCG\t핵협의그룹\tarmy\n' >bad.tsv
run "$TB" glossary import "$PG" bad.tsv
expect_rc 2 "import of a bad file"
[ "$("$TB" glossary convert "$PG" - --to tsv)" = "$before" ] || fail "a failed import changed the term base"

# Errors name the URI without its password; a database without a term base is not made one
# by a reading command.
run "$TB" glossary list "postgresql://someone:s3cret@127.0.0.1:1/terms"
expect_rc 2 "unreachable server"
expect_err_contains "postgresql://someone@127.0.0.1:1/terms"
case "$ERR" in *s3cret*) fail "the password is shown: $ERR" ;; esac
EMPTY=$(pg_schema_uri empty)
run "$TB" terms find -g "$EMPTY" -l en "$S/ncg-sixth-meeting/article.en.txt"
expect_rc 2 "terms on a database without a term base"
expect_err_contains "holds no termbridge term base"
run "$TB" glossary convert "$FILE" "$EMPTY"
expect_rc 2 "convert into a URI"
expect_err_contains "glossary import"

done_checks
