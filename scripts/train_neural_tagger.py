#!/usr/bin/env python3
"""Fits the neural attribution tagger (src/engine/quotes/neural.rs) and writes its weights.

usage: train_neural_tagger.py TRAIN.txt OUT.bin [DEV.txt]

TRAIN.txt is what `examples/tagger_data` writes (one token a line: label, then the CRF
tagger's feature names). A label may be a set (`B|I`, from `distill_tagger.py label` with
ALLOW): the token may take any of them, and the fit sums over every path through them
(partial labels; round 50). A label may also be the teacher's probabilities
(`~0.049,0.015,…` in LABELS order, from `distill_tagger.py label` with SOFT=1): the fit then
matches the CRF's marginals to them (round 52). The network reads a subset of those names per
token (the word, its suffix and shape, its word classes, listed and learned, the nearest listed
cues, quotation marks, the position in the sentence and the rules' reading), sums one learned
vector per name, runs a bidirectional LSTM over the paragraph and scores the five labels
per token; a transition matrix on top makes it a CRF, decoded in Rust exactly like the
linear tagger. Needs PyTorch.

The weights file: `names` (one feature name a line, the row of its vector), then the
embedding as scaled bytes and the other matrices as little-endian f16, see `write_weights`.
Seeded and single-threaded by default, for reproducibility. Environment: EPOCHS (20),
AVERAGE_EPOCHS (6: the weights written are the mean of those after the last six epochs),
DIM, HIDDEN, DROPOUT, WORD_DROPOUT (0.1: the share of tokens whose word is hidden in
training), LR (0.002), LR_DECAY (`none`, or `cosine`: the learning rate falls to a tenth
along a half cosine over the epochs), MIN_FREQ, SEED, THREADS, TRAINED_ON (the header's last
words: what TRAIN.txt holds, `PolNeAR train`).

Since round 47 the committed networks are fitted on PolNeAR train plus unannotated news
labelled by a fine-tuned transformer (`scripts/distill_tagger.py`, which shows the commands).
The committed files are round 47's, written in half precision and converted to scaled bytes
by `scripts/requantize_neural_weights.py` (round 48): the same bytes as this script writes.
"""
import gzip
import math
import os
import struct
import sys
import collections
import random

import numpy
import torch
import torch.nn as nn

from tagger_sequences import LABELS, read, f1_by_label

# Feature names the network reads (by prefix up to '='); the rest are the linear CRF's.
PREFIXES = ('w', 'suf3', 'shape', 'c', 'k1', 'k2', 'k3', 'cueL', 'cueR', 'inq', 'r', 'pos', 'posEnd',
            'sent')
# EXTRA_PREFIXES (comma-separated) widens the set for one network, e.g. `stem,cueLw,cueRw`: a
# network reading other names errs differently, which the ensemble can use. Only prefixes
# whose values are single words or classes, never n-grams: the names are stored in the file.
PREFIXES += tuple(p for p in os.environ.get('EXTRA_PREFIXES', '').split(',') if p)


def kept(name):
    return name.split('=', 1)[0] in PREFIXES


def label_index(label):
    """A label's column, or for a set of labels (`B|I`, as `distill_tagger.py label` writes
    where the teacher is unsure) a bit mask with a bit per column, stored as -mask - 1, or
    for the teacher's probabilities (`~0.010,0.902,…`, SOFT=1) a tuple of them."""
    if label.startswith('~'):
        return tuple(float(p) for p in label[1:].split(','))
    if '|' not in label:
        return LABELS.index(label)
    return -sum(1 << LABELS.index(part) for part in label.split('|')) - 1


def read_kept(path):
    """The paragraphs with only the names the network reads, labels as `label_index`."""
    xs, ys = read(path)
    return ([[[f for f in tok if kept(f)] for tok in x] for x in xs],
            [[label_index(label) for label in y] for y in ys])


