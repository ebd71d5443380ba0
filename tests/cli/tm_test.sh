#!/usr/bin/env bash
# termbridge tm: import, lookup, concordance, stats, export, remove, and memories that must be
# refused.
. "$(dirname "$0")/lib.sh"

TM="$WORK/news.tm.sqlite"
TSV="$TB_DATA/tm/news.ko-en.tsv"

run "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$TSV"
expect_rc 0 "import"
expect_out "$TM: 4 added, 0 duplicates, 0 skipped" "import summary"

run "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$TSV"
expect_rc 0 "import again"
expect_out "$TM: 0 added, 4 duplicates, 0 skipped" "duplicates by content"

run "$TB" tm import --tm "$TM" "$TSV"
expect_rc 2 "import without languages"
expect_err_contains "--src-lang is required"

# A fuzzy match: one word differs out of seven tokens.
run "$TB" tm lookup --tm "$TM" --src-lang ko --tgt-lang en '국방부는 연합훈련 일정을 발표했다.'
expect_rc 0 "lookup"
expect_out_contains "   85%  #2  국방부는 연합훈련 계획을 발표했다." "percentage and source"
expect_out_contains "        The Ministry of National Defense announced the combined exercise plan."
expect_out_contains "        diff: 국방부는 연합훈련 [-계획-]{+일정+}을 발표했다." "diff"
expect_out_contains "        from: news.ko-en.tsv" "origin"

run "$TB" tm lookup --tm "$TM" '북한은 동해상으로 탄도미사일 2발을 발사했다.'
expect_rc 0 "exact lookup"
expect_out_contains "  100%  #3  " "exact match"

run "$TB" tm lookup --tm "$TM" --jsonl '한미 양국은 13일 서울에서 핵협의그룹 회의를 열었다.'
expect_rc 0 "lookup --jsonl"
expect_out_contains '"score":83.3' "jsonl score"
expect_out_contains '{"kind":"changed","match":"12","query":"13"}' "jsonl diff"
expect_out_contains '{"kind":"changed","match":"워싱턴","query":"서울"}' "jsonl diff 2"

run "$TB" tm lookup --tm "$TM" '주한미군 사령관이 기자회견을 열었다.'
expect_rc 0 "no match"
expect_out_contains "no match >= 70%" "no match"

printf '국방부는 연합훈련 일정을 발표했다.\n합동참모본부는 북한의 추가 도발에 대비해 경계태세를 유지했다.\n' >"$WORK/queries.txt"
run "$TB" tm lookup --tm "$TM" --jsonl --file "$WORK/queries.txt"
expect_rc 0 "lookup --file"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] || fail "one JSON line per query: $OUT"
expect_out_contains '"id":4' "second query finds unit 4"

# Concordance: a phrase inside a word, case folded, on the side asked; the count at the end.
run "$TB" tm concordance --tm "$TM" 핵협의
expect_rc 0 "concordance"
expect_out "#1  한미 양국은 12일 워싱턴에서 핵협의그룹 회의를 열었다.
      South Korea and the United States held a Nuclear Consultative Group meeting in Washington on the 12th.
      from: news.ko-en.tsv
1 unit holds '핵협의'" "concordance text"
run "$TB" tm concordance --tm "$TM" --jsonl --side target 'NORTH KOREA'
expect_rc 0 "concordance --jsonl"
# Unit 4 says "North Korean": inside a word, as in Korean.
[ "$(printf '%s\n' "$OUT" | wc -l)" = 2 ] || fail "one JSON line per unit: $OUT"
expect_out_contains '"id":3,"source":"북한은 동해상으로' "North Korea in the target of unit 3"
expect_out_contains '"id":4,' "North Korean in unit 4"
run "$TB" tm concordance --tm "$TM" --side source 'North Korea'
expect_out "0 units hold 'North Korea'" "not in the sources"
run "$TB" tm concordance --tm "$TM" --max 1 다
expect_out_contains "4 units hold '다', 1 shown (--max 0 shows all)" "--max"
run "$TB" tm concordance --tm "$TM" --side middle 다
expect_rc 2 "bad --side"
expect_err_contains "--side takes source, target or both"
run "$TB" tm concordance --tm "$TM" --max ten 다
expect_rc 2 "bad --max"
expect_err_contains "--max takes a number of units (0: all), not 'ten'"
run "$TB" tm concordance --tm "$TM" ' '
expect_rc 2 "blank phrase"
expect_err_contains "give one PHRASE to look for"

run "$TB" tm stats --tm "$TM"
expect_rc 0 "stats"
expect_out_contains "units	4"
expect_out_contains "pair	ko	en	4"
expect_out_contains "document	news.ko-en.tsv	4"

run "$TB" tm export --tm "$TM" -o "$WORK/out.tsv"
expect_rc 0 "export"
tail -n +2 "$TSV" | cut -f1,2 >"$WORK/expected.tsv"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/out.tsv" "$WORK/expected.tsv" || fail "export differs from the import"

