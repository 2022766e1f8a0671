#!/usr/bin/env python3
"""Learns a table of attribution cue words from the PolNeAR train split.

usage: scripts/learn_cues.py ../shared/eval/polnear/train.jsonl > src/engine/quotes/learned_cues.tsv

For every word form that heads an annotated cue (the last word of the cue span that is not a
particle: "has said" -> "said", "called for" -> "called"), counts how often the form occurs in
the train texts at all and how often it heads a cue, and in which construction the content
follows it: a "that" clause, a "to" clause, any other words right after the cue (an object or
a bare clause), or before the cue (a trailing "…, X said"). Only forms seen as a cue at least
MIN_CUES times with a cue probability of at least MIN_PROB are written. Output is a TSV:

    form  cues  occurrences  p_cue  p_that  p_to  p_after  p_before

Only word forms and counts leave the data: no text of the articles is written. Run from
the repository root; the texts are read from the folder beside the jsonl.
"""
import collections
import json
import os
import re
import sys

MIN_CUES = 4
MIN_PROB = 0.2
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
PARTICLES = {"to", "for", "on", "of", "about", "out", "at", "by", "in", "up", "with", "that"}


def head_word(text, start, end):
    """(offset, lowercase form) of the cue's head: its last non-particle word."""
    words = [(start + m.start(), m.group().lower()) for m in WORD.finditer(text[start:end])]
    for off, w in reversed(words):
        if w not in PARTICLES:
            return off, w
    return None


def main():
    gold_path = sys.argv[1]
    base = os.path.dirname(gold_path)
    occurrences = collections.Counter()
    cues = collections.Counter()
    construction = collections.defaultdict(collections.Counter)
    for line in open(gold_path, encoding="utf-8"):
        art = json.loads(line)
        text = open(os.path.join(base, art["text_file"]), encoding="utf-8").read()
        heads = {}
        for a in art["attributions"]:
            if not a.get("cue") or not a.get("content"):
                continue
            c_start, c_end = a["cue"]["spans"][0][0], a["cue"]["spans"][-1][1]
            h = head_word(text, c_start, c_end)
            if h is None:
                continue
            content_start = a["content"]["spans"][0][0]
            if content_start < c_start:
                kind = "before"
            else:
                first = WORD.search(text, content_start)
                w = first.group().lower() if first else ""
                kind = "that" if w == "that" else "to" if w == "to" else "after"
            heads[h[0]] = (h[1], kind)
        for m in WORD.finditer(text):
            w = m.group().lower()
            occurrences[w] += 1
            if m.start() in heads and heads[m.start()][0] == w:
                cues[w] += 1
                construction[w][heads[m.start()][1]] += 1
    print("# form\tcues\toccurrences\tp_cue\tp_that\tp_to\tp_after\tp_before")
    for w in sorted(cues):
        n, occ = cues[w], occurrences[w]
        if n < MIN_CUES or n / occ < MIN_PROB:
            continue
        c = construction[w]
        print(
            f"{w}\t{n}\t{occ}\t{n / occ:.2f}\t"
            + "\t".join(f"{c[k] / n:.2f}" for k in ("that", "to", "after", "before"))
        )


if __name__ == "__main__":
    main()
