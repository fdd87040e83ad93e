#!/bin/bash
# Builds a real library from its Debian source package in one of ffifuzz's flavours, so that
# ffifuzz can be tried on code nobody here wrote (docs/real-libs.md).
#
#   scripts/build-debian-lib.sh PACKAGE FLAVOUR OUTDIR
#
# PACKAGE: zlib libyaml jansson expat c-ares md4c (Debian source package names).
# FLAVOUR, the same flags as the zoo's C targets (cmake/Zoo.cmake):
#   plain     -O2 -g                       what `ffifuzz check` compares the DWARF of
#   cov       -O1 -g, SanitizerCoverage    coverage-guided fuzzing
#   cov-asan  cov + ASan + UBSan           fuzzing that sees every bad access
# Leaves OUTDIR/FLAVOUR/PACKAGE/lib/lib*.so* (the soname file and its symlinks) and
# OUTDIR/FLAVOUR/PACKAGE/include/*.h (the installed public headers). The source is fetched
# once per package into OUTDIR/src/PACKAGE and shared by the flavours; a flavour already
# built with the same recipe is not rebuilt.
#
# apt runs with a private state folder (OUTDIR/src/apt: its own deb-src list, package lists
# and cache), so neither root nor a change to the system's apt configuration is needed, and
# it never waits for the system's apt locks.
# Environment: CC (default clang), CXX (default clang++, for projects whose CMake wants one).
# Exit 100 when apt or the network cannot deliver the source, 1 on a build failure, 2 on bad
# usage.
set -eEuo pipefail

# The whole script is one compound command: bash reads all of it before running it, so an
# edit to this file while a build runs cannot break that build.
{
me=$(basename "$0")
packages="zlib libyaml jansson expat c-ares md4c"
usage() { echo "usage: $me PACKAGE FLAVOUR OUTDIR (PACKAGE: ${packages// /, }; FLAVOUR: plain, cov, cov-asan)" >&2; exit 2; }
[[ $# -eq 3 ]] || usage
pkg=$1 flavour=$2 out=$3
[[ " $packages " == *" $pkg "* ]] || { echo "$me: don't know how to build '$pkg' (known: ${packages// /, })" >&2; exit 2; }

# Kept identical to cmake/Zoo.cmake's _zoo_c_<flavour>: the sanitizer runtimes come from the
# process that loads the library (ffifuzz), never linked into the library itself.
case "$flavour" in
  plain)    cflags="-O2 -g -fno-omit-frame-pointer" ;;
  cov)      cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link" ;;
  cov-asan) cflags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" ;;
  *) echo "$me: unknown flavour '$flavour' (known: plain, cov, cov-asan)" >&2; exit 2 ;;
esac
ldflags="-Wl,--allow-shlib-undefined"
# Debian's --enable-symbol-hiding, which upstream's CMake lacks: only c-ares' API is
# exported (with ares_config.h's CARES_SYMBOL_* below).
[[ "$pkg" == c-ares ]] && cflags+=" -fvisibility=hidden"
CC=${CC:-clang}
CXX=${CXX:-clang++}
# Full paths, so that the recipe (below) is the same whether cmake or a person runs this.
cc_path=$(command -v "$CC") || { echo "$me: C compiler '$CC' not found (apt-get install clang)" >&2; exit 1; }
CC=$cc_path
CXX=$(command -v "$CXX" || echo "$CXX")

mkdir -p "$out"
out=$(cd "$out" && pwd)
dest="$out/$flavour/$pkg"
# What decides whether a finished build is still the wanted one: bump recipe_version when a
# package's build steps below change.
recipe_version=1
recipe="$me v$recipe_version $pkg $flavour CC=$CC $cflags $ldflags"
if [[ -f "$dest/.ffifuzz-recipe" && "$(cat "$dest/.ffifuzz-recipe")" == "$recipe" ]]; then
  echo "$dest: already built"
  exit 0
fi

unavailable() {
  echo "$me: $* (building ffifuzz offline? configure with -DFFIFUZZ_BUILD_REAL_LIBS=OFF)" >&2
  exit 100
}
fail() { echo "$me: $*" >&2; exit 1; }

