#!/usr/bin/env python3
"""Fits the attribution tagger's CRF (src/engine/quotes/tagger.rs) and writes its weights.

usage: train_tagger.py TRAIN.txt OUT.tsv.gz [DEV.txt]

TRAIN.txt is what `cargo run --release --no-default-features --example tagger_data --
../shared/eval/polnear/train.jsonl TRAIN.txt` writes. Needs python-crfsuite
(`pip install python-crfsuite`). L-BFGS with L1 (C1) and L2 (C2) regularisation; only
features seen at least MIN_FREQ times in train are considered, and only non-zero weights are
written, rounded to 4 decimals: a `labels` line naming the columns, `transition FROM TO
WEIGHT` lines, and one `state KEY W_O W_B W_I W_Q W_S` line per feature, gzipped. KEY is the
feature name's hash (scripts/feature_hash.py): the names, word n-grams among them, are
pieces of the training text and are not written. With DEV.txt, prints token-level scores on
it. Environment variables C1, C2, MAX_ITER and MIN_FREQ override the committed settings.
"""
import os
import sys
import gzip

import pycrfsuite

from feature_hash import feature_key
from tagger_sequences import LABELS, read, f1_by_label


def main():
    train_path, out_path = sys.argv[1:3]
    dev_path = sys.argv[3] if len(sys.argv) > 3 else None
    c1 = float(os.environ.get('C1', '0.3'))
    c2 = float(os.environ.get('C2', '3'))
    max_iter = int(os.environ.get('MAX_ITER', '200'))
    min_freq = float(os.environ.get('MIN_FREQ', '3'))
    xs, ys = read(train_path)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({'c1': c1, 'c2': c2, 'max_iterations': max_iter,
                        'feature.minfreq': min_freq, 'feature.possible_transitions': True})
    model = out_path + '.crfsuite'
    trainer.train(model)
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    info = tagger.info()
    by_feature = {}
    for (attr, label), w in info.state_features.items():
        if round(w, 4) != 0:
            by_feature.setdefault(attr, {})[label] = w
    lines = [f'# attribution tagger: python-crfsuite L-BFGS c1={c1} c2={c2} '
             f'max_iterations={max_iter} minfreq={min_freq}, PolNeAR train\n',
             'labels\t' + '\t'.join(LABELS) + '\n']
    for (a, b), w in sorted(info.transitions.items()):
        lines.append(f'transition\t{a}\t{b}\t{w:.4f}\n')
    keyed = {feature_key(attr): weights for attr, weights in by_feature.items()}
    assert len(keyed) == len(by_feature), 'two feature names with one key'
    for key, weights in sorted(keyed.items()):
        row = '\t'.join(f'{weights[l]:.4f}' if l in weights else '0' for l in LABELS)
        lines.append(f'state\t{key}\t{row}\n')
    # Gzip without a time stamp, so that refitting writes the same bytes.
    with open(out_path, 'wb') as out:
        out.write(gzip.compress(''.join(lines).encode('utf-8'), compresslevel=9, mtime=0))
    print(f'{len(info.state_features)} state features, {len(info.transitions)} transitions',
          file=sys.stderr)
    if dev_path:
        dx, dy = read(dev_path)
        pairs = [(a, b) for x, y in zip(dx, dy) for a, b in zip(y, tagger.tag(x))]
        for label, (p, r, f1) in f1_by_label(pairs).items():
            print(f'{label}: P {p:.3f} R {r:.3f} F1 {f1:.3f}', file=sys.stderr)
    tagger.close()
    os.remove(model)


if __name__ == '__main__':
    main()
