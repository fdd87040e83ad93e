#!/usr/bin/env bash
# The whole test suite: setup, build, then every ctest test (labels unit, e2e, slow).
# Pass ctest options through, e.g.  scripts/test.sh -L unit   or   scripts/test.sh -LE slow
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
export PATH="$HOME/.cargo/bin:$PATH"
ctest --preset "${PRESET:-default}" "$@"
