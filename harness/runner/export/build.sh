#!/bin/bash -eu
# Builds an ffifuzz fuzz target the way OSS-Fuzz and ClusterFuzzLite build every target
# (docs/export.md, "The source target"): the library under test with $CC/$CFLAGS (C) or
# cargo with OSS-Fuzz's $RUSTFLAGS plus what this sanitizer and engine need (Rust), the
# runner's sources with $CXX/$CXXFLAGS linked with $LIB_FUZZING_ENGINE, then installs into
# $OUT: <name>_fuzzer, its .options, .dict and seed corpus zip, and lib/<library>.
#
# Reads (set by OSS-Fuzz, ClusterFuzzLite, or you): OUT, WORK, CC, CXX, CFLAGS, CXXFLAGS,
# LIB_FUZZING_ENGINE, SANITIZER, FUZZING_ENGINE, RUSTFLAGS (optional). LIBRARY_SRC
# overrides where the library's sources are (default: ffifuzz.conf's, from this folder).
# Needs libffi (libffi-dev) and bash, zip or python3. Nothing from ffifuzz's checkout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=/dev/null
source "$here/ffifuzz.conf"

: "${OUT:?set OUT: the folder the fuzz target goes into}"
WORK=${WORK:-$(mktemp -d)}
CC=${CC:-clang}
CXX=${CXX:-clang++}
CFLAGS=${CFLAGS:-}
CXXFLAGS=${CXXFLAGS:-}
SANITIZER=${SANITIZER:-address}
FUZZING_ENGINE=${FUZZING_ENGINE:-libfuzzer}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}
LIBRARY_SRC=${LIBRARY_SRC:-$here/$FFIFUZZ_LIBRARY_SOURCE}
build="$WORK/ffifuzz-$FFIFUZZ_NAME-$FUZZING_ENGINE-$SANITIZER"
mkdir -p "$build/objects" "$OUT/lib"
say() { echo "ffifuzz build.sh: $*" >&2; }
has_flag() { [[ " $1 " == *" $2 "* ]]; }

# --- the library under test ---------------------------------------------------------------
library="$build/$FFIFUZZ_LIBRARY_FILE"
case "$FFIFUZZ_LIBRARY_KIND" in
  rust)
    # Appended to OSS-Fuzz's RUSTFLAGS, never replacing them.
    rustflags="${RUSTFLAGS:-}"
    add_rustflag() { has_flag "$rustflags" "$1" || rustflags="$rustflags $1"; }
    add_rustflag -Cdebuginfo=1
    add_rustflag -Cforce-frame-pointers=yes
    if [[ $SANITIZER == coverage ]]; then
      [[ $rustflags == *instrument-coverage* ]] || add_rustflag -Cinstrument-coverage
    else
      add_rustflag -Cpasses=sancov-module
      add_rustflag -Cllvm-args=-sanitizer-coverage-level=3
      if [[ $FUZZING_ENGINE == afl ]]; then
        # AFL++'s runtime in the fuzz target counts edges through trace-pc-guard.
        add_rustflag -Cllvm-args=-sanitizer-coverage-trace-pc-guard
      else
        add_rustflag -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
        add_rustflag -Cllvm-args=-sanitizer-coverage-pc-table
        add_rustflag -Cllvm-args=-sanitizer-coverage-trace-compares
      fi
      [[ $SANITIZER == address ]] && add_rustflag -Zsanitizer=address
    fi
    host=$(rustc -vV | sed -n 's/^host: //p')
    say "cargo build $LIBRARY_SRC (RUSTFLAGS:$rustflags)"
    # -Z flags on a stable toolchain too (OSS-Fuzz's is nightly already); --target keeps the
    # flags off build scripts and proc macros, which run on the build machine.
    RUSTFLAGS="$rustflags" RUSTC_BOOTSTRAP=1 cargo build --release --lib --target "$host" \
      --manifest-path "$LIBRARY_SRC/Cargo.toml" --target-dir "$build/cargo"
    cp "$build/cargo/$host/release/$FFIFUZZ_LIBRARY_FILE" "$library"
    ;;
  c)
    sources=()
    for s in "${FFIFUZZ_C_SOURCES[@]}"; do sources+=("$LIBRARY_SRC/$s"); done
    includes=()
    for i in "${FFIFUZZ_C_INCLUDES[@]}"; do includes+=("-I$LIBRARY_SRC/$i"); done
    say "$CC \$CFLAGS -shared ${FFIFUZZ_C_SOURCES[*]}"
    # The sanitizer and coverage runtimes come from the fuzz target, which loads the library.
    # shellcheck disable=SC2086
    $CC $CFLAGS -g -fPIC -shared "${includes[@]}" "${sources[@]}" -o "$library" -Wl,--allow-shlib-undefined
    ;;
  prebuilt)
    say "no library sources were given to 'ffifuzz export' (--library-source): installing the library it was given; \$CFLAGS did not build it"
    cp "$here/lib/$FFIFUZZ_LIBRARY_FILE" "$library"
    ;;
  *) say "ffifuzz.conf: unknown FFIFUZZ_LIBRARY_KIND '$FFIFUZZ_LIBRARY_KIND' (rust, c or prebuilt)"; exit 2 ;;