class Tagger(nn.Module):
    def __init__(self, n_names, dim, hidden, dropout):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.embed = nn.EmbeddingBag(n_names, dim, mode='sum', padding_idx=0)
        self.lstm = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(LABELS))
        self.transition = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))

    def emissions(self, bags, lengths):
        # bags: (batch, time, max_names) of name rows, 0 = none.
        b, t, m = bags.shape
        x = self.embed(bags.view(b * t, m)).view(b, t, -1)
        x = self.drop(torch.tanh(x))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                   enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop(h))

    def nll(self, em, labels, mask, allowed=None, soft=None):
        # CRF negative log-likelihood without start or end transitions (as the Rust decoder).
        # With `allowed` (batch, time, labels; 1 = the label may stand there), the gold term is
        # the log-sum over every path through allowed labels (partial labels: a token the
        # teacher is unsure of constrains the path to the labels it did not rule out).
        # With `soft` (batch, time, labels; each token's label probabilities, one-hot for a
        # plain label), each token's emission term is its expectation under them, so the
        # gradient at an emission is the CRF's marginal less the teacher's probability
        # (marginal matching); the transitions are scored along `labels` (the most probable).
        if soft is not None:
            tr = self.transition
            gold = (em * soft).sum(2) * mask
            steps = tr[labels[:, :-1], labels[:, 1:]] * mask[:, 1:]
            return (self.log_partition(em, mask) - gold.sum(1) - steps.sum(1)).sum()
        if allowed is not None:
            gold = self.log_partition(em.masked_fill(allowed == 0, -1e4), mask)
            return (self.log_partition(em, mask) - gold).sum()
        b, t, n = em.shape
        tr = self.transition
        gold = em[:, 0].gather(1, labels[:, :1]).squeeze(1)
        alpha = em[:, 0]
        for k in range(1, t):
            m = mask[:, k]
            step = em[:, k].gather(1, labels[:, k:k + 1]).squeeze(1) + tr[labels[:, k - 1], labels[:, k]]
            gold = gold + step * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + tr.unsqueeze(0), dim=1) + em[:, k]
            alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
        return (torch.logsumexp(alpha, dim=1) - gold).sum()

    def log_partition(self, em, mask):
        tr = self.transition
        alpha = em[:, 0]
        for k in range(1, em.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + tr.unsqueeze(0), dim=1) + em[:, k]
            alpha = torch.where(mask[:, k].unsqueeze(1) > 0, nxt, alpha)
        return torch.logsumexp(alpha, dim=1)

    def viterbi(self, em):
        t = em.shape[0]
        tr = self.transition
        score = em[0]
        back = []
        for k in range(1, t):
            s = score.unsqueeze(1) + tr
            best, idx = s.max(0)
            back.append(idx)
            score = best + em[k]
        last = int(score.argmax())
        path = [last]
        for idx in reversed(back):
            last = int(idx[last]); path.append(last)
        return path[::-1]


def encode(xs, rows):
    """Each token as (word row, other rows); unknown names are dropped."""
    out = []
    for x in xs:
        seq = []
        for tok in x:
            word = rows.get(tok[0], 0) if tok and tok[0].startswith('w=') else 0
            rest = [rows[f] for f in tok if not f.startswith('w=') and f in rows]
            seq.append((word, rest))
        out.append(seq)
    return out


