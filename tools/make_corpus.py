#!/usr/bin/env python3
"""Writes a synthetic JSON Lines news corpus for benchmarks: the articles
`khaldun ingest` reads from the given inputs (the gold sets), repeated with
varied country and city names, numbers and publication dates, so that every
record is a distinct article that codes like real news. Same scheme as
tests/store/corpus.h.

  tools/make_corpus.py --bin build/release/khaldun --count 10000 \
      -o corpus.jsonl tests/gold tests/heldout
"""
import argparse
import json
import re
import subprocess
import sys

SWAPS = [("Iraq", "Syria"), ("Baghdad", "Damascus"), ("Ukraine", "Moldova"),
         ("Kyiv", "Chisinau"), ("Sudan", "Chad"), ("Khartoum", "N'Djamena"),
         ("Mali", "Niger"), ("Israel", "Lebanon"), ("Somalia", "Kenya"),
         ("Yemen", "Oman"), ("Pakistan", "India"), ("Nigeria", "Cameroon")]


def shift_numbers(text, delta):
    def shift(m):
        digits = m.group(0)
        if len(digits) > 9:
            return digits
        v = int(digits)
        if len(digits) == 4 and 1900 <= v <= 2100:
            return digits
        return str(v + delta)
    return re.sub(r"[0-9]+", shift, text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the khaldun binary")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("-o", "--out", required=True)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    ingest = subprocess.run([args.bin, "ingest", *args.inputs], capture_output=True, text=True)
    gold = []
    for line in ingest.stdout.splitlines():
        a = json.loads(line)
        if a.get("text") and not (a.get("source_file") or "").endswith(".json"):
            gold.append(a)
    if not gold:
        sys.exit("make_corpus: no articles in the inputs")
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.count):
            a = gold[i % len(gold)]
            variant = i // len(gold)
            text, title = a["text"], a.get("headline") or ""
            if variant % 2 == 1:
                for old, new in SWAPS:
                    text, title = text.replace(old, new), title.replace(old, new)
            text = shift_numbers(text, variant % 9)
            date = "2024-%02d-%02d" % (1 + (variant // 28) % 12, 1 + variant % 28)
            out.write(json.dumps({"url": f"https://outlet{i % 37}.example/news/{i}", "title": title,
                                  "date_publish": date, "maintext": text}) + "\n")


if __name__ == "__main__":
    main()
