#!/usr/bin/env python3
"""Checks khaldun's article extraction against the "article" block of gold cases.

Usage: article_check.py [--bin PATH] [--jobs N] [--verbose] DIR_OR_GOLD...

For every NAME.gold.json (format: ../shared/gold-format.md) it runs
`khaldun ingest --published <gold published> NAME.txt|NAME.html` and checks:
  section      equals the gold section (null must stay null);
  headline     equals the gold headline;
  byline       some byline name contains byline_contains (null: byline empty);
  captions     the number of captions equals captions_count (null: not checked);
  boilerplate  each gold boilerplate string is absent from `text`;
  evidence     each event evidence string is present in `text` (the body must
               keep every event sentence);
  not_body     the headline and each extracted caption are absent from `text`.
Strings are compared with white space folded and curly quotes made straight,
since the engine folds white space and pages differ in their quote marks.

Prints one line per failed check, a per-page status, a per-field table and
`article checks: N passed, M failed`; exits 1 when any check fails (2 for
usage errors or when the binary cannot run). Standard library only.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys

FIELDS = ["section", "headline", "byline", "captions", "boilerplate", "evidence", "not_body"]

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u00a0": " "})


def norm(s):
    """White space folded, curly quotes straight: how the engine prints text."""
    return re.sub(r"\s+", " ", (s or "").translate(QUOTES)).strip()


def find_cases(paths):
    """(name, gold path, page path) for each gold file under the given paths."""
    golds = []
    for p in paths:
        if os.path.isdir(p):
            golds.extend(sorted(glob.glob(os.path.join(p, "*.gold.json"))))
        elif p.endswith(".gold.json") and os.path.isfile(p):
            golds.append(p)
        else:
            raise SystemExit(f"article_check: {p}: not a directory or a .gold.json file")
    cases = []
    for gold in golds:
        stem = gold[: -len(".gold.json")]
        page = next((stem + ext for ext in (".txt", ".html", ".htm") if os.path.isfile(stem + ext)),
                    None)
        cases.append((os.path.relpath(stem), gold, page))
    return cases


def run_engine(binary, page, published):
    cmd = [binary, "ingest"]
    if published:
        cmd += ["--published", published]
    cmd.append(page)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or len(records) != 1:
        raise RuntimeError(f"exit {proc.returncode}, {len(records)} records: "
                           f"{proc.stderr.strip()[:300]}")
    return records[0]


def check_case(binary, name, gold_path, page):
    """Returns (name, [(field, ok, detail)]) for one case."""
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    if page is None:
        return name, [("page", False, "no NAME.txt or NAME.html beside the gold file")]
    try:
        rec = run_engine(binary, page, gold.get("published"))
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        return name, [("engine", False, str(e))]
    art = gold.get("article", {})
    text = norm(rec.get("text"))
    checks = []

    want = art.get("section")
    got = rec.get("section")
    checks.append(("section", norm(want) == norm(got) if want is not None else got is None,
                   f"want {want!r}, got {got!r}"))

    want = art.get("headline")
    got = rec.get("headline")
    checks.append(("headline", norm(want) == norm(got), f"want {want!r}, got {got!r}"))

    want = art.get("byline_contains")
    got = rec.get("byline") or []
    if want is None:
        checks.append(("byline", not got, f"want no byline, got {got!r}"))
    else:
        checks.append(("byline", any(norm(want) in norm(n) for n in got),
                       f"want a name containing {want!r}, got {got!r}"))

    want = art.get("captions_count")
    got = rec.get("captions") or []
    if want is not None:
        checks.append(("captions", len(got) == want,
                       f"want {want} caption(s), got {len(got)}: {got!r}"))

    for chrome in art.get("boilerplate") or []:
        checks.append(("boilerplate", norm(chrome) not in text, f"chrome in text: {chrome!r}"))

    for event in gold.get("events") or []:
        ev = event.get("evidence", "")
        checks.append(("evidence", norm(ev) in text, f"evidence missing from text: {ev!r}"))

    for s in [art.get("headline")] + list(rec.get("captions") or []):
        if s and len(norm(s).split()) >= 4:
            checks.append(("not_body", norm(s) not in text, f"headline/caption in text: {s!r}"))
    return name, checks


def report(results, fields, label, verbose=False):
    """Prints failures, a per-field table and `LABEL: N passed, M failed`.

    `results` is a list of (page name, [(field, ok, detail), ...]); fields
    in `fields` come first in the table. Returns the number of failures.
    Shared by the checkers in tools/.
    """
    per_field = {}
    passed = failed = 0
    for name, checks in results:
        bad = [c for c in checks if not c[1]]
        for field, ok, _ in checks:
            per_field.setdefault(field, [0, 0])[0 if ok else 1] += 1
        passed += len(checks) - len(bad)
        failed += len(bad)
        if bad:
            print(f"FAIL {name} ({len(checks) - len(bad)}/{len(checks)})")
            for field, _, detail in bad:
                print(f"  {field}: {detail}")
        elif verbose:
            print(f"ok   {name} ({len(checks)}/{len(checks)})")
    print()
    print(f"{'field':<18} {'passed':>6} {'failed':>6}")
    for field in list(fields) + sorted(set(per_field) - set(fields)):
        if field in per_field:
            ok, bad = per_field[field]
            print(f"{field:<18} {ok:>6} {bad:>6}")
    clean = sum(1 for _, checks in results if all(c[1] for c in checks))
    print(f"pages: {clean}/{len(results)} fully correct")
    print(f"{label}: {passed} passed, {failed} failed")
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="gold directories or NAME.gold.json files")
    ap.add_argument("--bin", default="build/release/khaldun", help="the khaldun binary")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--verbose", action="store_true", help="also list passed pages")
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        print(f"article_check: {args.bin}: not an executable", file=sys.stderr)
        return 2
    cases = find_cases(args.paths)
    if not cases:
        print("article_check: no .gold.json files found", file=sys.stderr)
        return 2

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: check_case(args.bin, *c), cases))

    failed = report(results, FIELDS, "article checks", args.verbose)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
