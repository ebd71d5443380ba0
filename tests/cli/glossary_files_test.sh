#!/usr/bin/env bash
# termbridge glossary on files as other tools and people write them: Excel sheets in CP949
# or UTF-16, ko,en sheets without ids, Pontoon-style TBX with per-language definitions,
# TBX v3 DCT, a TBX in windows-1254; what translate-toolkit reads; import warnings.
source "$(dirname "$0")/lib.sh"
D="$TB_DATA/glossary"

# A CP949 sheet from Korean Excel: read by every glossary command, with a note on the guess
run "$TB" glossary list "$D/excel-cp949.csv"
expect_rc 0 "list a CP949 sheet"
expect_out "id	en	ko
핵협의그룹	Nuclear Consultative Group	핵협의그룹
확장억제	extended deterrence	확장억제
탄도-미사일	ballistic missile	탄도 미사일
국방부	Ministry of National Defense; MND	국방부"
expect_err_contains "excel-cp949.csv: read as cp949 (not UTF-8); use --encoding to say otherwise"
run "$TB" glossary validate "$D/excel-cp949.csv"
expect_rc 0 "validate: a guessed encoding is a note, not a problem"
expect_out ""
expect_err_contains "read as cp949"
run "$TB" glossary list --encoding cp949 "$D/excel-cp949.csv"
expect_rc 0 "list with --encoding cp949"
[ -z "$ERR" ] || fail "no note when the encoding is named: $ERR"
run "$TB" glossary list --encoding klingon "$D/excel-cp949.csv"
expect_rc 2 "unknown --encoding"
expect_err_contains "'klingon'"
printf '국방부는 확장억제를 논의했다.\n' >"$WORK/article.txt"
run "$TB" terms find --glossary "$D/excel-cp949.csv" --lang ko "$WORK/article.txt"
expect_rc 0 "terms find with a CP949 glossary"
expect_out_contains "확장억제	extended deterrence"
# convert: UTF-8 TBX with the Korean terms
run "$TB" glossary convert "$D/excel-cp949.csv" "$WORK/excel.tbx"
expect_rc 0 "convert a CP949 sheet to TBX"
expect_valid_xml "$WORK/excel.tbx"
grep -q '<term>탄도 미사일</term>' "$WORK/excel.tbx" || fail "Korean terms in UTF-8 in the TBX"
# edit in place: written back in CP949, only the edited row changes
cp "$D/excel-cp949.csv" "$WORK/excel.csv"
run "$TB" glossary set "$WORK/excel.csv" 국방부 --term 'en=MND;acronym'
expect_rc 0 "set in a CP949 sheet"
expect_err_contains "written back in cp949"
printf 'ko,en,en_type\r\n핵협의그룹,Nuclear Consultative Group,\r\n확장억제,extended deterrence,\r\n탄도 미사일,ballistic missile,\r\n국방부,Ministry of National Defense,\r\n국방부,MND,acronym\r\n' |
  iconv -f UTF-8 -t CP949 >"$WORK/expected-cp949.csv"
run cmp "$WORK/expected-cp949.csv" "$WORK/excel.csv"
expect_rc 0 "the CP949 sheet after set: a type column, the edited row, nothing else"
cp "$WORK/excel.csv" "$WORK/before.csv"
run "$TB" glossary add "$WORK/excel.csv" 킬체인 --term 'ko=킬체인' --term 'en=Kill Chain 🎯'
expect_rc 2 "a character CP949 cannot hold"
expect_err_contains "'🎯' cannot be written in cp949"
run cmp "$WORK/before.csv" "$WORK/excel.csv"
expect_rc 0 "the refused edit leaves the file alone"

# import into a CP949 sheet writes it back in CP949
cp "$D/excel-cp949.csv" "$WORK/into-cp949.csv"
printf 'ko,en\n판문점,Panmunjom\n' >"$WORK/jsa.csv"
run "$TB" glossary import "$WORK/into-cp949.csv" "$WORK/jsa.csv"
expect_rc 0 "import into a CP949 sheet"
expect_err_contains "written back in cp949"
run bash -c "iconv -f CP949 -t UTF-8 '$WORK/into-cp949.csv' | tail -1"
expect_out $'판문점,Panmunjom,판문점\r'

# Excel "Unicode text": UTF-16LE with BOM, tab-separated; edits keep both
run "$TB" glossary search DMZ "$D/excel-unicode.txt"
expect_rc 0 "search a UTF-16 sheet"
expect_out_contains "비무장지대	DMZ	en	exact	ko: 비무장지대"
cp "$D/excel-unicode.txt" "$WORK/unicode.txt"
run "$TB" glossary add "$WORK/unicode.txt" 판문점 --term ko=판문점 --term en=Panmunjom
expect_rc 0 "add to a UTF-16 sheet"
run bash -c "head -c 2 '$WORK/unicode.txt' | od -An -tx1"
expect_out " ff fe" "the byte-order mark stays"
run bash -c "iconv -f UTF-16 -t UTF-8 '$WORK/unicode.txt' | tail -1"
expect_out $'판문점\tPanmunjom\r'

