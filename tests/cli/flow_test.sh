#!/usr/bin/env bash
# The whole flow on samples/: align the fifth-meeting pair into a memory, pre-translate the
# sixth-meeting article, check and merge. Asserts the match counts, the QA findings, valid
# XLIFF and TMX, and the golden files samples/*/expected.*.
. "$(dirname "$0")/lib.sh"
S="$TB_SOURCE_DIR/samples"
G="$TB_SOURCE_DIR/glossaries/defense.ko-en.tsv"
cd "$WORK"

# Alignment of the pair: one Korean sentence becomes two English ones (a 1-2 bead).
run "$TB" align "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" --glossary "$G"
expect_rc 0 "align"
[ "$OUT" = "$(cat "$S/ncg-fifth-meeting/expected.beads")" ] || fail "beads differ from expected.beads: $OUT"
"$TB" align "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" --glossary "$G" \
  --format tmx -o fifth.tmx || fail "align --format tmx"
expect_valid_xml fifth.tmx
"$TB" align "$S/ncg-fifth-meeting/article.ko.txt" "$S/ncg-fifth-meeting/article.en.txt" --glossary "$G" \
  --format tsv -o fifth.tsv || fail "align --format tsv"

run "$TB" tm import --tm flow.tm.sqlite --src-lang ko --tgt-lang en fifth.tsv
expect_rc 0 "tm import"
expect_out_contains "12 added, 0 duplicates"

# Pre-translation: 2 exact, 1 repaired (핵억제 for 확장억제), 2 fuzzy, 2 new.
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm flow.tm.sqlite --glossary "$G" -o sixth.xlf
expect_rc 0 "pretranslate"
expect_out_contains "7 segments, 69 words"
expect_out_contains "  exact             2 segments     21 words"
expect_out_contains "  repaired          1 segment       7 words"
expect_out_contains "  fuzzy 75-84%      2 segments     17 words"
expect_out_contains "  new               2 segments     24 words"
expect_valid_xml sixth.xlf
grep -q 'credibility of nuclear deterrence' sixth.xlf || fail "the repaired target is missing"
grep -q 'state="needs-review-translation"' sixth.xlf || fail "the repaired target is not marked for review"
"$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en -q \
  --tm flow.tm.sqlite --glossary "$G" --xliff 2.1 -o sixth.xlf2 >/dev/null || fail "xliff 2.1"
expect_valid_xml sixth.xlf2
grep -q '<gls:glossEntry' sixth.xlf2 || fail "no glossary hints in XLIFF 2.1"

# Bad options and a missing memory are clear errors.
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm flow.tm.sqlite --max-matches three
expect_rc 2 "bad --max-matches"
expect_err_contains "--max-matches must be a number from 0 to 99999, not 'three'"
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm flow.tm.sqlite --threshold 170
expect_rc 2 "bad --threshold"
expect_err_contains "--threshold must be a percentage from 0 to 100, not '170'"
run "$TB" pretranslate "$S/ncg-sixth-meeting/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm missing.tm.sqlite
expect_rc 2 "missing memory"
[ ! -e missing.tm.sqlite ] || fail "pretranslate created a memory"

# translate-toolkit reads the XLIFF 1.2 job and sees the same sources and filled targets.
if /usr/bin/python3 -c 'import translate' 2>/dev/null; then
  /usr/bin/python3 - sixth.xlf <<'PY' || fail "translate-toolkit did not read the job"
import sys
from translate.storage import xliff
store = xliff.xlifffile(open(sys.argv[1], "rb").read())
units = [u for u in store.units if u.source]
assert len(units) == 4, len(units)
assert "재확인했다" in units[2].source, units[2].source
assert "credibility of nuclear deterrence" in (units[1].target or ""), units[1].target
PY
fi

# QA of the job: the four segments without a target.
run "$TB" qa --glossary "$G" sixth.xlf
expect_rc 1 "qa on the job"
expect_out_contains "4 findings in 7 segments"
[ "$(grep -c ': untranslated:' <<<"$OUT")" = 4 ] || fail "expected 4 untranslated: $OUT"

# QA of the finished translation: a wrong date, a forbidden term and the missing approved one.
"$TB" align "$S/ncg-sixth-meeting/article.ko.txt" "$S/ncg-sixth-meeting/article.en.txt" --glossary "$G" \
  --format tsv -o sixth.tsv || fail "align sixth"
run "$TB" qa --glossary "$G" --src-lang ko --tgt-lang en sixth.tsv
expect_rc 1 "qa on the translation"
[ "$OUT" = "$(cat "$S/ncg-sixth-meeting/expected.qa.txt")" ] || fail "QA report differs from expected.qa.txt: $OUT"

# Merge: refuses untranslated segments, then writes a draft and stores nothing unconfirmed.
run "$TB" merge sixth.xlf -o draft.txt
expect_rc 2 "merge with untranslated segments"
expect_err_contains "sixth.xlf: 4 of 7 segments have no translation; translate them or give --allow-untranslated to keep their source text:
  article.ko.txt:p1
  article.ko.txt:p2#s1
  article.ko.txt:p4#s1
  article.ko.txt:p4#s2"
[ ! -e draft.txt ] || fail "merge wrote a file on error"
run "$TB" merge sixth.xlf --allow-untranslated --update-tm flow.tm.sqlite -o draft.txt \
  --source "$S/ncg-sixth-meeting/article.ko.txt"
expect_rc 0 "merge"
expect_err_contains "stored 0 confirmed pairs"
[ "$(grep -c '^$' draft.txt)" = 3 ] || fail "draft should keep 4 paragraphs"
grep -q '^The United States reaffirmed' draft.txt || fail "exact match not in the draft"

# A job merged against another article is refused, naming the unit.
run "$TB" merge sixth.xlf --allow-untranslated --source "$S/ncg-fifth-meeting/article.ko.txt"
expect_rc 2 "job against another article"
expect_err_contains "unit 'p1' no longer matches the article"

# A translator fills the job: the confirmed pair flows back into the memory.
sed 's|<target xml:lang="en" state="needs-review-translation">|<target xml:lang="en" state="translated">|' \
  sixth.xlf >returned.xlf
run "$TB" merge returned.xlf --allow-untranslated --update-tm flow.tm.sqlite -o draft2.txt
expect_rc 0 "merge returned job"
expect_err_contains "stored 1 confirmed pair in"

# The returned job imports into a memory directly: its three confirmed segments.
run "$TB" tm import --tm returned.tm.sqlite returned.xlf
expect_rc 0 "tm import of a returned XLIFF"
expect_out_contains "3 added, 0 duplicates"
run "$TB" tm export --tm returned.tm.sqlite
expect_out_contains "credibility of nuclear deterrence"

done_checks
