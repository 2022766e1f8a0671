#!/usr/bin/env python3
"""Fits the claim matcher of src/engine/similarity.rs. Two models over the same features:
- the same-claim model, fitted on MSRP train alone (paraphrase or not), decides the relation:
  the mean of the log-odds of gradient-boosted trees and of a logistic regression, which
  generalises better than either (5-fold CV accuracy over three fold splits, CV_SEED 0/1/2:
  trees 0.771/0.775/0.777, regression 0.776/0.770/0.771, both 0.780/0.779/0.779);
- the score model, fitted on STS-B train alone (similarity / 5 as a soft label) and
  calibrated on it, gives the graded similarity score: trees and a logistic regression
  blended in log-odds like the same-claim model.
They are separate because STS-B's graded labels teach the trees a notion of "how much alike"
that costs MSRP accuracy when the two are mixed (5-fold CV of the trees on the first 33
features over three fold splits: 0.774/0.763/0.771 mixed, 0.779/0.773/0.773 alone), while without STS-B the score
correlates poorly with graded similarity (STS-B dev Pearson 0.64 instead of 0.78). MSRP's
yes/no labels do not help the score either: with them (weight 1, trees alone, the fit until
session 21) STS-B dev Pearson was 0.779, and 0.649 on its forum pairs, whose source train
lacks; fitted on STS-B alone with the regression blended in, 0.802 and 0.707.
Pure Python (no numpy).

usage: scripts/train_matcher.py PARALLAX_BINARY EVAL_DIR [--model gbt|lr] [--write]
  PARALLAX_BINARY  a release build (`parallax pairs FILE --features` prints the features)
  EVAL_DIR         folder with msrp/msr_paraphrase_train.txt and stsb/sts-{train,dev}.csv
  --model          gbt: trees plus regression (the default, what similarity.rs uses);
                   lr: the same-claim logistic regression alone, for comparison
  --write          write the fitted models to src/engine/similarity/model.rs

Prints 5-fold cross-validated MSRP accuracy/F1 of the same-claim model (the honest estimate
on unseen pairs: each fold is judged by a model fitted without it, at a threshold chosen
without its labels), the in-sample figures of the model fitted on everything, and the score
model's STS-B Pearson on train and dev.
The MSRP decision mirrors `Matcher::judge`: a pair is `same` when its same-claim log-odds
reach the threshold and no number conflicts beyond rounding (a conflict makes it `differing`).
Only fitted constants are written to the repository, never the data.
Environment: SCORE_MSRP_WEIGHT (weight of an MSRP pair in the score model, beside STS-B
train's at 1; default 0), SCORE_LINEAR_SHARE (weight of the regression's log-odds in the
score model, default 0.5), STS_WEIGHT (weight of an STS-B pair in the linking regression,
default 1), SAME_STS_WEIGHT (in the same-claim model, default 0), LINEAR_SHARE (weight of the
regression's log-odds in the same-claim model, default 0.5), TREES, DEPTH, RATE, LAMBDA,
MIN_HESSIAN, SUBSAMPLE (tree settings), CV_SEED (shuffle the folds with this seed, to see how
much a difference owes to the split; default 0: pair i is in fold i mod 5), FEATURES_CACHE
(a folder to keep the feature dumps in).
"""
import bisect, math, os, random, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith('--')]
flags = sys.argv[1:]
binary, eval_dir = args[:2]
MODEL = flags[flags.index('--model') + 1] if '--model' in flags else 'gbt'
if MODEL not in ('gbt', 'lr'):
    sys.exit('--model must be gbt or lr')
WRITE = '--write' in flags
STS_WEIGHT = float(os.environ.get('STS_WEIGHT', '1'))
SAME_STS_WEIGHT = float(os.environ.get('SAME_STS_WEIGHT', '0'))
SCORE_MSRP_WEIGHT = float(os.environ.get('SCORE_MSRP_WEIGHT', '0'))
SCORE_LINEAR_SHARE = float(os.environ.get('SCORE_LINEAR_SHARE', '0.5'))
TREES = int(os.environ.get('TREES', '200'))
DEPTH = int(os.environ.get('DEPTH', '4'))
RATE = float(os.environ.get('RATE', '0.05'))
LAMBDA = float(os.environ.get('LAMBDA', '1'))
MIN_HESSIAN = float(os.environ.get('MIN_HESSIAN', '5'))
SUBSAMPLE = float(os.environ.get('SUBSAMPLE', '1'))
LINEAR_SHARE = float(os.environ.get('LINEAR_SHARE', '0.5'))
CV_SEED = int(os.environ.get('CV_SEED', '0'))
BINS = 32
L2 = 1.0
CACHE = os.environ.get('FEATURES_CACHE')
# The linking similarity uses the first LINK_FEATURES features.
LINK_FEATURES = 12
# Index of number_conflict_beyond_rounding in the features (FEATURE_NAMES in similarity.rs):
# a pair with that conflict is `differing`, never `same`.
NUMBER_CONFLICT = 33


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


