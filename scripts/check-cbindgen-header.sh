#!/bin/sh
# Fails when a committed cbindgen header drifts from what cbindgen generates now.
#   check-cbindgen-header.sh <cbindgen> <crate dir> <committed header> <output file>
# cbindgen reads src/lib.rs directly (a source file, not the crate): it then never runs
# `cargo metadata`, so the check works offline and without cargo on PATH. The zoo crates
# are single-file crates without dependencies, so nothing is missed.
set -u
if [ $# -ne 4 ]; then
  echo "usage: $0 <cbindgen> <crate dir> <committed header> <output file>" >&2
  exit 2
fi
cbindgen=$1 crate=$2 header=$3 out=$4
if ! command -v "$cbindgen" >/dev/null 2>&1; then
  echo "cbindgen not found ($cbindgen): install it (apt-get install cbindgen) or run scripts/setup.sh" >&2
  exit 2
fi
mkdir -p "$(dirname "$out")" || exit 2
if ! "$cbindgen" --quiet --config "$crate/cbindgen.toml" --output "$out" "$crate/src/lib.rs"; then
  echo "cbindgen failed on $crate/src/lib.rs" >&2
  exit 2
fi
if ! diff -u "$header" "$out"; then
  echo "" >&2
  echo "$header drifted from what cbindgen generates now (diff above: committed vs generated)." >&2
  echo "Regenerate it: (cd $crate && $cbindgen --config cbindgen.toml --output $(basename "$header") src/lib.rs)" >&2
  exit 1
fi
echo "$header matches cbindgen's output"
