#!/usr/bin/env bash
# The real TBX files of the shared interop corpus (Pontoon, InterpretBank, LISA, TBX-Core,
# TBX-Min DCT ...) convert to TBX v2, v3 and v3 DCT keeping every entry and term, and every
# TBX termbridge writes is valid by the ISO core-structure schemas. Needs ../shared.
# labels: slow
source "$(dirname "$0")/lib.sh"
CORPUS="$SHARED/data/interop"
CHECKER="$SHARED/tools/interop_corpus_check.py"
if [ ! -f "$CORPUS/manifest.tsv" ] || [ ! -f "$CHECKER" ] || ! /usr/bin/python3 -c "import lxml" 2>/dev/null; then
  echo "shared interop corpus or its checker absent: skipped"
  exit 77
fi

for to in tbx2 tbx3 tbx3-dct; do
  run /usr/bin/python3 "$CHECKER" run --corpus "$CORPUS" --only tbx2,tbx3 \
    --tbx-cmd "$TB glossary convert {in} {out} --to $to"
  expect_rc 0 "interop checker, --to $to"
  LAST=$(printf '%s\n' "$OUT" | tail -1)
  case "$LAST" in
    "interop-corpus: ok="*" mismatch=0 error=0 of "*) CHECKS=$((CHECKS + 1)) ;;
    *) fail "--to $to: $LAST
$(printf '%s\n' "$OUT" | grep -v '^OK')" ;;
  esac
done

# Every TBX termbridge writes validates (validate.sh: the 2008 DTD, the v3 RNG). One
# exception, by the standard: TBX v2 cannot hold an empty term base (the DTD wants an entry
# in <body>), so an empty one is checked as v3 only.
if have_validator && command -v xmllint >/dev/null; then
  for f in "$CORPUS"/tbx2/*.tbx "$CORPUS"/tbx3/*.tbx "$TB_DATA"/glossary/*.tbx; do
    name=$(basename "$f" .tbx)
    "$TB" glossary stats "$f" >"$WORK/stats" 2>/dev/null || continue # the broken ones
    concepts=$(awk -F'\t' '$1=="concepts"{print $2}' "$WORK/stats")
    for to in tbx2 tbx3 tbx3-dct; do
      [ "$to" = tbx2 ] && [ "$concepts" = 0 ] && continue
      run "$TB" glossary convert -q --to "$to" "$f" "$WORK/$name.$to.tbx"
      expect_rc 0 "convert $name to $to"
      expect_valid_xml "$WORK/$name.$to.tbx"
    done
  done
else
  echo "validate.sh or xmllint absent: schema checks skipped"
fi
done_checks
