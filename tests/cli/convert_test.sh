#!/usr/bin/env bash
# termbridge convert and validate: TMX, XLIFF 1.2/2.x, TSV/CSV, TBX; schema checks of every
# written file; bad input.
. "$(dirname "$0")/lib.sh"
IN="$TB_DATA/interchange/ncg.tmx"

run "$TB" validate "$IN"
expect_rc 0 "validate OmegaT-style TMX"
expect_out_contains "ok (tmx 1.4, 3 units)"

# TMX -> XLIFF 1.2 -> XLIFF 2.1 -> XLIFF 2.0 -> TMX, each written file schema-valid.
run "$TB" convert "$IN" "$WORK/a.xlf"
expect_rc 0 "tmx -> xliff12"
expect_valid_xml "$WORK/a.xlf"
run "$TB" convert "$WORK/a.xlf" "$WORK/b.xlf" --to xliff21
expect_rc 0 "xliff12 -> xliff21"
expect_valid_xml "$WORK/b.xlf"
run "$TB" convert "$WORK/b.xlf" "$WORK/b20.xlf" --to xliff20
expect_rc 0 "xliff21 -> xliff20"
expect_valid_xml "$WORK/b20.xlf"
# The .xlf extension lies (it holds XLIFF 2): the content decides.
run "$TB" convert "$WORK/b20.xlf" "$WORK/c.tmx"
expect_rc 0 "xliff20 -> tmx"
expect_valid_xml "$WORK/c.tmx"
grep -q 'srclang="ko-KR"' "$WORK/c.tmx" || fail "srclang lost"
grep -q '<bpt i="1" type="bold">&lt;b&gt;</bpt>5th<ept i="1">&lt;/b&gt;</ept>' "$WORK/c.tmx" ||
  fail "inline codes lost: $(cat "$WORK/c.tmx")"
grep -q '<note>국방부 보도자료 2025-12-11</note>' "$WORK/c.tmx" || fail "note lost"
grep -q '<prop type="x-document">scm-55.ko.txt</prop>' "$WORK/c.tmx" || fail "prop lost"
[ "$(grep -c '<tu ' "$WORK/c.tmx")" = 3 ] || fail "units lost"

# An XLIFF 2 without <file> (nothing to translate yet): XLIFF 1.2 wants a <file>, and only
# a <file> holds the languages, so one empty file is written and read back the same.
printf '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en"></xliff>\n' >"$WORK/nofile.xlf"
run "$TB" convert "$WORK/nofile.xlf" "$WORK/nofile12.xlf" --to xliff12
expect_rc 0 "xliff20 without file -> xliff12"
expect_valid_xml "$WORK/nofile12.xlf"
grep -q '<file original="file1" source-language="ko" target-language="en"' "$WORK/nofile12.xlf" ||
  fail "languages lost: $(cat "$WORK/nofile12.xlf")"
run "$TB" convert "$WORK/nofile12.xlf" "$WORK/nofile12b.xlf" --to xliff12
expect_rc 0 "empty xliff12 -> xliff12"
cmp -s "$WORK/nofile12.xlf" "$WORK/nofile12b.xlf" || fail "empty xliff12 changed on a second round"

# TSV and CSV.
run "$TB" convert "$IN" "$WORK/d.tsv"
expect_rc 0 "tmx -> tsv"
[ "$(head -n 1 "$WORK/d.tsv")" = "$(printf 'ko-KR\ten-US')" ] || fail "tsv header: $(head -n 1 "$WORK/d.tsv")"
run "$TB" convert "$WORK/d.tsv" "$WORK/e.csv"
expect_rc 0 "tsv -> csv"
grep -q '"Both sides discussed conventional-nuclear integration (CNI) & extended deterrence."' "$WORK/e.csv" &&
  fail "csv quoted a field without comma"
