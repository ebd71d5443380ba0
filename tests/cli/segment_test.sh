#!/usr/bin/env bash
# termbridge segment: sentences, paragraphs, encodings and every kind of bad input.
. "$(dirname "$0")/lib.sh"

printf 'Sen. Kim met U.S. officials at 9 a.m. Monday. They agreed.\n' >"$WORK/en.txt"
run "$TB" segment --lang en "$WORK/en.txt"
expect_rc 0 "english"
expect_out "$(printf 'Sen. Kim met U.S. officials at 9 a.m. Monday.\nThey agreed.')" "english"

# --clauses: also cut after a colon or semicolon before a capital or quotation mark.
printf 'Kirby said: \xe2\x80\x9cWe are ready.\xe2\x80\x9d Talks open at 10:30; the rest waits.\n' >"$WORK/clauses.txt"
run "$TB" segment --lang en --clauses "$WORK/clauses.txt"
expect_rc 0 "clauses"
expect_out "$(printf 'Kirby said:\n\xe2\x80\x9cWe are ready.\xe2\x80\x9d\nTalks open at 10:30; the rest waits.')" "clauses"
run "$TB" segment --lang en "$WORK/clauses.txt"
expect_out "$(printf 'Kirby said: \xe2\x80\x9cWe are ready.\xe2\x80\x9d\nTalks open at 10:30; the rest waits.')" "no clauses by default"

# Paragraphs: several blank lines are one break; wrapped lines are joined.
printf '북한이 미사일을 발사했다. 합참이 확인했다.\n\n\n\nNorth Korea fired a missile.\nSeoul responded.\n' \
  >"$WORK/mixed.txt"
run "$TB" segment --lang auto "$WORK/mixed.txt"
expect_rc 0 "auto"
expect_out "$(printf '북한이 미사일을 발사했다.\n합참이 확인했다.\n\nNorth Korea fired a missile.\nSeoul responded.')" "paragraphs"

# UTF-8 BOM and CRLF.
printf '\xef\xbb\xbf회담이 끝났다. 대표단이 떠났다.\r\n\r\nTalks ended.\r\n' >"$WORK/bom.txt"
run "$TB" segment "$WORK/bom.txt"
expect_rc 0 "bom+crlf"
expect_out "$(printf '회담이 끝났다.\n대표단이 떠났다.\n\nTalks ended.')" "bom+crlf"

# UTF-16LE with BOM: "끝났다. 떠났다."
printf '\xff\xfe\x5d\xb0\xac\xb0\xe4\xb2\x2e\x00\x20\x00\xa0\xb5\xac\xb0\xe4\xb2\x2e\x00\x0a\x00' \
  >"$WORK/utf16.txt"
run "$TB" segment --lang ko "$WORK/utf16.txt"
expect_rc 0 "utf-16"
expect_out "$(printf '끝났다.\n떠났다.')" "utf-16"

# NFD Hangul gives the NFC result.
python3 -c "import sys, unicodedata
sys.stdout.write(unicodedata.normalize('NFD', '끝났다. 떠났다.\\n'))" \
  >"$WORK/nfd.txt"
run "$TB" segment --lang ko "$WORK/nfd.txt"
expect_rc 0 "nfd"
expect_out "$(printf '끝났다.\n떠났다.')" "nfd same as nfc"

# Empty file and a file of blank lines: no output.
: >"$WORK/empty.txt"
run "$TB" segment "$WORK/empty.txt"
expect_rc 0 "empty"
expect_out "" "empty"
printf '\n  \n\t\n\n' >"$WORK/blank.txt"
run "$TB" segment "$WORK/blank.txt"
expect_rc 0 "blank lines"
expect_out "" "blank lines"

# Invalid UTF-8 names line, column and byte.
printf '회담이 끝났다.\n대표단\xff이 떠났다.\n' >"$WORK/bad.txt"
run "$TB" segment "$WORK/bad.txt"
expect_rc 2 "invalid utf-8"
expect_err_contains "bad.txt:2:4: invalid UTF-8 (byte 0xFF) at byte 30"

printf 'Talks\0ended.\n' >"$WORK/nul.txt"
run "$TB" segment "$WORK/nul.txt"
expect_rc 2 "NUL"
expect_err_contains "NUL byte"

run "$TB" segment "$WORK/missing.txt"
expect_rc 2 "missing file"
expect_err_contains "cannot open '$WORK/missing.txt'"

run "$TB" segment "$WORK"
expect_rc 2 "directory"
expect_err_contains "is a directory"

run "$TB" segment --lang 'en US' "$WORK/en.txt"
expect_rc 2 "malformed --lang"
expect_err_contains "invalid language tag 'en US' (expected auto or a BCP 47 tag"
expect_err_contains "usage: termbridge segment"

# A bad SRX file is an error with its place.
printf '<srx version="2.0">\n<body>\n</srx>\n' >"$WORK/bad.srx"
run "$TB" segment --srx "$WORK/bad.srx" "$WORK/en.txt"
expect_rc 2 "bad srx"
expect_err_contains "bad.srx:3:"

# Our own rules validate as SRX 2.0.
expect_valid_xml "$TB_SOURCE_DIR/core/data/srx/termbridge.srx"

# The real SRX files of other tools load and segment.
if [ -d "$SHARED/schemas/srx" ]; then
  for f in maxprograms-default.srx okapi-defaultSegmentation.srx; do
    run "$TB" segment --lang en --srx "$SHARED/schemas/srx/$f" "$WORK/en.txt"
    expect_rc 0 "$f"
    expect_out_contains "They agreed." "$f"
  done
fi

# -o writes the file; stdin works.
printf 'Talks ended. Troops left.\n' | "$TB" segment --lang en -o "$WORK/out.txt"
[ "$(cat "$WORK/out.txt")" = "$(printf 'Talks ended.\nTroops left.')" ] || fail "-o from stdin"

# -o on a device writes to it and leaves it a device.
if [ -c /dev/null ]; then
  run "$TB" segment --lang en -o /dev/null "$WORK/en.txt"
  expect_rc 0 "-o /dev/null"
  [ -c /dev/null ] || fail "-o /dev/null replaced the device"
fi

done_checks
