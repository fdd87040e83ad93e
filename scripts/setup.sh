#!/usr/bin/env bash
# Installs what building and testing ffifuzz needs, when it is missing. Idempotent: a machine
# that has everything gets no apt-get call at all. Debian (bookworm), run as root or with sudo.
set -euo pipefail

# Debian packages the build, the tests and the benchmarks use.
PACKAGES=(
  clang-14 libclang-rt-14-dev llvm-14-dev libclang-14-dev   # compiler, libFuzzer+sanitizers, demangler, libclang
  cmake ninja-build pkg-config git
  libdw-dev libelf-dev libffi-dev                           # DWARF/ELF, calls
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev        # config, JSON, command line
  libgtest-dev libbenchmark-dev                             # tests, benchmarks
  cbindgen                                                  # headers of the Rust targets
  zlib1g-dev libbz2-dev libsqlite3-dev libyaml-dev          # real headers the tests and benches read
  libjansson-dev libexpat1-dev libc-ares-dev                # Debian's builds of the real libraries
  libmd4c-dev libmd4c-html0-dev                             #   (docs/real-libs.md)
  liblzma-dev libpcre2-dev libsodium-dev libjson-c-dev libcbor-dev  # bench/precision and e2e: libraries no contract describes
  liblz4-dev libzstd-dev                                    # e2e: lz4 learned without a contract; zstd tried the same way
  libidn2-dev                                               # e2e: libidn2's out-pointers and zero-terminated arrays learned
  libpopt-dev                                               # e2e: popt's argv string arrays and zero-entry-ended option tables
  libtasn1-6-dev                                            # e2e: libtasn1's output buffers sized by naming, learned apart
  libgif-dev                                                # e2e: giflib's decoder and encoder APIs over one type
  libbrotli-dev                                             # e2e: brotli's allocator callbacks, sizes named alike, input cursors
  libbz2-dev                                                # e2e: a FILE * the library closes itself (BZ2_bzclose)
  libyajl-dev                                               # e2e: yajl's allocator table and callbacks' context, learned rules
  libzip-dev                                                # e2e and bench/precision: a header with no parameter names
  libpng-dev                                                # e2e: a library whose objects the harness cannot make (setjmp errors)
  libgcrypt20-dev                                           # e2e: a stripped library whose arrays and releases naming misread
  libxml2-dev                                                # e2e: a string the library reallocates, reached through another call
  dpkg-dev debian-archive-keyring                           # apt-get source: the real libraries from source
  python3 python3-jsonschema                                # e2e: SARIF validated against the 2.1.0 schema
  librsvg2-bin                                              # e2e: ci's coverage.svg rendered to PNG (rsvg-convert)
  zip                                                       # ffifuzz export's seed corpus archive
  tmux                                                      # e2e: the progress line on a real terminal
  afl++ libc++-14-dev libc++abi-14-dev llvm-19              # e2e: export's source target built as OSS-Fuzz does
                                                            #   (AFL++, libc++; llvm-19 reads stable rustc's profiles)
  time bc                                                   # bench/ scripts: peak RSS, ratios
)

say() { printf 'setup: %s\n' "$*" >&2; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { say "need root to install: ${missing[*]}"; exit 1; }
    SUDO=sudo
  fi
  say "installing: ${missing[*]}"
  if ! $SUDO apt-get update -qq; then
    say "apt-get update failed: check the network or the apt sources, then re-run"; exit 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/ffifuzz-apt.log 2>&1; then
    tail -20 /tmp/ffifuzz-apt.log >&2
    say "apt-get install failed for: ${missing[*]} (log: /tmp/ffifuzz-apt.log)"; exit 1
  fi
fi

# clang must be the unversioned name too: CMake presets and users call `clang`.
if ! command -v clang >/dev/null; then
  say "clang-14 is installed but 'clang' is not on PATH: run: apt-get install clang (or update-alternatives)"
  exit 1
fi

# Rust: rustup's stable toolchain builds the Rust targets (no crate downloads needed).
export PATH="$HOME/.cargo/bin:$PATH"
for tool in cargo rustc; do
  if ! command -v "$tool" >/dev/null; then
    say "$tool not found: install Rust with rustup (stable), or configure with -DFFIFUZZ_BUILD_ZOO=OFF to skip the Rust targets"
    exit 1
  fi
done
say "ok: $(clang --version | head -1); $(rustc --version); $(cmake --version | head -1)"
