#!/usr/bin/env bash
# tm import finds the sentence pairs inside a unit of several sentences (its parts): a lookup
# and a pre-translation of one of its sentences give the exact match and say which unit it
# is part of; tm export gives the units back as they were imported.
. "$(dirname "$0")/lib.sh"

# A unit of two sentences each side, as aligned news and paragraph memories hold them, and a
# unit of one sentence.
cat >"$WORK/news.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="paragraph" o-tmf="test" adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu tuid="a1" creationdate="20251211T093000Z">
      <tuv xml:lang="ko"><seg>국방부는 11일 워싱턴에서 제5차 핵협의그룹 회의를 열었다고 밝혔다. 양측은 북한의 핵 위협에 대응해 확장억제를 강화하는 방안을 논의했다.</seg></tuv>
      <tuv xml:lang="en"><seg>The Ministry of National Defense said it held the fifth Nuclear Consultative Group meeting in Washington on the 11th. The two sides discussed ways to strengthen extended deterrence against North Korea's nuclear threat.</seg></tuv>
    </tu>
    <tu tuid="a2" creationdate="20251211T093100Z">
      <tuv xml:lang="ko"><seg>합동참모본부는 경계태세를 강화했다.</seg></tuv>
      <tuv xml:lang="en"><seg>The Joint Chiefs of Staff strengthened its readiness posture.</seg></tuv>
    </tu>
  </body>
</tmx>
TMX
TM="$WORK/news.tm.sqlite"
SECOND_KO='양측은 북한의 핵 위협에 대응해 확장억제를 강화하는 방안을 논의했다.'
SECOND_EN="The two sides discussed ways to strengthen extended deterrence against North Korea's nuclear threat."

run "$TB" tm import --tm "$TM" "$WORK/news.tmx"
expect_rc 0 "import"
expect_out_contains "2 added" "units added"
expect_out_contains "$TM: 2 sentence pairs found inside 1 unit (parts)" "parts found"

run "$TB" tm stats --tm "$TM"
expect_rc 0 "stats"
expect_out_contains "units	2" "parts are not units"
expect_out_contains "parts	2" "parts counted apart"
expect_out_contains "document	news.tmx	2" "documents count units"

# A sentence of the two-sentence unit is an exact match, from a part of unit 1.
run "$TB" tm lookup --tm "$TM" "$SECOND_KO"
expect_rc 0 "lookup"
expect_out_contains "  100%  #" "exact match"
expect_out_contains "        $SECOND_EN" "the sentence's own translation"
expect_out_contains "        part of unit #1" "origin of the part"
run "$TB" tm lookup --tm "$TM" --jsonl "$SECOND_KO"
expect_rc 0 "lookup --jsonl"
expect_out_contains '"part_of":1' "jsonl part_of"

# The whole unit still answers the whole paragraph.
run "$TB" tm lookup --tm "$TM" "국방부는 11일 워싱턴에서 제5차 핵협의그룹 회의를 열었다고 밝혔다. $SECOND_KO"
expect_rc 0 "paragraph lookup"
expect_out_contains "  100%  #1  국방부는" "the unit matches the paragraph"

# Pre-translation of an article holding the sentence: filled, and the origin names the unit.
printf '%s 합동참모본부는 경계태세를 강화했다.\n' "$SECOND_KO" >"$WORK/article.ko.txt"
run "$TB" pretranslate --src-lang ko --tgt-lang en --tm "$TM" -o "$WORK/job.xlf" \
  "$WORK/article.ko.txt"
expect_rc 0 "pretranslate"
expect_out_contains "exact             2 segments" "both sentences exact"
CHECKS=$((CHECKS + 1))
grep -q "origin=\"$TM, part of unit 1\"" "$WORK/job.xlf" ||
  fail "no match origin naming the unit: $(grep alt-trans "$WORK/job.xlf")"
CHECKS=$((CHECKS + 1))
grep -qF "<mrk mtype=\"seg\" mid=\"s1\">The two sides discussed" "$WORK/job.xlf" ||
  fail "the sentence's translation is not filled in: $(cat "$WORK/job.xlf")"