run "$TB" tm remove --tm "$TM" --id 2
expect_rc 0 "remove by id"
expect_out "$TM: 1 removed"
run "$TB" tm lookup --tm "$TM" '국방부는 연합훈련 일정을 발표했다.'
expect_out_contains "no match" "removed unit is gone from the index"
run "$TB" tm remove --tm "$TM" --document news.ko-en.tsv
expect_out "$TM: 3 removed" "remove by document"
run "$TB" tm remove --tm "$TM" --id two
expect_rc 2 "bad id"
expect_err_contains "--id takes a unit number, not 'two'"

# A bad line stops the import and stores nothing of the file.
printf '국방부는 밝혔다.\tThe ministry said.\n국방부는 발표했다. The ministry announced.\n' >"$WORK/bad.tsv"
run "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$WORK/bad.tsv"
expect_rc 2 "bad TSV"
expect_err_contains "$WORK/bad.tsv:2: expected source<TAB>target, found no tab"
run "$TB" tm stats --tm "$TM"
expect_out_contains "units	0" "nothing stored from a failed import"

# Lookups never create a memory.
run "$TB" tm lookup --tm "$WORK/none.sqlite" '국방부는 발표했다.'
expect_rc 2 "missing memory"
expect_err_contains "cannot open translation memory '$WORK/none.sqlite': no such file"
[ ! -e "$WORK/none.sqlite" ] || fail "lookup created a memory"

# A file that is not a database is refused and left as it was.
printf '핵협의그룹 회의 메모\n' >"$WORK/notes.txt"
cp "$WORK/notes.txt" "$WORK/notes.orig"
run "$TB" tm import --tm "$WORK/notes.txt" --src-lang ko --tgt-lang en "$TSV"
expect_rc 2 "not a database"
expect_err_contains "'$WORK/notes.txt' is not a translation memory (not an SQLite database)"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/notes.txt" "$WORK/notes.orig" || fail "a foreign file was changed"

# A memory of a newer schema version is refused and left as it was.
if command -v sqlite3 >/dev/null; then
  "$TB" tm import --tm "$WORK/new.sqlite" --src-lang ko --tgt-lang en "$TSV" >/dev/null
  sqlite3 "$WORK/new.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version=7;' >/dev/null
  cp "$WORK/new.sqlite" "$WORK/new.orig"
  run "$TB" tm lookup --tm "$WORK/new.sqlite" '국방부는 발표했다.'
  expect_rc 2 "newer schema"
  expect_err_contains "has schema version 7, newer than this termbridge reads (2)"
  CHECKS=$((CHECKS + 1))
  cmp -s "$WORK/new.sqlite" "$WORK/new.orig" || fail "a newer memory was changed"
fi

# TMX import: languages from the header, origin props and dates kept, inline codes dropped.
TMX_IN="$TB_DATA/tm/news.ko-en.tmx"
MX="$WORK/mixed.tm.sqlite"
run "$TB" tm import --tm "$MX" "$TMX_IN"
expect_rc 0 "tmx import"
expect_out "$MX: 3 added, 0 duplicates, 0 skipped" "tmx import summary"
run "$TB" tm lookup --tm "$MX" --src-lang ko --tgt-lang en '국방부는 연합훈련 계획을 발표했다.'
expect_out_contains "  100%  #2  국방부는 연합훈련 계획을 발표했다." "inline codes are not in the text"
run "$TB" tm stats --tm "$MX"
expect_out_contains "pair	ko	en	3" "source first whatever the tuv order"
expect_out_contains "document	ncg-2025-12.ko.txt	1" "x-document prop kept"
expect_out_contains "document	news.ko-en.tmx	1" "file name for units without origin"

# CSV import: languages from the header; quoted commas and quotes.
run "$TB" tm import --tm "$MX" "$TB_DATA/tm/news.ko-en.csv"
expect_rc 0 "csv import"
expect_out "$MX: 2 added, 0 duplicates, 0 skipped" "csv import summary"
run "$TB" tm lookup --tm "$MX" '국방부는 "확장억제"를 강조했다.'
expect_out_contains '        The ministry stressed "extended deterrence", again.' "csv quoting"

# An x-align-score that is not a number: the unit is stored, without a score, and the
# warning names the file and the unit.
cat >"$WORK/badscore.tmx" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="ko" datatype="plaintext"/><body>
<tu><prop type="x-align-score">0.88</prop><tuv xml:lang="ko"><seg>양국 국방장관은 회담했다.</seg></tuv><tuv xml:lang="en"><seg>The two defense ministers met.</seg></tuv></tu>
<tu><prop type="x-align-score">0,93</prop><tuv xml:lang="ko"><seg>핵협의그룹이 열렸다.</seg></tuv><tuv xml:lang="en"><seg>The NCG met.</seg></tuv></tu>
</body></tmx>
XML
run "$TB" tm import --tm "$WORK/badscore.tm" "$WORK/badscore.tmx"
expect_rc 0 "import with a bad x-align-score"
expect_out_contains "2 added"
expect_err_contains "badscore.tmx: unit 2: x-align-score '0,93' is not a number; the unit is stored without a score"
run "$TB" tm export --tm "$WORK/badscore.tm" --format tsv
expect_rc 0 "export of the units with and without a score"
expect_out_contains "The NCG met."

