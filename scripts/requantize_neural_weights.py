#!/usr/bin/env python3
"""Rewrites a neural tagger weights file of the format before round 48 in the current one.

usage: requantize_neural_weights.py OLD.bin.gz NEW.bin.gz

Before round 48 the embedding was stored in half precision like the other matrices; now it
is scaled bytes (`train_neural_tagger.scaled_bytes`), which halves the file. The rest of
the file is copied as it is, so the result is what `train_neural_tagger.py` writes when it
refits the same network. Needs numpy (and PyTorch, which the import brings in).
"""
import gzip
import struct
import sys

import numpy

from train_neural_tagger import scaled_bytes


def main():
    old_path, new_path = sys.argv[1:3]
    with open(old_path, 'rb') as f:
        raw = gzip.decompress(f.read())
    head_end = raw.index(b'\n') + 1
    names_end = raw.index(b'\n\n', head_end) + 2
    n_names, dim, _hidden = struct.unpack_from('<III', raw, names_end)
    embedding_start = names_end + 12
    embedding_end = embedding_start + n_names * dim * 2
    if embedding_end > len(raw):
        sys.exit(f'{old_path}: the file ends inside the embedding')
    rows = numpy.frombuffer(raw[embedding_start:embedding_end], dtype='<f2').reshape(n_names, dim)
    new = raw[:embedding_start] + scaled_bytes(rows) + raw[embedding_end:]
    with open(new_path, 'wb') as f:
        f.write(gzip.compress(new, compresslevel=9, mtime=0))


if __name__ == '__main__':
    main()