run "$TB" convert "$WORK/e.csv" "$WORK/f.tmx"
expect_rc 0 "csv -> tmx"
expect_valid_xml "$WORK/f.tmx"
run "$TB" validate "$WORK/f.tmx"
expect_rc 0 "validate csv-made tmx"

# Term bases: CSV -> TBX v3 -> CSV.
printf 'id,ko,en\nC1,핵협의그룹,Nuclear Consultative Group\nC2,확장억제,extended deterrence\n' >"$WORK/terms.csv"
run "$TB" convert "$WORK/terms.csv" "$WORK/terms.tbx" --to tbx3
expect_rc 0 "csv -> tbx3"
expect_valid_xml "$WORK/terms.tbx"
run "$TB" convert "$WORK/terms.tbx" "$WORK/terms2.csv"
expect_rc 0 "tbx3 -> csv"
grep -q '확장억제' "$WORK/terms2.csv" || fail "term lost in tbx -> csv"

# Bad input: each a finding with a location.
printf '<tmx version="1.4">\n<header srclang="ko"/>\n<body>\n<tu><tuv xml:lang="ko"><seg>국방</sge></tuv></tu>\n</body></tmx>\n' >"$WORK/bad.tmx"
run "$TB" validate "$WORK/bad.tmx"
expect_rc 1 "not well-formed"
expect_out_contains "bad.tmx:4:"
expect_out_contains "not well-formed"
run "$TB" convert "$WORK/bad.tmx" "$WORK/bad.xlf"
expect_rc 2 "convert of a broken file"
expect_err_contains "bad.tmx:4:"

printf '<tmx version="1.4">\n<header creationtool="x"/>\n<body>\n<tu tuid="1"><tuv xml:lang="ko"><seg>국방</seg></tuv></tu>\n<tu tuid="2"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ja"><seg>b</seg></tuv></tu>\n</body></tmx>\n' >"$WORK/nosrc.tmx"
run "$TB" validate "$WORK/nosrc.tmx"
expect_rc 1 "no srclang, one tuv"
expect_out_contains "no srclang attribute"
expect_out_contains "nosrc.tmx:4:1: <tu tuid='1'> has 1 <tuv>"
expect_out_contains "no creationtoolversion attribute"

printf '<tmx version="1.4">\n<header srclang="ko" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>\n<body>\n<tu tuid="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ja"><seg>b</seg></tuv></tu>\n</body></tmx>\n' >"$WORK/mixed.tmx"
run "$TB" validate "$WORK/mixed.tmx"
expect_rc 1 "mixed-up languages"
expect_out_contains "mixed.tmx:4:1: <tu tuid='1'> has no <tuv> in the source language 'ko' (found en, ja)"

printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n<tmx version="1.4"><header srclang="ko"/><body><tu><tuv xml:lang="ko"><seg>&lol3;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n' >"$WORK/lol.tmx"
run timeout 10 "$TB" convert "$WORK/lol.tmx" "$WORK/lol.tsv"
expect_rc 0 "billion laughs"
[ "$(wc -c <"$WORK/lol.tsv")" -lt 100 ] || fail "entities expanded"

printf '<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko"><file id="f"/></xliff>\n' >"$WORK/v3.xlf"
run "$TB" validate "$WORK/v3.xlf"
expect_rc 1 "unknown XLIFF version"
expect_out_contains "unsupported XLIFF version '3.0'"

printf '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="ko" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>국방</source><target xml:lang="ja">国防</target></trans-unit></body></file></xliff>\n' >"$WORK/lang.xlf"
run "$TB" validate "$WORK/lang.xlf"
expect_rc 1 "target language mismatch"
expect_out_contains "does not match the file's target-language 'en'"

run "$TB" convert "$IN" "$WORK/x.unknown"
expect_rc 2 "unknown output extension"
expect_err_contains "name it with --to"

