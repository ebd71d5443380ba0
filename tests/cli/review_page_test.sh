#!/usr/bin/env bash
# labels: slow
# The review page (align/qa --format html) in a real browser: Debian's chromium, headless,
# loads the sample article's alignment page and the sixth meeting's QA page; the DOM it
# dumps shows the rows, the highlighted terms, the filters the script shows, and the
# filter named in the URL fragment applied; the screenshot is a PNG of the window's size.
# TB_REVIEW_SHOT=FILE keeps the screenshot (docs/review-page.png is made that way).
. "$(dirname "$0")/lib.sh"
cd "$TB_SOURCE_DIR"
g=glossaries/defense.ko-en.tsv
fifth=samples/ncg-fifth-meeting
sixth=samples/ncg-sixth-meeting

# Pages are written and checked without a browser first.
run "$TB" align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format html \
  -o "$WORK/fifth.html"
expect_rc 0 "align --format html"
run "$TB" align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format beads
beads=$(printf '%s\n' "$OUT" | grep -c ':')
[ "$beads" -ge 10 ] || fail "expected the sample's beads, got $beads"
rows=$(grep -c '^<tr' "$WORK/fifth.html")
CHECKS=$((CHECKS + 1))
[ "$rows" = "$beads" ] || fail "the page has $rows rows for $beads beads"
"$TB" align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format html \
  -o "$WORK/again.html"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/fifth.html" "$WORK/again.html" || fail "two runs wrote different pages"
CHECKS=$((CHECKS + 1))
grep -Eq 'https?:|<link|src=|url\(|@import' "$WORK/fifth.html" && fail "the page refers outside"

# Without the script everything is shown and the filters, which would do nothing, are not.
CHECKS=$((CHECKS + 1))
grep -q '<form id="filters" hidden>' "$WORK/fifth.html" && ! grep -q '<tr[^>]*hidden' "$WORK/fifth.html" ||
  fail "the page hides something before its script runs"

command -v chromium >/dev/null || {
  echo "skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)"
  exit 77
}

# browser URL ARGS...: chromium headless with a profile of its own under $WORK.
browser() {
  local url=$1
  shift
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$WORK/profile" --disable-extensions --hide-scrollbars "$@" "$url" \
    2>"$WORK/chromium.err"
}

# dump URL OUT: the DOM after the page's script ran, on one line (the DOM dump writes the
# line feeds of the terms' tooltips as they are, which would cut an element for grep).
dump() {
  browser "$1" --dump-dom >"$WORK/dump.raw" ||
    fail "chromium --dump-dom failed: $(tail -n 5 "$WORK/chromium.err")"
  tr '\n' ' ' <"$WORK/dump.raw" >"$2"
}

dump "file://$WORK/fifth.html" "$WORK/dom.html"
CHECKS=$((CHECKS + 1))
[ "$(grep -o '<tr' "$WORK/dom.html" | wc -l)" = "$((beads + 1))" ] ||
  fail "the DOM has $(grep -o '<tr' "$WORK/dom.html" | wc -l) rows, expected $beads beads and a header"
CHECKS=$((CHECKS + 1))
grep -q '<form id="filters">' "$WORK/dom.html" || fail "the script did not show the filters"
CHECKS=$((CHECKS + 1))
grep -q "$beads of $beads rows shown" "$WORK/dom.html" || fail "not every row is shown unfiltered"
CHECKS=$((CHECKS + 1))
grep -q '<mark class="term[^"]*" data-concept="nuclear-consultative-group" title="[^"]*">핵협의그룹</mark>' \
  "$WORK/dom.html" || fail "핵협의그룹 is not highlighted with its concept"
CHECKS=$((CHECKS + 1))
grep -q 'data-concept="nuclear-consultative-group" title="[^"]*">Nuclear Consultative Group</mark>' \
  "$WORK/dom.html" || fail "the English term is not highlighted with its concept"
CHECKS=$((CHECKS + 1))
grep -q '<td class="src" lang="ko">' "$WORK/dom.html" && grep -q '<td class="tgt" lang="en">' \
  "$WORK/dom.html" || fail "the cells lack their lang attributes"

# Beads below 0.5 (the default threshold): the fifth meeting's Korean aligned with the sixth
# meeting's English, a wrong file that shares some sentences; --min-score keeps them all.
"$TB" align "$fifth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format html \
  -o "$WORK/wrong.html"
