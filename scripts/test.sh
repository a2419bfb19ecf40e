#!/usr/bin/env bash
# The test command (README, .ci/run): sets up, builds and runs every test,
# first in the CI preset (release build, -Werror), then under ASan+UBSan.
# KHALDUN_SKIP_ASAN=1 skips the sanitizer pass for a quicker local run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
jobs=$(nproc)

echo "== build (ci preset: RelWithDebInfo, -Werror)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
echo "== test (ci preset)"
ctest --preset ci -j "$jobs"

if [ "${KHALDUN_SKIP_ASAN:-0}" != "1" ]; then
  echo "== build (asan preset: ASan + UBSan)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  echo "== test (asan preset)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --preset asan -j "$jobs" -LE slow
fi
echo "== all tests passed"
