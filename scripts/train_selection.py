#!/usr/bin/env python3
"""Fits the selection models of the attribution passes (src/engine/quotes/selection.rs).

usage: scripts/train_selection.py TRAIN.txt src/engine/quotes/selection_weights.tsv [C]

TRAIN.txt is what `examples/selection_data.rs` writes for PolNeAR train (with the
jackknifed tagger weights): one candidate a line,
`label<TAB>speaker_label<TAB>article<TAB>start<TAB>end<TAB>feature<TAB>…`. Two models are
fitted on the same binary features, each an L2-regularised logistic regression
(scikit-learn, lbfgs; C = 0.3 unless given), the intercept being the always-present feature
`bias`:
- `content`: whether the content matches an annotated one (`label`);
- `attribution`: whether the content and its source both match (`speaker_label`).
Only model names, feature keys (the names' hashes, scripts/feature_hash.py: names such as
cue phrases are pieces of the training text and are not written) and weights are written,
sorted, weights rounded to 4 decimals; weights of 0 are left out.
"""
import sys

from feature_hash import feature_key
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

MODELS = [("content", 0), ("attribution", 1)]


def main():
    train_path, out_path = sys.argv[1:3]
    c = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3
    labels = {name: [] for name, _ in MODELS}
    rows = []
    for line in open(train_path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        for name, column in MODELS:
            labels[name].append(int(fields[column]))
        rows.append({f: 1 for f in fields[5:]})
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    names = vectorizer.get_feature_names_out()
    lines = []
    for name, _ in MODELS:
        model = LogisticRegression(C=c, fit_intercept=False, max_iter=3000)
        model.fit(x, labels[name])
        for feature, weight in zip(names, model.coef_[0]):
            w = round(float(weight), 4)
            if w != 0:
                lines.append(f"{name}\t{feature_key(feature)}\t{w}\n")
        print(f"{name}: {sum(labels[name])} of {len(rows)} positive", file=sys.stderr)
    assert len({feature_key(f) for f in names}) == len(names), "two feature names with one key"
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# selection models: model<TAB>feature key (scripts/feature_hash.py)<TAB>weight "
                  "(scripts/train_selection.py)\n")
        out.writelines(sorted(lines))
    print(f"{len(names)} features", file=sys.stderr)


if __name__ == "__main__":
    main()
