#!/usr/bin/env bash
# Text and XML in other encodings than UTF-8: CP949 articles read with a note or by
# --encoding, UTF-16 without a byte-order mark, XML declaring windows-125x, an unknown name.
. "$(dirname "$0")/lib.sh"
D="$TB_DATA/encoding"
GLOSSARY="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
SEGMENTED='국방부는 11일 제5차 핵협의그룹(NCG) 회의를 열었다고 밝혔다.
양측은 확장억제 강화 방안을 논의했다.

이번 회의는 워싱턴에서 열렸다.'

# A CP949 article without --encoding: read as CP949, with one note saying so.
run "$TB" segment --lang ko "$D/ncg.cp949.txt"
expect_rc 0 "segment cp949 guessed"
expect_out "$SEGMENTED" "segment cp949 guessed"
expect_err_contains "note: $D/ncg.cp949.txt is not UTF-8; read as cp949"
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$ERR" | grep -c 'note:')" = 1 ] || fail "one note expected: $ERR"

run "$TB" terms find --glossary "$GLOSSARY" --lang ko --jsonl "$D/ncg.cp949.txt"
expect_rc 0 "terms cp949 guessed"
expect_out_contains '{"line": 1, "start": 13, "end": 18, "text": "핵협의그룹", "concept": "nuclear-consultative-group"}'
expect_out_contains '"text": "확장억제", "concept": "extended-deterrence"}'
expect_err_contains "read as cp949"

# Named: no note. The article holds no CP949-only syllable, so EUC-KR reads it too.
run "$TB" segment --lang ko --encoding euc-kr "$D/ncg.cp949.txt"
expect_rc 0 "segment --encoding euc-kr"
expect_out "$SEGMENTED" "segment --encoding euc-kr"
CHECKS=$((CHECKS + 1))
[ -z "$ERR" ] || fail "named encoding printed: $ERR"
run "$TB" normalize --encoding CP949 "$D/ncg.cp949.txt"
expect_rc 0 "normalize --encoding CP949"
expect_out_contains "이번 회의는 워싱턴에서 열렸다."

# A byte invalid in the named encoding: exit 2 with its place. 0xFF is no CP949 byte.
printf '\xb1\xb9\xb9\xe6\xba\xce\n\xb1\xb9 \xff\n' >"$WORK/bad.txt"
run "$TB" segment --encoding cp949 "$WORK/bad.txt"
expect_rc 2 "invalid cp949"
expect_err_contains "bad.txt:2:3: invalid byte 0xFF for encoding cp949"
# Text that is neither UTF-8 nor anything guessed: the UTF-8 error and a hint.
printf 'The joint communiqu\xe9\n' >"$WORK/latin.txt"
run "$TB" segment --lang en "$WORK/latin.txt"
expect_rc 2 "latin-1 without --encoding"
expect_err_contains "latin.txt:1:20: invalid UTF-8 (byte 0xE9) at byte 19"
expect_err_contains "--encoding"
run "$TB" segment --lang en --encoding windows-1252 "$WORK/latin.txt"
expect_rc 0 "--encoding windows-1252"
expect_out "The joint communiqué"
run "$TB" segment --encoding x-klingon "$WORK/latin.txt"
expect_rc 2 "unknown --encoding"
expect_err_contains "unknown encoding 'x-klingon'"

# UTF-16LE TMX without a byte-order mark, its prolog saying UTF-16.
run "$TB" convert "$D/memory.utf16le-nobom.tmx" "$WORK/u16.tsv"
expect_rc 0 "utf-16le tmx without bom"
CHECKS=$((CHECKS + 1))
[ "$(cat "$WORK/u16.tsv")" = "$(printf 'ko-KR\ten-US\n한미는 제5차 핵협의그룹(NCG) 회의를 개최했다.\tThe ROK and the U.S. held the 5th Nuclear Consultative Group (NCG) meeting.\n양측은 확장억제를 논의했다.\tBoth sides discussed extended deterrence.')" ] ||
  fail "utf-16 tmx as tsv: $(cat "$WORK/u16.tsv")"

# TMX declaring windows-1252 (é, and ’ which ISO-8859-1 lacks) -> TMX in UTF-8.
run "$TB" convert "$D/memory.windows-1252.tmx" "$WORK/w1252.tmx"
expect_rc 0 "windows-1252 tmx"
expect_valid_xml "$WORK/w1252.tmx"
grep -q 'encoding="UTF-8"' "$WORK/w1252.tmx" || fail "not declared UTF-8"
grep -q '<seg>The joint communiqué reaffirmed extended deterrence.</seg>' "$WORK/w1252.tmx" ||
  fail "é lost: $(cat "$WORK/w1252.tmx")"
