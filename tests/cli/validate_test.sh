#!/usr/bin/env bash
# termbridge validate on XLIFF: what the schemas forbid, with line and column; the same
# files read leniently by convert (warnings, exit 0); prefixed, 1.x-without-namespace and
# 2.2 files; every XLIFF convert and pretranslate write is schema-valid (when ../shared is
# there).
. "$(dirname "$0")/lib.sh"
D="$TB_DATA/xliff"

run "$TB" validate "$D/bad-codes-states.xlf"
expect_rc 1 "misplaced codes, bad state, duplicate id"
expect_out "$D/bad-codes-states.xlf:11:17: <ec startRef='1'> in <target> comes before its <sc id='1'>
$D/bad-codes-states.xlf:15:7: <segment state='done'> is not an XLIFF 2 state (expected initial, translated, reviewed or final); read as initial
$D/bad-codes-states.xlf:16:23: <ec startRef='7'> in <source> has no <sc id='7'> in its unit
$D/bad-codes-states.xlf:20:5: <unit> id 'u2' is used twice in its <file> (first on line 14)"

# convert reads it whole and says the same as warnings.
run "$TB" convert "$D/bad-codes-states.xlf" "$WORK/bad.tmx"
expect_rc 0 "lenient convert"
expect_err_contains "warning: $D/bad-codes-states.xlf:11:17: <ec startRef='1'> in <target> comes before its <sc id='1'>"
expect_err_contains "warning: $D/bad-codes-states.xlf:20:5: <unit> id 'u2' is used twice"
[ "$(grep -c '<tu ' "$WORK/bad.tmx")" = 3 ] || fail "units lost: $(cat "$WORK/bad.tmx")"

# XLIFF 1.2: a state outside the list, units without id, a duplicate.
cat >"$WORK/states.xlf" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="briefing.ko.txt" source-language="ko" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>합참은 경계를 강화했다.</source><target state="done">The JCS stepped up its readiness.</target></trans-unit>
      <trans-unit><source>국방부 정례브리핑</source><target state="translated">MND regular briefing</target></trans-unit>
      <trans-unit id=""><source>국방장관</source></trans-unit>
      <trans-unit id="1"><source>대변인</source></trans-unit>
    </body>
  </file>
</xliff>
EOF
run "$TB" validate "$WORK/states.xlf"
expect_rc 1 "1.2 states and ids"
expect_out_contains "states.xlf:5:56: <target state='done'> is not an XLIFF 1.2 state"
expect_out_contains "states.xlf:8:7: <trans-unit> id '1' is used twice in its <file> (first on line 5)"
expect_out_contains "states.xlf:6:7: 2 <trans-unit> without an id (required); named by their position in the file: u2, u3"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 3 ] || fail "one line per problem, ids said once: $OUT"
run "$TB" convert "$WORK/states.xlf" "$WORK/states.tsv"
expect_rc 0 "lenient convert of 1.2"
expect_err_contains "named by their position in the file: u2, u3"
grep -q 'MND regular briefing' "$WORK/states.tsv" || fail "unit without id lost"

# Files as tools write them validate and convert: prefixed elements, 1.x without version or
# namespace, 2.2 with XLIFF 1.2 elements inside.
sed -e 's/<\([a-z/]\)/<xlf:\1/g' -e 's/<xlf:?/<?/' -e 's/<xlf:\//<\/xlf:/g' \
  -e 's/xmlns="urn/xmlns:xlf="urn/' "$WORK/states.xlf" | sed -e 's/<\/xlf:\//<\/xlf:/g' >"$WORK/prefixed.xlf"