run "$TB" align "$fifth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format beads
all=$(printf '%s\n' "$OUT" | grep -c ':')
low=$(grep -c '^<tr class="low' "$WORK/wrong.html")
CHECKS=$((CHECKS + 1))
[ "$low" -gt 0 ] && [ "$low" -lt "$all" ] || fail "$low of $all beads below 0.5"
"$TB" align "$fifth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format html \
  --min-score 0.5 -o "$WORK/wrong-min.html"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/wrong.html" "$WORK/wrong-min.html" || fail "--min-score 0.5 changed the page"
CHECKS=$((CHECKS + 1))
[ "$(grep -c '^<tr' "$WORK/wrong.html")" = "$all" ] || fail "the page lacks beads"
dump "file://$WORK/wrong.html#low" "$WORK/dom-low.html"
hidden=$(grep -o '<tr[^>]*hidden=""' "$WORK/dom-low.html" | wc -l)
low_hidden=$(grep -o '<tr class="low[^>]*hidden=""' "$WORK/dom-low.html" | wc -l)
CHECKS=$((CHECKS + 1))
[ "$hidden" = "$((all - low))" ] && [ "$low_hidden" = 0 ] ||
  fail "#low hid $hidden rows ($low_hidden of them low), expected the $((all - low)) others"
CHECKS=$((CHECKS + 1))
grep -q "$low of $all rows shown" "$WORK/dom-low.html" || fail "the count does not say $low rows"

# The QA page of an aligned TSV with scores (align --header) marks the same beads low.
"$TB" align "$fifth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format tsv \
  --header -o "$WORK/wrong.tsv"
run "$TB" qa -g "$g" --format html -o "$WORK/wrong-qa.html" "$WORK/wrong.tsv"
CHECKS=$((CHECKS + 1))
[ "$RC" -le 1 ] || fail "qa --format html of a scored TSV: exit $RC; $ERR"
tsv_low=$(awk -F'\t' 'NR > 1 && $3 < 0.5' "$WORK/wrong.tsv" | wc -l)
CHECKS=$((CHECKS + 1))
[ "$(grep -c '^<tr class="low' "$WORK/wrong-qa.html")" = "$tsv_low" ] && [ "$tsv_low" -gt 0 ] ||
  fail "the QA page marks $(grep -c '^<tr class="low' "$WORK/wrong-qa.html") rows low, the TSV has $tsv_low"

# The QA page of the sixth meeting: its planted mistakes next to their segments; #findings
# leaves only those rows.
"$TB" align "$sixth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format tsv \
  -o "$WORK/sixth.tsv"
run "$TB" qa -g "$g" --src-lang ko --tgt-lang en --format html -o "$WORK/qa.html" "$WORK/sixth.tsv"
expect_rc 1 "qa --format html with findings"
qa_rows=$(grep -c '^<tr' "$WORK/qa.html")
qa_find=$(grep -c '^<tr class="findings"' "$WORK/qa.html")
CHECKS=$((CHECKS + 1))
[ "$qa_find" -ge 2 ] && [ "$qa_find" -lt "$qa_rows" ] || fail "$qa_find of $qa_rows rows with findings"
dump "file://$WORK/qa.html#findings" "$WORK/dom-qa.html"
CHECKS=$((CHECKS + 1))
[ "$(grep -o '<tr class="findings"[^>]*hidden' "$WORK/dom-qa.html" | wc -l)" = 0 ] &&
  [ "$(grep -o '<tr[^>]*hidden=""' "$WORK/dom-qa.html" | wc -l)" = "$((qa_rows - qa_find))" ] ||
  fail "#findings did not leave exactly the $qa_find rows with findings"
CHECKS=$((CHECKS + 1))
grep -qF "forbidden-term</span> 'Korea Peninsula' is a forbidden term" "$WORK/dom-qa.html" ||
  fail "the forbidden term finding is not on the page"

# The screenshot: a PNG of the window's size.
browser "file://$WORK/fifth.html" --screenshot="$WORK/shot.png" --window-size=1280,1600 \
  >/dev/null || fail "chromium --screenshot failed: $(tail -n 5 "$WORK/chromium.err")"
CHECKS=$((CHECKS + 1))
[ -s "$WORK/shot.png" ] || fail "no screenshot"
header=$(od -An -tx1 -N24 "$WORK/shot.png" | tr -d ' \n')
CHECKS=$((CHECKS + 1))
[ "${header:0:16}" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG: $header"
width=$((16#${header:32:8}))
height=$((16#${header:40:8}))
CHECKS=$((CHECKS + 1))
[ "$width" = 1280 ] && [ "$height" = 1600 ] || fail "the screenshot is ${width}x$height"
if [ -n "${TB_REVIEW_SHOT:-}" ]; then
  cp "$WORK/shot.png" "$TB_REVIEW_SHOT"
fi
done_checks
