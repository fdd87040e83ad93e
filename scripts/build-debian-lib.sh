#!/bin/bash
# Builds a Debian library from its source package with debug info, for `ffifuzz check` to
# compare layouts against (Debian's binary packages ship without DWARF).
#
#   scripts/build-debian-lib.sh PACKAGE OUTDIR
#
# PACKAGE: zlib (the one this script knows how to build). Leaves
#   OUTDIR/PACKAGE/lib/lib*.so and OUTDIR/PACKAGE/include/*.h.
# Enables deb-src in a private sources file (/etc/apt/sources.list.d/ffifuzz-src.sources),
# never touching the system's own lists.
# Exit 100 when apt or the network cannot deliver the source (the caller may skip), 1 on a
# build failure, 2 on bad usage.
set -euo pipefail

pkg="${1:-}"
out="${2:-}"
if [[ -z "$pkg" || -z "$out" ]]; then
  echo "usage: $0 PACKAGE OUTDIR" >&2
  exit 2
fi
case "$pkg" in
  zlib) ;;
  *) echo "$0: don't know how to build '$pkg' (known: zlib)" >&2; exit 2 ;;
esac

unavailable() { echo "$0: $*" >&2; exit 100; }

dest="$out/$pkg"
if [[ -f "$dest/lib/libz.so" && -f "$dest/include/zlib.h" ]]; then
  echo "$dest: already built"
  exit 0
fi

command -v apt-get >/dev/null || unavailable "apt-get not found: not a Debian system"
command -v dpkg-source >/dev/null || unavailable "dpkg-source not found: apt-get install dpkg-dev"
[[ $(id -u) -eq 0 ]] || unavailable "enabling deb-src needs root (run as root, or build $pkg by hand with -g)"

# A private deb-src list for this machine's release, built from what apt already uses.
. /etc/os-release
codename="${VERSION_CODENAME:-bookworm}"
src_list=/etc/apt/sources.list.d/ffifuzz-src.sources
if [[ ! -f "$src_list" ]]; then
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  {
    echo "# Added by ffifuzz scripts/build-debian-lib.sh: source packages for 'apt-get source'."
    echo "Types: deb-src"
    echo "URIs: http://deb.debian.org/debian"
    echo "Suites: $codename"
    echo "Components: main"
    [[ -f "$keyring" ]] && echo "Signed-By: $keyring"
  } > "$src_list"
fi
# Refresh only the private list: quick, and leaves the system's lists alone.
apt-get update -qq -o Dir::Etc::sourcelist="$src_list" -o Dir::Etc::sourceparts=- \
  -o APT::Get::List-Cleanup=0 >/dev/null 2>&1 || unavailable "apt-get update of $src_list failed (no network?)"

work="$out/src-$pkg"
rm -rf "$work"
mkdir -p "$work"
(cd "$work" && apt-get source -qq "$pkg" >/dev/null 2>&1) || unavailable "apt-get source $pkg failed (no network or no deb-src for $codename)"
srcdir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -1)
[[ -n "$srcdir" ]] || { echo "$0: apt-get source left no $pkg-* folder in $work" >&2; exit 1; }

cd "$srcdir"
CC="${CC:-cc}" CFLAGS="-g -O2 -fPIC" ./configure --shared --prefix="$dest" >/dev/null
make -j"$(nproc)" >/dev/null
mkdir -p "$dest/lib" "$dest/include"
cp -P libz.so* "$dest/lib/"
cp zlib.h zconf.h "$dest/include/"
echo "$dest: built with -g from $(basename "$srcdir")"