# A TMX cut short on stdin: the format is sniffed from the head, the rest streams, and the
# error names stdin with line and column.
head -c 1200 "$TB_DATA/tm/news.ko-en.tmx" >"$WORK/cut.tmx"
run bash -c "\"$TB\" convert - \"$WORK/cut.tsv\" --to tsv <\"$WORK/cut.tmx\""
expect_rc 2 "truncated TMX on stdin"
expect_err_contains "<stdin>:"
expect_err_contains "not well-formed XML"
[ ! -e "$WORK/cut.tsv" ] || fail "a failed convert left its output"

# Units in three languages are never dropped quietly on the way to XLIFF: one 1.2 <file>
# per target language; XLIFF 2 one file per language with {lang}, else refused.
cat >"$WORK/tri.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Heartsome" creationtoolversion="9" segtype="sentence" o-tmf="hs" adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu tuid="a1">
      <tuv xml:lang="ko"><seg>국방부는 확장억제를 논의했다.</seg></tuv>
      <tuv xml:lang="en"><seg>The ministry discussed extended deterrence.</seg></tuv>
      <tuv xml:lang="ja"><seg>国防部は拡大抑止を協議した。</seg></tuv>
    </tu>
  </body>
</tmx>
TMX
run "$TB" convert "$WORK/tri.tmx" "$WORK/tri.xlf"
expect_rc 0 "three languages -> xliff12"
expect_valid_xml "$WORK/tri.xlf"
[ "$(grep -c '<file ' "$WORK/tri.xlf")" = 2 ] || fail "one <file> per target: $(cat "$WORK/tri.xlf")"
grep -q '国防部は拡大抑止を協議した。' "$WORK/tri.xlf" || fail "ja lost"
run "$TB" convert "$WORK/tri.tmx" "$WORK/tri2.xlf" --to xliff21
expect_rc 0 "three languages -> one xliff21"
expect_err_contains "2 target languages; XLIFF 2.1 holds one pair: en is the target, ja kept"
expect_err_contains "--tgt-lang"
expect_valid_xml "$WORK/tri2.xlf"
grep -q '<tb:variant xml:lang="ja">国防部は拡大抑止を協議した。' "$WORK/tri2.xlf" ||
  fail "ja not kept in tb:variants: $(cat "$WORK/tri2.xlf")"
run "$TB" convert "$WORK/tri2.xlf" "$WORK/tri2.tmx"
expect_rc 0 "xliff21 with tb:variants -> tmx"
grep -q '<tuv xml:lang="ja"><seg>国防部は拡大抑止を協議した。</seg>' "$WORK/tri2.tmx" ||
  fail "ja lost on the way back: $(cat "$WORK/tri2.tmx")"
run "$TB" convert "$WORK/tri.tmx" "$WORK/tri.{lang}.xlf" --to xliff21
expect_rc 0 "three languages -> xliff21 per language"
expect_valid_xml "$WORK/tri.en.xlf"
expect_valid_xml "$WORK/tri.ja.xlf"
grep -q 'trgLang="ja"' "$WORK/tri.ja.xlf" || fail "ja file: $(cat "$WORK/tri.ja.xlf")"
grep -q 'The ministry discussed extended deterrence.' "$WORK/tri.en.xlf" || fail "en file"
run "$TB" convert "$WORK/tri.tmx" "$WORK/only-ja.xlf" --to xliff21 --tgt-lang ja
expect_rc 0 "three languages -> xliff21 --tgt-lang ja"
grep -q '国防部は拡大抑止を協議した。' "$WORK/only-ja.xlf" || fail "--tgt-lang ja"

# A bilingual table in CP949 converts with a note.
printf 'ko\ten\n\xb1\xb9\xb9\xe6\xba\xce\tMinistry of National Defense\n' >"$WORK/cp949.tsv"
run "$TB" convert "$WORK/cp949.tsv" "$WORK/cp949.tmx"
expect_rc 0 "cp949 table"
expect_err_contains "read as cp949"
grep -q '<seg>국방부</seg>' "$WORK/cp949.tmx" || fail "cp949 table text"

done_checks
