#!/usr/bin/env bash
# Nothing the user had is lost on output: an output that is an input is refused, files
# written keep their mode and their symlinks, concurrent in-place edits are serialized, and
# no temporary file is left behind.
. "$(dirname "$0")/lib.sh"

CSV="$TB_DATA/glossary/alliance.csv"
TM="$WORK/m.tm.sqlite"
printf '한미 양국은 핵협의그룹 회의를 열었다.\n' >"$WORK/a.ko.txt"
run "$TB" tm import --tm "$TM" --src-lang ko --tgt-lang en "$TB_DATA/tm/news.ko-en.tsv"
expect_rc 0 "tm import"
cp "$CSV" "$WORK/g.csv"
TM_SUM=$(sha256sum <"$TM")
G_SUM=$(sha256sum <"$WORK/g.csv")
A_SUM=$(sha256sum <"$WORK/a.ko.txt")

# Each of these would replace an input with the output: refused, exit 2, input untouched.
expect_untouched() {
  CHECKS=$((CHECKS + 1))
  [ "$(sha256sum <"$TM")" = "$TM_SUM" ] || fail "$1: the memory was changed"
  [ "$(sqlite3 "$TM" 'PRAGMA integrity_check')" = ok ] || fail "$1: the memory is damaged"
  [ "$(sha256sum <"$WORK/g.csv")" = "$G_SUM" ] || fail "$1: the glossary was changed"
  [ "$(sha256sum <"$WORK/a.ko.txt")" = "$A_SUM" ] || fail "$1: the article was changed"
}
PRE=("$TB" pretranslate "$WORK/a.ko.txt" --src-lang ko --tgt-lang en --tm "$TM")
run "${PRE[@]}" -o "$TM"
expect_rc 2 "pretranslate -o the memory"
expect_err_contains "output '$TM' is the memory given with --tm; choose another output"
expect_untouched "pretranslate -o the memory"
ln -s m.tm.sqlite "$WORK/link.sqlite"
run "${PRE[@]}" -o "$WORK/link.sqlite"
expect_rc 2 "pretranslate -o a symlink to the memory"
expect_err_contains "is the memory given with --tm ('$TM')"
expect_untouched "pretranslate -o a symlink to the memory"
[ -L "$WORK/link.sqlite" ] || fail "the symlink was replaced"
run "$TB" tm export --format tmx --tm "$TM" -o "$TM"
expect_rc 2 "tm export -o the memory"
expect_err_contains "is the memory given with --tm"
expect_untouched "tm export -o the memory"
run "${PRE[@]}" -g "$WORK/g.csv" -o "$WORK/g.csv"
expect_rc 2 "pretranslate -o the glossary"
expect_err_contains "is the glossary given with -g/--glossary"
expect_untouched "pretranslate -o the glossary"
run "${PRE[@]}" -o "$WORK/a.ko.txt"
expect_rc 2 "pretranslate -o the article"
expect_err_contains "is an input of this command"
expect_untouched "pretranslate -o the article"
# segment makes its output before it opens its inputs: refused before the rename.
run "$TB" segment "$WORK/a.ko.txt" -o "$WORK/a.ko.txt"
expect_rc 2 "segment -o its own input"
expect_err_contains "is an input of this command"
expect_untouched "segment -o its own input"
# The memory by default (termbridge.tm.sqlite) is an input too.
cp "$TM" "$WORK/termbridge.tm.sqlite"
run bash -c "cd '$WORK' && '$TB' pretranslate a.ko.txt --src-lang ko --tgt-lang en -o termbridge.tm.sqlite"
expect_rc 2 "pretranslate -o the default memory"
expect_err_contains "is the memory (the default of --tm)"
run cmp "$TM" "$WORK/termbridge.tm.sqlite"
expect_rc 0 "the default memory is untouched"
# Another output is still fine.
run "${PRE[@]}" -g "$WORK/g.csv" -o "$WORK/job.xlf"
expect_rc 0 "pretranslate -o a new file"

# An existing file keeps its mode, edited in place or written over with -o.
chmod 600 "$WORK/g.csv"
run "$TB" glossary add "$WORK/g.csv" kill-web --term 'en=kill web' --term 'ko=킬웹'
expect_rc 0 "glossary add on a 0600 file"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a "$WORK/g.csv")" = 600 ] || fail "glossary add: mode $(stat -c %a "$WORK/g.csv"), expected 600"
# As root, the owner is kept too (as anyone else, the group when they belong to it).
if [ "$(id -u)" = 0 ]; then
  chown 65534:65534 "$WORK/g.csv"
  run "$TB" glossary add "$WORK/g.csv" thaad --term 'en=THAAD'
  expect_rc 0 "glossary add on a file of another owner"
  CHECKS=$((CHECKS + 1))
  [ "$(stat -c %u:%g:%a "$WORK/g.csv")" = 65534:65534:600 ] ||
    fail "glossary add as root: owner and mode $(stat -c %u:%g:%a "$WORK/g.csv")"
