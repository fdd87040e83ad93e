#!/bin/bash -eu
# ClusterFuzzLite build for a library fuzzed through ffifuzz (docs/export.md).
# ClusterFuzzLite sets $SRC, $OUT, $WORK, $SANITIZER, and $CC/$CFLAGS with the sanitizer and
# SanitizerCoverage flags of the build it asks for. This builds the library instrumented,
# then `ffifuzz export` writes into $OUT the fuzz target (API model and contracts embedded),
# its .options, .dict and seed corpus, and the library under $OUT/lib.
LIB_NAME=mycrate                    # lib<name>.so
HEADER=include/mycrate.h            # the committed header (cbindgen's for a crate)
CONFIG=ffifuzz.toml                 # optional: contracts and settings (docs/config.md)
KIND=rust                           # rust: a cdylib crate; c: C sources (below)

cd "$SRC/mycrate"
# The exported target is an ASan+UBSan binary whatever the build: only `address` builds fit
# (project.yaml lists only it); OSS-Fuzz's build checks reject ASan code in other builds.
if [[ $SANITIZER != address ]]; then
  echo "build.sh: ffifuzz export makes address-sanitizer targets only; SANITIZER=$SANITIZER is not supported" >&2
  exit 1
fi

if [[ $KIND == rust ]]; then
  # scripts/build-rust-target.sh's cov-asan flavour: SanitizerCoverage and ASan.
  sancov="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares"
  flags="-Cdebuginfo=2 -Cforce-frame-pointers=yes $sancov -Zsanitizer=address"
  # OSS-Fuzz's RUSTFLAGS are for cargo-fuzz targets: this build sets its own.
  RUSTFLAGS="$flags" RUSTC_BOOTSTRAP=1 cargo build --release --lib --target-dir "$WORK/cargo-$SANITIZER"
  lib="$WORK/cargo-$SANITIZER/release/lib$LIB_NAME.so"
else
  # A C library: ClusterFuzzLite's $CFLAGS already carry -fsanitize=fuzzer-no-link and the
  # sanitizer; the runtimes come from the fuzz target (hence --allow-shlib-undefined).
  # shellcheck disable=SC2086
  $CC $CFLAGS -g -fPIC -shared src/*.c -Iinclude -o "$WORK/lib$LIB_NAME.so" -Wl,--allow-shlib-undefined
  lib="$WORK/lib$LIB_NAME.so"
fi

config_args=()
[[ -f "$CONFIG" ]] && config_args=(--config "$CONFIG")
ffifuzz export "${config_args[@]}" --lib "$lib" --header "$HEADER" --name "$LIB_NAME" -o "$OUT"