def features(rows, name):
    cached = os.path.join(CACHE, name + '.tsv') if CACHE else None
    if cached and os.path.exists(cached):
        return [[float(x) for x in line.split('\t')] for line in open(cached)]
    with tempfile.NamedTemporaryFile('w', suffix='.tsv', delete=False, encoding='utf-8') as f:
        for i, (_, a, b) in enumerate(rows):
            f.write(f"{i}\t{a.replace(chr(9), ' ')}\t{b.replace(chr(9), ' ')}\n")
    out = subprocess.run([binary, 'pairs', f.name, '--features'], capture_output=True, text=True, check=True)
    os.unlink(f.name)
    lines = [line.split('\t')[3:] for line in out.stdout.splitlines()]
    if cached:
        os.makedirs(CACHE, exist_ok=True)
        with open(cached, 'w') as f:
            f.writelines('\t'.join(x) + '\n' for x in lines)
    return [[float(x) for x in line] for line in lines]


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


# ---- logistic regression -------------------------------------------------------------

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


def fit_lr(xs, ys, ws):
    """L2-regularised logistic regression (soft labels, sample weights) by Newton's method;
    the last weight is the bias."""
    xs = [x + [1.0] for x in xs]
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(12):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, sw in zip(xs, ys, ws):
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            r = sw * (p - y)
            s = sw * p * (1 - p)
            for i in range(d):
                xi = x[i]
                grad[i] += r * xi
                si = s * xi
                row = hess[i]
                for j in range(i, d):
                    row[j] += si * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(d - 1):
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return ('lr', w)


# ---- gradient-boosted trees ----------------------------------------------------------

