#!/usr/bin/env bash
# Sharded run under a real mpirun (Debian's Open MPI): two ranks each code
# their shard of the sample corpus into their own SQLite file, `khaldun
# merge` combines them, and the result must equal a single-process run
# (tests/cluster/compare_stores.py: same articles, event ids, merged
# clusters and counts).
#
#   tests/cluster/mpirun_test.sh BUILD/khaldun [SHARED_DIR]
#
# Exits 77 (skipped) when mpirun is not installed.
set -euo pipefail
bin=$(realpath "$1")
shared=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if ! command -v mpirun >/dev/null 2>&1; then
  echo "mpirun_test: mpirun not installed (apt-get install openmpi-bin); skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
inputs=(examples/corpus)
if [ -n "$shared" ] && [ -f "$shared/seed/article.txt" ]; then inputs+=("$shared/seed/article.txt"); fi

"$bin" run --db "$tmp/single.db" "${inputs[@]}"
# Both ranks get the same command line: each finds its shard in
# OMPI_COMM_WORLD_RANK/SIZE and its file from {shard}.
mpirun --allow-run-as-root --oversubscribe -np 2 \
  "$bin" run --db "$tmp/shard-{shard}.db" "${inputs[@]}"
for k in 0 1; do
  n=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$tmp/shard-$k.db")
  echo "mpirun_test: rank $k stored $n articles"
  [ "$n" -gt 0 ] || { echo "mpirun_test: rank $k stored nothing" >&2; exit 1; }
done
"$bin" merge "$tmp/merged.db" "$tmp/shard-0.db" "$tmp/shard-1.db"
python3 "$here/compare_stores.py" --min-articles 10 "$tmp/single.db" "$tmp/merged.db"
# Idempotent: merging the same shards again adds nothing and changes nothing.
"$bin" merge "$tmp/merged.db" "$tmp/shard-0.db" "$tmp/shard-1.db" | grep -q "0 articles added"
python3 "$here/compare_stores.py" "$tmp/single.db" "$tmp/merged.db"
"$bin" db check --db "$tmp/merged.db" >/dev/null
echo "mpirun_test: passed"