def batches(xs, ys, size, shuffle, word_dropout=0.0, rng=None):
    # Paragraphs of similar length together, batches in random order.
    order = sorted(range(len(xs)), key=lambda j: len(xs[j]))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    for idx in groups:
        t = max(len(xs[j]) for j in idx)
        m = 1 + max(len(rest) for j in idx for _, rest in xs[j])
        bags = torch.zeros(len(idx), t, m, dtype=torch.long)
        labels = torch.zeros(len(idx), t, dtype=torch.long)
        mask = torch.zeros(len(idx), t)
        partial = any(isinstance(y, int) and y < 0 for j in idx for y in ys[j])
        allowed = torch.zeros(len(idx), t, len(LABELS)) if partial else None
        probable = any(isinstance(y, tuple) for j in idx for y in ys[j])
        soft = torch.zeros(len(idx), t, len(LABELS)) if probable else None
        for a, j in enumerate(idx):
            for k, (word, rest) in enumerate(xs[j]):
                if word_dropout and rng.random() < word_dropout:
                    word = 0
                row = [word] + rest
                bags[a, k, :len(row)] = torch.tensor(row, dtype=torch.long)
            # A set's most probable member is unknown here: its lowest column stands in
            # `labels` (only evaluation reads it there).
            labels[a, :len(ys[j])] = torch.tensor(
                [most_probable(y) if isinstance(y, tuple) else y if y >= 0 else lowest_member(y)
                 for y in ys[j]], dtype=torch.long)
            mask[a, :len(ys[j])] = 1
            if probable:
                for k, y in enumerate(ys[j]):
                    if isinstance(y, tuple):
                        soft[a, k] = torch.tensor(y)
                    else:
                        soft[a, k, y] = 1.0
            if partial:
                bits = torch.tensor([1 << y if y >= 0 else -y - 1 for y in ys[j]])
                allowed[a, :len(ys[j])] = ((bits.unsqueeze(1) >> torch.arange(len(LABELS))) & 1).float()
        lengths = torch.tensor([len(xs[j]) for j in idx])
        yield bags, labels, mask, lengths, allowed, soft


def most_probable(probs):
    return max(range(len(probs)), key=probs.__getitem__)


def lowest_member(y):
    bits = -y - 1
    return (bits & -bits).bit_length() - 1


def half(t):
    """A tensor's numbers in half precision: the network's outputs move by about 1e-3."""
    return t.detach().contiguous().float().numpy().astype('<f2')


def scaled_bytes(rows):
    """Half-precision rows (a numpy array) as one half-precision scale per row, then each
    row's numbers as signed bytes (a number is its byte times its row's scale): the
    embedding is nine tenths of the numbers, and bytes keep the file near 1.4 MB.

    From half precision, so that a file written before round 48 (all half precision)
    converts to the same bytes as a refit writes (`scripts/requantize_neural_weights.py`)."""
    rows = rows.astype('float32')
    scales = (numpy.abs(rows).max(axis=1) / 127).astype('<f2')
    divisors = numpy.where(scales > 0, scales.astype('float32'), 1)[:, None]
    codes = numpy.clip(numpy.rint(rows / divisors), -127, 127).astype('i1')
    return scales.tobytes() + codes.tobytes()


