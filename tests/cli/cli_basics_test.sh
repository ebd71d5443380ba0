#!/usr/bin/env bash
# The command line itself: help, version, usage errors, exit codes, files and pipes.
. "$(dirname "$0")/lib.sh"

run "$TB" --help
expect_rc 0 "--help"
expect_out_contains "normalize" "--help lists commands"

run "$TB" --version
expect_rc 0 "--version"
expect_out_contains "termbridge 0." "--version"

run "$TB"
expect_rc 2 "no arguments"
expect_err_contains "usage: termbridge COMMAND"

run "$TB" frobnicate
expect_rc 2 "unknown command"
expect_err_contains "unknown command 'frobnicate'"

run "$TB" normalize --help
expect_rc 0 "normalize --help"
expect_out_contains "usage: termbridge normalize"
expect_out_contains "--form"

run "$TB" normalize --form nfd
expect_rc 2 "unknown form"
expect_err_contains "termbridge normalize: error: unknown normal form 'nfd' (expected nfc, nfkc or nfkc_cf)"

run "$TB" normalize --bogus
expect_rc 2 "unknown option"
expect_err_contains "unknown option --bogus"
expect_err_contains "usage: termbridge normalize"

run "$TB" normalize "$WORK/missing.txt"
expect_rc 2 "missing file"
expect_err_contains "cannot open '$WORK/missing.txt'"

run "$TB" normalize "$WORK"
expect_rc 2 "directory as FILE"
expect_err_contains "is a directory"

# Invalid UTF-8: the error names file, line, column and byte.
printf '국방부는 밝혔다.\n핵협의\xffㄱ\n' >"$WORK/bad.txt"
run "$TB" normalize "$WORK/bad.txt"
expect_rc 2 "invalid UTF-8"
expect_err_contains "$WORK/bad.txt:2:4: invalid UTF-8 (byte 0xFF) at byte 33"

# NUL bytes are refused with a hint.
printf 'a\0b\n' >"$WORK/nul.txt"
run "$TB" normalize "$WORK/nul.txt"
expect_rc 2 "NUL"
expect_err_contains "NUL byte"

# Stdin, BOM and CRLF: output is NFC UTF-8 with LF.
printf '\xef\xbb\xbf\xe1\x84\x92\xe1\x85\xa2\xe1\x86\xa8 \xea\xb5\xad\xeb\xb0\xa9\r\nline2\r' |
  "$TB" normalize >"$WORK/nfc.txt"
RC=$?
expect_rc 0 "stdin"
OUT=$(od -An -c "$WORK/nfc.txt" | tr -s ' ')
[ "$(cat "$WORK/nfc.txt")" = "$(printf '핵 국방\nline2')" ] || fail "BOM/CRLF/NFD not normalized: $OUT"

# UTF-16LE with BOM.
printf '\xff\xfe\x75\xd5\x11\xd6\x58\xc7\x0a\x00' >"$WORK/utf16.txt"
run "$TB" normalize "$WORK/utf16.txt"
expect_rc 0 "utf-16"
expect_out "핵협의" "utf-16 decoded"

# CP949, strictly: 핵 = C7 D9, 국방 = B1 B9 B9 E6.
printf '\xc7\xd9 \xb1\xb9\xb9\xe6\n' >"$WORK/cp949.txt"
run "$TB" normalize --encoding cp949 "$WORK/cp949.txt"
expect_rc 0 "cp949"
expect_out "핵 국방" "cp949 decoded"
printf '\xc7\xd9 \xff\xff\n' >"$WORK/cp949-bad.txt"
run "$TB" normalize --encoding cp949 "$WORK/cp949-bad.txt"
expect_rc 2 "bad cp949"
expect_err_contains "cp949-bad.txt:1:3: invalid byte 0xFF for encoding cp949"

# -o writes atomically: on an error the old file stays as it was.
echo "old contents" >"$WORK/out.txt"
run "$TB" normalize -o "$WORK/out.txt" "$WORK/bad.txt"
expect_rc 2 "-o with bad input"
[ "$(cat "$WORK/out.txt")" = "old contents" ] || fail "-o clobbered the target on error"
[ -z "$(ls -A "$WORK" | grep '\.tmp\.')" ] || fail "temporary file left behind"
run "$TB" normalize -o "$WORK/out.txt" "$WORK/utf16.txt"
expect_rc 0 "-o"
[ "$(cat "$WORK/out.txt")" = "핵협의" ] || fail "-o did not write the result"

# A closed pipe ends quietly.
yes '핵협의그룹 회의가 열렸다.' | head -n 200000 >"$WORK/big.txt"
"$TB" normalize "$WORK/big.txt" 2>"$WORK/pipe.err" | head -n 1 >/dev/null
[ ! -s "$WORK/pipe.err" ] || fail "closed pipe printed: $(cat "$WORK/pipe.err")"

# Empty input and blank lines.
: >"$WORK/empty.txt"
run "$TB" normalize "$WORK/empty.txt"
expect_rc 0 "empty file"
expect_out "" "empty file"

done_checks
