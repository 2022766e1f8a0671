"""Reading the tagger's training data and scoring labels, shared by `train_tagger.py` and
`train_neural_tagger.py`.

The data is what `examples/tagger_data.rs` writes: one token a line (its label, then its
feature names, tab-separated), a blank line after each paragraph.
"""
import collections

# The tagger's labels, in the column order of the weights files.
LABELS = ['O', 'B', 'I', 'Q', 'S']


def read(path):
    """The paragraphs as (feature-name lists, label lists)."""
    xs, ys, x, y = [], [], [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                if x:
                    xs.append(x); ys.append(y)
                x, y = [], []
                continue
            parts = line.split('\t')
            y.append(parts[0]); x.append(parts[1:])
    if x:
        xs.append(x); ys.append(y)
    return xs, ys


def f1_by_label(pairs):
    """Token-level (precision, recall, F1) per label from (gold, predicted) label pairs."""
    counts = collections.Counter(pairs)
    out = {}
    for label in sorted({a for a, _ in counts} | {b for _, b in counts}):
        tp = counts[(label, label)]
        fp = sum(v for (a, b), v in counts.items() if b == label and a != label)
        fn = sum(v for (a, b), v in counts.items() if a == label and b != label)
        p = tp / (tp + fp) if tp + fp else 0
        r = tp / (tp + fn) if tp + fn else 0
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0)
    return out
