#!/usr/bin/env bash
# The nightly fuzzing job for any CI system (docs/ci.md): `ffifuzz ci` with the settings of
# ffifuzz.toml, then the new finding folders are kept beside the earlier ones so that the next
# night replays them. Exit status: ffifuzz ci's (0 nothing new, 1 new findings or regressions,
# 2 bad input, 3 internal error or stopped).
#
#   scripts/nightly.sh [CONFIG]          CONFIG defaults to ffifuzz.toml
# Environment (all optional; the [ci] table of CONFIG is used for what is not set):
#   FFIFUZZ        the ffifuzz executable           (default: ffifuzz on PATH)
#   FFIFUZZ_TIME   fuzzing budget: 30m, 1h, 1800    (default: ci.time, else 30m)
#   FFIFUZZ_OUT    reports folder                   (default: ffifuzz-ci; replaces ci.out)
#   FFIFUZZ_KEEP   folder that keeps finding folders from night to night: replayed by every
#                  run (--findings), and this night's new folders are copied into it
set -uo pipefail

config=${1:-ffifuzz.toml}
ffifuzz=${FFIFUZZ:-ffifuzz}
[ -f "$config" ] || { echo "nightly.sh: $config: no such config file (docs/config.md)" >&2; exit 2; }

args=(ci --config "$config")
# --time: the environment, else the config's ci.time, else 30 minutes.
if [ -n "${FFIFUZZ_TIME:-}" ]; then args+=(--time "$FFIFUZZ_TIME")
elif ! grep -Eq '^[[:space:]]*time[[:space:]]*=' "$config"; then args+=(--time 30m); fi
out=${FFIFUZZ_OUT:-ffifuzz-ci}
args+=(--out "$out")
keep=${FFIFUZZ_KEEP:-}
[ -n "$keep" ] && { mkdir -p "$keep"; args+=(--findings "$keep"); }

rc=0
"$ffifuzz" "${args[@]}" || rc=$?

# Keep this night's finding folders (new ones only: an existing folder is never overwritten).
if [ -n "$keep" ] && [ -d "$out/findings" ]; then
  for f in "$out"/findings/*/; do
    [ -d "$f" ] && [ ! -e "$keep/$(basename "$f")" ] && cp -r "$f" "$keep/"
  done
fi
exit "$rc"
