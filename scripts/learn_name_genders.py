#!/usr/bin/env python3
"""Learns which first names the news marks male or female, from how articles use honorifics.

usage: scripts/learn_name_genders.py DIR... > src/engine/first_name_genders.tsv

Newspapers that write "Mr. Okafor" or "Ms. Silva" after a first full mention ("John Okafor",
"Ana Silva") say a person's gender outright. In each article (every `.txt` file under the
folders given), a surname that appears with exactly one first name, and whose honorifics
(`Mr.`, `Mrs.`, `Ms.`, `Miss`, or a title ending in `-woman` before the full name) all agree,
gives one vote to that first name. Articles count once per name. Written: names with at least
MIN_VOTES votes, of which at least MIN_SHARE agree, as `name<TAB>m|f<TAB>votes`, sorted by name.
The engine reads it for "he" and "she" and for "Mrs. Silva" when several Silvas are named
(`src/engine/gender.rs`). Only first names and counts leave the data, no article text.

The committed table: PolNeAR train's texts and the unannotated news (ECB+, NewsWCL50):
    scripts/learn_name_genders.py ../shared/eval/polnear/train/text ../shared/eval/ecbplus \
        ../shared/eval/newswcl50 > src/engine/first_name_genders.tsv
"""
import collections
import pathlib
import re
import sys

MIN_VOTES = 2
MIN_SHARE = 0.9
NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
FULL = re.compile(rf"\b({NAME})\s+(?:[A-Z]\.\s+)?(?:{NAME}\s+)?({NAME})\b")
HONORIFIC = re.compile(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+({NAME})\b")
WOMAN_TITLE = re.compile(rf"\b[A-Za-z]+woman\s+({NAME})\s+(?:[A-Z]\.\s+)?({NAME})\b")
NOT_FIRST = {"Mr", "Mrs", "Ms", "Miss", "The", "A", "An", "In", "On", "At", "But", "And", "For",
             "Sen", "Rep", "Gov", "Dr", "President", "Senator", "Governor", "Secretary", "Judge",
             "Justice", "General", "Gen", "Former", "House", "Speaker", "Vice", "Chief", "Mayor",
             "When", "While", "After", "Before", "If", "As", "Of", "To", "By", "With", "From",
             # Words of institutions and places, and descriptors before a name ("Secretary of
             # State Ana Silva", "Republican Tom Okafor").
             "State", "States", "National", "Federal", "United", "New", "North", "South", "East",
             "West", "Democrat", "Democratic", "Republican", "Rival", "Candidate", "Nominee"}


def votes_of(text):
    firsts = collections.defaultdict(set)
    for first, surname in FULL.findall(text):
        if first not in NOT_FIRST and not first.endswith(('man', 'woman')):
            firsts[surname].add(first)
    marked = collections.defaultdict(set)
    for honorific, surname in HONORIFIC.findall(text):
        marked[surname].add('m' if honorific == 'Mr' else 'f')
    for first, surname in WOMAN_TITLE.findall(text):
        marked[surname].add('f')
    out = {}
    for surname, genders in marked.items():
        if len(genders) == 1 and len(firsts.get(surname, ())) == 1:
            out[next(iter(firsts[surname]))] = next(iter(genders))
    return out


def main():
    counts = collections.defaultdict(collections.Counter)
    for folder in sys.argv[1:]:
        for path in sorted(pathlib.Path(folder).rglob('*.txt')):
            text = path.read_text(encoding='utf-8', errors='replace')
            for first, gender in votes_of(text).items():
                counts[first][gender] += 1
    for name in sorted(counts):
        c = counts[name]
        gender, votes = c.most_common(1)[0]
        total = sum(c.values())
        if votes >= MIN_VOTES and votes / total >= MIN_SHARE:
            print(f'{name.lower()}\t{gender}\t{votes}')


if __name__ == '__main__':
    main()
