#!/usr/bin/env bash
# Issue 8's performance figures on the coverage builds from Debian source: execs/s, the
# coverage reached (edges covered / edges instrumented) and the peak RSS of a run of SECONDS
# seconds (seed 1, one core), for each PACKAGE given (default: zlib libyaml).
#
#   bash bench/real/perf.sh [BUILD_DIR] [SECONDS] [PACKAGE...]     (defaults: build 600 zlib libyaml)
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
seconds=${2:-600}
shift $(( $# > 2 ? 2 : $# ))
packages=("$@")
[[ ${#packages[@]} -eq 0 ]] && packages=(zlib libyaml)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A lib=([zlib]=z [libyaml]=yaml [jansson]=jansson [expat]=expat [c-ares]=cares [md4c]=md4c)
declare -A header=([zlib]=zlib.h [libyaml]=yaml.h [jansson]=jansson.h [expat]=expat.h [c-ares]=ares.h [md4c]=md4c.h)
for p in "${packages[@]}"; do
  dir="$build/real/cov/$p"
  log="$out/$p.log"
  /usr/bin/time -f 'peak_rss_kb=%M' "$build/bin/ffifuzz" fuzz --lib "$dir/lib/lib${lib[$p]}.so" \
    --header "$dir/include/${header[$p]}" --contract "targets/real/$p/contract.toml" --out "$out/$p" \
    --seed 1 --max-time "$seconds" >"$log" 2>&1
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$')
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$')
  edges=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  total=$(grep -oE 'Loaded 1 modules +\([0-9]+ inline 8-bit counters\)' "$log" | grep -oE '[0-9]+ inline' | grep -oE '[0-9]+')
  rss=$(grep -oE 'peak_rss_kb=[0-9]+' "$log" | cut -d= -f2)
  verdict=$(grep -m1 -oE 'FINDING .*|no findings' "$log")
  printf '%-8s %4ss  %10s execs  %6s execs/s  coverage %s/%s edges  peak %s MB  %s\n' "$p" "$seconds" "$execs" "$rate" \
    "$edges" "$total" "$((rss / 1024))" "$verdict"
done
