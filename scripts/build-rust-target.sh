#!/bin/bash
# Builds a Rust crate's cdylib in the three flavours ffifuzz uses, with debug info, and
# generates its C header with cbindgen when the crate has a cbindgen.toml.
#
#   scripts/build-rust-target.sh CRATE_DIR [OUT_DIR]
#
#   plain     release + debug info: what you ship; for `ffifuzz check`
#   cov       plus SanitizerCoverage (8-bit counters, PC table, trace-cmp): coverage-guided fuzzing
#   cov-asan  plus AddressSanitizer (-Zsanitizer=address, RUSTC_BOOTSTRAP=1 on stable)
#
# Leaves OUT_DIR/<flavour>/lib<name>.so and, with a cbindgen.toml, OUT_DIR/include/<name>.h.
# OUT_DIR defaults to CRATE_DIR/ffifuzz-build; each flavour builds in its own cargo target
# directory, OUT_DIR/target/<flavour>, so the three never rebuild each other.
# Debug info is forced (CARGO_PROFILE_RELEASE_DEBUG=true, STRIP=false) whatever the crate's
# profile says. Builds run with --offline: vendor or fetch dependencies first (`cargo fetch`).
# RUSTFLAGS already in the environment are appended to each flavour's flags.
#
# Environment: CARGO (default: cargo on PATH, else ~/.cargo/bin/cargo), CBINDGEN (default:
# cbindgen on PATH, else ~/.cargo/bin/cbindgen).
# Exit 0 built; 2 bad usage, not a crate, not a cdylib, a missing tool, or a build that failed
# (one line on stderr says which and what to do).
set -euo pipefail

prog=$(basename "$0")
fail() { echo "$prog: $*" >&2; exit 2; }

