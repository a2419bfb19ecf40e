#!/usr/bin/env bash
# Requests/s and latency of `khaldun serve` under load from wrk (Debian) on
# loopback, over a store of >= 100,000 events: a corpus generated from the
# gold sets (tools/make_corpus.py) is stored with `khaldun run`, then each
# endpoint is loaded for DURATION seconds. The rate limit is off (it would
# refuse a load generator); the query timeout stays on. Any error (socket
# error, timeout, non-2xx answer) is printed and fails the run.
#
#   bench/serve_bench.sh BUILD_DIR [ARTICLES] [DURATION]   e.g. build/release 10000 20
# KHALDUN_BENCH_DB=path reuses (or keeps) the database between runs.
set -euo pipefail
build=$(realpath "$1")
articles=${2:-10000}
duration=${3:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/khaldun
tmp=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
db=${KHALDUN_BENCH_DB:-$tmp/bench.db}
if [ ! -f "$db" ]; then
  python3 "$root/tools/make_corpus.py" --bin "$bin" --count "$articles" -o "$tmp/corpus.jsonl" \
    "$root/tests/gold" "$root/tests/heldout"
  start=$(date +%s.%N)
  "$bin" run --db "$db" "$tmp/corpus.jsonl"
  echo "stored $articles articles in $(python3 -c "print(f'{$(date +%s.%N) - $start:.0f}')") s"
fi
events=$("$bin" db stats --db "$db" | awk '/^events/ {print $2; exit}')
echo "database: $db, $(du -m "$db" | cut -f1) MB, events: $events; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --host 127.0.0.1 --port "$port" --rate-limit 0 --threads 8 2>"$tmp/serve.log" &
server=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
failed=0
load() {  # label, path
  local out
  out=$(wrk -t2 -c8 -d"${duration}s" --latency --timeout 10s "http://127.0.0.1:$port$2")
  local rps p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  printf '%-34s %6s requests %8s req/s  p50 %8s  p99 %8s  errors %s\n' "$1" "${requests:-0}" \
    "$rps" "$p50" "$p99" "$(( ${errors:-0} + ${non2xx:-0} ))"
  if [ "${errors:-0}" != 0 ] || [ -n "$non2xx" ] || [ "${requests:-0}" = 0 ]; then
    failed=1
    echo "$out"
  fi
}
load "events (newest 100)" "/api/events?limit=100"
load "events (type+country, 50)" "/api/events?type=ASSAULT&country=SYR&limit=50"
load "events (full-text search)" "/api/events?q=drone&limit=50"
load "stats/timeline (day, all)" "/api/stats/timeline"
load "stats/timeline (week, ASSAULT)" "/api/stats/timeline?bucket=week&type=ASSAULT"
load "stats/summary" "/api/stats/summary"
load "network (100 edges)" "/api/network"
load "map (5000 points)" "/api/map"
exit $failed
