#!/usr/bin/env python3
"""What strict TSV F1 an aligner can reach on raw articles at best, given termbridge's
sentence segmentation (see docs/BENCHMARKS.md, "Alignment").

  bench/align_raw_ceiling.py TERMBRIDGE GOLD_DIR OUT_DIR [PRED_DIR]

Segments every GOLD_DIR/DOC.{ko,en}.raw.txt with `TERMBRIDGE segment --clauses` (the units
`termbridge align` matches in raw text), places the gold beads
(DOC.gold.tsv) on those sentences and writes two ideal predictions, scored with
align_score.py --tsv by the caller:
  OUT_DIR/oracle/DOC.pred.tsv    the gold beads themselves wherever the segmentation has their
                                 boundaries (beads whose boundary falls inside one of our
                                 sentences are merged: no aligner over our sentences can split
                                 them);
  OUT_DIR/sentence/DOC.pred.tsv  the same, but a bead with two or more of our sentences on both
                                 sides that came from a merged line (not a crossing, which is
                                 n-n in the presegmented gold too) is split into min(a, b)
                                 sentence-level beads, as a perfect sentence aligner outputs it.
  OUT_DIR/perfect/DOC.pred.tsv   the bound for any sentence aligner, even with a segmenter that
                                 finds every gold boundary: like sentence/, but beads whose
                                 boundary falls inside one of our sentences are given as in the
                                 gold.
Prints counts of gold beads per class; with PRED_DIR (DOC.pred.tsv files), also how many
gold beads of each class that prediction matches.
"""
import collections
import os
import re
import subprocess
import sys
import unicodedata


def stripped(s):
    return re.sub(r'\s+', '', unicodedata.normalize('NFC', s))


def key(s):
    return re.sub(r'\s+', ' ', unicodedata.normalize('NFC', s)).strip()


def shape(bead):
    return tuple(len([x for x in side.strip('[]').split(',') if x.strip()])
                 for side in bead.split(':'))


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    termbridge, gold_dir, out_dir = sys.argv[1:4]
    pred_dir = sys.argv[4] if len(sys.argv) == 5 else None
    classes = collections.Counter()
    matched = collections.Counter()
    for mode in ('oracle', 'sentence', 'perfect'):
        os.makedirs(os.path.join(out_dir, mode), exist_ok=True)
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith('.gold.tsv'):
            continue
        doc = name[:-len('.gold.tsv')]
        with open(os.path.join(gold_dir, name), encoding='utf-8') as f:
            gold = [(l.rstrip('\n').split('\t') + [''])[:2] for l in f if l.strip('\n')]
        with open(os.path.join(gold_dir, doc + '.gold'), encoding='utf-8') as f:
            pre = [shape(l.strip()) for l in f if l.strip()]
        sents, ends = {}, {}
        for side in ('ko', 'en'):
            out = subprocess.run([termbridge, 'segment', '-q', '--clauses', '--lang', side,
                                  os.path.join(gold_dir, '%s.%s.raw.txt' % (doc, side))],
                                 check=True, capture_output=True, text=True).stdout
            sents[side] = [l for l in out.split('\n') if l.strip()]
            pos, e = 0, []
            for s in sents[side]:
                pos += len(stripped(s))
                e.append(pos)
            ends[side] = e
        predicted = collections.Counter()
        if pred_dir:
            with open(os.path.join(pred_dir, doc + '.pred.tsv'), encoding='utf-8') as f:
                for l in f:
                    if l.strip('\n'):
                        a, b = (l.rstrip('\n').split('\t') + [''])[:2]
                        predicted[key(a), key(b)] += 1
        pos = {'ko': 0, 'en': 0}
        taken = {'ko': 0, 'en': 0}
        group = []
        lines = {'oracle': [], 'sentence': [], 'perfect': []}
        for (ko, en), ps in zip(gold, pre):
            pos['ko'] += len(stripped(ko))
            pos['en'] += len(stripped(en))
            group.append((ko, en, ps))
            if not all(pos[s] == 0 or pos[s] in ends[s] for s in pos):
                continue
            take = {}
            for s in ('ko', 'en'):
                n = 0
                while taken[s] + n < len(ends[s]) and ends[s][taken[s] + n] <= pos[s]:
                    n += 1
                take[s] = sents[s][taken[s]:taken[s] + n]
                taken[s] += n
            a, b = len(take['ko']), len(take['en'])
            whole = (' '.join(take['ko']), ' '.join(take['en']))
            lines['oracle'].append(whole)
            if len(group) > 1:
                cls = 'boundary inside a sentence'
            elif a >= 2 and b >= 2 and not (ps[0] >= 2 and ps[1] >= 2):
                cls = 'merged line, n-n sentences'
            else:
                cls = 'sentence-level'
            if cls == 'merged line, n-n sentences':
                m = min(a, b)
                split = [(take['ko'][q], take['en'][q]) for q in range(m - 1)]
                split.append((' '.join(take['ko'][m - 1:]), ' '.join(take['en'][m - 1:])))
                lines['sentence'] += split
                lines['perfect'] += split
            else:
                lines['sentence'].append(whole)
                if len(group) > 1:
                    lines['perfect'] += [(ko_g, en_g) for ko_g, en_g, _ in group]
                else:
                    lines['perfect'].append(whole)
            for ko_g, en_g, _ in group:
                classes[cls] += 1
                k = (key(ko_g), key(en_g))
                if predicted[k] > 0:
                    predicted[k] -= 1
                    matched[cls] += 1
            group = []
        for mode, rows in lines.items():
            with open(os.path.join(out_dir, mode, doc + '.pred.tsv'), 'w',
                      encoding='utf-8') as f:
                for a, b in rows:
                    f.write(a + '\t' + b + '\n')
    for cls, n in classes.most_common():
        extra = ', matched by the prediction: %d' % matched[cls] if pred_dir else ''
        print('%-28s %4d gold beads%s' % (cls, n, extra))


if __name__ == '__main__':
    main()
