#!/usr/bin/env python3
"""Measures a change to the selection models over several fits, not one.

usage: scripts/selection_seeds.py TRAIN.txt DEV.txt [--seeds 1,2,3,4,5]
           [--thresholds 0.40,0.44,0.48] [--params '{"num_leaves": 7}']

TRAIN.txt is what `examples/selection_data.rs` writes for PolNeAR train with the jackknifed
taggers, DEV.txt what it writes for PolNeAR dev with the committed ones (no tagger files).
Both models are fitted as `scripts/train_selection.py` fits them, once per LightGBM seed; dev's
candidates are scored, the engine's choice is replayed (`drop_pieces`, then `select`, in
`src/engine/quotes/selection.rs`), and the kept contents are matched to dev's annotated ones
as `score_quotes.py` matches them (Jaccard overlap of at least 0.5, best first).

Refitting the trees moves dev F1 by up to ±0.003, as much as most single changes: a change is
worth keeping when the mean over seeds moves, not one fit. The replay leaves out what the
engine does after the selection (the object verb put back in front of its content, sources
that overlap their cue), so it counts a few matches fewer than `parallax analyze` does (round
38's trees: 1,543 / 1,937 replayed, 1,546 / 1,934 from the engine).

Reads ../shared/eval; nothing it reads or writes belongs in the repository.
"""
import argparse
import bisect
import collections
import json
import os

import lightgbm
import numpy as np
from sklearn.feature_extraction import DictVectorizer

from train_selection import PARAMS, read_candidates

EVAL = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "polnear")
# Mirrors of the engine's constants (selection.rs).
KEPT_ANYWAY = {"canonical", "trailing_report", "object_verb_report"}
WHOLE_MIN_PROBABILITY = 0.9
PIECE_MAX_PROBABILITY = 0.5
KEEP_COST = 0.2
MIN_OVERLAP = 0.5


def load(path):
    """Rows of features, both labels, and each candidate's (article, start, end, kept anyway)."""
    rows, content, attribution, spans = [], [], [], []
    for (label, speaker_label, article, start, end), values in read_candidates(path):
        content.append(int(label))
        attribution.append(int(speaker_label))
        spans.append((int(article), int(start), int(end), not KEPT_ANYWAY.isdisjoint(values)))
        rows.append(values)
    return rows, np.array(content), np.array(attribution), spans


def read_gold(split):
    """A PolNeAR split's article texts (UTF-8 bytes, in `{split}.jsonl`'s order, which is the
    candidates' article index) and each article's annotated contents as byte spans."""
    texts, gold_spans = [], []
    with open(os.path.join(EVAL, f"{split}.jsonl"), encoding="utf-8") as lines:
        for article in map(json.loads, lines):
            with open(os.path.join(EVAL, split, "text", article["article"] + ".txt"),
                      encoding="utf-8") as f:
                text = f.read()
            offsets = [0]
            for ch in text:
                offsets.append(offsets[-1] + len(ch.encode()))
            texts.append(text.encode())
            gold_spans.append([[(offsets[a], offsets[b]) for a, b in g["content"]["spans"]]
                               for g in article["attributions"] if g.get("content")])
    return texts, gold_spans


def core_span(text, start, end):
    """The span without the non-alphanumeric characters at its edges (`core_span`)."""
    piece = text[start:end].decode("utf-8", errors="replace")
    i, j = 0, len(piece)
    while i < j and not piece[i].isalnum():
        i += 1
    while j > i and not piece[j - 1].isalnum():
        j -= 1
    core_start = start + len(piece[:i].encode())
    return core_start, core_start + len(piece[i:j].encode())


