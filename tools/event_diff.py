#!/usr/bin/env python3
"""Shows, for gold cases, each missed gold event beside the predicted events
of the same sentence, with their actors: a development aid for reading why
the coder and the gold disagree.

Usage: event_diff.py --bin build/release/khaldun [--only-type T] CASE_DIR_OR_GOLD...
"""
import argparse, glob, json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
import score  # noqa: E402  (the shared scorer's matching rules)


def actor_str(a):
    parts = [a.get("country") or "-", a.get("role") or "-"]
    if a.get("aligned_with"):
        parts.append("al=" + a["aligned_with"])
    name = a.get("name") or a.get("name_re") or ""
    return "/".join(parts) + (f"({name[:25]})" if name else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--only-type")
    ap.add_argument("--fp", action="store_true", help="also list false positives")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    golds = []
    for p in args.paths:
        golds += sorted(glob.glob(os.path.join(p, "*.gold.json"))) if os.path.isdir(p) else [p]
    for gp in golds:
        gold = json.load(open(gp))
        base = gp[: -len(".gold.json")]
        page = next(base + e for e in (".txt", ".html") if os.path.exists(base + e))
        _, recs, _ = score.run(args.bin, page, gold.get("published"))
        events = [r for r in recs if r.get("record") == "event"]
        used = set()
        out = []
        for g in gold["events"]:
            hit = next((i for i, p in enumerate(events) if i not in used and score.event_matches(g, p)), None)
            if hit is not None:
                used.add(hit)
                continue
            if args.only_type and g["type"] != args.only_type:
                continue
            out.append(f'  MISS {g["type"]:9s} {" ".join(actor_str(a) for a in g["source"])} -> '
                       f'{" ".join(actor_str(a) for a in g["target"])} | {g["evidence"][:90]}')
            for p in events:
                if g["evidence"] in ((p.get("sentence") or {}).get("text") or ""):
                    out.append(f'      got {p["type"]:9s} {" ".join(actor_str(a) for a in p["source"])} -> '
                               f'{" ".join(actor_str(a) for a in p["target"])} [{p["explanation"]["rule"]}: {p["explanation"]["trigger"]}]')
        if args.fp:
            for i, p in enumerate(events):
                if i in used:
                    continue
                if any(g["evidence"] in ((p.get("sentence") or {}).get("text") or "") for g in gold["events"]):
                    continue
                out.append(f'  FP   {p["type"]:9s} {" ".join(actor_str(a) for a in p["source"])} -> '
                           f'{" ".join(actor_str(a) for a in p["target"])} [{p["explanation"]["rule"]}: {p["explanation"]["trigger"]}] | '
                           f'{p["sentence"]["text"][:80]}')
        if out:
            print("==", os.path.basename(base))
            print("\n".join(out))


if __name__ == "__main__":
    main()
