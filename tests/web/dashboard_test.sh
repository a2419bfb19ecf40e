#!/usr/bin/env bash
# The dashboard's browser test: codes the shared seed page and a hostile
# article into a fresh SQLite database, serves it with `khaldun serve` on a
# free loopback port, and drives web/dist in headless Chromium
# (dashboard.test.mjs). Screenshots land in OUTPUT_DIR.
#
#   tests/web/dashboard_test.sh KHALDUN_BINARY SOURCE_DIR OUTPUT_DIR
#
# Needs /usr/bin/chromium and web/node_modules (scripts/setup.sh installs
# both). Rebuilds web/dist when web/src is newer. Skips (exit 77) only when
# ../shared, which holds the seed page, is absent.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 KHALDUN_BINARY SOURCE_DIR OUTPUT_DIR" >&2
  exit 2
fi
KHALDUN="$(realpath "$1")"
SOURCE="$(realpath "$2")"
OUT="$3"
SEED="$SOURCE/../shared/seed/article.txt"
HOSTILE="$SOURCE/tests/web/fixtures/hostile_article.html"
WEB="$SOURCE/web"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

fail() {
  echo "dashboard_test: $*" >&2
  exit 1
}

if [ ! -f "$SEED" ]; then
  echo "dashboard_test: $SEED is absent: skipped"
  exit 77
fi
[ -x "$KHALDUN" ] || fail "$KHALDUN is not an executable"
[ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing: run scripts/setup.sh (Debian package chromium)"
command -v node >/dev/null || fail "node is missing: run scripts/setup.sh"
[ -d "$WEB/node_modules/playwright-core" ] || fail "web/node_modules is missing: run scripts/setup.sh (npm ci --prefix web)"
if [ ! -f "$WEB/dist/index.html" ] || [ -n "$(find "$WEB/src" "$WEB/build.mjs" -newer "$WEB/dist/index.html" -print -quit)" ]; then
  node "$WEB/build.mjs" || fail "node web/build.mjs failed"
fi

mkdir -p "$OUT"
OUT="$(realpath "$OUT")"
rm -f "$OUT"/dash.db* "$OUT"/*.png "$OUT"/serve.log

# The seed page has no date of its own: --published gives it the one its
# gold file assumes. The hostile article carries its own.
"$KHALDUN" run --db "$OUT/dash.db" --published 2024-08-30 "$SEED" >"$OUT/run.log" 2>&1 ||
  fail "khaldun run on the seed failed: $(cat "$OUT/run.log")"
"$KHALDUN" run --db "$OUT/dash.db" "$HOSTILE" >>"$OUT/run.log" 2>&1 ||
  fail "khaldun run on the hostile article failed: $(cat "$OUT/run.log")"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
"$KHALDUN" serve --db "$OUT/dash.db" --host 127.0.0.1 --port "$PORT" --web-root "$WEB/dist" \
  >"$OUT/serve.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT

# Up to 30 s for /healthz.
healthy=0
for _ in $(seq 1 150); do
  if python3 - "$BASE/healthz" <<'PY' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=1) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
    healthy=1
    break
  fi
  kill -0 "$SERVER" 2>/dev/null || fail "khaldun serve exited: $(cat "$OUT/serve.log")"
  sleep 0.2
done
[ "$healthy" = 1 ] || fail "$BASE/healthz did not answer 200 within 30 s: $(cat "$OUT/serve.log")"

CHROMIUM="$CHROMIUM" node "$SOURCE/tests/web/dashboard.test.mjs" "$BASE" "$OUT"