# Export gives the units back exactly as a memory without parts does: two units, no parts.
run "$TB" tm export --tm "$TM" -o "$WORK/with-parts.tmx"
expect_rc 0 "export"
run "$TB" tm import --no-parts --tm "$WORK/plain.tm.sqlite" "$WORK/news.tmx"
expect_rc 0 "import without parts"
run "$TB" tm export --tm "$WORK/plain.tm.sqlite" -o "$WORK/plain.tmx"
expect_rc 0 "export without parts"
# The header's creationdate is the time of the export; the rest must be the same.
CHECKS=$((CHECKS + 1))
grep -v '<header ' "$WORK/with-parts.tmx" >"$WORK/with-parts.body"
grep -v '<header ' "$WORK/plain.tmx" >"$WORK/plain.body"
cmp -s "$WORK/with-parts.body" "$WORK/plain.body" ||
  fail "export differs with parts: $(diff "$WORK/plain.body" "$WORK/with-parts.body")"
CHECKS=$((CHECKS + 1))
[ "$(grep -c '<tu ' "$WORK/with-parts.tmx")" = 2 ] || fail "export is not two units"
CHECKS=$((CHECKS + 1))
grep -qF "<seg>The Ministry of National Defense said it held the fifth Nuclear Consultative Group meeting in Washington on the 11th. $SECOND_EN</seg>" \
  "$WORK/with-parts.tmx" || fail "the two-sentence unit is not exported whole"

# A memory imported without parts gets them at its next import (here: the same file again).
run "$TB" tm lookup --tm "$WORK/plain.tm.sqlite" "$SECOND_KO"
expect_out_contains "no match" "no part yet"
run "$TB" tm import --tm "$WORK/plain.tm.sqlite" "$WORK/news.tmx"
expect_rc 0 "import again"
expect_out_contains "2 sentence pairs found inside 1 unit" "older units split"
run "$TB" tm lookup --tm "$WORK/plain.tm.sqlite" "$SECOND_KO"
expect_out_contains "part of unit #1" "part found after the second import"

# Two imports with parts into one memory at once: the sentence pairs are looked for after
# each import's units are committed, outside its write lock; both succeed, and every pair is
# stored once, though each import may look at the other's units too.
for side in a b; do
  awk -v side="$side" 'BEGIN {
    print "ko\ten"
    for (i = 1; i <= 400; i++) {
      n = (side == "a" ? i : i + 1000)
      printf "국방부는 %d일 정례 회의를 열었다고 밝혔다. 양측은 %d개 협력 방안을 논의했다.\t", n, n + 7
      printf "The ministry said it held a regular meeting on day %d. The two sides discussed %d cooperation measures.\n", n, n + 7
    }
  }' >"$WORK/many-$side.tsv"
done
"$TB" tm import --tm "$WORK/two.tm.sqlite" "$WORK/many-a.tsv" >"$WORK/a.out" 2>&1 &
pa=$!
"$TB" tm import --tm "$WORK/two.tm.sqlite" "$WORK/many-b.tsv" >"$WORK/b.out" 2>&1 &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
rb=$?
CHECKS=$((CHECKS + 2))
[ "$ra" = 0 ] || fail "first concurrent import exit $ra: $(cat "$WORK/a.out")"
[ "$rb" = 0 ] || fail "second concurrent import exit $rb: $(cat "$WORK/b.out")"
run "$TB" tm stats --tm "$WORK/two.tm.sqlite"
expect_out_contains "units	800" "both imports stored"
expect_out_contains "parts	1600" "every sentence pair stored once"
run sqlite3 "$WORK/two.tm.sqlite" 'PRAGMA integrity_check'
expect_out "ok" "integrity_check after two imports"
run "$TB" tm lookup --tm "$WORK/two.tm.sqlite" "양측은 1207개 협력 방안을 논의했다."
expect_out_contains "  100%  #" "a part of the second import"
expect_out_contains "The two sides discussed 1207 cooperation measures." "its translation"

done_checks