# ---- source: one download per package, shared by the flavours -------------------------------
src_root="$out/src"
mkdir -p "$src_root"
apt_dir="$src_root/apt"
apt_opts=()
apt_private() {
  command -v apt-get >/dev/null || unavailable "apt-get not found: not a Debian system"
  command -v dpkg-source >/dev/null || unavailable "dpkg-source not found: apt-get install dpkg-dev"
  . /etc/os-release
  local codename="${VERSION_CODENAME:-bookworm}" keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -f "$keyring" ]] || unavailable "$keyring missing: apt-get install debian-archive-keyring"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $codename main" > "$apt_dir/sources.list"
  apt_opts=(-o Dir::Etc::sourcelist="$apt_dir/sources.list" -o Dir::Etc::sourceparts=-
            -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
            -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
  # As root apt would hand the download to the _apt user, who cannot write here.
  [[ $(id -u) -eq 0 ]] && apt_opts+=(-o APT::Sandbox::User=root)
  has_source && return
  # apt-get update says a failed download with a warning and exit 0: ask apt again after it.
  apt-get "${apt_opts[@]}" update -qq >"$apt_dir/update.log" 2>&1 || true
  has_source || unavailable "apt knows no source package $pkg after updating $apt_dir/sources.list:" \
    "$(grep -m1 -E '^(W|E):' "$apt_dir/update.log" || echo "no network?")"
}
has_source() { apt-cache "${apt_opts[@]}" showsrc "$pkg" 2>/dev/null | grep '^Package:' >/dev/null; }  # (-q could SIGPIPE apt-cache)

