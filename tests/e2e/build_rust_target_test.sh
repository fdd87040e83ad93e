#!/bin/bash
# End-to-end test of scripts/build-rust-target.sh on a copy of targets/seed.
#   build_rust_target_test.sh build  SOURCE_DIR WORK_DIR   three flavours + header of the seed crate
#   build_rust_target_test.sh errors SOURCE_DIR WORK_DIR   bad input: one line, exit 2
#   build_rust_target_test.sh edition2024 SOURCE_DIR WORK_DIR   an edition-2024 crate's header
# Exit 0 pass, 1 fail, 77 skip (no cargo).
set -uo pipefail

mode=$1 src=$2 work=$3
script="$src/scripts/build-rust-target.sh"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

have_cargo() { command -v cargo >/dev/null 2>&1 || [[ -x "$HOME/.cargo/bin/cargo" ]]; }

# A fresh copy of the seed crate (never build inside the source tree).
copy_seed() {
  rm -rf "$1"
  mkdir -p "$1"
  cp -r "$src/targets/seed/Cargo.toml" "$src/targets/seed/Cargo.lock" "$src/targets/seed/cbindgen.toml" \
        "$src/targets/seed/src" "$1/"
}

case "$mode" in
build)
  have_cargo || { echo "SKIP: cargo not found"; exit 77; }
  crate="$work/seed"
  copy_seed "$crate"
  # The script must force debug info even when the crate's profile lacks it.
  sed -i '/^debug = true/d' "$crate/Cargo.toml"
  grep -q '^debug' "$crate/Cargo.toml" && fail "could not drop debug = true from the copy"
  if ! "$script" "$crate" >"$work/build.out" 2>"$work/build.err"; then
    cat "$work/build.out" "$work/build.err" >&2
    fail "build-rust-target.sh exited non-zero"
    exit 1
  fi
  cat "$work/build.out"
  out="$crate/ffifuzz-build"
  for flavour in plain cov cov-asan; do
    so="$out/$flavour/libseed.so"
    [[ -f "$so" ]] || { fail "$so missing"; continue; }
    grep -qF "$so" "$work/build.out" || fail "the summary does not name $so"
    undef=$(nm -D --undefined-only "$so")
    if [[ $flavour == plain ]]; then
      grep -q '__sanitizer_cov_8bit_counters_init' <<<"$undef" && fail "$flavour imports SanitizerCoverage"
      grep -q ' __asan_' <<<"$undef" && fail "$flavour imports ASan"
      readelf -S "$so" | grep -c '\.debug_info' >/dev/null || fail "$flavour has no .debug_info"
      # The crate's own code has DWARF (not only the standard library's).
      readelf --debug-dump=info "$so" >"$work/$flavour.dwarf" 2>/dev/null
      grep -qE 'DW_AT_name.*: rust_add[[:space:]]*$' "$work/$flavour.dwarf" ||
        fail "$flavour has no DWARF for rust_add"
    else
      grep -q '__sanitizer_cov_8bit_counters_init' <<<"$undef" ||
        fail "$flavour does not import __sanitizer_cov_8bit_counters_init"
      grep -q '__sanitizer_cov_pcs_init' <<<"$undef" || fail "$flavour does not import __sanitizer_cov_pcs_init"
      readelf -S "$so" | grep -c '\.debug_info' >/dev/null || fail "$flavour has no .debug_info"
    fi
    if [[ $flavour == cov-asan ]]; then
      grep -q ' __asan_' <<<"$undef" || fail "$flavour does not import __asan_*"
    elif grep -q ' __asan_' <<<"$undef"; then
      fail "$flavour imports __asan_*"
    fi
  done
  [[ -d "$out/target/plain" && -d "$out/target/cov" && -d "$out/target/cov-asan" ]] ||
    fail "no separate cargo target directory per flavour under $out/target"
  header="$out/include/seed.h"
  if [[ -f "$header" ]]; then
    diff -u "$src/targets/seed/seed.h" "$header" || fail "generated header differs from targets/seed/seed.h"
  else
    fail "$header missing"
  fi
  # An explicit OUT_DIR, and no header without a cbindgen.toml.
  rm "$crate/cbindgen.toml"
  if "$script" "$crate" "$work/out2" >"$work/build2.out" 2>&1; then
    [[ -f "$work/out2/cov/libseed.so" ]] || fail "OUT_DIR: $work/out2/cov/libseed.so missing"
    [[ -e "$work/out2/include/seed.h" ]] && fail "a header was generated without a cbindgen.toml"
    grep -q 'no cbindgen.toml' "$work/build2.out" || fail "the summary does not say no header was generated"
  else
    cat "$work/build2.out" >&2
    fail "build with OUT_DIR exited non-zero"
  fi
  ;;

