#!/usr/bin/env bash
# Round trips of real TMX files: TMX -> TMX keeps units, languages, text, inline codes with
# their attributes, the whitespace between them, dates, ids, props and notes; TMX -> XLIFF
# 2.1 -> TMX keeps units, languages, text, codes and whitespace. Checked with the shared
# round-trip checker over our own fixtures and, when ../shared is there, over the interop
# corpus of files written by other tools. Every file written on the way validates, and
# translate-toolkit reads the TMX and XLIFF 1.2 we write from codes of every kind.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
CHECKER="$SHARED/tools/tmx_roundtrip_check.py"

files=("$TB_DATA"/interchange/*.tmx)
if [ -d "$SHARED/data/interop/tmx" ]; then
  files+=("$SHARED"/data/interop/tmx/*.tmx)
else
  echo "note: $SHARED/data/interop absent; own fixtures only"
fi

if [ -f "$CHECKER" ] && "$PY" -c 'import lxml' 2>/dev/null; then
  run "$PY" "$CHECKER" --cmd-tmx "$TB convert --to tmx {in} {out}" \
    --cmd-xliff "$TB convert --to xliff21 {in} {out}" "${files[@]}"
  expect_rc 0 "round-trip checker"
  n=${#files[@]}
  CHECKS=$((CHECKS + 1))
  printf '%s\n' "$OUT" | tail -n 1 | grep -qx "tmx-roundtrip: direct=$n/$n via-xliff=$n/$n" ||
    fail "round trips lost something:
$OUT"
else
  echo "note: round-trip checker or python3-lxml absent; checker part skipped"
fi

# Every file of ours and of the corpus, converted to each format, validates: repeated ids
# (Pontoon repeats a tuid), prop names with spaces, an empty memory, codes of every kind.
inputs=("$TB_DATA"/interchange/* "$TB_DATA"/xliff/*)
[ -d "$SHARED/data/interop" ] && inputs+=("$SHARED"/data/interop/tmx/* "$SHARED"/data/interop/xliff12/* "$SHARED"/data/interop/xliff2/*)
for f in "${inputs[@]}"; do
  for to in tmx xliff12 xliff20 xliff21; do
    out="$WORK/all.$(basename "$f").$to"
    if "$TB" convert --to "$to" "$f" "$out" 2>/dev/null; then
      expect_valid_xml "$out"
    else
      CHECKS=$((CHECKS + 1))
      [ ! -e "$out" ] || fail "a failed convert of $f left $out"
    fi
  done
done

# Every format written from a unit with every kind of inline code and nesting validates,
# and reads back with the same text.
IN="$TB_DATA/interchange/trilateral-codes.tmx"
for to in tmx xliff12 xliff20 xliff21; do
  run "$TB" convert "$IN" "$WORK/out.$to" --to "$to"
  expect_rc 0 "tmx -> $to"
  expect_valid_xml "$WORK/out.$to"
  run "$TB" convert "$WORK/out.$to" "$WORK/back-$to.tsv" --src-lang ko-KR --tgt-lang en-US
  expect_rc 0 "$to -> tsv"
  CHECKS=$((CHECKS + 1))
  grep -qF "$(printf '한미일 3국 국방장관 회의 \tROK-U.S.-Japan Trilateral Defense Ministerial Meeting ')" \
    "$WORK/back-$to.tsv" || fail "$to lost the text: $(cat "$WORK/back-$to.tsv")"
done

# translate-toolkit reads what we write by default, codes and all.
if "$PY" -c 'import translate.storage.tmx, translate.storage.xliff' 2>/dev/null; then
  run "$TB" convert "$IN" "$WORK/default.tmx"
  expect_rc 0 "tmx -> tmx"
  run "$TB" convert "$IN" "$WORK/default.xlf" --tgt-lang en-US
  expect_rc 0 "tmx -> xlf"
  run "$PY" - "$WORK/default.tmx" "$WORK/default.xlf" <<'PYEOF'
import sys
from translate.storage import tmx, xliff
t = tmx.tmxfile.parsefile(sys.argv[1])
print("tmx", len(t.units))
for u in t.units:
    print("tmx-src\t%s" % u.source)
x = xliff.xlifffile.parsefile(sys.argv[2])
print("xlf", len(x.units))
for u in x.units:
    print("xlf-tgt\t%s" % u.target)
PYEOF
  expect_rc 0 "translate-toolkit parses our TMX and XLIFF 1.2"
  expect_out_contains "tmx 3"
  expect_out_contains "xlf 3"
  expect_out_contains "tmx-src	  세 장관은   정보 공유를 강화하기로 했다.  "
  expect_out_contains "xlf-tgt	The ministers condemned the launch"
else
  echo "note: translate-toolkit absent; its part skipped"
fi
done_checks
