#!/usr/bin/env python3
"""Checks body structure of scraped-text pages against NAME.expect.json.

Usage: scraped_check.py [--bin PATH] [--jobs N] [--verbose] DIR_OR_EXPECT...

Complements article_check.py (which checks the gold "article" block). For
every NAME.expect.json beside a NAME.txt it runs `khaldun ingest NAME.txt`
WITHOUT --published, so the date must come from the page text, and checks:
  dateline     equals the expected place (case-insensitive; the city alone,
               before the first comma, is also accepted); null must stay null;
  published    equals the date the page text states (null: none stated);
  first_para   the first paragraph starts with first_paragraph_starts;
  last_para    the last paragraph starts with last_paragraph_starts;
  para_count   the number of paragraphs (sub-headings included) is exact.
Strings are compared as article_check.py does (white space folded, curly
quotes straight). Exits 1 when any check fails. Standard library only.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from article_check import norm, report, run_engine  # noqa: E402

FIELDS = ["dateline", "published", "first_para", "last_para", "para_count"]


def find_cases(paths):
    exps = []
    for p in paths:
        if os.path.isdir(p):
            exps.extend(sorted(glob.glob(os.path.join(p, "*.expect.json"))))
        elif p.endswith(".expect.json") and os.path.isfile(p):
            exps.append(p)
        else:
            raise SystemExit(f"scraped_check: {p}: not a directory or a .expect.json file")
    return [(os.path.relpath(e[: -len(".expect.json")]), e) for e in exps]


def same_place(want, got):
    if want is None or got is None:
        return want is got
    w, g = norm(want).casefold(), norm(got).casefold()
    return w == g or w.split(",")[0].strip() == g


def check_case(binary, name, exp_path):
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    page = name + ".txt"
    if not os.path.isfile(page):
        return name, [("page", False, "no NAME.txt beside the expect file")]
    try:
        rec = run_engine(binary, page, None)
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        return name, [("engine", False, str(e))]
    paras = [norm(p) for p in rec.get("paragraphs") or []]
    checks = []
    want, got = exp.get("dateline"), rec.get("dateline")
    checks.append(("dateline", same_place(want, got), f"want {want!r}, got {got!r}"))
    want, got = exp.get("published"), rec.get("published")
    checks.append(("published", want == got, f"want {want!r}, got {got!r}"))
    for field, key, idx in (("first_para", "first_paragraph_starts", 0),
                            ("last_para", "last_paragraph_starts", -1)):
        want = norm(exp.get(key))
        got = paras[idx] if paras else ""
        checks.append((field, got.startswith(want), f"want {want!r}..., got {got[:90]!r}"))
    want = exp.get("paragraph_count")
    checks.append(("para_count", len(paras) == want,
                   f"want {want}, got {len(paras)}: " + " | ".join(p[:40] for p in paras)))
    return name, checks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--bin", default="build/release/khaldun")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        print(f"scraped_check: {args.bin}: not an executable", file=sys.stderr)
        return 2
    cases = find_cases(args.paths)
    if not cases:
        print("scraped_check: no .expect.json files found", file=sys.stderr)
        return 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: check_case(args.bin, *c), cases))
    failed = report(results, FIELDS, "scraped checks", args.verbose)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
