#!/usr/bin/env python3
"""Regression guard on main-content extraction quality.

Runs the shared scorer (../shared/tools/extraction_score.py) on the
Scrapinghub article-extraction benchmark with `khaldun ingest --format
text` and fails when the 4-shingle F1 drops below --min-f1. Exits 0 with a
note when ../shared is not beside the checkout. This guards quality; it
does not time anything.

Usage: extraction_f1.py --bin build/ci/khaldun --shared ../shared --min-f1 0.96
"""
import argparse
import os
import re
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--shared", required=True)
ap.add_argument("--min-f1", type=float, required=True)
args = ap.parse_args()

scorer = os.path.join(args.shared, "tools", "extraction_score.py")
dataset = os.path.join(args.shared, "peer", "extraction", "scrapinghub-aeb")
if not os.path.exists(scorer) or not os.path.isdir(dataset):
    print(f"skipped: {scorer} or {dataset} not found")
    sys.exit(0)

cmd = [sys.executable, scorer, "--set", dataset, "--jobs", "2",
       "--cmd", f"{os.path.abspath(args.bin)} ingest --format text {{}}"]
proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
sys.stdout.write(proc.stdout[-3000:])
sys.stderr.write(proc.stderr[-3000:])
match = re.search(r"F1=([0-9.]+) P=([0-9.]+) R=([0-9.]+) pages=(\d+)", proc.stdout)
if not match:
    print("FAILED: the scorer printed no F1 line")
    sys.exit(1)
f1 = float(match.group(1))
pages = int(match.group(4))
print(f"extraction F1={f1:.3f} on {pages} pages (minimum {args.min_f1:.3f})")
if pages < 150 or f1 < args.min_f1:
    print("FAILED: extraction quality fell below the guard")
    sys.exit(1)