grep -q '<xlf:trans-unit id="1"><xlf:source>' "$WORK/prefixed.xlf" || fail "prefixing: $(cat "$WORK/prefixed.xlf")"
run "$TB" validate "$WORK/prefixed.xlf"
expect_rc 1 "prefixed 1.2"
expect_out_contains "prefixed.xlf:5:68: <target state='done'> is not an XLIFF 1.2 state"
expect_out_contains "prefixed.xlf:8:7: <trans-unit> id '1' is used twice"
printf '<xliff>\n<file original="a.txt" source-language="ko" target-language="en" datatype="plaintext"><body>\n<trans-unit id="1"><source>국방부</source><target>Ministry of National Defense</target></trans-unit>\n</body></file>\n</xliff>\n' >"$WORK/old.xlf"
run "$TB" validate "$WORK/old.xlf"
expect_rc 0 "XLIFF 1.0 without version or namespace"
expect_out "$WORK/old.xlf: ok (xliff12 1.2, 1 unit)"
run "$TB" validate "$D/xtm-ncg-2.2.xlf"
expect_rc 0 "XLIFF 2.2 from XTM"
expect_out_contains "ok (xliff21 2.2, 2 units)"
run "$TB" convert "$D/xtm-ncg-2.2.xlf" "$WORK/xtm.tmx"
expect_rc 0 "2.2 -> tmx"
[ "$(grep -c '<tu ' "$WORK/xtm.tmx")" = 1 ] || fail "2.2 units: $(cat "$WORK/xtm.tmx")"
grep -q 'Sixth meeting' "$WORK/xtm.tmx" && fail "the alt-trans was read as the unit's target"
run "$TB" convert "$D/xtm-ncg-2.2.xlf" "$WORK/xtm.xlf" --to xliff21
expect_rc 0 "2.2 -> 2.1"
expect_valid_xml "$WORK/xtm.xlf"

# Every XLIFF termbridge writes is valid against the official schemas: convert from the
# tool files, and pretranslate, in 1.2, 2.0 and 2.1.
for f in issue-whole-unit-target.xlf trados-briefing.docx.sdlxliff memoq-briefing.mqxliff kit-multi-pair.xlf; do
  for v in xliff12 xliff20 xliff21; do
    [ "$f" = kit-multi-pair.xlf ] && [ "$v" != xliff12 ] && continue
    run "$TB" convert "$D/$f" "$WORK/out-$v.xlf" --to "$v"
    expect_rc 0 "$f -> $v"
    expect_valid_xml "$WORK/out-$v.xlf"
  done
done
run "$TB" convert "$D/kit-multi-pair.xlf" "$WORK/kit.xlf" --to xliff21
expect_rc 2 "several pairs into XLIFF 2"
expect_err_contains "XLIFF 2 holds one language pair"
# --src-lang/--tgt-lang pick the files of one pair, for convert and qa alike; the English
# translation of the first file is never taken for Japanese.
run "$TB" convert "$D/kit-multi-pair.xlf" "$WORK/kit-ja.xlf" --src-lang ko --tgt-lang ja --to xliff21
expect_rc 0 "the Japanese files into XLIFF 2"
expect_valid_xml "$WORK/kit-ja.xlf"
grep -q '<target>国防部は15日の定例ブリーフィングで' "$WORK/kit-ja.xlf" || fail "ja target: $(cat "$WORK/kit-ja.xlf")"
grep -q 'The Ministry' "$WORK/kit-ja.xlf" && fail "the English target came along"
run "$TB" convert "$D/kit-multi-pair.xlf" "$WORK/kit-ja.tsv" --src-lang ko --tgt-lang ja
expect_rc 0 "the Japanese files into TSV"
[ "$(cat "$WORK/kit-ja.tsv")" = "$(printf 'ko\tja\n국방부는 15일 정례브리핑에서 한미연합연습 일정을 발표했다.\t国防部は15日の定例ブリーフィングで韓米連合演習の日程を発表した。')" ] ||
  fail "kit-ja.tsv: $(cat "$WORK/kit-ja.tsv")"
run "$TB" qa --glossary "$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv" --src-lang ko --tgt-lang ja "$D/kit-multi-pair.xlf"
expect_rc 0 "qa of the Japanese files"
expect_out "0 findings in 1 segment"
run "$TB" convert "$D/kit-multi-pair.xlf" "$WORK/kit-zh.xlf" --tgt-lang zh
expect_rc 2 "a pair the kit lacks"
expect_err_contains "no file is in the language pair '? -> zh'; the document holds ko-KR -> en-US, ko-KR -> ja-JP, en-US -> ko-KR"

S="$TB_SOURCE_DIR/samples"
run "$TB" align "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" --format tsv -o "$WORK/fifth.tsv"
expect_rc 0 "align"
run "$TB" tm import --tm "$WORK/news.sqlite" --src-lang ko --tgt-lang en "$WORK/fifth.tsv"
expect_rc 0 "tm import"
for v in 1.2 2.0 2.1; do
  run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
    --tm "$WORK/news.sqlite" --glossary "$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv" \
    --xliff "$v" -o "$WORK/sixth-$v.xlf"
  expect_rc 0 "pretranslate $v"
  expect_valid_xml "$WORK/sixth-$v.xlf"
  run "$TB" validate "$WORK/sixth-$v.xlf"
  expect_rc 0 "validate pretranslate $v"
done

done_checks