def choose(spans, cores, content_p, attribution_p, threshold):
    """The kept content spans of each article, as `drop_pieces` and `select` keep them."""
    by_article = collections.defaultdict(list)
    for i, (article, *_rest) in enumerate(spans):
        by_article[article].append(i)
    kept = {}
    for article, candidates in by_article.items():
        p = {i: max(content_p[i], threshold) if spans[i][3] else content_p[i] for i in candidates}
        wholes = [cores[i] for i in candidates if p[i] >= WHOLE_MIN_PROBABILITY]
        candidates = [i for i in candidates if p[i] >= PIECE_MAX_PROBABILITY
                      or not any(s <= cores[i][0] and cores[i][1] <= e for s, e in wholes)]
        scored = [((p[i] + attribution_p[i]) / 2 - KEEP_COST, spans[i][1], spans[i][2])
                  for i in candidates if p[i] >= threshold]
        scored = sorted((x for x in scored if x[0] > 0), key=lambda x: (x[2], x[1], -x[0]))
        ends = [end for _, _, end in scored]
        best, took = [0.0] * (len(scored) + 1), [False] * (len(scored) + 1)
        for k, (gain, start, _) in enumerate(scored):
            with_k = best[bisect.bisect_right(ends, start, 0, k)] + gain
            took[k + 1] = with_k > best[k]
            best[k + 1] = with_k if took[k + 1] else best[k]
        chosen, k = [], len(scored)
        while k > 0:
            if took[k]:
                _, start, end = scored[k - 1]
                chosen.append((start, end))
                k = bisect.bisect_right(ends, start, 0, k - 1)
            else:
                k -= 1
        kept[article] = chosen
    return kept


def matches(kept, gold_spans):
    """How many kept contents match an annotated one, each matched once, best first."""
    matched = 0
    for article, annotated in enumerate(gold_spans):
        pairs = []
        for i, (start, end) in enumerate(kept.get(article, [])):
            for j, spans in enumerate(annotated):
                inter = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
                union = sum(b - a for a, b in spans) + (end - start) - inter
                if union and inter / union >= MIN_OVERLAP:
                    pairs.append((inter / union, i, j))
        used_kept, used_gold = set(), set()
        for _, i, j in sorted(pairs, reverse=True):
            if i not in used_kept and j not in used_gold:
                used_kept.add(i)
                used_gold.add(j)
                matched += 1
    return matched


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train")
    parser.add_argument("dev")
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--thresholds", default="0.40,0.44,0.48")
    parser.add_argument("--params", default="{}", help="LightGBM settings to override, as JSON")
    args = parser.parse_args()
    train, dev = load(args.train), load(args.dev)
    vectorizer = DictVectorizer()
    x_train = vectorizer.fit_transform(train[0]).tocsr().astype(np.float32)
    x_dev = vectorizer.transform(dev[0]).tocsr().astype(np.float32)

    texts, gold_spans = read_gold("dev")
    n_gold = sum(len(a) for a in gold_spans)
    cores = [core_span(texts[a], s, e) for a, s, e, _ in dev[3]]

    thresholds = [float(t) for t in args.thresholds.split(",")]
    f1 = collections.defaultdict(list)
    for seed in (int(s) for s in args.seeds.split(",")):
        params = dict(PARAMS, random_state=seed, **json.loads(args.params))
        content_p = lightgbm.LGBMClassifier(**params).fit(x_train, train[1]).predict_proba(x_dev)[:, 1]
        attribution_p = (lightgbm.LGBMClassifier(**params).fit(x_train, train[2])
                         .predict_proba(x_dev)[:, 1])
        for t in thresholds:
            kept = choose(dev[3], cores, content_p, attribution_p, t)
            n_kept = sum(len(k) for k in kept.values())
            matched = matches(kept, gold_spans)
            f1[t].append(2 * matched / (n_kept + n_gold))
            print(f"seed {seed}, threshold {t:.2f}: {matched} / {n_kept}, F1 {f1[t][-1]:.4f}",
                  flush=True)
    for t in thresholds:
        print(f"threshold {t:.2f}: mean F1 {np.mean(f1[t]):.4f} "
              f"(min {min(f1[t]):.4f}, max {max(f1[t]):.4f})")


if __name__ == "__main__":
    main()
