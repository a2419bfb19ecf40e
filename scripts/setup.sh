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
  iso-codes             # ISO 3166 source of data/actors/countries.tsv (tools/gen_countries.py)
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

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
