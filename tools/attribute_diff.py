#!/usr/bin/env python3
"""Shows each wrong event attribute beside what the gold expects.

Usage: attribute_diff.py --bin build/release/khaldun [--attr date] DIR_OR_GOLD...

Events are matched as ../shared/tools/score.py matches them (its own
functions are imported), then every attribute the gold states and the
prediction gets wrong is printed with the sentence and the attribute's
explanation (the rule and the words it read), so a miss can be traced to the
reader that caused it. A development aid; the numbers come from score.py.
"""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "tools"))
import score  # noqa: E402  (../shared/tools/score.py)


def predicted(name, p):
    loc = p.get("location") or {}
    if name == "date":
        return (p.get("date") or {}).get("value")
    if name == "country":
        return loc.get("country")
    if name == "admin1":
        return f'{loc.get("admin1")} ({loc.get("place")})'
    if name in ("killed", "injured"):
        return [c.get(name) for c in p.get("casualties") or []]
    return p.get(name)


def expected(name, g):
    return g.get("admin1_re") if name == "admin1" else g.get(name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--attr", help="only this attribute")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    golds = []
    for p in args.paths:
        golds += sorted(glob.glob(os.path.join(p, "*.gold.json"))) if os.path.isdir(p) else [p]
    for gold_path in golds:
        gold = json.load(open(gold_path))
        base = gold_path[: -len(".gold.json")]
        page = next((base + e for e in (".txt", ".html") if os.path.exists(base + e)), None)
        _, recs, _ = score.run(args.bin, page, gold.get("published"))
        events = [r for r in recs if r.get("record") == "event"]
        used = set()
        for g in gold.get("events", []):
            hit = next((i for i, p in enumerate(events)
                        if i not in used and score.event_matches(g, p)), None)
            if hit is None:
                continue
            used.add(hit)
            p = events[hit]
            for name, ok in score.attr_checks(g, p):
                if ok or (args.attr and name != args.attr):
                    continue
                why = ((p.get("explanation") or {}).get("attributes") or {})
                key = "location" if name in ("country", "admin1") else name
                print(f"{os.path.basename(base)} {g['type']} {name}: want {expected(name, g)!r} "
                      f"got {predicted(name, p)!r}  [{json.dumps(why.get(key))}]")
                print(f"    {(p.get('sentence') or {}).get('text', '')[:220]}")


if __name__ == "__main__":
    main()
