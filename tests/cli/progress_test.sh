#!/usr/bin/env bash
# Progress on stderr when it is a terminal (a pty from util-linux script): pretranslate,
# tm lookup --file, tm import and normalize from stdin (MB read and MB/s: stdin has no
# size), align --batch; nothing with --quiet or when stderr is not a terminal.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "no script(1) (util-linux): skipped"; exit 77; }
script -qec true /dev/null </dev/null >/dev/null 2>&1 || { echo "no pty here: skipped"; exit 77; }
S="$TB_SOURCE_DIR/samples"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
A="$S/ncg-sixth-meeting/article.ko.txt"
cd "$WORK"

# tty CMD: runs CMD (a shell string) with stderr on a pty; its stdout goes to out.txt and
# what the terminal showed is left in $TTY.
tty() {
  script -qec "$1 >out.txt" /dev/null >tty.log 2>&1 </dev/null
  RC=$?
  TTY=$(tr '\r' '\n' <tty.log)
  ERR=$TTY
}
expect_tty_contains() {
  CHECKS=$((CHECKS + 1))
  case "$TTY" in
    *"$1"*) ;;
    *) fail "${2:-command}: the terminal lacks '$1'; it showed: $TTY" ;;
  esac
}

"$TB" align -g "$G" "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" \
  --format tsv --header -o fifth.tsv || fail "align"

# pretranslate: a bar over the article's paragraphs.
tty "'$TB' pretranslate '$A' --src-lang ko --tgt-lang en -g '$G'"
expect_rc 0 "pretranslate on a terminal"
expect_tty_contains "pretranslate [" "pretranslate"
grep -q '<trans-unit' out.txt || fail "pretranslate wrote no job to stdout: $(cat out.txt)"

# tm import from stdin: MB read and MB/s, not a bare byte count. The input comes in two
# parts 1 s apart (the first longer than the head read to tell the format), so a rate is
# drawn: longer than the start of a sanitizer build (0.3 s), which would otherwise find the
# whole input waiting and finish within the first tenth of a second, before any rate.
tail -n +2 fifth.tsv | awk -F'\t' '{ for (k = 1; k <= 5; k++) print $1 " " k "\t" $2 " " k "\t" $3 }' >more.tsv
tail -n +2 fifth.tsv | awk -F'\t' '{ print $1 " again\t" $2 " again\t" $3 }' >again.tsv
tty "(cat fifth.tsv more.tsv; sleep 1; cat again.tsv) | '$TB' tm import --tm m.sqlite -"
expect_rc 0 "tm import from stdin on a terminal"
expect_tty_contains "import 0.0 MB read" "tm import"
expect_tty_contains " MB/s" "tm import"
grep -q "84 added" out.txt || fail "tm import: $(cat out.txt)"

# normalize from stdin, the same way.
tty "(printf '핵협의그룹\n'; sleep 1; printf 'NCG\n') | '$TB' normalize -"
expect_rc 0 "normalize from stdin"
expect_tty_contains "MB read, " "normalize"
expect_tty_contains " MB/s" "normalize"

# tm lookup --file: a bar over the sentences.
tail -n +2 fifth.tsv | cut -f1 >queries.txt
tty "'$TB' tm lookup --tm m.sqlite --file queries.txt"
expect_rc 0 "tm lookup --file on a terminal"
expect_tty_contains "lookup [" "tm lookup"
expect_tty_contains "/12 sentences" "tm lookup"

# align --batch: a bar over the document pairs.
printf '%s\t%s\n' "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" \
  "$S/ncg-sixth-meeting/article.ko.txt" "$S/ncg-sixth-meeting/article.en.txt" >list.tsv
tty "'$TB' align --batch list.tsv"
expect_rc 0 "align --batch on a terminal"
expect_tty_contains "/2 document pairs" "align --batch"

# qa over several files: a bar over the files.
tty "'$TB' qa -g '$G' fifth.tsv fifth.tsv fifth.tsv"
[ "$RC" -le 1 ] || fail "qa of three files on a terminal: exit $RC: $TTY"
expect_tty_contains "/3 files" "qa"
grep -q "in 36 segments of 3 files" out.txt || fail "qa: $(cat out.txt)"
# One file: no bar.
tty "'$TB' qa -g '$G' fifth.tsv"
[ "$RC" -le 1 ] || fail "qa of one file on a terminal: exit $RC: $TTY"
[ -z "$(tr -d '\n' <tty.log)" ] || fail "qa of one file drew: $TTY"

# --quiet: nothing on the terminal.
tty "'$TB' pretranslate '$A' --src-lang ko --tgt-lang en -g '$G' --quiet"
expect_rc 0 "pretranslate --quiet"
[ -z "$(tr -d '\n' <tty.log)" ] || fail "--quiet drew: $TTY"
# stderr not a terminal: no progress either.
run "$TB" tm lookup --tm m.sqlite --file queries.txt
expect_rc 0 "tm lookup into a file"
[ -z "$ERR" ] || fail "progress without a terminal: $ERR"

done_checks
