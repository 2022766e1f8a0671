#!/usr/bin/env python3
"""Fits the claim matcher's logistic regression (src/engine/similarity.rs) on MSRP train and
calibrates its score on STS-B train. Pure Python (no numpy), a few seconds.

usage: scripts/train_matcher.py PARALLAX_BINARY EVAL_DIR
  PARALLAX_BINARY  a release build (`parallax pairs FILE --features` prints the features)
  EVAL_DIR         folder with msrp/msr_paraphrase_train.txt and stsb/sts-{train,dev}.csv

Prints 5-fold cross-validated MSRP accuracy/F1, the STS-B Pearson, and the Rust constants to
paste into similarity.rs (WEIGHTS, BIAS, SCORE_SCALE, SCORE_SHIFT, SAME_THRESHOLD). The data
stays where it is: nothing from it is written into the repository.
"""
import math, os, subprocess, sys, tempfile

binary, eval_dir = sys.argv[1:3]
L2 = 1.0
STS_WEIGHT = int(os.environ.get('STS_WEIGHT', '1'))


def read_pairs(path):
    rows = []
    for line in open(path, encoding='utf-8-sig'):
        c = line.rstrip('\n').split('\t')
        if path.endswith('.csv'):
            if len(c) >= 7:
                rows.append((float(c[4]), c[5], c[6]))
        elif len(c) >= 5 and c[0] in ('0', '1'):
            rows.append((int(c[0]), c[3], c[4]))
    return rows


def features(rows):
    with tempfile.NamedTemporaryFile('w', suffix='.tsv', delete=False, encoding='utf-8') as f:
        for i, (_, a, b) in enumerate(rows):
            f.write(f"{i}\t{a.replace(chr(9), ' ')}\t{b.replace(chr(9), ' ')}\n")
    out = subprocess.run([binary, 'pairs', f.name, '--features'], capture_output=True, text=True, check=True)
    os.unlink(f.name)
    return [[float(x) for x in line.split('\t')[3:]] for line in out.stdout.splitlines()]


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[col][col]:
                f = m[r][col] / m[col][col]
                for k in range(col, n + 1):
                    m[r][k] -= f * m[col][k]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def fit(xs, ys, extra=()):
    """L2-regularised logistic regression by Newton's method; the last weight is the bias.
    `extra` adds (features, soft label) examples: STS-B pairs with label similarity / 5."""
    xs = [x + [1.0] for x in xs] + [x + [1.0] for x, _ in extra]
    ys = list(ys) + [y for _, y in extra]
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(25):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in range(d):
                grad[i] += (p - y) * x[i]
                for j in range(d):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(d - 1):
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def logit(w, x):
    return sum(wi * xi for wi, xi in zip(w, x + [1.0]))


def best_threshold(zs, ys):
    best = (0, 0.0)
    for t in sorted(set(round(z, 2) for z in zs)):
        acc = sum((z >= t) == (y == 1) for z, y in zip(zs, ys))
        best = max(best, (acc, t))
    return best[1]


def scores(zs, ys, t):
    tp = sum(z >= t and y == 1 for z, y in zip(zs, ys)); fp = sum(z >= t and y == 0 for z, y in zip(zs, ys))
    fn = sum(z < t and y == 1 for z, y in zip(zs, ys))
    acc = sum((z >= t) == (y == 1) for z, y in zip(zs, ys)) / len(ys)
    p = tp / (tp + fp) if tp + fp else 0; r = tp / (tp + fn) if tp + fn else 0
    return acc, (2 * p * r / (p + r) if p + r else 0)


def pearson(a, b):
    n = len(a); ma = sum(a) / n; mb = sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a) ** .5; vb = sum((y - mb) ** 2 for y in b) ** .5
    return cov / (va * vb) if va and vb else 0.0


msrp = read_pairs(os.path.join(eval_dir, 'msrp', 'msr_paraphrase_train.txt'))
xs, ys = features(msrp), [r[0] for r in msrp]
sts = read_pairs(os.path.join(eval_dir, 'stsb', 'sts-train.csv'))
sts_x = features(sts)
sts_y = [r[0] for r in sts]
# Graded similarity as soft labels, so the score ranks partial overlap as STS-B does.
extra = [(x, y / 5) for x, y in zip(sts_x, sts_y)] if STS_WEIGHT else []

# 5-fold cross-validation: an honest estimate of accuracy on unseen pairs.
folds = 5
accs, f1s = [], []
for k in range(folds):
    train = [i for i in range(len(xs)) if i % folds != k]
    test = [i for i in range(len(xs)) if i % folds == k]
    w = fit([xs[i] for i in train], [ys[i] for i in train], extra)
    t = best_threshold([logit(w, xs[i]) for i in train], [ys[i] for i in train])
    acc, f1 = scores([logit(w, xs[i]) for i in test], [ys[i] for i in test], t)
    accs.append(acc); f1s.append(f1)
print(f'MSRP 5-fold CV: accuracy {sum(accs) / folds:.3f} F1 {sum(f1s) / folds:.3f}', file=sys.stderr)

w = fit(xs, ys, extra)
zs = [logit(w, x) for x in xs]
t = best_threshold(zs, ys)
acc, f1 = scores(zs, ys, t)
print(f'MSRP train (fit on all): accuracy {acc:.3f} F1 {f1:.3f} threshold logit {t:.2f}', file=sys.stderr)

# Calibration: score = sigmoid(scale * (z - t) + shift), monotone in z, so the MSRP decision
# is unchanged; scale and shift are chosen for correlation with STS-B train similarity.
sts_z = [logit(w, x) for x in sts_x]
best = (-1, 1.0, 0.0)
for scale in [0.2 + 0.05 * i for i in range(40)]:
    for shift in [-2 + 0.25 * i for i in range(17)]:
        r = pearson([1 / (1 + math.exp(-(scale * (z - t) + shift))) for z in sts_z], sts_y)
        best = max(best, (r, scale, shift))
r, scale, shift = best
dev = read_pairs(os.path.join(eval_dir, 'stsb', 'sts-dev.csv'))
dev_z = [logit(w, x) for x in features(dev)]
dev_r = pearson([1 / (1 + math.exp(-(scale * (z - t) + shift))) for z in dev_z], [d[0] for d in dev])
print(f'STS-B train Pearson {r:.3f}, dev Pearson {dev_r:.3f} (scale {scale:.2f}, shift {shift:.2f})', file=sys.stderr)

threshold = 1 / (1 + math.exp(-shift))
print('const WEIGHTS: [f64; FEATURE_COUNT] = [' + ', '.join(f'{v:.4}' for v in w[:-1]) + '];')
print(f'const BIAS: f64 = {w[-1]:.4};')
print(f'const SCORE_SCALE: f64 = {scale:.4};')
print(f'const SCORE_SHIFT: f64 = {shift - scale * t:.4};')
print(f'pub const SAME_THRESHOLD: f64 = {threshold:.4};')
