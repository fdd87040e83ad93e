#!/usr/bin/env bash
# Comparison hints must open length barriers: ffifuzz on c_barrier's two bugs (cov-asan),
# each behind `if (len != expected) return -1` where len is a buffer's size in bytes
# (barrier_encode) or in elements (barrier_columns), WITH hints (defaults) vs WITHOUT
# (FFIFUZZ_NO_HINTS=1; value profile and libFuzzer's comparison tables stay on), same seeds,
# capped runs.
# Usage: run_hints_bench.sh BUILD_DIR [RUNS]   (RUNS: execution cap per run, default 300000)
# Environment: BENCH_SEEDS (1,2,3), BENCH_HINT_SECONDS (180), BENCH_JSON (default
#   BUILD_DIR/bench/fuzz/fuzz_hints.json).
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=$1
ninja -C "$build" ffifuzz zoo_c_barrier_cov-asan >&2
exec python3 "$here/fuzz_bench.py" "$build" --what hints --hint-runs "${2:-300000}" \
  --hint-seconds "${BENCH_HINT_SECONDS:-180}" --seeds "${BENCH_SEEDS:-1,2,3}" \
  --json "${BENCH_JSON:-$build/bench/fuzz/fuzz_hints.json}"
