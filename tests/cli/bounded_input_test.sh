#!/usr/bin/env bash
# Bounded memory on any input: /dev/zero into every command that reads fails at once with
# the file, line 1, column 1 and "NUL byte", in a few MB; a line, XML tag or TMX unit past
# --max-line is an error naming the line and the limit, and reads once the limit is raised;
# a TMX of one long line streams; a 30 MB line with many terms stays under 300 MB.
. "$(dirname "$0")/lib.sh"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"

# Peak memory (KB) of the last `measured` run, when /usr/bin/time is there and the build is
# not sanitized (AddressSanitizer's shadow memory makes the figures meaningless).
HAVE_TIME=0
[ -x /usr/bin/time ] && HAVE_TIME=1
SANITIZED=0
if [ -n "${ASAN_OPTIONS:-}" ] || ldd "$TB" 2>/dev/null | grep -q 'libasan'; then
  SANITIZED=1
  HAVE_TIME=0
fi
measured() {
  if [ "$HAVE_TIME" = 1 ]; then
    /usr/bin/time -f %M -o "$WORK/rss" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    # time prints "Command exited with non-zero status N" before the figure.
    RSS=$(tail -n 1 "$WORK/rss")
  else
    "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    RC=$?
    RSS=0
  fi
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}
expect_rss_below() {  # KB, what
  CHECKS=$((CHECKS + 1))
  [ "$RSS" -lt "$1" ] || fail "$2: peak memory ${RSS} KB, expected under $1 KB"
}

# zeros NAME: $f becomes a FIFO fed 200 MB of NUL bytes (a reader that stops early ends the
# writer).
zeros() {
  f="$WORK/$1"
  rm -f "$f"
  mkfifo "$f"
  head -c 200M /dev/zero >"$f" 2>/dev/null </dev/null &
}

# /dev/zero on standard input.
for cmd in "terms find -g $G -l ko" "segment --lang ko" "normalize" "convert - $WORK/o.tmx --from tmx" \
  "tm import --tm $WORK/m.sqlite -" "validate -" "validate --format tmx -" \
  "convert - $WORK/o.tsv --from xliff" "convert - $WORK/o.tmx --from tsv --src-lang ko --tgt-lang en" \
  "convert - $WORK/o.tsv --from tbx2 --to tsv" "glossary list -"; do
  # shellcheck disable=SC2086
  measured bash -c "head -c 200M /dev/zero | \"$TB\" $cmd"
  expect_rc 2 "$cmd < /dev/zero"
  expect_err_contains "<stdin>:1:1: NUL byte" "$cmd < /dev/zero"
  expect_rss_below 51200 "$cmd < /dev/zero"
done
[ ! -e "$WORK/o.tmx" ] || fail "convert left an output behind"

# /dev/zero as a named file, the format from its name.
zeros zeros.tmx
measured "$TB" tm import --tm "$WORK/m.sqlite" "$f"
expect_rc 2 "tm import zeros.tmx"
expect_err_contains "zeros.tmx:1:1: NUL byte" "tm import zeros.tmx"
expect_rss_below 51200 "tm import zeros.tmx"
zeros zeros.xlf
measured "$TB" tm import --tm "$WORK/m.sqlite" "$f"
expect_rc 2 "tm import zeros.xlf"
expect_err_contains "zeros.xlf:1:1: NUL byte" "tm import zeros.xlf"
zeros zeros.tsv
measured "$TB" glossary list "$f"
expect_rc 2 "glossary list zeros.tsv"
expect_err_contains "zeros.tsv:1:1: NUL byte" "glossary list zeros.tsv"
expect_rss_below 51200 "glossary list zeros.tsv"
for ext in tmx xlf tbx; do
  zeros "zeros.$ext"
  measured "$TB" validate "$f"
  expect_rc 2 "validate zeros.$ext"
  expect_err_contains "zeros.$ext:1:1: NUL byte" "validate zeros.$ext"
  expect_rss_below 51200 "validate zeros.$ext"
done

# A line just over --max-line: an error naming the line and the limit; raised, it reads.
{
  echo "국방부는 회의를 열었다."
  head -c 1048577 /dev/zero | tr '\0' 'a'
  echo
} >"$WORK/long.txt"
for cmd in "terms find -g $G -l en" "segment --lang en" "normalize"; do
  # shellcheck disable=SC2086
  run "$TB" $cmd --max-line 1M "$WORK/long.txt"
  expect_rc 2 "$cmd --max-line 1M"
  expect_err_contains "long.txt:2:1: line 2 is longer than the limit of 1 MiB; --max-line raises it" \
    "$cmd --max-line 1M"
  # shellcheck disable=SC2086
  run "$TB" $cmd --max-line 2M "$WORK/long.txt"
  expect_rc 0 "$cmd --max-line 2M"