esac

# --- the fuzz target ----------------------------------------------------------------------
# The runner's own code is not the library under test: it is compiled without coverage
# instrumentation, so that the engine's signal and coverage reports are the library's alone.
# runner_main.cpp keeps a coverage build's flags: llvm-cov wants coverage data in the target.
runner_flags=()
main_flags=()
for f in $CXXFLAGS; do
  case "$f" in
    -fsanitize=fuzzer-no-link | -fsanitize-coverage=*) ;;
    -fprofile-instr-generate | -fcoverage-mapping) main_flags+=("$f") ;;
    *) runner_flags+=("$f") ;;
  esac
done
# OSS-Fuzz's `undefined` build checks unsigned overflow too (recoverable: a report, not a
# crash); the runner's own arithmetic wraps on purpose, and its reports would be noise.
[[ $CXXFLAGS == *unsigned-integer-overflow* ]] && runner_flags+=(-fno-sanitize=unsigned-integer-overflow)
runner_flags+=(-std=c++20 "-I$here/runner/harness" "-I$here/runner/third_party")
mapfile -t runner_sources < "$here/runner/sources.txt"
runner_sources+=(../payload_data.cpp)
say "$CXX: ${#runner_sources[@]} runner sources"
objects=()
max_jobs=$(nproc 2>/dev/null || echo 2)
for s in "${runner_sources[@]}"; do
  o="$build/objects/$(echo "$s" | tr '/.' '__').o"
  objects+=("$o")
  # At most $max_jobs compilers at once.
  while (($(jobs -r | wc -l) >= max_jobs)); do wait -n; done
  flags=("${runner_flags[@]}")
  [[ $s == runner/runner_main.cpp ]] && flags+=("${main_flags[@]}")
  "$CXX" "${flags[@]}" -c "$here/runner/harness/$s" -o "$o" &
done
while (($(jobs -r | wc -l) > 0)); do wait -n; done
# libffi statically where its archive exists: the run machines need not have it.
ffi=-lffi
for a in libffi_pic.a libffi.a; do
  if "$CXX" -print-file-name="$a" | grep -q /; then ffi="-l:$a"; break; fi
done
# A coverage build: the library carries its own profile runtime, which must not bind to the
# target's (exported by -rdynamic) or it dumps the target's counters as its own.
link_extra=()
[[ $SANITIZER == coverage ]] &&
  link_extra+=(-Xlinker --exclude-libs=libclang_rt.profile-x86_64.a,libclang_rt.profile.a)
target="$OUT/${FFIFUZZ_NAME}_fuzzer"
cp "$library" "$OUT/lib/$FFIFUZZ_LIBRARY_FILE.tmp"
mv "$OUT/lib/$FFIFUZZ_LIBRARY_FILE.tmp" "$OUT/lib/$FFIFUZZ_LIBRARY_FILE"
# -rdynamic: the library resolves the sanitizer and coverage callbacks from the target.
# The target also links the library (found through $ORIGIN/lib), though the runner dlopens
# it: loaded before main, it is mapped before AFL++'s fork server starts (AFL++ refuses an
# instrumented library loaded later), and OSS-Fuzz's coverage tools find it as they find
# every shared library a target needs.
# shellcheck disable=SC2086
"$CXX" $CXXFLAGS "${objects[@]}" $LIB_FUZZING_ENGINE -rdynamic "${link_extra[@]}" "$ffi" -ldl -lpthread \
  -L"$OUT/lib" -Wl,--no-as-needed "-l:$FFIFUZZ_LIBRARY_FILE" -Wl,--as-needed -Wl,-rpath,'$ORIGIN/lib' \
  -o "$target.tmp"
mv "$target.tmp" "$target"

# --- beside it, as OSS-Fuzz finds them ------------------------------------------------------
cp "$here/${FFIFUZZ_NAME}_fuzzer.options" "$here/${FFIFUZZ_NAME}_fuzzer.dict" "$OUT/"
zip_file="$OUT/${FFIFUZZ_NAME}_fuzzer_seed_corpus.zip"
rm -f "$zip_file"
if command -v zip > /dev/null; then
  (cd "$here/${FFIFUZZ_NAME}_fuzzer_seed_corpus" && zip -q -j -X "$zip_file" ./*)
else
  python3 -m zipfile -c "$zip_file" "$here/${FFIFUZZ_NAME}_fuzzer_seed_corpus"/*
fi
say "built $target ($SANITIZER, $FUZZING_ENGINE) with lib/$FFIFUZZ_LIBRARY_FILE"