def cut_points(values):
    """Up to BINS - 1 split thresholds at quantiles, each halfway between two distinct
    values (so a value printed with 5 decimals falls on the same side in Rust)."""
    distinct = sorted(set(values))
    if len(distinct) <= BINS:
        return [(a + b) / 2 for a, b in zip(distinct, distinct[1:])]
    ordered = sorted(values)
    cuts = set()
    for k in range(1, BINS):
        v = ordered[k * len(ordered) // BINS]
        i = bisect.bisect_left(distinct, v)
        if 0 < i < len(distinct):
            cuts.add((distinct[i - 1] + distinct[i]) / 2)
    return sorted(cuts)


def fit_gbt(xs, ys, ws):
    """Newton-boosted regression trees on the logistic loss (soft labels, sample weights).
    A tree is a list of nodes: (feature, threshold, left, right) or (None, value)."""
    n, d = len(xs), len(xs[0])
    cuts = [cut_points([x[f] for x in xs]) for f in range(d)]
    bins = [[bisect.bisect_left(cuts[f], x[f]) for x in xs] for f in range(d)]
    prior = sum(y * w for y, w in zip(ys, ws)) / sum(ws)
    base = math.log(prior / (1 - prior))
    z = [base] * n
    trees = []
    rng = random.Random(7)
    for _ in range(TREES):
        g = [0.0] * n
        h = [0.0] * n
        for i in range(n):
            p = sigmoid(z[i])
            g[i] = ws[i] * (p - ys[i])
            h[i] = ws[i] * p * (1 - p)
        nodes = []

        def grow(idx, depth):
            G = sum(g[i] for i in idx)
            H = sum(h[i] for i in idx)
            at = len(nodes)
            nodes.append(None)
            best = None
            if depth < DEPTH:
                parent = G * G / (H + LAMBDA)
                for f in range(d):
                    nb = len(cuts[f]) + 1
                    if nb < 2:
                        continue
                    col = bins[f]
                    hg = [0.0] * nb
                    hh = [0.0] * nb
                    for i in idx:
                        b = col[i]
                        hg[b] += g[i]
                        hh[b] += h[i]
                    gl = hl = 0.0
                    for k in range(nb - 1):
                        gl += hg[k]
                        hl += hh[k]
                        hr = H - hl
                        if hl < MIN_HESSIAN or hr < MIN_HESSIAN:
                            continue
                        gr = G - gl
                        gain = gl * gl / (hl + LAMBDA) + gr * gr / (hr + LAMBDA) - parent
                        if best is None or gain > best[0] + 1e-12:
                            best = (gain, f, k)
            if best is None or best[0] <= 0:
                nodes[at] = (None, -RATE * G / (H + LAMBDA))
                return at
            _, f, k = best
            col = bins[f]
            left = [i for i in idx if col[i] <= k]
            right = [i for i in idx if col[i] > k]
            li = grow(left, depth + 1)
            ri = grow(right, depth + 1)
            nodes[at] = (f, cuts[f][k], li, ri)
            return at

        # Stochastic boosting: each tree sees a random share of the pairs (fixed seed).
        rows = [i for i in range(n) if SUBSAMPLE >= 1 or rng.random() < SUBSAMPLE]
        grow(rows, 0)
        trees.append(nodes)
        for i in range(n):
            z[i] += tree_value(nodes, xs[i])
    return ('gbt', (base, trees))


def tree_value(nodes, x):
    node = nodes[0]
    while node[0] is not None:
        node = nodes[node[2]] if x[node[0]] <= node[1] else nodes[node[3]]
    return node[1]


def fit_same(xs, ys, ws):
    """The same-claim model: trees and regression blended in log-odds (see the top)."""
    if MODEL == 'lr':
        return fit_lr(xs, ys, ws)
    trees = fit_gbt(xs, ys, ws)
    if not LINEAR_SHARE:
        return trees
    return ('blend', (trees, fit_lr(xs, ys, ws), LINEAR_SHARE))


def logit(model, x):
    kind, params = model
    if kind == 'blend':
        trees, lr, share = params
        return (1 - share) * logit(trees, x) + share * logit(lr, x)
    if kind == 'lr':
        return sum(wi * xi for wi, xi in zip(params, x + [1.0]))
    base, trees = params
    return base + sum(tree_value(t, x) for t in trees)


# ---- evaluation ----------------------------------------------------------------------

def decide(z, x, t):
    return z >= t and x[NUMBER_CONFLICT] <= 0


def best_threshold(zs, xs, ys):
    best = (0, 0.0)
    for t in sorted(set(round(z, 2) for z in zs)):
        acc = sum(decide(z, x, t) == (y == 1) for z, x, y in zip(zs, xs, ys))
        best = max(best, (acc, t))
    return best[1]


def scores(zs, xs, ys, t):
    said = [decide(z, x, t) for z, x in zip(zs, xs)]
    tp = sum(s and y == 1 for s, y in zip(said, ys))
    fp = sum(s and y == 0 for s, y in zip(said, ys))
    fn = sum(not s and y == 1 for s, y in zip(said, ys))
    acc = sum(s == (y == 1) for s, y in zip(said, ys)) / len(ys)
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    return acc, (2 * p * r / (p + r) if p + r else 0)


def pearson(a, b):
    n = len(a)
    ma = sum(a) / n
    mb = sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a) ** .5
    vb = sum((y - mb) ** 2 for y in b) ** .5
    return cov / (va * vb) if va and vb else 0.0


