#!/usr/bin/env bash
# Writes corpus/<target>/ for every zoo target: `ffifuzz seeds` on its plain build (a program
# per function with typical values, a constructor-use-release chain per handle constructor,
# in text form). Targets that cannot be loaded (expect = "load-error") get none: nothing of
# theirs can be called. Usage: scripts/make-seed-corpus.sh [BUILD_DIR] [OUT_ROOT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out_root=${2:-$root/corpus}
ffifuzz=$build/bin/ffifuzz
[[ -x $ffifuzz ]] || { echo "make-seed-corpus: $ffifuzz not found: build first (scripts/build.sh)" >&2; exit 2; }
for expect in "$root"/targets/*/expect.toml; do
  dir=$(dirname "$expect")
  name=$(basename "$dir")
  grep -q '^expect *= *"load-error"' "$expect" && continue
  header=$(sed -n 's/^header *= *"\(.*\)"/\1/p' "$expect" | head -1)
  lib=$build/zoo/plain/lib$name.so
  [[ -f $lib ]] || { echo "make-seed-corpus: $lib not built" >&2; exit 2; }
  rm -rf "${out_root:?}/$name"
  "$ffifuzz" seeds --lib "$lib" --header "$dir/$header" -o "$out_root/$name" >/dev/null
done
echo "make-seed-corpus: wrote $(find "$out_root" -name '*.txt' | wc -l) programs under $out_root"
