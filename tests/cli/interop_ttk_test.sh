#!/usr/bin/env bash
# Interoperability with translate-toolkit (Debian python3-translate): it reads our TMX and
# XLIFF 1.2 and finds the same units; we read what its po2tmx/po2xliff write.
# translate-toolkit reads neither XLIFF 2 nor TBX v3, so those are not tested with it.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
"$PY" -c 'import translate.storage.tmx, translate.storage.xliff' 2>/dev/null || {
  echo "translate-toolkit not installed; skipped"
  exit 77
}
IN="$TB_DATA/interchange/ncg.tmx"

run "$TB" convert "$IN" "$WORK/ours.tmx"
expect_rc 0 "tmx -> tmx"
run "$TB" convert "$IN" "$WORK/ours.xlf" --strip-codes
expect_rc 0 "tmx -> xliff12"
run "$TB" convert "$IN" "$WORK/ours.tsv"
expect_rc 0 "tmx -> tsv"

# translate-toolkit's view of our files, as "source<TAB>target" lines.
run "$PY" - "$WORK/ours.tmx" "$WORK/ours.xlf" <<'PYEOF'
import sys
from translate.storage import tmx, xliff
t = tmx.tmxfile.parsefile(sys.argv[1])
for u in t.units:
    print("tmx\t%s\t%s" % (u.source, u.target))
x = xliff.xlifffile.parsefile(sys.argv[2])
for u in x.units:
    print("xlf\t%s\t%s\t%s" % (u.getid(), u.source, u.target))
PYEOF
expect_rc 0 "translate-toolkit parses our files"
[ "$(printf '%s\n' "$OUT" | grep -c '^tmx')" = 3 ] || fail "tmxfile found other units: $OUT"
[ "$(printf '%s\n' "$OUT" | grep -c '^xlf')" = 3 ] || fail "xlifffile found other units: $OUT"
expect_out_contains "tmx	제55차 한미안보협의회의(SCM)가 서울에서 열렸다.	The 55th Security Consultative Meeting (SCM) was held in Seoul."
expect_out_contains "ncg-3	제55차 한미안보협의회의(SCM)가 서울에서 열렸다.	The 55th Security Consultative Meeting (SCM) was held in Seoul."
expect_out_contains "ncg-2	양측은 재래식·핵 통합(CNI)과 확장억제를 논의했다.	Both sides discussed conventional-nuclear integration (CNI) & extended deterrence."

# Files written by translate-toolkit, read back by termbridge.
"$PY" - "$WORK/ttk.tmx" "$WORK/ttk.xlf" <<'PYEOF' || fail "translate-toolkit could not write"
import sys
from translate.storage import tmx, xliff
pairs = [("핵협의그룹 회의가 열렸다.", "The NCG meeting was held."),
         ("확장억제 & 전략자산", "Extended deterrence & strategic assets")]
t = tmx.tmxfile(sourcelanguage="ko", targetlanguage="en")
for s, g in pairs:
    t.addtranslation(s, "ko", g, "en")
t.savefile(sys.argv[1])
x = xliff.xlifffile(sourcelanguage="ko", targetlanguage="en")
for s, g in pairs:
    u = x.addsourceunit(s)
    u.target = g
x.savefile(sys.argv[2])
PYEOF
run "$TB" convert "$WORK/ttk.tmx" "$WORK/ttk-from-tmx.tsv"
expect_rc 0 "read translate-toolkit TMX"
[ "$(sed -n 3p "$WORK/ttk-from-tmx.tsv")" = "$(printf '확장억제 & 전략자산\tExtended deterrence & strategic assets')" ] ||
  fail "translate-toolkit TMX read wrong: $(cat "$WORK/ttk-from-tmx.tsv")"
run "$TB" convert "$WORK/ttk.xlf" "$WORK/ttk-from-xlf.tsv"
expect_rc 0 "read translate-toolkit XLIFF"
[ "$(sed -n 2p "$WORK/ttk-from-xlf.tsv")" = "$(printf '핵협의그룹 회의가 열렸다.\tThe NCG meeting was held.')" ] ||
  fail "translate-toolkit XLIFF read wrong: $(cat "$WORK/ttk-from-xlf.tsv")"

# po2tmx / po2xliff when the commands are there.
if command -v po2tmx >/dev/null && command -v po2xliff >/dev/null; then
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Defense"\nmsgstr "국방"\n' >"$WORK/m.po"
  po2tmx -l ko "$WORK/m.po" "$WORK/po.tmx" >/dev/null 2>&1 || fail "po2tmx failed"
  run "$TB" convert "$WORK/po.tmx" "$WORK/po.tsv"
  expect_rc 0 "read po2tmx output"
  grep -q "$(printf 'Defense\t국방')" "$WORK/po.tsv" || fail "po2tmx unit lost: $(cat "$WORK/po.tsv")"
  po2xliff "$WORK/m.po" "$WORK/po.xlf" >/dev/null 2>&1 || fail "po2xliff failed"
  run "$TB" convert "$WORK/po.xlf" "$WORK/po2.tsv" --src-lang en --tgt-lang ko
  expect_rc 0 "read po2xliff output"
  grep -q "$(printf 'Defense\t국방')" "$WORK/po2.tsv" || fail "po2xliff unit lost: $(cat "$WORK/po2.tsv")"
fi
done_checks
