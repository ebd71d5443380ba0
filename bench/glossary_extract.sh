#!/usr/bin/env bash
# Term-pair extraction measured on the gold alignments of ../shared/data/align/dev: the
# concepts of the shared term base that occur on both sides of one bead at least twice
# (found by `terms find` with that term base on each side), and how many of them are among
# the top 50/100/200 candidates of `glossary extract` as a right pair (a Korean and an
# English term of the concept, compared case-folded, spaces ignored, the English plural as
# its singular; a candidate's other renderings count with it). Two measures:
# - alone: no term base given;
# - with half a term base: the concepts split in two by a hash of their id; each half is
#   given as --glossary in turn and the concepts of the other half are looked for, ranked
#   among the candidates not marked known (what a terminologist with part of the field's
#   terms would review). Each concept is counted in the run where it was not given.
# Prints recall at each cut, the concepts missed, and the top 50 of the first to judge.
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
python3 - "$TERMS" "$OUT" <<'PY'
import csv, hashlib, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for half in (0, 1):
    with open(f"{sys.argv[2]}/half{half}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "en", "ko"])
        for r in rows:
            if int(hashlib.md5(r["id"].encode()).hexdigest(), 16) % 2 == half:
                w.writerow([r["id"], r["en"], r["ko"]])
PY
for half in 0 1; do
  "$TB" glossary extract --quiet --src-lang ko --tgt-lang en --top 0 "$@" \
    -g "$OUT/half$half.csv" -o "$OUT/cand$half.tsv" "$OUT/gold.tsv"
done

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

def read_candidates(path):
    """The candidates in rank order (known ones left out), each a concept id with its terms."""
    rows = list(csv.reader(open(path, encoding="utf-8"), delimiter="\t"))
    header = rows[0]
    ko_col, en_col, note_col = header.index("ko"), header.index("en"), header.index("note")
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
        if r[note_col]:
            notes[cid] = r[note_col]
    order = [c for c in order if not notes.get(c, "").startswith("known")]
    return order, terms_of, notes

def right(terms_of, cid, target):
    ko, en = concepts[target]
    cko, cen = terms_of[cid]
    return bool(cko & ko) and bool(cen & en)

def ranks(path, wanted):
    order, terms_of, notes = read_candidates(path)
    return {t: next((i + 1 for i, c in enumerate(order) if right(terms_of, c, t)), None)
            for t in wanted}, order, terms_of, notes

def report(title, rank):
    print(f"{title}:")
    for cut in (50, 100, 200):
        found = sum(1 for t in targets if rank[t] and rank[t] <= cut)
        print(f"  recall@{cut}: {found}/{len(targets)} = {found / max(1, len(targets)):.3f}")
    missed = [t for t in targets if not rank[t] or rank[t] > 200]
    print("  missed at 200 (beads, rank if anywhere):",
          ", ".join(f"{t} ({beads[t]}, {rank[t] or '-'})" for t in missed))

print(f"concepts on both sides of a bead twice or more: {len(targets)}")
alone, order, terms_of, notes = ranks(f"{out}/cand.tsv", targets)
print(f"candidates: {len(order)}")
report("alone", alone)
held = {}
for half in (0, 1):
    given = {r["id"] for r in csv.DictReader(open(f"{out}/half{half}.csv", encoding="utf-8"))}
    r, *_ = ranks(f"{out}/cand{half}.tsv", [t for t in targets if t not in given])
    held.update(r)
report("with the other half of the term base given", held)
print("top 50 (alone):")
for i, cid in enumerate(order[:50], 1):
    ko, en = terms_of[cid]
    print(f"{i:3} {' / '.join(sorted(ko))} = {' / '.join(sorted(en))}   [{notes.get(cid, '')}]")
PY
