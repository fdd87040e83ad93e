#!/usr/bin/env bash
# The main job on the bundled example: build everything, then run ffifuzz on the seed
# target (the Rust cdylib of targets/seed) and print what it finds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
lib=build/zoo/cov-asan/libseed.so
header=targets/seed/seed.h
echo "== ffifuzz inspect --lib $lib --header $header"
build/bin/ffifuzz inspect --lib "$lib" --header "$header"
echo "== ffifuzz check --lib build/zoo/plain/libseed.so --header $header"
build/bin/ffifuzz check --lib build/zoo/plain/libseed.so --header "$header"
