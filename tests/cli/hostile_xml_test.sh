#!/usr/bin/env bash
# Hostile XML through the command line: markup nested tens of thousands deep and character
# references to U+0000 give exit 2 (validate: a problem, exit 1) with the file, line, column
# and the reason; never a crash, never a segment cut short. Files are generated here.
. "$(dirname "$0")/lib.sh"

# rep N STRING: STRING N times.
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

HEAD='<?xml version="1.0"?>
<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" datatype="plaintext"/>
<body>
<tu>'
tmx() {
  printf '%s\n<tuv xml:lang="ko"><seg>%s</seg></tuv>\n<tuv xml:lang="en"><seg>en</seg></tuv>\n</tu>\n</body>\n</tmx>\n' \
    "$HEAD" "$1"
}
xlf() {
  printf '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="f" source-language="ko" target-language="en" datatype="plaintext"><body>\n<trans-unit id="1"><source>%s</source></trans-unit>\n</body></file></xliff>\n' "$1"
}
xlf2() {
  printf '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ko" trgLang="en">\n<file id="f"><unit id="u"><segment><source>%s</source></segment></unit></file></xliff>\n' "$1"
}
tbx() {
  printf '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en">\n<text><body>\n<termEntry id="c1"><langSet xml:lang="en"><tig><term>%s</term></tig></langSet>\n<langSet xml:lang="ko"><tig><term>x</term></tig></langSet></termEntry>\n</body></text></martif>\n' "$1"
}
DEEP="inline markup nested deeper than 1000 levels"

tmx "$(rep 30000 '<hi>')x$(rep 30000 '</hi>')" >"$WORK/deep.tmx"
xlf "$(rep 20000 '<g id="1">')x$(rep 20000 '</g>')" >"$WORK/deep.xlf"
xlf2 "$(rep 20000 '<pc id="1">')x$(rep 20000 '</pc>')" >"$WORK/deep2.xlf"
tbx "$(rep 50000 '<hi>')x$(rep 50000 '</hi>')" >"$WORK/deep.tbx"

run "$TB" convert "$WORK/deep.tmx" "$WORK/out.xlf"
expect_rc 2 "convert deep TMX"
expect_err_contains "$WORK/deep.tmx:6:" "convert deep TMX"
expect_err_contains "$DEEP" "convert deep TMX"
[ -e "$WORK/out.xlf" ] && fail "convert of a deep TMX left an output file"

for f in deep.xlf deep2.xlf; do
  run "$TB" convert "$WORK/$f" "$WORK/out.tmx"
  expect_rc 2 "convert $f"
  expect_err_contains "$DEEP" "convert $f"
  run "$TB" validate "$WORK/$f"
  expect_rc 1 "validate $f"
  expect_out_contains "$WORK/$f:" "validate $f"
  expect_out_contains "$DEEP" "validate $f"
done

run "$TB" validate "$WORK/deep.tmx"
expect_rc 1 "validate deep TMX"
expect_out_contains "$WORK/deep.tmx:6:" "validate deep TMX"
expect_out_contains "$DEEP" "validate deep TMX"

run "$TB" glossary list "$WORK/deep.tbx"
expect_rc 2 "glossary list deep TBX"
expect_err_contains "$WORK/deep.tbx:4:" "glossary list deep TBX"
expect_err_contains "$DEEP" "glossary list deep TBX"

run "$TB" tm import --tm "$WORK/tm.sqlite" "$WORK/deep.tmx"
expect_rc 2 "tm import deep TMX"
expect_err_contains "$DEEP" "tm import deep TMX"

# &#0; would cut "keep&#0;lost" to "keep".
NUL_MSG="character reference &#0; refers to U+0000, a character XML does not allow"
tmx 'keep&#0;lost' >"$WORK/nul.tmx"
xlf 'keep&#x0;lost' >"$WORK/nul.xlf"
tbx 'keep&#00;lost' >"$WORK/nul.tbx"
run "$TB" convert "$WORK/nul.tmx" "$WORK/nul-out.xlf"
expect_rc 2 "convert &#0; TMX"
expect_err_contains "$WORK/nul.tmx:6:29: $NUL_MSG" "convert &#0; TMX"
run "$TB" validate "$WORK/nul.tmx"
expect_rc 1 "validate &#0; TMX"
expect_out_contains "$WORK/nul.tmx:6:29: $NUL_MSG" "validate &#0; TMX"
run "$TB" validate "$WORK/nul.xlf"
expect_rc 1 "validate &#x0; XLIFF"
expect_out_contains "$WORK/nul.xlf:4:32: character reference &#x0; refers to U+0000" "validate XLIFF"
run "$TB" glossary list "$WORK/nul.tbx"
expect_rc 2 "glossary list &#00; TBX"
expect_err_contains "$WORK/nul.tbx:4:" "glossary list &#00; TBX"
expect_err_contains "character reference &#00; refers to U+0000" "glossary list &#00; TBX"

# A control character in a term base is refused by the TBX writer, never written as a
# character reference that no XML 1.0 reader takes back.
printf 'id\tko\ten\nc1\t핵\033실험\tnuclear test\n' >"$WORK/esc.tsv"
for to in tbx2 tbx3; do
  run "$TB" glossary convert "$WORK/esc.tsv" "$WORK/esc.$to.tbx" --to "$to"
  expect_rc 2 "glossary convert of ESC to $to"
  expect_err_contains "cannot write U+001B to XML"
  [ ! -e "$WORK/esc.$to.tbx" ] || fail "a refused convert left $WORK/esc.$to.tbx"
done

done_checks
