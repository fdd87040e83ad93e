#!/usr/bin/env bash
# ffifuzz fuzz vs hand-written libFuzzer harnesses, in one run with the same budget:
#   execs/s on the seed library (cov-asan) and the ratio; executions and seconds to each
#   planted bug of rust_leaks, rust_double_free, c_bugs (cov-asan), medians over seeds.
# Usage: run_fuzz_bench.sh BUILD_DIR [SECONDS]
#   SECONDS: budget of each execs/s run (default 20).
# Environment: BENCH_SEEDS (default 1,2,3), BENCH_BUG_SECONDS (60), BENCH_BUG_RUNS (2000000),
#   BENCH_BUGS (comma list of functions or targets; default all), BENCH_JSON (default
#   BUILD_DIR/bench/fuzz/fuzz_bench.json), BENCH_WHAT (default speed,bugs; add cmp for the
#   comparison-feedback demo, see run_cmp_demo.sh).
# Markdown tables on stdout, JSON in BENCH_JSON.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [SECONDS]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=$1
seconds=${2:-20}
ninja -C "$build" ffifuzz bench_hand_seed bench_hand_rust_leaks bench_hand_rust_double_free bench_hand_c_bugs \
  zoo_seed_cov-asan zoo_rust_leaks_cov-asan zoo_rust_double_free_cov-asan zoo_c_bugs_cov-asan >&2
exec python3 "$here/fuzz_bench.py" "$build" --what "${BENCH_WHAT:-speed,bugs}" --seconds "$seconds" \
  --seeds "${BENCH_SEEDS:-1,2,3}" --bug-seconds "${BENCH_BUG_SECONDS:-60}" --bug-runs "${BENCH_BUG_RUNS:-2000000}" \
  --bugs "${BENCH_BUGS:-}" ${BENCH_JSON:+--json "$BENCH_JSON"}
