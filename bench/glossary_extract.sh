#!/usr/bin/env bash
# Term-pair extraction measured on the gold alignments of ../shared/data/align/dev: the
# concepts of the shared term base that occur on both sides of one bead at least twice
# (found by `terms find` with that term base on each side), and how many of them are among
# the top 50/100/200 candidates of `glossary extract` as a right pair (a Korean and an
# English term of the concept, compared case-folded, spaces ignored, the English plural as
# its singular). Prints recall at each cut, the concepts missed, and the top 50 to judge.
#   bench/glossary_extract.sh [BUILD_DIR] [EXTRA EXTRACT OPTIONS...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
shift || true
TB=$BUILD/cli/termbridge
DEV=$ROOT/../shared/data/align/dev
TERMS=$ROOT/../shared/data/terms/defense-ko-en.csv
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

{ printf 'ko\ten\n'; cat "$DEV"/*.gold.tsv; } >"$OUT/gold.tsv"
tail -n +2 "$OUT/gold.tsv" | cut -f1 >"$OUT/ko.txt"
tail -n +2 "$OUT/gold.tsv" | cut -f2 >"$OUT/en.txt"
"$TB" terms find --quiet -g "$TERMS" -l ko --jsonl "$OUT/ko.txt" >"$OUT/ko.jsonl"
"$TB" terms find --quiet -g "$TERMS" -l en --jsonl "$OUT/en.txt" >"$OUT/en.jsonl"
/usr/bin/time -f "extract: %e s wall, %U s user, %M KB peak" \
  "$TB" glossary extract --quiet --src-lang ko --tgt-lang en --top 0 "$@" \
  -o "$OUT/cand.tsv" "$OUT/gold.tsv"

python3 - "$OUT" "$TERMS" <<'PY'
import collections, csv, json, sys

out, terms = sys.argv[1], sys.argv[2]

def singular(w):
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "as")):
        return w[:-1]
    return w

def key(term, english):
    words = term.lower().split()
    if english and words:
        words[-1] = singular(words[-1])
    return "".join(words)

concepts = collections.defaultdict(lambda: (set(), set()))
for row in csv.DictReader(open(terms, encoding="utf-8")):
    if row["ko"]:
        concepts[row["id"]][0].add(key(row["ko"], False))
    if row["en"]:
        concepts[row["id"]][1].add(key(row["en"], True))

hits = {lang: collections.defaultdict(set) for lang in ("ko", "en")}
for lang in hits:
    for line in open(f"{out}/{lang}.jsonl", encoding="utf-8"):
        h = json.loads(line)
        hits[lang][h["line"]].add(h["concept"])
beads = collections.Counter()
for line, cs in hits["ko"].items():
    for c in cs & hits["en"].get(line, set()):
        beads[c] += 1
targets = sorted(c for c, n in beads.items() if n >= 2)

# The candidates in rank order: a concept of the file per candidate, its terms by language.
rows = list(csv.reader(open(f"{out}/cand.tsv", encoding="utf-8"), delimiter="\t"))
header = rows[0]
ko_col, en_col = header.index("ko"), header.index("en")
note_col = header.index("note") if "note" in header else None
order, terms_of, notes = [], {}, {}
for r in rows[1:]:
    cid = r[0]
    if cid not in terms_of:
        order.append(cid)
        terms_of[cid] = (set(), set())
    if r[ko_col]:
        terms_of[cid][0].add(key(r[ko_col], False))
    if r[en_col]:
        terms_of[cid][1].add(key(r[en_col], True))
    if note_col is not None and r[note_col]:
        notes[cid] = r[note_col]

def right(cid, target):
    ko, en = concepts[target]
    cko, cen = terms_of[cid]
    return bool(cko & ko) and bool(cen & en)

print(f"candidates: {len(order)}; concepts on both sides of a bead twice or more: {len(targets)}")
for cut in (50, 100, 200):
    found = [t for t in targets if any(right(c, t) for c in order[:cut])]
    print(f"recall@{cut}: {len(found)}/{len(targets)} = {len(found) / max(1, len(targets)):.3f}")
missed = [t for t in targets if not any(right(c, t) for c in order[:200])]
rank = {t: next((i + 1 for i, c in enumerate(order) if right(c, t)), None) for t in missed}
print("missed at 200 (beads, rank if anywhere):",
      ", ".join(f"{t} ({beads[t]}, {rank[t] or '-'})" for t in missed))
print("top 50:")
for i, cid in enumerate(order[:50], 1):
    ko, en = terms_of[cid]
    print(f"{i:3} {' / '.join(sorted(ko))} = {' / '.join(sorted(en))}   [{notes.get(cid, '')}]")
PY
