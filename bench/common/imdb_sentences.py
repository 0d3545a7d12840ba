"""Splits the IMDB sample into sentences for the attack corpus (dev tooling only; the product reads plain lines).

Sentences end at . ! ? followed by space; "<br />" is removed; sentences of 5-40 words are kept.
Usage: python3 imdb_sentences.py <dev.openbackdoor.tsv> <out.txt>
"""
import csv
import re
import sys

csv.field_size_limit(10**9)
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), delimiter="\t"))[1:]
out = []
for row in rows:
    text = row[0].replace("<br />", " ").replace("<br/>", " ")
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        sentence = " ".join(sentence.split())
        if 5 <= len(sentence.split()) <= 40:
            out.append(sentence)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"corpus: {len(out)} sentences", file=sys.stderr)