fi
printf 'old\n' >"$WORK/out.tbx"
chmod 640 "$WORK/out.tbx"
run "$TB" glossary convert "$CSV" "$WORK/out.tbx"
expect_rc 0 "convert over a 0640 file"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a "$WORK/out.tbx")" = 640 ] || fail "convert -o: mode $(stat -c %a "$WORK/out.tbx"), expected 640"

# A symlink is followed: the file it names is written, the link stays a link.
mkdir "$WORK/real"
cp "$CSV" "$WORK/real/t.csv"
ln -s real/t.csv "$WORK/t.csv"
run "$TB" glossary add "$WORK/t.csv" thaad --term 'en=THAAD' --term 'ko=사드'
expect_rc 0 "glossary add through a symlink"
CHECKS=$((CHECKS + 1))
[ -L "$WORK/t.csv" ] || fail "glossary add replaced the symlink with a file"
grep -q '^thaad,' "$WORK/real/t.csv" || fail "the linked file lacks the new concept"
ln -s real/new.tbx "$WORK/new-link.tbx"
run "$TB" glossary convert "$CSV" "$WORK/new-link.tbx"
expect_rc 0 "convert -o a dangling symlink"
CHECKS=$((CHECKS + 1))
[ -L "$WORK/new-link.tbx" ] && [ -s "$WORK/real/new.tbx" ] || fail "-o through a dangling symlink"

# Two editors at once: the second waits for the first; no edit is lost.
cp "$CSV" "$WORK/c.csv"
for i in $(seq 1 20); do
  "$TB" glossary add "$WORK/c.csv" "a$i" --term "en=alpha $i" --term "ko=알파 $i" 2>"$WORK/a.err" &
  pa=$!
  "$TB" glossary add "$WORK/c.csv" "b$i" --term "en=beta $i" --term "ko=베타 $i" 2>"$WORK/b.err" &
  pb=$!
  wait $pa || fail "round $i: first add failed: $(cat "$WORK/a.err")"
  wait $pb || fail "round $i: second add failed: $(cat "$WORK/b.err")"
  CHECKS=$((CHECKS + 1))
  grep -q "^a$i," "$WORK/c.csv" && grep -q "^b$i," "$WORK/c.csv" ||
    fail "round $i: an edit was lost"
done
CHECKS=$((CHECKS + 1))
[ "$(grep -c '^[ab][0-9]*,' "$WORK/c.csv")" = 40 ] || fail "not 40 concepts after 20 rounds"

# An editor that holds the file too long: the wait ends with a message naming the file.
if command -v flock >/dev/null; then
  C_SUM=$(sha256sum <"$WORK/c.csv")
  flock "$WORK/c.csv" sleep 12 &
  holder=$!
  sleep 0.5
  run "$TB" glossary add "$WORK/c.csv" late --term 'en=late'
  expect_rc 2 "add while another program holds the file"
  expect_err_contains "'$WORK/c.csv' is being changed by another program"
  CHECKS=$((CHECKS + 1))
  [ "$(sha256sum <"$WORK/c.csv")" = "$C_SUM" ] || fail "the locked file was changed"
  wait $holder
fi

# Killed while writing: the temporary file goes, the old output stays. The named temporary
# file of file systems without O_TMPFILE (on Linux it has no name until the rename: see
# kill_test.sh).
printf 'old output\n' >"$WORK/seg.txt"
(sleep 3; printf '한미 양국은 회의를 열었다.\n') | TERMBRIDGE_TEST_NAMED_TEMP=1 "$TB" segment -o "$WORK/seg.txt" - &
pid=$!
for _ in $(seq 50); do
  [ -n "$(find "$WORK" -maxdepth 1 -name '.seg.txt.tmp.*')" ] && break
  sleep 0.1
done
CHECKS=$((CHECKS + 1))
[ -n "$(find "$WORK" -maxdepth 1 -name '.seg.txt.tmp.*')" ] || fail "segment made no temporary file"
kill -TERM $pid
wait $pid
CHECKS=$((CHECKS + 1))
[ "$(cat "$WORK/seg.txt")" = "old output" ] || fail "the old output was changed by a killed run"

# No temporary file is left by any of the above, refused or not.
CHECKS=$((CHECKS + 1))
left=$(find "$WORK" -name '*.tmp.*')
[ -z "$left" ] || fail "temporary files left: $left"

# A term base read by glossary convert / import is never the output either.
cp "$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv" "$WORK/self.tsv"
run "$TB" glossary convert "$WORK/self.tsv" "$WORK/self.tsv"
expect_rc 2 "glossary convert A A"
expect_err_contains "is a term base this command reads"
cmp -s "$WORK/self.tsv" "$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv" || fail "glossary convert A A changed A"

done_checks
