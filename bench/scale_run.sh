#!/usr/bin/env bash
# The numbers of docs/cluster.md: `khaldun run` on a generated corpus of N
# articles (default 20,000) with 1 and 2 threads (--jobs) and with 1 and 2
# MPI ranks (mpirun -np, one SQLite file per rank, then `khaldun merge`).
# Every variant's store is checked against the one-thread run's
# (tests/cluster/compare_stores.py) before its time is printed.
#
#   bench/scale_run.sh BUILD_DIR [N]      e.g. bench/scale_run.sh build/release
set -euo pipefail
build=$(realpath "$1")
n=${2:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/khaldun
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bench/run_bench" --write-corpus "$tmp/corpus.jsonl" "$n" >/dev/null
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }
echo "corpus: $n articles, $(du -m "$tmp/corpus.jsonl" | cut -f1) MB; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# Threads: code + store (--no-merge), then the merge on its own, so the
# split matches the ranks' below.
for jobs in 1 2; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$bin" run --jobs "$jobs" --no-merge \
    --db "$tmp/j$jobs.db" "$tmp/corpus.jsonl" >/dev/null
  t1=$(now)
  "$bin" db merge --db "$tmp/j$jobs.db" >/dev/null
  t2=$(now)
  echo "jobs $jobs: code+store $(secs "$t0" "$t1") s, merge $(secs "$t1" "$t2") s, total $(secs "$t0" "$t2") s, CPU $(awk '{print $1+$2}' "$tmp/time") s ($(python3 -c "print(f'{$n / ($t2 - $t0):.0f}')") articles/s)"
done
python3 "$root/tests/cluster/compare_stores.py" "$tmp/j1.db" "$tmp/j2.db"
for np in 1 2; do
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$tmp/time" mpirun --allow-run-as-root --oversubscribe -np "$np" \
    "$bin" run --db "$tmp/np$np-{shard}.db" "$tmp/corpus.jsonl" >/dev/null
  t1=$(now)
  shards=()
  for ((k = 0; k < np; k++)); do shards+=("$tmp/np$np-$k.db"); done
  merge_out=$("$bin" merge "$tmp/np$np.db" "${shards[@]}")
  t2=$(now)
  echo "mpirun -np $np: code+store $(secs "$t0" "$t1") s, combine+merge $(secs "$t1" "$t2") s, total $(secs "$t0" "$t2") s, ranks' CPU $(awk '{print $1+$2}' "$tmp/time") s ($(python3 -c "print(f'{$n / ($t2 - $t0):.0f}')") articles/s)"
  echo "  $merge_out" | tr '\n' ' '
  echo
  python3 "$root/tests/cluster/compare_stores.py" "$tmp/j1.db" "$tmp/np$np.db"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
