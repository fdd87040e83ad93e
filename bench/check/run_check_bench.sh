#!/bin/bash
# Times `ffifuzz check` on a generated library with ~100 exports and full DWARF.
#   bench/check/run_check_bench.sh FFIFUZZ_BIN WORKDIR [RUNS]
# Prints each run's wall time and the median. The goal: under one second.
set -euo pipefail
bin="$1"
work="$2"
runs="${3:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/gen_api.sh" "$work" 100
"${CC:-clang}" -shared -fPIC -g -O2 -o "$work/libbench_api.so" "$work/bench_api.c"
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s.%N)
  set +e
  "$bin" check --lib "$work/libbench_api.so" --header "$work/bench_api.h" > "$work/report.txt"
  rc=$?
  set -e
  end=$(date +%s.%N)
  if [[ $rc -ne 0 ]]; then
    echo "ffifuzz check exited $rc (expected 0):" >&2
    cat "$work/report.txt" >&2
    exit 1
  fi
  times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  echo "run $((i + 1)): ${times[-1]} s"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
echo "check on 100 exports, 50 structs, full DWARF: median ${median} s over $runs runs ($(tail -2 "$work/report.txt" | head -1))"