grep -q 'la réunion s’était tenue à Séoul' "$WORK/w1252.tmx" || fail "’ lost"
run "$TB" tm import --tm "$WORK/m.sqlite" "$D/memory.windows-1252.tmx"
expect_rc 0 "tm import windows-1252 tmx"

# TBX declaring windows-1254 -> TBX v3 in valid UTF-8.
run "$TB" convert "$D/terms.windows-1254.tbx" "$WORK/tr.tbx" --to tbx3
expect_rc 0 "windows-1254 tbx"
expect_valid_xml "$WORK/tr.tbx"
CHECKS=$((CHECKS + 1))
iconv -f UTF-8 -t UTF-8 "$WORK/tr.tbx" >/dev/null || fail "tbx output is not UTF-8"
grep -q '<term>Millî Savunma Bakanlığı</term>' "$WORK/tr.tbx" || fail "Turkish term lost"
grep -q '<term>genişletilmiş caydırıcılık</term>' "$WORK/tr.tbx" || fail "ş/ı lost"

# An encoding nobody knows: exit 2, the file, line 1 and the name; nothing written.
run "$TB" convert "$D/unknown-encoding.tmx" "$WORK/unknown.tsv"
expect_rc 2 "unknown declared encoding"
expect_err_contains "unknown-encoding.tmx:1:31: unknown encoding 'x-mac-klingon' in the XML declaration"
CHECKS=$((CHECKS + 1))
[ ! -e "$WORK/unknown.tsv" ] || fail "output written for an unknown encoding"

# align and pretranslate read a CP949 article like its UTF-8 original.
iconv -f UTF-8 -t CP949 "$TB_DATA/align/ncg/ko.txt" >"$WORK/ko.cp949.txt" || fail "iconv"
run "$TB" align --format tsv "$TB_DATA/align/ncg/ko.txt" "$TB_DATA/align/ncg/en.txt"
UTF8_ALIGNED=$OUT
run "$TB" align --format tsv "$WORK/ko.cp949.txt" "$TB_DATA/align/ncg/en.txt"
expect_rc 0 "align cp949"
expect_out "$UTF8_ALIGNED" "align cp949 as utf-8"
expect_err_contains "read as cp949"
printf '%s\n' "$OUT" >"$WORK/aligned.tsv"
run "$TB" tm import --tm "$WORK/ncg.sqlite" --src-lang ko --tgt-lang en "$WORK/aligned.tsv"
expect_rc 0 "tm import aligned"
run "$TB" pretranslate "$WORK/ko.cp949.txt" --encoding cp949 --src-lang ko --tgt-lang en \
  --tm "$WORK/ncg.sqlite" -o "$WORK/ncg.xlf"
expect_rc 0 "pretranslate --encoding cp949"
grep -q "$(head -c 30 "$TB_DATA/align/ncg/ko.txt")" "$WORK/ncg.xlf" || fail "article text in the job"

# A CP949 sheet is guessed, and CP949 cannot say so: a sheet written back whose bytes would be
# guessed as UTF-8 is refused and left as it was. Here 連 read 련 (U+F99A, 0xE6E6) is
# written as its NFC twin (0xD6A7), valid UTF-8. With --encoding named, it is written.
printf 'id,ko,en\r\nlian,\xE6\xE6,alliance\r\n' >"$WORK/hanja.csv"
cp "$WORK/hanja.csv" "$WORK/hanja.orig"
printf 'id,en\nnato,NATO\n' >"$WORK/nato.csv"
run "$TB" glossary import "$WORK/hanja.csv" "$WORK/nato.csv"
expect_rc 2 "import into a sheet that would be guessed otherwise"
expect_err_contains "was read as cp949 by a guess"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/hanja.csv" "$WORK/hanja.orig" || fail "refused import changed the sheet"
run "$TB" glossary import --encoding cp949 "$WORK/hanja.csv" "$WORK/nato.csv"
expect_rc 0 "import with --encoding cp949"
run "$TB" glossary list --encoding cp949 "$WORK/hanja.csv"
expect_out_contains "NATO"

done_checks