done
run "$TB" normalize --max-line 1049K "$WORK/long.txt"
expect_rc 0 "normalize --max-line 1049K"
run "$TB" normalize --max-line 12X "$WORK/long.txt"
expect_rc 2 "--max-line 12X"
expect_err_contains "--max-line expects a size in bytes such as 64M or 1G, not '12X'"

# A TMX unit over the limit, and a TMX of one line holding many units.
HEAD='<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" datatype="plaintext"/><body>'
UNIT='<tu><tuv xml:lang="ko"><seg>국방부는 핵협의그룹 회의를 열었다.</seg></tuv><tuv xml:lang="en"><seg>The ministry held the NCG meeting.</seg></tuv></tu>'
{
  printf '%s\n<tu><tuv xml:lang="ko"><seg>' "$HEAD"
  head -c 1048577 /dev/zero | tr '\0' 'a'
  printf '</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>\n'
} >"$WORK/big-unit.tmx"
run "$TB" convert --max-line 1M "$WORK/big-unit.tmx" "$WORK/big.tsv"
expect_rc 2 "convert a unit over --max-line"
expect_err_contains "big-unit.tmx:2:1: <tu> is larger than the limit of 1 MiB; --max-line raises it"
run "$TB" convert --max-line 2M "$WORK/big-unit.tmx" "$WORK/big.tsv"
expect_rc 0 "convert a unit under --max-line"

{
  printf '%s' "$HEAD"
  yes "$UNIT" | head -n 50000 | tr -d '\n'
  printf '</body></tmx>'
} >"$WORK/one-line.tmx"
measured "$TB" convert --max-line 1M "$WORK/one-line.tmx" "$WORK/one-line.tsv"
expect_rc 0 "convert a TMX of one 10 MB line"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$WORK/one-line.tsv")" = 50001 ] || fail "one-line TMX: $(wc -l <"$WORK/one-line.tsv") rows"
expect_rss_below 51200 "convert a TMX of one 10 MB line"
measured "$TB" tm import --max-line 1M --tm "$WORK/one.sqlite" "$WORK/one-line.tmx"
expect_rc 0 "tm import a TMX of one 10 MB line"
expect_rss_below 102400 "tm import a TMX of one 10 MB line"

# A CSV quote never closed, on an endless input: one record past --max-line is an error.
run bash -c "(printf 'ko,en\\n\"a,'; yes bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb) |
  \"$TB\" convert - \"$WORK/q.tmx\" --from csv --src-lang ko --tgt-lang en --max-line 1M"
expect_rc 2 "an endless quoted CSV field"
expect_err_contains "<stdin>:2:1: CSV record longer than the limit of 1 MiB"

# A whole-document input over --max-input.
run "$TB" glossary list --max-input 1K "$G"
expect_rc 2 "glossary list --max-input 1K"
expect_err_contains "larger than the limit of 1 KiB for a file read whole; --max-input raises it"

# A 30 MB line with many term hits: the matcher works in windows. (Its point is memory: not
# run in a sanitized build, where it is slow and the peak is not measured.)
if [ "$SANITIZED" = 1 ]; then
  done_checks
  exit 0
fi
yes "국방부는 핵협의그룹(NCG) 회의에서 확장억제와 핵실험, 유엔 안보리 제재를 논의했다." |
  head -n 300000 | tr -d "\n" >"$WORK/30m.txt"
measured "$TB" terms find -g "$G" -l ko --jsonl -o "$WORK/30m.jsonl" "$WORK/30m.txt"
expect_rc 0 "terms find on a 30 MB line"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$WORK/30m.jsonl")" = 2100000 ] || fail "30 MB line: $(wc -l <"$WORK/30m.jsonl") hits"
CHECKS=$((CHECKS + 1))
[ "$(tail -n 1 "$WORK/30m.jsonl")" = '{"line": 1, "start": 14399991, "end": 14399993, "text": "제재", "concept": "sanctions"}' ] ||
  fail "30 MB line: the last hit is $(tail -n 1 "$WORK/30m.jsonl")"
expect_rss_below 307200 "terms find on a 30 MB line"

done_checks