def write_weights(model, names, path, header):
    lstm = model.lstm

    def mat(t):
        return half(t).tobytes()
    parts = [header.encode(), b'\n', '\n'.join(names).encode('utf-8'), b'\n\n']
    body = b''.join([
        struct.pack('<III', len(names), model.embed.embedding_dim, lstm.hidden_size),
        scaled_bytes(half(model.embed.weight)),
        mat(lstm.weight_ih_l0), mat(lstm.weight_hh_l0), mat(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        mat(lstm.weight_ih_l0_reverse), mat(lstm.weight_hh_l0_reverse),
        mat(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        mat(model.out.weight), mat(model.out.bias), mat(model.transition),
    ])
    with open(path, 'wb') as f:
        f.write(gzip.compress(b''.join(parts) + body, compresslevel=9, mtime=0))


def evaluate(model, xs, ys):
    pairs = []
    model.eval()
    with torch.no_grad():
        for bags, labels, mask, lengths, _, _ in batches(xs, ys, 64, False):
            em = model.emissions(bags, lengths)
            for a in range(len(lengths)):
                n = int(lengths[a])
                gold = labels[a, :n].tolist()
                pairs.extend((LABELS[g], LABELS[p]) for g, p in zip(gold, model.viterbi(em[a, :n])))
    model.train()
    f1 = f1_by_label(pairs)
    return ' '.join(f'{label} {f1.get(label, (0, 0, 0))[2]:.3f}' for label in LABELS[1:])


def main():
    train_path, out_path = sys.argv[1:3]
    dev_path = sys.argv[3] if len(sys.argv) > 3 else None
    epochs = int(os.environ.get('EPOCHS', '20'))
    dim = int(os.environ.get('DIM', '64'))
    hidden = int(os.environ.get('HIDDEN', '80'))
    min_freq = int(os.environ.get('MIN_FREQ', '3'))
    seed = int(os.environ.get('SEED', '1'))
    torch.manual_seed(seed)
    torch.set_num_threads(int(os.environ.get('THREADS', '1')))
    rng = random.Random(seed)
    xs, ys = read_kept(train_path)
    freq = collections.Counter(f for x in xs for tok in x for f in tok)
    names = sorted(f for f, c in freq.items() if c >= min_freq)
    rows = {f: i + 1 for i, f in enumerate(names)}
    names = ['<none>'] + names
    dropout = float(os.environ.get('DROPOUT', '0.3'))
    model = Tagger(len(names), dim, hidden, dropout)
    lr = float(os.environ.get('LR', '0.002'))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    lr_decay = os.environ.get('LR_DECAY', 'none')
    word_dropout = float(os.environ.get('WORD_DROPOUT', '0.1'))
    xs = encode(xs, rows)
    dev = read_kept(dev_path) if dev_path else None
    if dev:
        dev = (encode(dev[0], rows), dev[1])
    # The weights written are the mean of those after each of the last AVERAGE_EPOCHS epochs
    # (stochastic weight averaging): one network closer to the middle of the region the
    # last epochs wander in, so less dependent on where its random start led it.
    average_epochs = min(max(int(os.environ.get('AVERAGE_EPOCHS', '6')), 1), epochs)
    averaged = {name: torch.zeros_like(p) for name, p in model.state_dict().items()}
    for epoch in range(epochs):
        if lr_decay == 'cosine':
            for group in opt.param_groups:
                group['lr'] = lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * epoch / epochs)))
        total = 0.0
        for bags, labels, mask, lengths, allowed, soft in batches(xs, ys, 32, True, word_dropout,
                                                                  rng):
            em = model.emissions(bags, lengths)
            loss = model.nll(em, labels, mask, allowed, soft)
            opt.zero_grad()
            (loss / len(lengths)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        msg = f'epoch {epoch + 1}: loss {total / len(xs):.3f}'
        if dev:
            msg += ' | dev ' + evaluate(model, dev[0], dev[1])
        print(msg, file=sys.stderr, flush=True)
        if epoch >= epochs - average_epochs:
            for name, p in model.state_dict().items():
                averaged[name] += p.detach() / average_epochs
    if average_epochs > 1:
        model.load_state_dict(averaged)
        if dev:
            print(f'averaged over the last {average_epochs} epochs | dev '
                  + evaluate(model, dev[0], dev[1]), file=sys.stderr, flush=True)
    # Only settings changed from their defaults, so that the defaults rebuild the committed
    # file byte for byte.
    trained_on = os.environ.get('TRAINED_ON', 'PolNeAR train')
    recipe = ''.join(f'{k}={v} ' for k, v, default in (
        ('word_dropout', word_dropout, 0.1), ('lr', lr, 0.002), ('lr_decay', lr_decay, 'none'))
        if v != default)
    header = (f'# neural attribution tagger: BiLSTM-CRF dim={dim} hidden={hidden} '
              f'dropout={dropout} {recipe}epochs={epochs} averaged={average_epochs} '
              f'min_freq={min_freq} seed={seed} '
              f'names={",".join(PREFIXES)}, {trained_on}')
    write_weights(model, names, out_path, header)


if __name__ == '__main__':
    main()
