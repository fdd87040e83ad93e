#!/usr/bin/env python3
"""Precision on libraries nobody described (docs/contracts.md, "Learning").

Runs `ffifuzz fuzz --keep-going` on each library with its header and .so only, no contract:
the six real libraries the project builds from Debian source (coverage + ASan builds, their
hand-written contracts set aside) and Debian -dev libraries the project never wrote a contract
for (Debian's own .so). One core each, fixed seed. Prints per library: findings reported as
`bug` (each to be judged by a person: class, function, key), contract gaps (learned / not),
learned rules, executions, coverage (libFuzzer's cov), and, where a hand-written contract
exists, how many of its entries the learned file states the same.

    python3 bench/precision/precision.py [--build build] [--seconds 600] [--jobs 2] [--only zlib,lzma]
                                         [--keep DIR]

--jobs runs that many libraries side by side (each still one worker: one core).
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# name, library, header, extra ffifuzz arguments; {real} is BUILD/real/cov-asan.
LIBRARIES = [
    ("zlib", "{real}/zlib/lib/libz.so", "{real}/zlib/include/zlib.h", []),
    ("libyaml", "{real}/libyaml/lib/libyaml.so", "{real}/libyaml/include/yaml.h", []),
    ("jansson", "{real}/jansson/lib/libjansson.so", "{real}/jansson/include/jansson.h", []),
    ("expat", "{real}/expat/lib/libexpat.so", "{real}/expat/include/expat.h", []),
    ("c-ares", "{real}/c-ares/lib/libcares.so", "{real}/c-ares/include/ares.h", []),
    ("md4c", "{real}/md4c/lib/libmd4c.so", "{real}/md4c/include/md4c.h", []),
    # Never described by the project: Debian's own builds.
    ("lzma", "/usr/lib/x86_64-linux-gnu/liblzma.so", "/usr/include/lzma.h", []),
    ("pcre2", "/usr/lib/x86_64-linux-gnu/libpcre2-8.so", "/usr/include/pcre2.h", ["-D", "PCRE2_CODE_UNIT_WIDTH=8"]),
    ("libsodium", "/usr/lib/x86_64-linux-gnu/libsodium.so", "/usr/include/sodium.h", []),
    ("json-c", "/usr/lib/x86_64-linux-gnu/libjson-c.so", "/usr/include/json-c/json.h", []),
    ("libcbor", "/usr/lib/x86_64-linux-gnu/libcbor.so", "/usr/include/cbor.h", []),
    # A header that names no parameter: types and function names are all there is.
    ("libzip", "/usr/lib/x86_64-linux-gnu/libzip.so", "/usr/include/zip.h", []),
]


def contract_entries(path):
    """(table, key, value) of every setting in a contract file, tables flattened."""
    try:
        data = tomllib.loads(Path(path).read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return set()
    out = set()

    def walk(prefix, node):
        for k, v in node.items():
            if isinstance(v, dict):
                walk(f"{prefix}.{k}" if prefix else k, v)
            else:
                out.add((prefix, k, json.dumps(v, sort_keys=True)))

    walk("", data)
    return {e for e in out if not e[0].startswith("ci") and not e[0].startswith("fuzz")}


def run_one(name, lib, header, extra, args, workdir):
    out = workdir / name
    cmd = [args.ffifuzz, "fuzz", "--lib", lib, "--header", header, *extra, "--out", str(out), "--seed", "1",
           "--max-time", str(args.seconds), "--keep-going"]
    started = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    wall = time.monotonic() - started
    text = p.stdout + p.stderr
    # What the user would have seen, kept with the run (an early stop is explained there).
    if out.exists():
        (out / "ffifuzz-output.txt").write_text(text)
    row = {"library": name, "exit": p.returncode, "bugs": [], "gaps_learned": 0, "gaps_unlearned": 0, "rules": 0,
           "executions": None, "coverage": None, "contract": None}
    m = re.findall(r"(?:in|after) (\d+) executions", text)
    if m:
        row["executions"] = int(m[-1])
    cov = []
    for log in sorted(out.glob("fuzz*.log")):
        cov += [int(c) for c in re.findall(r"\bcov: (\d+)", log.read_text(errors="replace"))]
    row["coverage"] = max(cov) if cov else None
    for f in sorted((out / "findings").glob("*/finding.json")):
        j = json.loads(f.read_text())
        if j.get("verdict") == "contract-gap":
            row["gaps_learned" if j.get("learned") else "gaps_unlearned"] += 1
        else:
            row["bugs"].append(f"{j.get('class')} in {j.get('function')} ({j.get('key', '')[:8]}): "
                               f"{j.get('evidence', '')[:160]}")
    learned = out / "learned.toml"
    if learned.exists():
        row["rules"] = sum(1 for line in learned.read_text().splitlines()
                           if line and not line.startswith("#") and not line.startswith("[") and "=" in line)
    hand = ROOT / "targets" / "real" / name / "contract.toml"
    if hand.exists():
        mine = contract_entries(learned) if learned.exists() else set()
        theirs = contract_entries(hand)
        row["contract"] = (len(theirs & mine), len(theirs))
    row["wall"] = round(wall)
    # A run that ended well before its budget says why in its last lines.
    if "stopping here" in text:
        row["stopped"] = "stopped early: it kept meeting a finding it could not set aside"
    if p.returncode not in (0, 1):
        row["error"] = text.strip().splitlines()[-1] if text.strip() else f"exit {p.returncode}"
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", default="", help="keep every run's OUT folder here")
    ap.add_argument("--ffifuzz", default="", help="the binary (default: BUILD/bin/ffifuzz, copied with the "
                                                  "ffifuzz-worker beside it first so that a rebuild during the runs "
                                                  "does not pull them from under them)")
    args = ap.parse_args()
    binary = Path(args.ffifuzz or Path(args.build) / "bin" / "ffifuzz")
    snapshot = Path(tempfile.mkdtemp(prefix="ffifuzz-precision-bin-")) / "ffifuzz"
    shutil.copy2(binary, snapshot)
    # Its workers run ffifuzz-worker from beside it (docs/ARCHITECTURE.md, "Speed").
    if (binary.parent / "ffifuzz-worker").exists():
        shutil.copy2(binary.parent / "ffifuzz-worker", snapshot.parent / "ffifuzz-worker")
    args.ffifuzz = str(snapshot)
    real = Path(args.build) / "real" / "cov-asan"
    wanted = set(filter(None, args.only.split(",")))
    todo = []
    for name, lib, header, extra in LIBRARIES:
        if wanted and name not in wanted:
            continue
        lib, header = lib.format(real=real), header.format(real=real)
        if not Path(lib).exists() or not Path(header).exists():
            print(f"{name}: skipped, {lib if not Path(lib).exists() else header} is missing", file=sys.stderr)
            continue
        todo.append((name, lib, header, extra))
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ffifuzz-precision-"))
    workdir.mkdir(parents=True, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = list(pool.map(lambda t: run_one(*t, args, workdir), todo))
    print(f"{'library':10} {'bugs':>4} {'gaps learned':>12} {'unlearned':>9} {'rules':>5} {'executions':>11} "
          f"{'cov':>6} {'hand contract covered':>22}")
    for r in rows:
        c = f"{r['contract'][0]}/{r['contract'][1]}" if r["contract"] else "-"
        print(f"{r['library']:10} {len(r['bugs']):>4} {r['gaps_learned']:>12} {r['gaps_unlearned']:>9} {r['rules']:>5} "
              f"{r['executions'] if r['executions'] is not None else '-':>11} "
              f"{r['coverage'] if r['coverage'] is not None else '-':>6} {c:>22}")
    for r in rows:
        for b in r["bugs"]:
            print(f"  bug  {r['library']}: {b}")
        if "error" in r:
            print(f"  error {r['library']}: exit {r['exit']}: {r['error']}")
        if "stopped" in r:
            print(f"  note {r['library']}: {r['stopped']} after {r['wall']} s (see its ffifuzz-output.txt)")
    print(f"(runs kept in {workdir})" if args.keep else "", end="")


if __name__ == "__main__":
    main()
