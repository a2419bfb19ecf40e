#!/usr/bin/env bash
# The main job on the bundled sample corpus: sets up, builds (release) and
# runs khaldun over examples/corpus (and the project's seed page when
# ../shared is beside the checkout): ingest, event coding and attributes,
# writing out/coded.jsonl (article, event and quote records), printing the
# events as a table, and storing everything in khaldun.db (SQLite) with an
# ACLED-shaped export in out/acled.csv.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target khaldun

inputs=(examples/corpus)
[ -f ../shared/seed/article.txt ] && inputs+=(../shared/seed/article.txt)
mkdir -p out
status=0
build/release/khaldun code "${inputs[@]}" > out/coded.jsonl || status=$?
build/release/khaldun code --format table "${inputs[@]}" 2>/dev/null || true
python3 - <<'PY'
import collections, json
kinds = collections.Counter()
types = collections.Counter()
for line in open("out/coded.jsonl", encoding="utf-8"):
    r = json.loads(line)
    kinds[r["record"]] += 1
    if r["record"] == "event":
        types[r["type"]] += 1
print(f"out/coded.jsonl: {kinds['article']} articles, {kinds['event']} events, {kinds['quote']} quotes")
print("events by type: " + ", ".join(f"{t} {n}" for t, n in types.most_common()))
PY
# Ingest + code + store in one pass; a re-run adds nothing.
build/release/khaldun run --db khaldun.db "${inputs[@]}" || status=$?
build/release/khaldun export --db khaldun.db --format acled-csv -o out/acled.csv || status=$?
build/release/khaldun db stats --db khaldun.db || status=$?
exit $status
