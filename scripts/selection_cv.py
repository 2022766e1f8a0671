#!/usr/bin/env python3
"""Measures the whole quote pipeline on PolNeAR train, out of sample: 4-fold by article.

usage: scripts/selection_cv.py TRAIN.txt [--seeds 1] [--thresholds 0.40,0.44,0.48]

TRAIN.txt is what `examples/selection_data.rs` writes for PolNeAR train with the jackknifed
taggers (each article read by taggers fitted without it). Here the selection models are
jackknifed too: for each quarter of the articles (article index modulo 4, as the taggers'
folds), both models are fitted on the other three quarters and score it. The engine's choice
is then replayed and matched to train's annotated contents as `selection_seeds.py` does for
dev. Train has nine times dev's attributions (19,832), so a change to the taggers' features
shows here with far less noise than on dev; the replay leaves out what the engine does after
the selection, like `selection_seeds.py`.

Reads ../shared/eval; nothing it reads or writes belongs in the repository.
"""
import argparse
import lightgbm
import numpy as np
from sklearn.feature_extraction import DictVectorizer

from selection_seeds import choose, core_span, load, matches, read_gold
from train_selection import PARAMS

FOLDS = 4


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--thresholds", default="0.40,0.44,0.48")
    args = parser.parse_args()
    train = load(args.train)
    x = DictVectorizer().fit_transform(train[0]).tocsr().astype(np.float32)

    texts, gold_spans = read_gold("train")
    n_gold = sum(len(a) for a in gold_spans)
    articles = np.array([a for a, *_ in train[3]])
    cores = [core_span(texts[a], s, e) for a, s, e, _ in train[3]]

    for seed in (int(s) for s in args.seeds.split(",")):
        content_p, attribution_p = np.zeros(len(articles)), np.zeros(len(articles))
        params = dict(PARAMS, random_state=seed)
        for fold in range(FOLDS):
            held = articles % FOLDS == fold
            fit = ~held
            content_p[held] = (lightgbm.LGBMClassifier(**params).fit(x[fit], train[1][fit])
                               .predict_proba(x[held])[:, 1])
            attribution_p[held] = (lightgbm.LGBMClassifier(**params).fit(x[fit], train[2][fit])
                                   .predict_proba(x[held])[:, 1])
        for t in (float(t) for t in args.thresholds.split(",")):
            kept = choose(train[3], cores, content_p, attribution_p, t)
            n_kept = sum(len(k) for k in kept.values())
            matched = matches(kept, gold_spans)
            print(f"seed {seed}, threshold {t:.2f}: {matched} / {n_kept} of {n_gold}, "
                  f"F1 {2 * matched / (n_kept + n_gold):.4f}", flush=True)


if __name__ == "__main__":
    main()
