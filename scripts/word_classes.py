#!/usr/bin/env python3
"""Learns word classes from unannotated news text and writes them for the taggers.

usage: word_classes.py EVAL_DIR OUT.tsv

The attribution taggers see each word's form, suffix and shape, and a few hand classes
(cue, pronoun, auxiliary, …). A word the annotated training text has few examples of says
little to them. Words that occur in the same positions (the words right before and after
them) tend to play the same part in a sentence (verbs of saying, titles, determiners, time
words), so each word of the unannotated text gets a vector of its neighbours on each side
(positive pointwise mutual information, reduced by a truncated SVD) and the vectors are
clustered with k-means at three nested granularities. The taggers read the three class
numbers as features (`k1=`, `k2=`, `k3=`).

Text: PolNeAR train (its words, not its annotations), the ECB+ and NewsWCL50 articles, and
the MSRP and STS-B train sentences. PolNeAR dev is left out: it is where the taggers are
measured. The output holds only word forms (seen at least MIN_COUNT times) and class
numbers, one word a line: `word<TAB>k1<TAB>k2<TAB>k3`, sorted by word. Seeded: the same
text gives the same file. Needs numpy, scipy and scikit-learn.

Environment: MIN_COUNT (5), CONTEXTS (3,000 most frequent words as neighbours), DIMENSIONS
(100), LEVELS (40,160,640), WINDOWS (2: neighbours up to two words away; `2,1` adds a second
clustering by the adjacent words alone, three more columns, which round 40 tried without
gain; the engine reads three).
"""
import collections
import csv
import os
import re
import sys

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD

MIN_COUNT = int(os.environ.get('MIN_COUNT', 5))
CONTEXTS = int(os.environ.get('CONTEXTS', 3000))
DIMENSIONS = int(os.environ.get('DIMENSIONS', 100))
LEVELS = tuple(int(k) for k in os.environ.get('LEVELS', '40,160,640').split(','))
WINDOWS = tuple(int(w) for w in os.environ.get('WINDOWS', '2').split(','))
SEED = 1

# Like the engine's tokenizer (quotes/tokens.rs): letters and digits, joined across
# apostrophes, hyphens, periods and ampersands; any other non-space character alone.
TOKEN = re.compile(r"[^\W_]+(?:['’\-.&‑][^\W_]+)*|[^\w\s]|_")


def paragraphs(eval_dir):
    """Paragraphs of unannotated text, as lists of lowercased tokens."""
    def text_files(folder):
        for root, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                if name.endswith('.txt'):
                    yield os.path.join(root, name)

    for folder in ('polnear/train/text', 'ecbplus/clusters', 'newswcl50'):
        for path in text_files(os.path.join(eval_dir, folder)):
            with open(path, encoding='utf-8', errors='replace') as f:
                for line in f:
                    if line.strip():
                        yield TOKEN.findall(line.lower())
    seen = set()
    tables = [('msrp/msr_paraphrase_train.txt', (3, 4)), ('stsb/sts-train.csv', (5, 6))]
    for name, columns in tables:
        with open(os.path.join(eval_dir, name), encoding='utf-8-sig') as f:
            for row in csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE):
                for c in columns:
                    if c < len(row) and row[c] not in seen:
                        seen.add(row[c])
                        yield TOKEN.findall(row[c].lower())


def clusterings(paras, vocab, contexts, window):
    """Each word's class at every level of LEVELS, clustering by the neighbours up to
    `window` words away on each side."""
    row_of = {w: i for i, w in enumerate(vocab)}
    column_of = {w: i for i, w in enumerate(contexts)}
    # Columns: one block per offset (-window … +window, not 0) of context words, plus the
    # paragraph's edge.
    offsets = [d for d in range(-window, window + 1) if d]
    n_columns = len(offsets) * (len(contexts) + 1)
    rows, columns = [], []
    for p in paras:
        ids = [row_of.get(w, -1) for w in p]
        ctx = [column_of.get(w, -1) for w in p]
        for i, r in enumerate(ids):
            if r < 0:
                continue
            for block, d in enumerate(offsets):
                j = i + d
                c = ctx[j] if 0 <= j < len(p) else len(contexts)
                if c < 0:
                    continue
                rows.append(r)
                columns.append(block * (len(contexts) + 1) + c)
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, columns)),
                          shape=(len(vocab), n_columns)).tocsr()
    m.sum_duplicates()

    # Positive PMI with context counts smoothed to the power 0.75.
    total = m.sum()
    word_p = np.asarray(m.sum(axis=1)).ravel() / total
    context_c = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    context_p = context_c / context_c.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total / (word_p[m.row] * context_p[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)

    vectors = TruncatedSVD(DIMENSIONS, random_state=SEED).fit_transform(ppmi)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    # Nested levels, like the prefixes of Brown clusters: the finest classes are k-means
    # over the words; each coarser level clusters the centroids of the level below,
    # weighted by how many words each holds.
    fine = KMeans(LEVELS[-1], n_init=3, random_state=SEED).fit(vectors)
    labels = [fine.labels_]
    centroids, sizes = fine.cluster_centers_, np.bincount(fine.labels_, minlength=LEVELS[-1])
    for k in reversed(LEVELS[:-1]):
        km = KMeans(k, n_init=3, random_state=SEED).fit(centroids, sample_weight=sizes)
        labels.insert(0, km.labels_[labels[0]])
        centroids = km.cluster_centers_
        sizes = np.bincount(km.labels_, weights=sizes, minlength=k)
    for k, level in zip(LEVELS, labels):
        print(f'window {window}: {k} classes, largest {np.bincount(level).max()} words',
              file=sys.stderr)
    return labels


def main():
    eval_dir, out_path = sys.argv[1], sys.argv[2]
    paras = [p for p in paragraphs(eval_dir) if p]
    counts = collections.Counter(w for p in paras for w in p)
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    contexts = [w for w, _ in counts.most_common(CONTEXTS)]
    print(f'{sum(counts.values())} tokens, {len(vocab)} words, {len(paras)} paragraphs',
          file=sys.stderr)
    labels = [level for window in WINDOWS for level in clusterings(paras, vocab, contexts, window)]

    with open(out_path, 'w', encoding='utf-8', newline='\n') as out:
        out.write(f'# word classes: scripts/word_classes.py, {len(vocab)} words, '
                  f'levels {",".join(map(str, LEVELS))}, windows {",".join(map(str, WINDOWS))}\n')
        for i, w in enumerate(vocab):
            out.write('\t'.join([w] + [str(level[i]) for level in labels]) + '\n')


if __name__ == '__main__':
    main()
