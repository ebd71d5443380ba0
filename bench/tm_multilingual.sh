#!/usr/bin/env bash
# What units in three languages cost `tm import`: the 1,000 Korean-English lines of the
# shared dev corpus as a TMX of two languages, and the same with a third variant (the English
# in capitals: only the cost is measured), each imported into a new memory three times.
# Usage: bench/tm_multilingual.sh [TERMBRIDGE]   (default: build/cli/termbridge)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TB=${1:-$ROOT/build/cli/termbridge}
CORPUS=$ROOT/../shared/data/corpus/korean-english-park.dev
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
python3 - "$CORPUS.ko" "$CORPUS.en" "$OUT" <<'PY'
import sys
from xml.sax.saxutils import escape
ko = open(sys.argv[1], encoding="utf-8").read().split("\n")
en = open(sys.argv[2], encoding="utf-8").read().split("\n")
for name, third in (("two", False), ("three", True)):
    with open(f"{sys.argv[3]}/{name}.tmx", "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" '
                  'adminlang="en" srclang="ko" datatype="plaintext"/><body>\n')
        for k, e in zip(ko, en):
            if not k or not e:
                continue
            out.write(f'<tu><tuv xml:lang="ko"><seg>{escape(k)}</seg></tuv>'
                      f'<tuv xml:lang="en"><seg>{escape(e)}</seg></tuv>')
            if third:
                out.write(f'<tuv xml:lang="ja"><seg>{escape(e.upper())}</seg></tuv>')
            out.write("</tu>\n")
        out.write("</body></tmx>\n")
PY
for round in 1 2 3; do
  for name in two three; do
    rm -f "$OUT/m.sqlite"*
    /usr/bin/time -f "$name languages: %U s user, %e s wall, %M KB" \
      "$TB" tm import --quiet --tm "$OUT/m.sqlite" "$OUT/$name.tmx" >"$OUT/$name.log"
  done
done
cat "$OUT/three.log"