def main():
    msrp = read_pairs(os.path.join(eval_dir, 'msrp', 'msr_paraphrase_train.txt'))
    xs, ys = features(msrp, 'msrp'), [r[0] for r in msrp]
    sts = read_pairs(os.path.join(eval_dir, 'stsb', 'sts-train.csv'))
    sts_x = features(sts, 'sts-train')
    sts_y = [r[0] for r in sts]
    dev = read_pairs(os.path.join(eval_dir, 'stsb', 'sts-dev.csv'))
    dev_x = features(dev, 'sts-dev')
    # Graded similarity as soft labels, so the score ranks partial overlap as STS-B does.
    soft_y = [y / 5 for y in sts_y]

    def with_sts(weight, rows):
        """MSRP rows (indices) plus STS-B train at `weight` (none when 0)."""
        extra = len(sts_x) if weight else 0
        return (
            [xs[i] for i in rows] + sts_x[:extra],
            [ys[i] for i in rows] + soft_y[:extra],
            [1.0] * len(rows) + [weight] * extra,
        )

    # 5-fold cross-validation of the same-claim model. Out-of-fold logits first; each fold's
    # threshold is then chosen on the other folds' out-of-fold logits, so no fold's labels
    # pick its own.
    folds = 5
    fold_of = list(range(len(xs)))
    if CV_SEED:
        random.Random(CV_SEED).shuffle(fold_of)
    fold_of = [f % folds for f in fold_of]
    oof = [0.0] * len(xs)
    for k in range(folds):
        train = [i for i in range(len(xs)) if fold_of[i] != k]
        model = fit_same(*with_sts(SAME_STS_WEIGHT, train))
        for i in range(len(xs)):
            if fold_of[i] == k:
                oof[i] = logit(model, xs[i])
        print(f'  fold {k + 1} fitted', file=sys.stderr)
    if os.environ.get('OOF_OUT'):
        with open(os.environ['OOF_OUT'], 'w') as f:
            f.writelines(f'{z}\n' for z in oof)
    accs, f1s = [], []
    for k in range(folds):
        other = [i for i in range(len(xs)) if fold_of[i] != k]
        test = [i for i in range(len(xs)) if fold_of[i] == k]
        t = best_threshold([oof[i] for i in other], [xs[i] for i in other], [ys[i] for i in other])
        acc, f1 = scores([oof[i] for i in test], [xs[i] for i in test], [ys[i] for i in test], t)
        accs.append(acc)
        f1s.append(f1)
    print(f'MSRP 5-fold CV ({MODEL}): accuracy {sum(accs) / folds:.3f} F1 {sum(f1s) / folds:.3f}',
          file=sys.stderr)

    everything = list(range(len(xs)))
    same = fit_same(*with_sts(SAME_STS_WEIGHT, everything))
    # The final threshold is the one that is best on the out-of-fold logits (in-sample logits
    # of boosted trees are too confident to place it).
    t = best_threshold(oof, xs, ys)
    zs = [logit(same, x) for x in xs]
    acc, f1 = scores(zs, xs, ys, t)
    print(f'MSRP train (fit on all, in-sample): accuracy {acc:.3f} F1 {f1:.3f} threshold logit {t:.2f}',
          file=sys.stderr)

    # The score model, calibrated: score = sigmoid(scale * z + shift), with scale and shift
    # chosen for correlation with STS-B train.
    score_x, score_y, score_w = sts_x, soft_y, [1.0] * len(sts_x)
    if SCORE_MSRP_WEIGHT:
        score_x, score_y = xs + score_x, [float(y) for y in ys] + score_y
        score_w = [SCORE_MSRP_WEIGHT] * len(xs) + score_w
    score_lr = fit_lr(score_x, score_y, score_w)
    if MODEL == 'lr':
        scorer = score_lr
    else:
        scorer = ('blend', (fit_gbt(score_x, score_y, score_w), score_lr, SCORE_LINEAR_SHARE))
    sts_z = [logit(scorer, x) for x in sts_x]
    best = (-1, 1.0, 0.0)
    for scale in [0.1 + 0.05 * i for i in range(40)]:
        for shift in [-3 + 0.25 * i for i in range(25)]:
            r = pearson([sigmoid(scale * z + shift) for z in sts_z], sts_y)
            best = max(best, (r, scale, shift))
    r, scale, shift = best
    dev_z = [logit(scorer, x) for x in dev_x]
    dev_r = pearson([sigmoid(scale * z + shift) for z in dev_z], [d[0] for d in dev])
    print(f'STS-B train Pearson {r:.3f}, dev Pearson {dev_r:.3f} (scale {scale:.2f}, shift {shift:.2f})',
          file=sys.stderr)
    if WRITE and MODEL == 'gbt':
        # The linking similarity (align.rs): a logistic regression over the same features,
        # smooth where pairs share little, which is where claims of one story meet.
        # Only the first LINK_FEATURES features: the word-overlap ones it was tuned with.
        link_x, link_y, link_w = with_sts(STS_WEIGHT, everything)
        lr = fit_lr([x[:LINK_FEATURES] for x in link_x], link_y, link_w)
        lr_z = [logit(lr, x[:LINK_FEATURES]) for x in sts_x]
        lr_best = max((pearson([sigmoid(sc * z + sh) for z in lr_z], sts_y), sc, sh)
                      for sc in [0.1 + 0.05 * i for i in range(40)]
                      for sh in [-3 + 0.25 * i for i in range(25)])
        lr_dev = pearson([sigmoid(lr_best[1] * logit(lr, x[:LINK_FEATURES]) + lr_best[2]) for x in dev_x], [d[0] for d in dev])
        print(f'linking similarity (lr): STS-B train Pearson {lr_best[0]:.3f}, dev {lr_dev:.3f}', file=sys.stderr)
        link = (lr[1], lr_best[1], lr_best[2])
    if WRITE and MODEL == 'gbt':
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'engine',
                            'similarity', 'model.rs')
        write_rust(path, len(xs[0]), same, t, scorer, (scale, shift), link, {
            'cv_accuracy': sum(accs) / folds, 'cv_f1': sum(f1s) / folds,
            'train_accuracy': acc, 'train_f1': f1, 'sts_dev': dev_r})
        print(f'wrote {os.path.normpath(path)}', file=sys.stderr)


