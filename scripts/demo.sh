#!/usr/bin/env bash
# The main job on the bundled sample corpus: sets up, builds (release) and
# runs khaldun over examples/corpus (and the project's seed page when
# ../shared is beside the checkout), writing out/articles.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target khaldun

inputs=(examples/corpus)
[ -f ../shared/seed/article.txt ] && inputs+=(../shared/seed/article.txt)
mkdir -p out
status=0
build/release/khaldun ingest "${inputs[@]}" > out/articles.jsonl || status=$?
echo "khaldun ingest ${inputs[*]} -> out/articles.jsonl ($(wc -l < out/articles.jsonl) articles)"
python3 - <<'PY'
import json
for line in open("out/articles.jsonl", encoding="utf-8"):
    a = json.loads(line)
    print(f"  {a['source_file']}{':' + str(a['record_number']) if a.get('record_number') else ''}")
    print(f"    headline : {a['headline']}")
    print(f"    published: {a['published']}  section: {a['section']}  byline: {', '.join(a['byline'])}")
    print(f"    body     : {len(a['paragraphs'])} paragraphs, {len(a['text'].split())} words; captions: {len(a['captions'])}")
PY
exit $status
