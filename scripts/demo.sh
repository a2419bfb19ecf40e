#!/usr/bin/env bash
# The main job on the bundled sample corpus: sets up, builds (release) and
# runs khaldun over examples/corpus (and the project's seed page when
# ../shared is beside the checkout): ingest, event coding and attributes,
# writing out/coded.jsonl (article, event and quote records), printing the
# events as a table, and storing everything in khaldun.db (SQLite) with an
# ACLED-shaped export in out/acled.csv.
#
#   scripts/demo.sh            # the above, then exits
#   scripts/demo.sh --serve    # ... then serves the dashboard on
#                              # http://127.0.0.1:8080/ until Ctrl-C
#                              # (--port N, --host ADDR as for khaldun serve)
set -euo pipefail
serve=0
serve_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=1 ;;
    --port|--host) serve_args+=("$1" "$2"); shift ;;
    *) echo "demo.sh: unknown option $1 (--serve, --port N, --host ADDR)" >&2; exit 2 ;;
  esac
  shift
done
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
# Ingest + code + store in one pass; a re-run adds nothing. The seed page
# is scraped text without its date, which a crawler keeps beside the page:
# it is given here as --published, as a corpus field would be.
build/release/khaldun run --db khaldun.db examples/corpus || status=$?
if [ -f ../shared/seed/article.txt ]; then
  build/release/khaldun run --db khaldun.db --published 2024-09-05 ../shared/seed/article.txt ||
    status=$?
fi
build/release/khaldun export --db khaldun.db --format acled-csv -o out/acled.csv || status=$?
build/release/khaldun db stats --db khaldun.db || status=$?
if [ "$serve" = 1 ]; then
  echo "dashboard: khaldun serve --db khaldun.db (Ctrl-C stops it)"
  exec build/release/khaldun serve --db khaldun.db "${serve_args[@]}"
fi
echo "to look at it: build/release/khaldun serve --db khaldun.db, then open http://127.0.0.1:8080/"
exit $status
