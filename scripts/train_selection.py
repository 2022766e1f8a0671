#!/usr/bin/env python3
"""Fits the selection model of the attribution passes (src/engine/quotes/selection.rs).

usage: scripts/train_selection.py TRAIN.txt src/engine/quotes/selection_weights.tsv [C]

TRAIN.txt is what `examples/selection_data.rs` writes for PolNeAR train: one candidate a
line, `label<TAB>article<TAB>start<TAB>end<TAB>feature<TAB>…`. The model is an L2-regularised
logistic regression (scikit-learn, lbfgs; C = 0.3 unless given) over binary features; the
intercept is the always-present feature `bias`. Only feature names and weights are written,
sorted by name, weights rounded to 4 decimals; features with weight 0 are left out.
"""
import sys

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def read(path):
    labels, rows = [], []
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        labels.append(int(fields[0]))
        rows.append({f: 1 for f in fields[4:]})
    return labels, rows


def main():
    train_path, out_path = sys.argv[1:3]
    c = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
    labels, rows = read(train_path)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# selection model: feature<TAB>weight (scripts/train_selection.py)\n")
        for name, weight in sorted(zip(names, model.coef_[0])):
            w = round(float(weight), 4)
            if w != 0:
                out.write(f"{name}\t{w}\n")
    print(f"{len(labels)} candidates, {sum(labels)} positive, {len(names)} features", file=sys.stderr)


if __name__ == "__main__":
    main()
