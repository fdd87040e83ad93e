#!/usr/bin/env bash
# Configures and builds everything (tool, zoo in three flavours, tests, benchmarks) in build/.
# PRESET=ci turns warnings into errors.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
preset=${PRESET:-default}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