edition2024)
  # `cargo new` makes an edition-2024 crate, whose #[unsafe(no_mangle)] Debian's cbindgen 0.24
  # cannot parse ("expected path"): the script generates the header from a re-spelled copy.
  have_cargo || { echo "SKIP: cargo not found"; exit 77; }
  crate="$work/seed2024"
  copy_seed "$crate"
  sed -i 's/^edition = .*/edition = "2024"/' "$crate/Cargo.toml"
  sed -i 's/#\[no_mangle\]/#[unsafe(no_mangle)]/' "$crate/src/lib.rs"
  grep -q '#\[unsafe(no_mangle)\]' "$crate/src/lib.rs" || fail "could not re-spell the copy for edition 2024"
  before=$(md5sum "$crate/src/lib.rs")
  if ! "$script" "$crate" >"$work/build.out" 2>"$work/build.err"; then
    cat "$work/build.out" "$work/build.err" >&2
    fail "build-rust-target.sh exited non-zero on an edition-2024 crate"
    exit 1
  fi
  if ! cbindgen --version | grep -qE ' 0\.(2[7-9]|[3-9][0-9])\.|^cbindgen [1-9]'; then
    grep -qE "^build-rust-target.sh: note: cbindgen [0-9.]+ cannot parse edition 2024's #\[unsafe\(no_mangle\)\]" \
      "$work/build.err" || fail "no note saying the header came from a re-spelled copy: $(cat "$work/build.err")"
  fi
  diff -u "$src/targets/seed/seed.h" "$crate/ffifuzz-build/include/seed.h" ||
    fail "the edition-2024 crate's header differs from targets/seed/seed.h"
  [[ "$(md5sum "$crate/src/lib.rs")" == "$before" ]] || fail "the crate's own sources were modified"
  ;;

errors)
  # expect_error NAME REGEX [env...] -- args...: exit 2, exactly one stderr line matching REGEX.
  expect_error() {
    local name=$1 regex=$2
    shift 2
    local envs=()
    while [[ $1 != -- ]]; do envs+=("$1"); shift; done
    shift
    local rc=0
    env "${envs[@]}" "$script" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    local lines
    lines=$(wc -l <"$work/$name.err")
    if [[ $rc -ne 2 ]]; then
      fail "$name: exit $rc, want 2 (stderr: $(cat "$work/$name.err"))"
    elif [[ $lines -ne 1 ]]; then
      fail "$name: $lines stderr lines, want 1:"; cat "$work/$name.err" >&2
    elif ! grep -qE "$regex" "$work/$name.err"; then
      fail "$name: stderr '$(cat "$work/$name.err")' does not match '$regex'"
    else
      echo "ok   $name: $(cat "$work/$name.err")"
    fi
  }
  rm -rf "$work"
  mkdir -p "$work/empty"
  copy_seed "$work/rlib"
  sed -i 's/^crate-type = .*/crate-type = ["rlib"]/' "$work/rlib/Cargo.toml"
  copy_seed "$work/nolib"
  sed -i '/^crate-type/d' "$work/nolib/Cargo.toml"
  copy_seed "$work/multiline"
  sed -i 's/^crate-type = .*/crate-type = [\n  "rlib", # for tests\n  "cdylib",\n]/' "$work/multiline/Cargo.toml"
  copy_seed "$work/ok"

  expect_error usage 'usage: .*CRATE_DIR' --
  expect_error missing 'not a directory' -- "$work/does-not-exist"
  expect_error not_a_crate 'not a crate directory \(no Cargo.toml' -- "$work/empty"
  expect_error rlib 'not a cdylib .*crate-type' -- "$work/rlib"
  expect_error no_crate_type 'not a cdylib' -- "$work/nolib"
  expect_error no_cargo 'cargo not found' CARGO=/nonexistent/cargo -- "$work/ok"
  expect_error no_cbindgen 'cbindgen not found.*cbindgen.toml' CBINDGEN=/nonexistent/cbindgen -- "$work/ok"
  # A multi-line crate-type with cdylib in it passes the cdylib check (then fails on cargo).
  expect_error multiline_is_cdylib 'cargo not found' CARGO=/nonexistent/cargo -- "$work/multiline"
  # Nothing was written for bad input.
  [[ -e "$work/ok/ffifuzz-build" ]] && fail "an output directory was created for bad input"
  ;;
*)
  echo "usage: $0 build|errors SOURCE_DIR WORK_DIR" >&2
  exit 2
  ;;
esac

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS"
