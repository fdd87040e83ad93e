#!/usr/bin/env bash
# Comparison feedback must reach argument values: ffifuzz on magic-value bugs in the cov
# flavour (rust_panic decode_mode: == 0x0BADC0DE; c_bugs bugs_status: == 0xDEADB1A5,
# bugs_nest: == 0xC0FFEE00)
# WITH feedback (defaults: the library's trace-cmp, -use_value_profile=1, -use_cmp=1) vs
# WITHOUT (-use_cmp=0 -use_value_profile=0 and FFIFUZZ_NO_CONSTANTS=1, so that constants
# harvested from the machine code do not stand in), same seeds, capped runs.
# Usage: run_cmp_demo.sh BUILD_DIR [RUNS]   (RUNS: execution cap per run, default 200000)
# Environment: BENCH_SEEDS (1,2,3), BENCH_CMP_SECONDS (120), BENCH_JSON (default
#   BUILD_DIR/bench/fuzz/fuzz_cmp.json).
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=$1
ninja -C "$build" ffifuzz zoo_c_bugs_cov zoo_rust_panic_cov >&2
exec python3 "$here/fuzz_bench.py" "$build" --what cmp --cmp-runs "${2:-200000}" \
  --cmp-seconds "${BENCH_CMP_SECONDS:-120}" --seeds "${BENCH_SEEDS:-1,2,3}" \
  --json "${BENCH_JSON:-$build/bench/fuzz/fuzz_cmp.json}"
