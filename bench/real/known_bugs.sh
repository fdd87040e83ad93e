#!/usr/bin/env bash
# Issue 8's known real bugs, found from the contract files alone (no dictionary, seed or
# contract entry carries the triggering input): c-ares 1.18.1's leak in ares_set_sortlist and
# md4c 0.4.8's heap over-read in the parser. One core each (no -fork/-jobs), seed 1, at most
# SECONDS seconds, on the coverage build from Debian source and on Debian's own
# uninstrumented .so. Prints time to the finding, executions and peak RSS.
#
#   bash bench/real/known_bugs.sh [BUILD_DIR] [SECONDS]      (defaults: build 600)
#   SEEDS="1 2 3" runs each with every seed (default: 1); c-ares seeds its query ids at random,
#   so its times vary between runs of one seed too.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
seconds=${2:-600}
ffifuzz="$build/bin/ffifuzz"
real="$build/real"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() {  # name lib header contract seed
  local name=$1 lib=$2 header=$3 contract=$4 seed=$5
  local slug=${name//\//-}-$seed
  local log="$out/$slug.log"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f 'peak_rss_kb=%M' "$ffifuzz" fuzz --lib "$lib" --header "$header" --contract "$contract" \
    --out "$out/$slug" --seed "$seed" --max-time "$seconds" >"$log" 2>&1
  end=$(date +%s.%N)
  local finding execs rss
  finding=$(grep -m1 -o 'FINDING .*' "$log" || echo "no finding")
  execs=$(grep -m1 -oE 'found after [0-9]+ executions' "$log" | grep -oE '[0-9]+' || echo "-")
  rss=$(grep -oE 'peak_rss_kb=[0-9]+' "$log" | cut -d= -f2)
  printf '%-22s seed %-3s %-55s %8.1f s  %9s execs  peak %5d MB\n' "$name" "$seed" "$finding" "$(echo "$end - $start" | bc)" "$execs" \
    "$((rss / 1024))"
}

for seed in ${SEEDS:-1}; do
  run c-ares/cov "$real/cov/c-ares/lib/libcares.so" "$real/cov/c-ares/include/ares.h" targets/real/c-ares/contract.toml "$seed"
  run md4c/cov "$real/cov/md4c/lib/libmd4c.so" "$real/cov/md4c/include/md4c.h" targets/real/md4c/contract.toml "$seed"
  run c-ares/debian-plain /usr/lib/x86_64-linux-gnu/libcares.so /usr/include/ares.h targets/real/c-ares/contract.toml "$seed"
  run md4c/debian-plain /usr/lib/x86_64-linux-gnu/libmd4c.so /usr/include/md4c.h targets/real/md4c/contract.toml "$seed"
done
