#!/usr/bin/env bash
# Installs what is missing, builds termbridge, and runs the whole flow on the samples:
# segment and spot terms in a Korean article, align it with its English version, store the
# pairs in a translation memory, pre-translate a second Korean article into XLIFF, check
# terminology, and merge. Results go to out/samples/.
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc 2>/dev/null || echo 2)

cmake/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" >/dev/null

tb=build/cli/termbridge
g=glossaries/defense.ko-en.tsv
fifth=samples/ncg-fifth-meeting
sixth=samples/ncg-sixth-meeting
out=out/samples
mkdir -p "$out"
rm -f "$out"/samples.tm.sqlite*

step() { printf '\n== %s\n' "$*"; }

step "1. segment the Korean article into sentences"
$tb segment --lang ko "$fifth/article.ko.txt" -o "$out/fifth.ko.sentences.txt"
head -n 3 "$out/fifth.ko.sentences.txt"

step "2. spot glossary terms in it"
$tb terms annotate --glossary "$g" --lang ko "$fifth/article.ko.txt" -o "$out/fifth.ko.annotated.txt"
sed -n 3p "$out/fifth.ko.annotated.txt"

step "3. align it with its English version (beads, TSV and TMX)"
$tb align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format beads -o "$out/fifth.beads"
$tb align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format tsv --header -o "$out/fifth.tsv"
$tb align "$fifth/article.ko.txt" "$fifth/article.en.txt" --glossary "$g" --format tmx -o "$out/fifth.tmx"
echo "$(wc -l <"$out/fifth.beads") beads; $(grep -c '\]:\[.*,' "$out/fifth.beads" || true) with one Korean sentence rendered as two English ones"

step "4. store the aligned pairs in a translation memory"
$tb tm import --tm "$out/samples.tm.sqlite" --document "$fifth/article.ko.txt" "$out/fifth.tmx"

step "5. pre-translate the second Korean article into XLIFF 1.2 and 2.1"
$tb pretranslate "$sixth/article.ko.txt" --src-lang ko --tgt-lang en \
  --tm "$out/samples.tm.sqlite" --glossary "$g" -o "$out/sixth.xlf"
$tb pretranslate "$sixth/article.ko.txt" --src-lang ko --tgt-lang en --quiet \
  --tm "$out/samples.tm.sqlite" --glossary "$g" --xliff 2.1 -o "$out/sixth.xlf2" >/dev/null

step "6. check the job, and a finished translation, for terminology and numbers"
set +e
$tb qa --glossary "$g" "$out/sixth.xlf" -o "$out/sixth.xlf.qa.txt"
$tb align "$sixth/article.ko.txt" "$sixth/article.en.txt" --glossary "$g" --format tsv --header -o "$out/sixth.tsv"
$tb qa -g "$g" "$out/sixth.tsv" -o "$out/sixth.qa.txt"
set -e
echo "the job as pre-translated ($out/sixth.xlf): $(tail -n 1 "$out/sixth.xlf.qa.txt"); of them," \
  "$(grep -c ': untranslated:' "$out/sixth.xlf.qa.txt" || true) segments still to translate"
echo "the finished English article aligned with its source ($out/sixth.tsv):"
sed 's/^/  /' "$out/sixth.qa.txt"

step "7. merge the job back into a draft English article"
$tb merge "$out/sixth.xlf" --allow-untranslated --quiet -o "$out/sixth.draft.en.txt"
echo "draft with $(grep -c . "$out/sixth.draft.en.txt") paragraphs; untranslated segments keep their Korean text"

step "results in $out/"
for f in fifth.ko.sentences.txt fifth.ko.annotated.txt fifth.beads fifth.tsv fifth.tmx \
         samples.tm.sqlite sixth.xlf sixth.xlf2 sixth.xlf.qa.txt sixth.tsv sixth.qa.txt \
         sixth.draft.en.txt; do
  printf '  %s\n' "$out/$f"
done