# The orig tarball alone, when apt cannot deliver the Debian part (md4c's debian.tar.xz is
# missing from the mirror): its sha256 is checked against the signed .dsc first.
unpack_orig_only() {
  local dl=$1 dsc orig sum want
  dsc=$(ls "$dl"/*.dsc 2>/dev/null | head -1)
  orig=$(ls "$dl"/*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -1 || true)
  [[ -n "$dsc" && -n "$orig" ]] || return 1
  want=$(awk -v f="$(basename "$orig")" '/^Checksums-Sha256:/{s=1;next} /^[^ ]/{s=0} s&&$3==f{print $1}' "$dsc")
  sum=$(sha256sum "$orig" | cut -d' ' -f1)
  [[ -n "$want" && "$sum" == "$want" ]] || fail "$(basename "$orig"): sha256 $sum does not match the .dsc's '${want:-none}'"
  mkdir -p "$dl/orig"
  tar -xf "$orig" -C "$dl/orig" || fail "cannot unpack $orig"
  echo "$me: note: $pkg: Debian's patches were not applied (only the orig tarball could be downloaded)" >&2
}

fetch_source() {
  local dl="$src_root/$pkg.download" dir
  apt_private
  rm -rf "$dl"
  mkdir -p "$dl"
  if ! (cd "$dl" && apt-get "${apt_opts[@]}" source -qq "$pkg" >"$dl/apt.log" 2>&1); then
    unpack_orig_only "$dl" || unavailable "apt-get source $pkg failed: $(grep -m1 '^E:' "$dl/apt.log" || tail -1 "$dl/apt.log")"
  fi
  local parent="$dl"
  [[ -d "$dl/orig" ]] && parent="$dl/orig"
  dir=$(find "$parent" -mindepth 1 -maxdepth 1 -type d ! -name orig | head -1)
  [[ -n "$dir" ]] || fail "apt-get source $pkg left no source folder in $dl"
  rm -rf "$src_root/$pkg"
  mv "$dir" "$src_root/$pkg"
  basename "$(ls "$dl"/*.dsc)" .dsc > "$src_root/$pkg/.ffifuzz-source"
  rm -rf "$dl"
}

# Flavours of one package may build at once (make -j, ninja): one download, under a lock.
exec 9>"$src_root/.lock"
flock 9
[[ -f "$src_root/$pkg/.ffifuzz-source" ]] || fetch_source
flock -u 9
src="$src_root/$pkg"

# ---- build: the library only, with its own build system --------------------------------------
jobs=$(nproc 2>/dev/null || echo 2)
work="$out/build/$flavour/$pkg"
stage="$work/stage"
rm -rf "$work"
mkdir -p "$work"
log="$work/build.log"
trap 'echo "$me: building $pkg ($flavour) failed; last lines of $log:" >&2; tail -25 "$log" >&2; exit 1' ERR

cmake_configure() {  # cmake_configure SOURCE_SUBDIR [-DOPTION=...]
  local sub=$1; shift
  local gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  cmake -S "$src/$sub" -B "$work/cmake" "${gen[@]}" -DCMAKE_BUILD_TYPE= \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_C_FLAGS="$cflags" -DCMAKE_SHARED_LINKER_FLAGS="$ldflags" \
    -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_INSTALL_LIBDIR=lib "$@" >>"$log" 2>&1
}
cmake_build_install() {
  cmake --build "$work/cmake" -j "$jobs" >>"$log" 2>&1
  cmake --install "$work/cmake" >>"$log" 2>&1
}
cmake_build() { cmake_configure "$@"; cmake_build_install; }

case "$pkg" in
  zlib)  # configure builds in the source tree: build in a copy
    cp -a "$src" "$work/tree"
    (cd "$work/tree" && CC="$CC" CFLAGS="$cflags" LDFLAGS="$ldflags" ./configure --shared --prefix="$stage" &&
       make -j"$jobs" "$(sed -n 's/^SHAREDLIBV=//p' Makefile)") >>"$log" 2>&1
    mkdir -p "$stage/lib" "$stage/include"
    cp -P "$work"/tree/libz.so* "$stage/lib/"
    cp "$work"/tree/zlib.h "$work"/tree/zconf.h "$stage/include/" ;;
  libyaml)  # (upstream's CMake gives libyaml.so without Debian's libyaml-0.so.2 soname)
    cmake_build . -DBUILD_SHARED_LIBS=ON -DBUILD_TESTING=OFF ;;
  jansson)
    cmake_build . -DJANSSON_BUILD_SHARED_LIBS=ON -DJANSSON_EXAMPLES=OFF -DJANSSON_BUILD_DOCS=OFF \
      -DJANSSON_WITHOUT_TESTS=ON ;;
  expat)
    cmake_configure expat -DEXPAT_SHARED_LIBS=ON -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF \
      -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF
    # Debian's CVE-2024-8176 patch tests `#if XML_DTD == 1`, as Debian's autotools build
    # defines it; upstream's CMake defines it empty. (No autotools here: the source has no
    # generated configure.)
    sed -i 's/^#define XML_DTD$/#define XML_DTD 1/' "$work/cmake/expat_config.h"
    grep -q '^#define XML_DTD 1$' "$work/cmake/expat_config.h" || fail "expat: no XML_DTD in expat_config.h"
    cmake_build_install ;;
  c-ares)
    cmake_configure . -DCARES_SHARED=ON -DCARES_STATIC=OFF -DCARES_BUILD_TOOLS=OFF -DCARES_BUILD_TESTS=OFF
    # What configure --enable-symbol-hiding writes: ares.h marks the API visible.
    sed -i -e 's/^#undef CARES_SYMBOL_HIDING$/#define CARES_SYMBOL_HIDING 1/' \
      -e 's/^#undef CARES_SYMBOL_SCOPE_EXTERN$/#define CARES_SYMBOL_SCOPE_EXTERN __attribute__ ((__visibility__ ("default")))/' \
      "$work/cmake/ares_config.h"
    grep -q '^#define CARES_SYMBOL_SCOPE_EXTERN' "$work/cmake/ares_config.h" || fail "c-ares: no CARES_SYMBOL_SCOPE_EXTERN in ares_config.h"
    cmake_build_install ;;
  md4c)  # libmd4c.so and libmd4c-html.so (and the small md2html tool, which the install needs)
    cmake_build . -DBUILD_SHARED_LIBS=ON ;;
esac
trap - ERR

# Publish: only the shared libraries and the public headers, replacing an older build whole.
ls "$stage"/lib/lib*.so* >/dev/null 2>&1 || fail "$pkg ($flavour): the build installed no lib*.so (log: $log)"
rm -rf "$dest.new"
mkdir -p "$dest.new/lib" "$dest.new/include"
cp -P "$stage"/lib/lib*.so* "$dest.new/lib/"
cp -R "$stage"/include/. "$dest.new/include/"
echo "$recipe" > "$dest.new/.ffifuzz-recipe"
rm -rf "$dest"
mv "$dest.new" "$dest"
rm -rf "$work"
echo "$dest: built ($flavour) from $(cat "$src/.ffifuzz-source")"
exit 0
}
