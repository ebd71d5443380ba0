#!/usr/bin/env bash
# labels: slow
# XLIFF written by other CAT tools (../shared/data/interop, xliff12 and xliff2: Trados,
# memoQ, Phrase, GlobalLink, Xcode, XTM's 2.2 hybrid, Poedit's 2.2 sample ...) converts to
# TMX with the counts and languages the manifest expects, and validate reads every
# well-formed one. Skipped when ../shared is absent.
. "$(dirname "$0")/lib.sh"
CHECK="$SHARED/tools/interop_corpus_check.py"
CORPUS="$SHARED/data/interop"
if [ ! -f "$CHECK" ] || [ ! -d "$CORPUS" ] || [ ! -x /usr/bin/python3 ]; then
  echo "skipped: no interop corpus at $CORPUS"
  exit 77
fi

run /usr/bin/python3 "$CHECK" run --corpus "$CORPUS" --only xliff12,xliff2 \
  --tmx-cmd "'$TB' convert --to tmx {in} {out}" --tbx-cmd true
expect_rc 0 "interop corpus check"
expect_out_contains "interop-corpus: ok=21 mismatch=0 error=0 of 21"

# validate reads each file the manifest says is well-formed (findings are allowed: tools
# add their own attributes; what matters is that nothing is refused as unreadable).
for f in "$CORPUS"/xliff12/* "$CORPUS"/xliff2/*; do
  case "$f" in *invalid-xml*) continue ;; esac
  run "$TB" validate "$f"
  CHECKS=$((CHECKS + 1))
  [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "validate $f: exit $RC: $ERR"
  case "$OUT" in *"unsupported XLIFF version"* | *"not well-formed"*) fail "validate $f: $OUT" ;; esac
done

done_checks