if [[ $# -lt 1 || $# -gt 2 || "${1:-}" == -* ]]; then
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
  fi
  fail "usage: $prog CRATE_DIR [OUT_DIR]"
fi

crate_arg=$1
[[ -d "$crate_arg" ]] || fail "$crate_arg: not a directory (give the folder that holds the crate's Cargo.toml)"
crate=$(cd "$crate_arg" && pwd)
manifest="$crate/Cargo.toml"
[[ -f "$manifest" ]] || fail "$crate_arg: not a crate directory (no Cargo.toml in it)"

# A cdylib declares it in [lib]: crate-type = ["cdylib", ...] (possibly over several lines).
is_cdylib() {
  awk '
    /^[[:space:]]*\[/ { inlib = ($0 ~ /^[[:space:]]*\[lib\][[:space:]]*(#.*)?$/) }
    inlib { sub(/#.*/, ""); text = text " " $0 }
    END { exit !(text ~ /crate[-_]type[[:space:]]*=[[:space:]]*\[[^]]*"cdylib"/) }
  ' "$1"
}
is_cdylib "$manifest" ||
  fail "$manifest: not a cdylib (add crate-type = [\"cdylib\"] to its [lib] section: ffifuzz loads a shared library)"

find_tool() { # find_tool NAME OVERRIDE: prints the executable's path, or nothing
  local name=$1 override=$2
  if [[ -n "$override" ]]; then
    command -v "$override" 2>/dev/null || true
  elif command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
  elif [[ -x "$HOME/.cargo/bin/$name" ]]; then
    echo "$HOME/.cargo/bin/$name"
  fi
}
cargo=$(find_tool cargo "${CARGO:-}")
[[ -n "$cargo" ]] || fail "cargo not found${CARGO:+ (CARGO=$CARGO)}: install Rust's stable toolchain (https://rustup.rs) or set CARGO"

cbindgen=
if [[ -f "$crate/cbindgen.toml" ]]; then
  cbindgen=$(find_tool cbindgen "${CBINDGEN:-}")
  [[ -n "$cbindgen" ]] ||
    fail "cbindgen not found${CBINDGEN:+ (CBINDGEN=$CBINDGEN)}, and $crate/cbindgen.toml asks for a header: apt-get install cbindgen (or cargo install cbindgen), or set CBINDGEN"
fi

out_arg=${2:-$crate/ffifuzz-build}
mkdir -p "$out_arg" 2>/dev/null || fail "$out_arg: cannot create the output directory"
out=$(cd "$out_arg" && pwd)

common="-Cforce-frame-pointers=yes"
sancov="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table -Cllvm-args=-sanitizer-coverage-trace-compares"
declare -A flags=(
  [plain]="$common"
  [cov]="$common $sancov"
  [cov-asan]="$common $sancov -Zsanitizer=address"
)
flavours=(plain cov cov-asan)

lib_name=
for flavour in "${flavours[@]}"; do
  target_dir="$out/target/$flavour"
  echo "$prog: building $flavour" >&2
  # RUSTC_BOOTSTRAP only for the flavour that needs a -Z flag: the others stay plain stable builds.
  bootstrap=()
  [[ "$flavour" == cov-asan ]] && bootstrap=(RUSTC_BOOTSTRAP=1)
  if ! env "${bootstrap[@]}" \
      RUSTFLAGS="${flags[$flavour]}${RUSTFLAGS:+ $RUSTFLAGS}" \
      CARGO_PROFILE_RELEASE_DEBUG=true CARGO_PROFILE_RELEASE_STRIP=false \
      "$cargo" build --quiet --release --offline --lib \
      --manifest-path "$manifest" --target-dir "$target_dir"; then
    fail "cargo build failed for the $flavour flavour of $crate (errors above; RUSTFLAGS=\"${flags[$flavour]}\")"
  fi
  # A cdylib lands as lib<name>.so at the top of release/ (deps/ holds hashed copies).
  shopt -s nullglob
  sos=("$target_dir"/release/lib*.so)
  shopt -u nullglob
  [[ ${#sos[@]} -eq 1 ]] ||
    fail "expected one lib*.so in $target_dir/release after the $flavour build, found ${#sos[@]}"
  so=${sos[0]}
  base=$(basename "$so")
  lib_name=${base#lib}
  lib_name=${lib_name%.so}
  mkdir -p "$out/$flavour"
  cp "$so" "$out/$flavour/.$base.tmp"
  mv -f "$out/$flavour/.$base.tmp" "$out/$flavour/$base"
done

# Edition 2024 spells the export attributes #[unsafe(no_mangle)] and #[unsafe(export_name = ..)]
# and extern blocks `unsafe extern "C"`; cbindgen before 0.27 (Debian bookworm has 0.24) stops
# on them with "expected path". Such a crate's header is generated from a copy of its sources
# with the older spelling, which means the same to cbindgen; the crate itself is not touched.
uses_2024_spelling() {
  grep -rqE '#\[unsafe\((no_mangle|export_name)|unsafe[[:space:]]+extern[[:space:]]+"C"[[:space:]]*\{' \
    --include='*.rs' "$1"
}
spelled_for_old_cbindgen() { # spelled_for_old_cbindgen CRATE COPY: prints COPY's path
  local from=$1 to=$2
  rm -rf "$to"
  mkdir -p "$to"
  (cd "$from" && find . -path ./target -prune -o -path ./ffifuzz-build -prune -o \
     \( -name '*.rs' -o -name '*.toml' -o -name Cargo.lock \) -print0 | xargs -0 -r cp --parents -t "$to") ||
    fail "cannot copy $from's sources to $to"
  find "$to" -name '*.rs' -exec sed -i -E \
    -e 's/#\[unsafe\((no_mangle)\)\]/#[\1]/g' \
    -e 's/#\[unsafe\((export_name[^]]*)\)\]/#[\1]/g' \
    -e 's/unsafe([[:space:]]+extern[[:space:]]+"C"[[:space:]]*\{)/\1/g' {} +
  echo "$to"
}

header=
if [[ -n "$cbindgen" ]]; then
  mkdir -p "$out/include"
  header="$out/include/$lib_name.h"
  tmp="$out/include/.$lib_name.h.tmp"
  source_dir=$crate
  if uses_2024_spelling "$crate/src" && ! "$cbindgen" --version | grep -qE ' 0\.(2[7-9]|[3-9][0-9])\.|^cbindgen [1-9]'; then
    source_dir=$(spelled_for_old_cbindgen "$crate" "$out/cbindgen-src")
    echo "$prog: note: $("$cbindgen" --version) cannot parse edition 2024's #[unsafe(no_mangle)]: the header is generated from a copy of the sources spelled #[no_mangle] ($source_dir)" >&2
  fi
  # cbindgen reads the crate through `cargo metadata`: keep that offline too.
  if ! (cd "$source_dir" && CARGO="$cargo" CARGO_NET_OFFLINE=true \
        "$cbindgen" --quiet --config "$crate/cbindgen.toml" --output "$tmp" "$source_dir"); then
    rm -f "$tmp"
    fail "cbindgen failed on $crate (errors above)"
  fi
  mv -f "$tmp" "$header"
fi

echo "built lib$lib_name.so from $crate:"
for flavour in "${flavours[@]}"; do
  printf '  %-9s %s\n' "$flavour" "$out/$flavour/lib$lib_name.so"
done
if [[ -n "$header" ]]; then
  printf '  %-9s %s\n' header "$header"
  h=$header
else
  echo "  (no cbindgen.toml: no header generated; give ffifuzz your own)"
  h="YOUR_HEADER.h"
fi
echo "next:"
echo "  ffifuzz check --lib $out/plain/lib$lib_name.so --header $h"
echo "  ffifuzz fuzz  --lib $out/cov-asan/lib$lib_name.so --header $h"