# TMX export: valid TMX 1.4b with tuid, dates and origin props.
run "$TB" tm export --tm "$MX" -o "$WORK/mixed.tmx"
expect_rc 0 "tmx export"
expect_valid_xml "$WORK/mixed.tmx"
TMX_OUT=$(cat "$WORK/mixed.tmx")
CHECKS=$((CHECKS + 1))
case "$TMX_OUT" in
  *'<tu tuid="1" creationdate="20251212T081500Z" creationid="kim" changedate="20251213T101000Z">'*) ;;
  *) fail "tuid and dates in the export: $TMX_OUT" ;;
esac
CHECKS=$((CHECKS + 1))
case "$TMX_OUT" in
  *'<prop type="x-align-score">0.91</prop>'*) ;;
  *) fail "x-align-score in the export: $TMX_OUT" ;;
esac
CHECKS=$((CHECKS + 1))
case "$TMX_OUT" in
  *'<tu tuid="2" creationdate="20251115T020000Z" changedate="20251115T020000Z">'*) ;;
  *) fail "a unit without a change date keeps its creation date: $TMX_OUT" ;;
esac
CHECKS=$((CHECKS + 1))
case "$TMX_OUT" in
  *'<tuv xml:lang="ko"><seg>북한은 동해상으로 탄도미사일 2발을 발사했다.</seg></tuv>'*) ;;
  *) fail "source variant first: $TMX_OUT" ;;
esac

# The export imports again (from stdin, by its content) into the same units.
run "$TB" tm import --tm "$WORK/again.tm.sqlite" - <"$WORK/mixed.tmx"
expect_rc 0 "tmx from stdin"
expect_out "$WORK/again.tm.sqlite: 5 added, 0 duplicates, 0 skipped" "round trip import"
run "$TB" tm export --tm "$WORK/again.tm.sqlite" --format tmx
sed '/<header/d' "$WORK/mixed.tmx" >"$WORK/first.tmx"
printf '%s\n' "$OUT" | sed '/<header/d' >"$WORK/second.tmx"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/first.tmx" "$WORK/second.tmx" || fail "round trip changed units: $(diff "$WORK/first.tmx" "$WORK/second.tmx")"

run "$TB" tm export --tm "$MX" -o "$WORK/mixed.csv"
expect_rc 0 "csv export"
CHECKS=$((CHECKS + 1))
[ "$(head -1 "$WORK/mixed.csv")" = "ko,en" ] || fail "csv header: $(head -1 "$WORK/mixed.csv")"

# XLIFF through the same table of formats as convert: the memory's units as a job.
run "$TB" tm export --tm "$MX" -o "$WORK/mixed.xlf"
expect_rc 0 "export to XLIFF 1.2"
expect_valid_xml "$WORK/mixed.xlf"
CHECKS=$((CHECKS + 1))
[ "$(grep -c '<trans-unit ' "$WORK/mixed.xlf")" = "$(($(wc -l <"$WORK/mixed.csv") - 1))" ] ||
  fail "xlf export has other units than csv: $(cat "$WORK/mixed.xlf")"
run "$TB" tm export --tm "$MX" -o "$WORK/mixed.tbx"
expect_rc 2 "export to a term-base format"
expect_err_contains "tm export writes tmx, xliff12, xliff20, xliff21, tsv or csv, not tbx2"

# A TMX broken part-way stores nothing of it.
head -n 10 "$TMX_IN" >"$WORK/broken.tmx"
printf '    <tu tuid="x"><tuv xml:lang="ko"><seg>국방부는 밝혔다.</tuv>\n' >>"$WORK/broken.tmx"
run "$TB" tm import --tm "$WORK/broken.tm.sqlite" "$WORK/broken.tmx"
expect_rc 2 "broken tmx"
expect_err_contains "$WORK/broken.tmx:11:"
run "$TB" tm stats --tm "$WORK/broken.tm.sqlite"
expect_out_contains "units	0" "nothing stored from a broken tmx"

# A TMX whose srclang is *all* needs --src-lang.
sed 's/srclang="ko"/srclang="*all*"/' "$TMX_IN" >"$WORK/all.tmx"
run "$TB" tm import --tm "$WORK/all.tm.sqlite" "$WORK/all.tmx"
expect_rc 2 "srclang *all*"
expect_err_contains "--src-lang is required"
run "$TB" tm import --tm "$WORK/all.tm.sqlite" --src-lang en --tgt-lang ko "$WORK/all.tmx"
expect_out "$WORK/all.tm.sqlite: 3 added, 0 duplicates, 0 skipped" "srclang *all* with languages"

done_checks
