#!/usr/bin/env bash
# The main job on the bundled example: build everything, then check and fuzz the seed
# library (targets/seed, the Rust cdylib of the product's example API) and print what
# ffifuzz finds. Then the same on a zoo library with planted bugs, to show a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
out=$(mktemp -d /tmp/ffifuzz-example.XXXXXX)
run() { echo; echo "\$ $*"; "$@" || true; }

run build/bin/ffifuzz check --lib build/zoo/plain/libseed.so --header targets/seed/seed.h
run build/bin/ffifuzz fuzz --lib build/zoo/cov-asan/libseed.so --header targets/seed/seed.h \
    --out "$out/seed" --max-time 60
run build/bin/ffifuzz fuzz --lib build/zoo/cov-asan/librust_double_free.so \
    --header targets/rust_double_free/rust_double_free.h --out "$out/rust_double_free" --max-time 60
echo
echo "Outputs (corpus, crash inputs, logs) are in $out"
