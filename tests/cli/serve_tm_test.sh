#!/usr/bin/env bash
# A served memory (--tm http://HOST:PORT) in pretranslate and merge --update-tm gives what
# the memory file gives: the same job, the same units stored. Token from --token or
# TERMBRIDGE_TOKEN; a read-only token cannot update.
. "$(dirname "$0")/lib.sh"
S="$TB_SOURCE_DIR/samples"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 is not installed"; exit 77; }
cd "$WORK"

RO=ro$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
RW=rw$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf 'ro %s\nrw %s\n' "$RO" "$RW" >tokens
chmod 600 tokens

"$TB" align "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" \
  --glossary "$G" --format tsv -o fifth.tsv || fail "align"
"$TB" tm import --quiet --tm local.tm.sqlite --src-lang ko --tgt-lang en fifth.tsv >/dev/null || fail "tm import"
cp local.tm.sqlite served.tm.sqlite

SERVERS=()
trap 'for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
# start MEMORY: serves it on a free port; leaves its URL in $URL.
start() {
  "$TB" serve --tm "$1" --tokens tokens --listen 127.0.0.1:0 2>"$1.log" &
  SERVERS+=($!)
  URL=
  for _ in $(seq 100); do
    URL=$(sed -nE 's@.*listening on (http://127\.0\.0\.1:[0-9]+)/.*@\1@p' "$1.log")
    [ -n "$URL" ] && return
    if grep -q "built without cpp-httplib" "$1.log"; then
      echo "skipped: termbridge was built without cpp-httplib (libcpp-httplib-dev)"
      exit 77
    fi
    sleep 0.1
  done
  fail "the server did not start: $(cat "$1.log")"
}
start served.tm.sqlite
SERVED=$URL

# ---- pretranslate: the same job through the server as on the file ----
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm local.tm.sqlite --glossary "$G" -o local.xlf
expect_rc 0 "pretranslate on the file"
LOCAL_OUT=$OUT
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm "$SERVED" --token "$RO" --glossary "$G" -o served.xlf
expect_rc 0 "pretranslate through the server"
CHECKS=$((CHECKS + 1))
[ "${OUT%wrote *}" = "${LOCAL_OUT%wrote *}" ] || fail "the summaries differ:
$OUT
---
$LOCAL_OUT"
expect_out_contains "  exact             2 segments"
expect_out_contains "  repaired          1 segment"
# The memory is named by where it is; all else is the same, byte for byte.
sed "s@$SERVED@local.tm.sqlite@g" served.xlf >served.renamed.xlf
CHECKS=$((CHECKS + 1))
cmp -s local.xlf served.renamed.xlf || fail "the jobs differ: $(diff local.xlf served.renamed.xlf | head -20)"
grep -q "$SERVED" served.xlf || fail "the served job does not name the memory"

# The token from the environment; none, or a wrong one, is refused.
TERMBRIDGE_TOKEN=$RO run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko \
  --tgt-lang en --tm "$SERVED" --glossary "$G" -o env.xlf
expect_rc 0 "pretranslate with TERMBRIDGE_TOKEN"
cmp -s served.xlf env.xlf || fail "the job with the token from the environment differs"
run env -u TERMBRIDGE_TOKEN "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko \
  --tgt-lang en --tm "$SERVED" -o none.xlf
expect_rc 2 "pretranslate without a token"
expect_err_contains "a served memory needs a token: --token TOKEN or TERMBRIDGE_TOKEN"
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm "$SERVED" --token "wrong-token-0123456789" -o wrong.xlf
expect_rc 2 "pretranslate with a wrong token"
expect_err_contains "refused /v1/stats (401): unknown token"
[ ! -e none.xlf ] && [ ! -e wrong.xlf ] || fail "a refused pretranslate wrote its output"
TERMBRIDGE_TOKEN=$RO run "$TB" tm export --tm "$SERVED"
expect_rc 2 "tm export of a served memory"
expect_err_contains "export is not offered by a served memory"

# ---- merge --update-tm: the same units stored through the server as in the file ----
start empty-served.tm.sqlite
EMPTY=$URL
run "$TB" merge local.xlf --allow-untranslated --update-tm "$EMPTY" --token "$RO" -o draft-ro.txt
expect_rc 2 "merge --update-tm with the read-only token"
expect_err_contains "(403): this token may read only"
run "$TB" merge local.xlf --allow-untranslated --update-tm "$EMPTY" --token "$RW" -o draft-served.txt
expect_rc 0 "merge --update-tm through the server"
expect_err_contains "stored 2 confirmed pairs"
run "$TB" merge local.xlf --allow-untranslated --update-tm empty-local.tm.sqlite -o draft-local.txt
expect_rc 0 "merge --update-tm on a file"
expect_err_contains "stored 2 confirmed pairs"
CHECKS=$((CHECKS + 1))
cmp -s draft-served.txt draft-local.txt || fail "the drafts differ"
Q="SELECT src_lang, tgt_lang, src_text, tgt_text, document FROM units WHERE part_of IS NULL ORDER BY id"
[ "$(sqlite3 empty-served.tm.sqlite "$Q")" = "$(sqlite3 empty-local.tm.sqlite "$Q")" ] ||
  fail "the stored units differ:
$(sqlite3 empty-served.tm.sqlite "$Q")
---
$(sqlite3 empty-local.tm.sqlite "$Q")"
[ "$(sqlite3 empty-served.tm.sqlite 'SELECT count(*) FROM units')" = 2 ] || fail "2 units expected"

done_checks