def flatten(trees):
    """The trees as one node table (children as indices into it) and each tree's root."""
    flat = []
    roots = []
    for nodes in trees:
        offset = len(flat)
        roots.append(offset)
        for node in nodes:
            if node[0] is None:
                flat.append(f'Node::leaf({node[1]!r})')
            else:
                f, thr, li, ri = node
                flat.append(f'Node::split({f}, {thr!r}, {offset + li}, {offset + ri})')
    return roots, flat


def write_rust(path, feature_count, same, threshold, scorer, calibration, link, figures):
    lines = [
        '//! The fitted pair models: gradient-boosted regression trees over the features of',
        '//! [`super::FEATURE_NAMES`]. Generated by `scripts/train_matcher.py --write`; do not edit',
        '//! by hand. The same-claim model (`SAME` trees plus `SAME_LINEAR`, fitted on MSRP train)',
        '//! decides the relation; the score model (`SCORE` trees plus `SCORE_LINEAR`, fitted on',
        '//! STS-B train) gives the graded score.',
        f'//! MSRP 5-fold CV accuracy {figures["cv_accuracy"]:.3f} F1 {figures["cv_f1"]:.3f}; in-sample '
        f'{figures["train_accuracy"]:.3f} / {figures["train_f1"]:.3f}; STS-B dev Pearson {figures["sts_dev"]:.3f}.',
        f'//! Settings: {TREES} trees each, depth {DEPTH}, rate {RATE}, lambda {LAMBDA}, '
        f'min hessian {MIN_HESSIAN}, subsample {SUBSAMPLE}; regression share {LINEAR_SHARE}; '
        f'STS-B weight {SAME_STS_WEIGHT} (same-claim), {STS_WEIGHT} (linking); score: MSRP weight '
        f'{SCORE_MSRP_WEIGHT}, regression share {SCORE_LINEAR_SHARE}.',
        '',
        'use super::{Forest, Linear, Node};',
        '',
        '/// Same-claim log-odds at or above which a pair states the same thing.',
        f'pub(super) const SAME_LOGIT_THRESHOLD: f64 = {threshold!r};',
        '/// Score = logistic(SCORE_SCALE * score log-odds + SCORE_SHIFT).',
        f'pub(super) const SCORE_SCALE: f64 = {calibration[0]!r};',
        f'pub(super) const SCORE_SHIFT: f64 = {calibration[1]!r};',
    ]
    weights, scale, shift = link
    lines.append('/// Linking similarity: logistic-regression weights over the features, then the bias.')
    lines.append(f'pub(super) const LINK_WEIGHTS: [f64; {len(weights) - 1}] = [{", ".join(repr(w) for w in weights[:-1])}];')
    lines.append(f'pub(super) const LINK_BIAS: f64 = {weights[-1]!r};')
    lines.append(f'pub(super) const LINK_SCALE: f64 = {scale!r};')
    lines.append(f'pub(super) const LINK_SHIFT: f64 = {shift!r};')
    forests = []
    for name, model, what in (('SAME', same, 'Same-claim'), ('SCORE', scorer, 'Score')):
        if model[0] == 'blend':
            model_trees, (_, linear), share = model[1]
        else:
            model_trees, linear, share = model, [0.0] * (feature_count + 1), 0.0
        # The blend's shares are folded into the constants: the model's log-odds is the sum
        # of the trees' and the regression's.
        scaled = [share * w for w in linear]
        lines.append(f'/// {what} model, linear part: weights over the features, then the bias.')
        lines.append(f'pub(super) static {name}_LINEAR: Linear = Linear {{')
        lines.append(f'    weights: [{", ".join(repr(w) for w in scaled[:-1])}],')
        lines.append(f'    bias: {scaled[-1]!r},')
        lines.append('};')
        (_, (base, tree_list)) = model_trees
        forests.append((name, ('gbt', (base * (1 - share), [
            [(None, node[1] * (1 - share)) if node[0] is None else node for node in nodes]
            for nodes in tree_list]))))
    for name, (_, (base, trees)) in forests:
        roots, flat = flatten(trees)
        lines.append(f'pub(super) static {name}: Forest = Forest {{')
        lines.append(f'    base: {base!r},')
        lines.append(f'    roots: &{name}_ROOTS,')
        lines.append(f'    nodes: &{name}_NODES,')
        lines.append('};')
        lines.append(f'static {name}_ROOTS: [u16; {len(roots)}] = [{", ".join(map(str, roots))}];')
        lines.append(f'static {name}_NODES: [Node; {len(flat)}] = [')
        lines.extend(f'    {n},' for n in flat)
        lines.append('];')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')

main()