# A ko,en sheet without an id column, edited in place byte for byte
cp "$D/ko-en.csv" "$WORK/ko-en.csv"
run "$TB" glossary set "$WORK/ko-en.csv" 확장억제 --term 'en=extended deterrence;preferred' --term 'en=ED;acronym'
expect_rc 0 "set in a ko,en sheet"
printf 'ko,en,en_status,en_type\r\n핵협의그룹,Nuclear Consultative Group,,\r\n확장억제,extended deterrence,preferred,\r\n확장억제,ED,,acronym\r\n탄도 미사일,ballistic missile,,\r\n국방부,Ministry of National Defense,,\r\n국방부,MND,,\r\n' >"$WORK/expected.csv"
run cmp "$WORK/expected.csv" "$WORK/ko-en.csv"
expect_rc 0 "the sheet gains two columns and one row; every other cell stays"
run "$TB" glossary add "$WORK/ko-en.csv" dmz --term ko=비무장지대 --term en=DMZ
expect_rc 2 "an id that is not the first term"
expect_err_contains "would be '비무장지대', not 'dmz'"
run "$TB" glossary add "$WORK/ko-en.csv" 비무장지대 --term ko=비무장지대 --term en=DMZ
expect_rc 0 "add with the derived id"
run "$TB" glossary remove "$WORK/ko-en.csv" 비무장지대
run cmp "$WORK/expected.csv" "$WORK/ko-en.csv"
expect_rc 0 "add + remove gives the sheet back"

# Per-language definitions (Pontoon style) through TBX v2, v3, DCT and CSV
P="$D/pontoon-style.ko.tbx"
"$TB" glossary convert "$P" "$WORK/p.csv" || fail "convert pontoon-style to csv"
for to in tbx2 tbx3 tbx3-dct; do
  run "$TB" glossary convert --to "$to" "$P" "$WORK/p.$to.tbx"
  expect_rc 0 "convert pontoon-style to $to"
  expect_valid_xml "$WORK/p.$to.tbx"
  "$TB" glossary convert "$WORK/p.$to.tbx" "$WORK/back.$to.csv" || fail "convert $to back"
  run cmp "$WORK/p.csv" "$WORK/back.$to.csv"
  expect_rc 0 "per-language definitions survive $to"
done
run head -1 "$WORK/p.csv"
expect_out $'id,en-US,ko,en-US_pos,en-US_definition,ko_definition,descrip:context\r'
grep -q '<descrip type="context">North Korea fired' "$WORK/p.tbx2.tbx" || fail "context kept"
grep -q '<basic:context>North Korea fired' "$WORK/p.tbx3-dct.tbx" || fail "context kept in DCT"
grep -q 'style="dct"' "$WORK/p.tbx3-dct.tbx" || fail "tbx3-dct writes style=dct"
grep -q '<min:partOfSpeech>noun</min:partOfSpeech>' "$WORK/p.tbx3-dct.tbx" || fail "DCT elements"

# A TBX declaring windows-1254 becomes UTF-8
run "$TB" glossary convert "$D/windows-1254.tbx" "$WORK/tr.tbx"
expect_rc 0 "convert a windows-1254 TBX"
expect_valid_xml "$WORK/tr.tbx"
run iconv -f UTF-8 -t UTF-8 "$WORK/tr.tbx"
expect_rc 0 "the output is valid UTF-8"
expect_out_contains "<term>Savunma Sanayii Başkanlığı</term>"
expect_out_contains 'encoding="UTF-8"'

# import: one term under two concepts is a warning naming both ids and places
printf 'id,en,ko\nnuclear-test,nuclear test,핵실험\nkill-chain,Kill Chain,킬체인\n' >"$WORK/into.csv"
printf 'id,en,ko\nnk-nuclear-test,North Korean nuclear test,핵실험\n' >"$WORK/new.csv"
run "$TB" glossary import "$WORK/into.csv" "$WORK/new.csv"
expect_rc 0 "import with a shared term"
expect_err_contains "warning: term '핵실험' (ko) is under two concepts: 'nuclear-test' ($WORK/into.csv:2) and 'nk-nuclear-test' ($WORK/new.csv:2)"
expect_err_contains "1 term under two concepts"

# The .tbx termbridge writes by default is read by translate-toolkit, with its terms
if /usr/bin/python3 -c "import translate.storage.tbx" 2>/dev/null; then
  "$TB" glossary convert "$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv" "$WORK/ttk.tbx" ||
    fail "convert for translate-toolkit"
  run /usr/bin/python3 -c "
from translate.storage import tbx
s = tbx.tbxfile.parsefile('$WORK/ttk.tbx')
pairs = {u.source: u.target for u in s.units}
print(len(s.units), pairs.get('Nuclear Consultative Group'))"
  expect_rc 0 "translate-toolkit reads the default .tbx"
  expect_out "263 핵협의그룹"
else
  echo "translate-toolkit absent: its check skipped"
fi
done_checks
