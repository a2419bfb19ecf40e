#!/usr/bin/env python3
"""Checks khaldun's HTML metadata extraction against hand-written expectations.

Usage: html_meta_check.py [--bin PATH] [--jobs N] [--verbose] [DIR_OR_PAGE...]

Each NAME.html (default directory: tests/data/html_pages) has a NAME.expect.json
written by a person reading the page, before the engine was run on it:
  {"section": str|null, "headline": str, "byline": [str...],
   "published": "YYYY-MM-DD"|null, "dateline": str|null, "captions_count": N,
   "language": "en", "first_paragraph_starts": str, "last_paragraph_starts": str,
   "must_not_contain": [str...]}
A key left out is not checked. For every page it runs `khaldun ingest PAGE`
and checks, one check per field:
  section, headline, published, dateline, language  equal the expectation;
  byline           the list of names equals the expectation, in order;
  captions         the number of captions equals captions_count;
  first_paragraph  the first paragraph starts with first_paragraph_starts;
  last_paragraph   the last paragraph starts with last_paragraph_starts;
  must_not_contain none of the strings occurs in `text` (page chrome).
Strings are compared with white space folded and curly quotes made straight.

Prints one line per failed check, a per-field table and
`html metadata checks: N passed, M failed`; exits 1 when any check fails,
2 for usage errors or when the binary cannot run. Standard library only.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from article_check import report  # noqa: E402

FIELDS = ["section", "headline", "byline", "published", "dateline", "captions", "language",
          "first_paragraph", "last_paragraph", "must_not_contain"]

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " "})


def norm(s):
    """White space folded, curly quotes straight: how the engine prints text."""
    if s is None:
        return None
    return re.sub(r"\s+", " ", s.translate(QUOTES)).strip()


def find_pages(paths):
    pages = []
    for p in paths:
        if os.path.isdir(p):
            pages.extend(sorted(glob.glob(os.path.join(p, "*.html"))))
        elif p.endswith(".html") and os.path.isfile(p):
            pages.append(p)
        else:
            raise SystemExit(f"html_meta_check: {p}: not a directory or an .html file")
    return pages


def run_engine(binary, page):
    proc = subprocess.run([binary, "ingest", page], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 or not proc.stdout.strip():
        return None, proc.stderr.strip() or f"exit {proc.returncode}"
    return json.loads(proc.stdout.splitlines()[0]), None


def check_page(binary, page):
    """(page, [(field, ok, message)]) for one page."""
    expect_path = page[: -len(".html")] + ".expect.json"
    with open(expect_path, encoding="utf-8") as f:
        exp = json.load(f)
    rec, err = run_engine(binary, page)
    if rec is None:
        return page, [(field, False, f"engine failed: {err}") for field in FIELDS]
    results = []

    def equal(field, key, got):
        if key not in exp:
            return
        want = exp[key]
        want = norm(want) if isinstance(want, str) else want
        got = norm(got) if isinstance(got, str) else got
        results.append((field, want == got, f"want {want!r}, got {got!r}"))

    for field in ("section", "headline", "published", "dateline", "language"):
        equal(field, field, rec.get(field))
    if "byline" in exp:
        want = [norm(b) for b in exp["byline"]]
        got = [norm(b) for b in rec.get("byline") or []]
        results.append(("byline", want == got, f"want {want!r}, got {got!r}"))
    if "captions_count" in exp:
        got = rec.get("captions") or []
        results.append(("captions", len(got) == exp["captions_count"],
                         f"want {exp['captions_count']}, got {len(got)}: {got!r}"))
    paras = [norm(p) for p in rec.get("paragraphs") or []]
    for field, key, index in (("first_paragraph", "first_paragraph_starts", 0),
                              ("last_paragraph", "last_paragraph_starts", -1)):
        if key not in exp:
            continue
        want = norm(exp[key])
        got = paras[index] if paras else ""
        results.append((field, got.startswith(want), f"want {want!r}..., got {got[:90]!r}"))
    if "must_not_contain" in exp:
        text = norm(rec.get("text") or "")
        found = [s for s in exp["must_not_contain"] if norm(s) in text]
        results.append(("must_not_contain", not found, f"in text: {found!r}"))
    return page, results


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(root, "build", "release", "khaldun"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="print passing checks too")
    ap.add_argument("paths", nargs="*", default=[os.path.join(root, "tests", "data", "html_pages")])
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        print(f"html_meta_check: {args.bin}: not an executable", file=sys.stderr)
        return 2
    pages = find_pages(args.paths)
    if not pages:
        print("html_meta_check: no pages found", file=sys.stderr)
        return 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(lambda p: check_page(args.bin, p), pages))
    results = [(os.path.basename(page), checks) for page, checks in outcomes]
    failed = report(results, FIELDS, "html metadata checks", args.verbose)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
