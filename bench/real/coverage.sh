#!/usr/bin/env bash
# Issue 8's coverage figures: what the clean runs reach. For each PACKAGE (default: the four
# clean ones), RUNS executions (seed 1, one core, like the slow tests' 1,000,000) on the
# coverage build from Debian source, with its contract file; prints edges covered / edges
# instrumented in the library, the features, execs/s and the verdict.
#
#   bash bench/real/coverage.sh [BUILD_DIR] [RUNS] [PACKAGE...]   (defaults: build 1000000 zlib libyaml jansson expat)
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
runs=${2:-1000000}
shift $(( $# > 2 ? 2 : $# ))
packages=("$@")
[[ ${#packages[@]} -eq 0 ]] && packages=(zlib libyaml jansson expat)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A lib=([zlib]=z [libyaml]=yaml [jansson]=jansson [expat]=expat [c-ares]=cares [md4c]=md4c)
declare -A header=([zlib]=zlib.h [libyaml]=yaml.h [jansson]=jansson.h [expat]=expat.h [c-ares]=ares.h [md4c]=md4c.h)

printf '| library | executions | coverage (edges) | share | features | execs/s | verdict |\n|---|---|---|---|---|---|---|\n'
for p in "${packages[@]}"; do
  dir="$build/real/cov/$p"
  log="$out/$p.log"
  "$build/bin/ffifuzz" fuzz --lib "$dir/lib/lib${lib[$p]}.so" --header "$dir/include/${header[$p]}" \
    --contract "targets/real/$p/contract.toml" --out "$out/$p" --seed 1 --runs "$runs" >"$log" 2>&1
  edges=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  total=$(grep -oE 'Loaded 1 modules +\([0-9]+ inline 8-bit counters\)' "$log" | grep -oE '[0-9]+ inline' | grep -oE '[0-9]+')
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$')
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$')
  verdict=$(grep -m1 -oE 'FINDING .*|no findings' "$log")
  printf '| %s | %s | %s/%s | %s%% | %s | %s | %s |\n' "$p" "$execs" "$edges" "$total" \
    "$(echo "scale=1; 100 * $edges / $total" | bc)" "$ft" "$rate" "$verdict"
done
