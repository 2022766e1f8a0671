#!/usr/bin/env python3
"""Fits the selection models of the attribution passes (src/engine/quotes/selection.rs).

usage: scripts/train_selection.py TRAIN.txt src/engine/quotes/selection_trees.tsv

TRAIN.txt is what `examples/selection_data.rs` writes for PolNeAR train (with the
jackknifed tagger weights): one candidate a line,
`label<TAB>speaker_label<TAB>article<TAB>start<TAB>end<TAB>feature<TAB>…`, a feature being a
flag (`cue=said`: present, value 1) or a number (`#pspan=0.8123`). Two models are fitted on
the same features, each a gradient-boosted tree ensemble on the logistic loss (LightGBM;
settings below, chosen by 4-fold cross-validation by article on train):
- `content`: whether the content matches an annotated one (`label`);
- `attribution`: whether the content and its source both match (`speaker_label`).

Only model names, tree shapes, feature keys (the names' hashes, scripts/feature_hash.py:
names such as cue phrases are pieces of the training text and are not written), thresholds
and leaf values are written. A split sends a candidate left when its value is at most the
threshold (an absent feature has value 0). The trees are checked against LightGBM's own
scores before they are written.
"""
import sys

import lightgbm
import numpy as np
from feature_hash import feature_key
from sklearn.feature_extraction import DictVectorizer

MODELS = [("content", 0), ("attribution", 1)]

PARAMS = dict(
    n_estimators=200,
    learning_rate=0.075,
    num_leaves=15,
    min_child_samples=20,
    subsample=0.8,
    subsample_freq=1,
    colsample_bytree=0.5,
    reg_lambda=1.0,
    random_state=1,
    deterministic=True,
    force_row_wise=True,
    n_jobs=1,
    verbose=-1,
)


def feature_values(fields):
    values = {}
    for f in fields:
        if f.startswith("#"):
            name, value = f.split("=", 1)
            values[name] = float(value)
        else:
            values[f] = 1.0
    return values


def read_candidates(path):
    """Each line of `examples/selection_data.rs`'s output: its first five fields (label,
    speaker label, article, start, end) and its features as `feature_values` reads them."""
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        yield fields[:5], feature_values(fields[5:])


def tree_lines(model_name, t, tree, names):
    """A tree's nodes in preorder, children as node numbers within the tree."""
    lines = []

    def visit(node):
        number = len(lines)
        lines.append(None)
        if "leaf_value" in node:
            lines[number] = f"{model_name}\t{t}\t{number}\tleaf\t{node['leaf_value']:.6g}\n"
            return number
        assert node["decision_type"] == "<=", node["decision_type"]
        assert node["missing_type"] in ("None", "Zero", "NaN"), node["missing_type"]
        left = visit(node["left_child"])
        right = visit(node["right_child"])
        key = feature_key(names[node["split_feature"]])
        # The engine compares in single precision; the shortest text that reads back as it.
        threshold = str(np.float32(node["threshold"]))
        lines[number] = f"{model_name}\t{t}\t{number}\t{key}\t{threshold}\t{left}\t{right}\n"
        return number

    visit(tree["tree_structure"])
    return lines


def score_lines(lines, x_dense_row_lookup):
    """Scores one candidate with the written trees, as the engine does."""
    trees = {}
    for line in lines:
        model, t, number, *rest = line.rstrip("\n").split("\t")
        trees.setdefault((model, int(t)), {})[int(number)] = rest
    totals = {}
    for (model, _), nodes in trees.items():
        k = 0
        while nodes[k][0] != "leaf":
            key, threshold, left, right = nodes[k]
            k = int(left) if x_dense_row_lookup(key) <= float(threshold) else int(right)
        totals[model] = totals.get(model, 0.0) + float(nodes[k][1])
    return totals


def main():
    train_path, out_path = sys.argv[1:3]
    labels = {name: [] for name, _ in MODELS}
    rows = []
    for fields, values in read_candidates(train_path):
        for name, column in MODELS:
            labels[name].append(int(fields[column]))
        rows.append(values)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows).tocsr().astype(np.float32)
    names = list(vectorizer.get_feature_names_out())
    assert len({feature_key(f) for f in names}) == len(names), "two feature names with one key"
    lines = []
    raw = {}
    for name, _ in MODELS:
        model = lightgbm.LGBMClassifier(**PARAMS).fit(x, np.array(labels[name]))
        dump = model.booster_.dump_model()
        for t, tree in enumerate(dump["tree_info"]):
            lines.extend(tree_lines(name, t, tree, names))
        raw[name] = model.predict(x[:200], raw_score=True)
        print(f"{name}: {sum(labels[name])} of {len(rows)} positive, "
              f"{len(dump['tree_info'])} trees", file=sys.stderr)
    # The written trees must score as LightGBM does.
    for i in range(200):
        row = {feature_key(n): v for n, v in rows[i].items()}
        totals = score_lines(lines, lambda key: row.get(key, 0.0))
        for name, _ in MODELS:
            assert abs(totals[name] - raw[name][i]) < 1e-3, (name, i, totals[name], raw[name][i])
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# selection trees (scripts/train_selection.py): "
                  "model<TAB>tree<TAB>node<TAB>feature key (scripts/feature_hash.py)<TAB>"
                  "threshold<TAB>left<TAB>right, or model<TAB>tree<TAB>node<TAB>leaf<TAB>value\n")
        out.writelines(lines)
    used = {line.split("\t")[3] for line in lines} - {"leaf"}
    print(f"{len(names)} features, {len(used)} used in splits, {len(lines)} nodes",
          file=sys.stderr)


if __name__ == "__main__":
    main()
