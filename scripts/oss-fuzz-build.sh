#!/bin/bash
# Builds an exported ffifuzz fuzz target as OSS-Fuzz's `compile` would, on this machine
# (docs/export.md, "Trying the build here"): the environment OSS-Fuzz's base-builder sets
# for one sanitizer and engine, then the export's build.sh.
#
#   scripts/oss-fuzz-build.sh CONFIG EXPORT_DIR OUT WORK [--libcxx] [--hide DIR]...
#
# CONFIG: address (libFuzzer, ASan), undefined (libFuzzer, UBSan), coverage (libFuzzer,
# source-based coverage), afl (AFL++'s afl-clang-fast and libAFLDriver.a, ASan).
# --hide DIR mounts an empty folder over DIR for the build (a private mount namespace,
# root only): proof that the build reads nothing there, e.g. ffifuzz's checkout.
# --libcxx compiles C++ with -stdlib=libc++ as OSS-Fuzz does (libc++-14-dev); Debian's
# libFuzzer is built against libstdc++, so the link adds -Wl,-lstdc++ for it.
# Differences from OSS-Fuzz kept: Debian's clang 14 and stable Rust.
set -euo pipefail
if (($# < 4)); then
  echo "usage: $0 address|undefined|coverage|afl EXPORT_DIR OUT WORK [--libcxx] [--hide DIR]..." >&2
  exit 2
fi
config=$1 export_dir=$(cd "$2" && pwd) out=$3 work=$4
shift 4
hide=()
libcxx=0
while (($#)); do
  if [[ $1 == --libcxx ]]; then
    libcxx=1
    shift
    continue
  fi
  [[ $1 == --hide && $# -ge 2 ]] || { echo "$0: unexpected argument $1" >&2; exit 2; }
  hide+=("$2")
  shift 2
done
mkdir -p "$out" "$work"

# base-clang's CFLAGS, base-builder's sanitizer and coverage flags (infra/base-images).
base="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
asan="-fsanitize=address -fsanitize-address-use-after-scope"
ubsan="-fsanitize=array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr -fno-sanitize-recover=array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr"
profile="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
# compile's RUSTFLAGS (cargo fuzz adds the rest for cargo-fuzz targets; build.sh does here).
rustflags="--cfg fuzzing -Cdebuginfo=1 -Cforce-frame-pointers"
env=(SRC="$(dirname "$export_dir")" OUT="$out" WORK="$work" HOME="${HOME:-/root}" PATH="$PATH")
case "$config" in
  address)
    flags="$base $asan -fsanitize=fuzzer-no-link"
    rustflags="--cfg fuzzing -Zsanitizer=address -Cdebuginfo=1 -Cforce-frame-pointers"
    env+=(SANITIZER=address FUZZING_ENGINE=libfuzzer CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer) ;;
  undefined)
    flags="$base $ubsan -fsanitize=fuzzer-no-link"
    env+=(SANITIZER=undefined FUZZING_ENGINE=libfuzzer CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer) ;;
  coverage)
    flags="$base $profile"
    env+=(SANITIZER=coverage FUZZING_ENGINE=libfuzzer CC=clang CXX=clang++ LIB_FUZZING_ENGINE=-fsanitize=fuzzer) ;;
  afl)
    driver=/usr/lib/afl/libAFLDriver.a
    [[ -f $driver ]] || { echo "$0: $driver is missing: apt-get install afl++" >&2; exit 2; }
    flags="$base $asan"
    rustflags="--cfg fuzzing -Zsanitizer=address -Cdebuginfo=1 -Cforce-frame-pointers"
    env+=(SANITIZER=address FUZZING_ENGINE=afl CC=afl-clang-fast CXX=afl-clang-fast++ LIB_FUZZING_ENGINE="$driver"
          AFL_QUIET=1 "ASAN_OPTIONS=detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1") ;;
  *) echo "$0: unknown CONFIG $config (address, undefined, coverage, afl)" >&2; exit 2 ;;
esac
cxxflags=$flags
if ((libcxx)); then
  cxxflags="$flags -stdlib=libc++"
  for i in "${!env[@]}"; do
    [[ ${env[$i]} == LIB_FUZZING_ENGINE=* ]] && env[$i]="${env[$i]} -Wl,-lstdc++"
  done
fi
env+=(CFLAGS="$flags" CXXFLAGS="$cxxflags" RUSTFLAGS="$rustflags")

if ((${#hide[@]})); then
  mounts=""
  for d in "${hide[@]}"; do mounts+="mount -t tmpfs none $(printf %q "$d") && "; done
  exec unshare --mount sh -c "$mounts exec env -i $(printf '%q ' "${env[@]}") bash $(printf %q "$export_dir/build.sh")"
fi
exec env -i "${env[@]}" bash "$export_dir/build.sh"
