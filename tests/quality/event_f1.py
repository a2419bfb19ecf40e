#!/usr/bin/env python3
"""Regression guard on event-coding quality.

Runs a shared scorer (../shared/tools/score.py on gold directories, or
../shared/tools/peer_score.py on the PETRARCH-2 records) against `khaldun
code` and fails when the F1 on its last line drops below --min-f1. Exits 0
with a note when ../shared is not beside the checkout. This guards quality;
it does not time anything.

Usage: event_f1.py --bin build/ci/khaldun --shared ../shared --min-f1 0.6 gold DIR...
       event_f1.py --bin build/ci/khaldun --shared ../shared --min-f1 0.4 peer
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
ap.add_argument("--max-non-event-violations", type=int, default=None)
ap.add_argument("kind", choices=["gold", "peer"])
ap.add_argument("dirs", nargs="*")
args = ap.parse_args()

script = "score.py" if args.kind == "gold" else "peer_score.py"
scorer = os.path.join(args.shared, "tools", script)
if not os.path.exists(scorer):
    print(f"skipped: {scorer} not found")
    sys.exit(0)
cmd = [sys.executable, scorer, "--bin", os.path.abspath(args.bin)] + args.dirs
proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
sys.stdout.write(proc.stdout[-6000:])
sys.stderr.write(proc.stderr[-3000:])
match = re.search(r"F1=([0-9.]+) P=([0-9.]+) R=([0-9.]+)", proc.stdout)
if not match:
    print("FAILED: the scorer printed no F1 line")
    sys.exit(1)
f1 = float(match.group(1))
if f1 < args.min_f1:
    print(f"FAILED: F1 {f1:.3f} is below {args.min_f1:.3f}")
    sys.exit(1)
if args.max_non_event_violations is not None:
    nev = re.search(r"non_event_violations=(\d+)", proc.stdout)
    if nev and int(nev.group(1)) > args.max_non_event_violations:
        print(f"FAILED: {nev.group(1)} non-event violations (at most {args.max_non_event_violations})")
        sys.exit(1)
print(f"OK: F1 {f1:.3f} >= {args.min_f1:.3f}")
