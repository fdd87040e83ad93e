#!/bin/bash -eu
# ClusterFuzzLite build for a Rust cdylib fuzzed through ffifuzz (docs/ci.md).
# ClusterFuzzLite sets $SRC, $OUT, $WORK and $SANITIZER (address, undefined or coverage).
# Builds the library with SanitizerCoverage plus the requested sanitizer (the cov-asan
# flavour of scripts/build-rust-target.sh), then turns it into a libFuzzer fuzz target with
# the PLANNED `ffifuzz export`.
LIB_NAME=mycrate                    # lib<name>.so
HEADER=include/mycrate.h            # the committed (cbindgen) header
CONFIG=ffifuzz.toml                 # optional: contracts and settings (docs/config.md)

cd "$SRC/mycrate"

sancov="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares"
flags="-Cdebuginfo=2 -Cforce-frame-pointers=yes"
case "$SANITIZER" in
  address)   flags="$flags $sancov -Zsanitizer=address" ;;
  undefined) flags="$flags $sancov" ;;            # Rust has no UBSan; ffifuzz itself runs with it
  coverage)  flags="$flags -Cinstrument-coverage" ;;
  *) echo "build.sh: sanitizer '$SANITIZER' is not supported here (use address, undefined or coverage)" >&2
     exit 1 ;;
esac
export RUSTFLAGS="${RUSTFLAGS:-} $flags"
export RUSTC_BOOTSTRAP=1                           # -Z flags on a stable toolchain too
cargo build --release --lib --target-dir "$WORK/cargo-$SANITIZER"
cp "$WORK/cargo-$SANITIZER/release/lib$LIB_NAME.so" "$OUT/"

# PLANNED (ffifuzz issue 7): `ffifuzz export` is not available yet. It will write into $OUT a
# self-contained fuzz target, ${LIB_NAME}_ffifuzz (API model and contracts embedded, runs
# with plain libFuzzer flags, loads lib$LIB_NAME.so from beside it), with its .options
# and .dict files.
if ! command -v ffifuzz >/dev/null || ! ffifuzz --help 2>&1 | grep -qE '^[[:space:]]+export[[:space:]]'; then
  echo "build.sh: 'ffifuzz export' is planned but not in this ffifuzz yet (docs/ci.md): no fuzz target built" >&2
  exit 1
fi
config_args=()
[[ -f "$CONFIG" ]] && config_args=(--config "$CONFIG")
ffifuzz export "${config_args[@]}" --lib "$OUT/lib$LIB_NAME.so" --header "$HEADER" -o "$OUT"
