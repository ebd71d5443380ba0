#!/usr/bin/env bash
# Lexicon training and term-pair extraction on 100,000 aligned pairs (tm-100000.tmx of
# make_bench_corpus.py): wall, CPU and peak memory (see docs/BENCHMARKS.md, "Lexicon"). Also
# 10,000 and 50,000 pairs, the first units of the same file, to show the growth.
# Usage: bench/lexicon.sh [BUILD_DIR]   (default: build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SHARED=$ROOT/../shared
OUT=/tmp/tb-bench
TMX=$OUT/tm-100000.tmx
mkdir -p "$OUT"
if [ ! -f "$TMX" ]; then
  python3 "$SHARED/tools/make_bench_corpus.py" --src "$SHARED/data/corpus" --out "$OUT" \
    --only tmx --tmx 100000 >/dev/null
fi
# The first N units as align's TSV (source ko, target en), for the smaller runs.
python3 - "$TMX" "$OUT" <<'PY'
import re, sys, html
tmx, out = sys.argv[1], sys.argv[2]
text = open(tmx, encoding='utf-8').read()
units = re.findall(r'<tuv xml:lang="en"><seg>(.*?)</seg></tuv>\s*<tuv xml:lang="ko"><seg>(.*?)</seg>', text, re.S)
for n in (10000, 50000):
    with open('%s/lexicon-%d.tsv' % (out, n), 'w', encoding='utf-8') as f:
        f.write('ko\ten\n')
        for en, ko in units[:n]:
            clean = lambda s: html.unescape(s).replace('\t', ' ').replace('\n', ' ')
            f.write(clean(ko) + '\t' + clean(en) + '\n')
PY
for input in "$OUT/lexicon-10000.tsv" "$OUT/lexicon-50000.tsv" "$TMX"; do
  echo "== $(basename "$input")"
  /usr/bin/time -v "$BUILD/cli/termbridge" lexicon train --quiet --src-lang ko --tgt-lang en \
    "$input" -o "$OUT/bench.lex" 2>"$OUT/lexicon.time"
  grep -E "User time|System time|Elapsed|Maximum resident" "$OUT/lexicon.time"
  echo "pairs written: $(($(wc -l <"$OUT/bench.lex") - 2))"
done
# Term-pair extraction over the same inputs (the lexicon trained inside, as without --lexicon).
for input in "$OUT/lexicon-10000.tsv" "$OUT/lexicon-50000.tsv" "$TMX"; do
  echo "== glossary extract $(basename "$input")"
  /usr/bin/time -v "$BUILD/cli/termbridge" glossary extract --quiet --src-lang ko --tgt-lang en \
    "$input" -o "$OUT/bench-candidates.tsv" 2>"$OUT/extract.time"
  grep -E "User time|System time|Elapsed|Maximum resident" "$OUT/extract.time"
  echo "candidates written: $(cut -f1 "$OUT/bench-candidates.tsv" | tail -n +2 | sort -u | wc -l)"
done
