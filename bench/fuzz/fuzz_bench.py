#!/usr/bin/env python3
"""Whole-run fuzzing benchmarks: `ffifuzz fuzz` against hand-written libFuzzer harnesses.

  speed  execs/s of both on the seed library (cov-asan), same budget, several seeds, the
         ratio of ffifuzz to the hand-written harness per seed and of the medians.
  bugs   executions and seconds to each planted bug of rust_leaks, rust_double_free and
         c_bugs (cov-asan): `ffifuzz fuzz --function F` vs the hand harness focused on F
         ($HAND_FUNCTION=F), same seeds, same caps; medians over the seeds.
  cmp    comparison feedback on/off: magic-value bugs in the cov flavour, ffifuzz with its
         defaults (trace-cmp, -use_value_profile=1, -use_cmp=1) vs without
         (-use_cmp=0 -use_value_profile=0, FFIFUZZ_NO_CONSTANTS=1), same seeds and caps.
  hints  comparison hints on/off: the bugs behind a length and a count barrier (c_barrier,
         cov-asan), ffifuzz with its defaults vs FFIFUZZ_NO_HINTS=1 (value profile and
         libFuzzer's comparison tables still on), same seeds and caps.

Markdown goes to stdout, JSON to --json. Machines are noisy: the figures to compare are the
ratios measured in the same run, never the absolute numbers.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The planted runtime bugs the hand harnesses can reach (expect.toml, cov-asan flavour).
BUGS = [
    ("rust_leaks", "token_new", "leak"),
    ("rust_leaks", "record_new", "leak"),
    ("rust_leaks", "blob_checksum", "leak"),
    ("rust_double_free", "session_destroy", "double-free"),
    ("rust_double_free", "shared_free", "double-free"),
    ("c_bugs", "bugs_scale", "undefined-behavior"),
    ("c_bugs", "bugs_checksum", "undefined-behavior"),
    ("c_bugs", "bugs_nest", "stack-overflow"),
    ("c_bugs", "bugs_bitcount", "timeout"),
    ("c_bugs", "bugs_status", "exit"),
    ("c_bugs", "bugs_fill", "out-of-memory"),
    ("c_bugs", "bugs_label", "null-deref"),
    ("c_bugs", "bugs_msg_free", "invalid-free"),
    ("c_bugs", "bugs_hex", "heap-overflow"),
]

# Magic-value bugs for the comparison-feedback demonstration (cov flavour).
# (bugs_scale's factor == 0x5CA1AB1E is signed-overflow UB: no finding without UBSan, so
# not in cov.)
CMP_BUGS = [
    ("rust_panic", "decode_mode", "mode == 0x0BADC0DE (panic)"),
    ("c_bugs", "bugs_status", "code == 0xDEADB1A5 (exit)"),
    ("c_bugs", "bugs_nest", "depth == 0xC0FFEE00 (stack overflow)"),
]

# libFuzzer flags ffifuzz sets by default; the hand harnesses get the same.
COMMON_FLAGS = ["-timeout=10", "-rss_limit_mb=2560", "-malloc_limit_mb=2048", "-use_value_profile=1",
                "-print_final_stats=1", "-max_len=16384"]

FINDING_LINE = re.compile(r"==\d+==ERROR|ERROR: libFuzzer|runtime error:|panicked at|Test unit written to|"
                          r"ERROR: LeakSanitizer|ERROR: AddressSanitizer")


def run_timed(cmd, env=None, cwd=None, timeout=None):
    """Runs cmd, returns (log, seconds to the first finding line or None, wall seconds)."""
    start = time.monotonic()
    first = None
    lines = []
    full_env = dict(os.environ)
    full_env.update(env or {})
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=full_env, cwd=cwd,
                         text=True, errors="replace")
    for line in p.stdout:
        if first is None and FINDING_LINE.search(line):
            first = time.monotonic() - start
        lines.append(line)
    try:
        p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return "".join(lines), first, time.monotonic() - start


def stat(log, name):
    m = re.findall(r"stat::%s:\s+(\d+)" % name, log)
    return int(m[-1]) if m else None


def hand_class(log):
    """The finding class of a hand-harness crash log, in ffifuzz's vocabulary."""
    rules = [
        (r"LeakSanitizer: detected memory leaks", "leak"),
        (r"attempting double-free", "double-free"),
        (r"attempting free on address which was not malloc", "invalid-free"),
        (r"heap-use-after-free", "use-after-free"),
        (r"heap-buffer-overflow", "heap-overflow"),
        (r"stack-overflow", "stack-overflow"),
        (r"runtime error:", "undefined-behavior"),
        (r"panicked at", "rust-panic"),
        (r"ERROR: libFuzzer: timeout", "timeout"),
        (r"ERROR: libFuzzer: fuzz target exited", "abort"),
        (r"out-of-memory|allocation-size-too-big|exceeds maximum supported size", "out-of-memory"),
        (r"SEGV on unknown address 0x0+ ", "null-deref"),
        (r"SEGV on unknown address", "wild-access"),
        (r"ERROR: libFuzzer: deadly signal|ABRT|abort", "abort"),
    ]
    for pattern, klass in rules:
        if re.search(pattern, log):
            return klass
    return None


class Bench:
    def __init__(self, build, workdir):
        self.build = os.path.abspath(build)
        self.ffifuzz = os.path.join(self.build, "bin", "ffifuzz")
        self.work = workdir
        for p in [self.ffifuzz]:
            if not os.access(p, os.X_OK):
                sys.exit("fuzz_bench: %s is missing: build it (ninja -C %s ffifuzz)" % (p, build))

    def lib(self, target, flavour):
        return os.path.join(self.build, "zoo", flavour, "lib%s.so" % target)

    def header(self, target):
        return os.path.join(ROOT, "targets", target, target + ".h")

    def hand(self, target):
        return os.path.join(self.build, "bench", "fuzz", "bench_hand_" + target)

    def fresh(self, name):
        d = os.path.join(self.work, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        return d

    def run_ffifuzz(self, target, flavour, seed, name, function=None, runs=None, seconds=None, flags=(), env=None,
                    timeout=None):
        out = self.fresh(name)
        cmd = [self.ffifuzz, "fuzz", "--lib", self.lib(target, flavour), "--header", self.header(target),
               "--out", out, "--seed", str(seed)]
        if function:
            cmd += ["--function", function]
        if runs is not None:
            cmd += ["--runs", str(runs)]
        if seconds is not None:
            cmd += ["--max-time", str(seconds)]
        if flags:
            cmd += ["--"] + list(flags)
        log, first, wall = run_timed(cmd, env=env, timeout=timeout)
        # libFuzzer's own lines (its final stats) go to OUT/fuzz.log, not to the terminal.
        try:
            with open(os.path.join(out, "fuzz.log"), errors="replace") as f:
                log += "\n" + f.read()
        except OSError:
            pass
        m = re.search(r"ffifuzz: FINDING (\S+) in (\S+)", log)
        found = re.search(r"found after (\d+) executions", log)
        return {
            "tool": "ffifuzz", "seed": seed, "command": cmd, "env": env or {},
            "execs": int(found.group(1)) if found else stat(log, "number_of_executed_units"),
            "execs_per_sec": stat(log, "average_exec_per_sec"),
            "class": m.group(1) if m else None, "function": m.group(2) if m else None,
            "seconds_to_finding": first if m else None, "wall_seconds": wall,
        }

    def run_hand(self, target, seed, name, function=None, runs=None, seconds=None, flags=(), timeout=None):
        corpus = self.fresh(name)
        cmd = [self.hand(target)] + COMMON_FLAGS + ["-seed=%d" % seed, "-artifact_prefix=%s/" % corpus]
        if runs is not None:
            cmd.append("-runs=%d" % runs)
        if seconds is not None:
            cmd.append("-max_total_time=%d" % seconds)
        cmd += list(flags) + [os.path.join(corpus, "corpus")]
        os.makedirs(os.path.join(corpus, "corpus"))
        env = {"HAND_LIB": self.lib(target, "cov-asan")}
        if function:
            env["HAND_FUNCTION"] = function
        log, first, wall = run_timed(cmd, env=env, cwd=corpus, timeout=timeout)
        crashed = "Test unit written to" in log or re.search(r"==\d+==ERROR", log) is not None
        return {
            "tool": "hand", "seed": seed, "command": cmd, "env": env,
            "execs": stat(log, "number_of_executed_units"),
            "execs_per_sec": stat(log, "average_exec_per_sec"),
            "class": hand_class(log) if crashed else None, "function": function if crashed else None,
            "seconds_to_finding": first if crashed else None, "wall_seconds": wall,
        }


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=0):
    if x is None:
        return "-"
    return ("%%.%df" % digits) % x


def checked_fuzz_loop(build):
    """FFIFUZZ_CHECKED_FUZZ_LOOP of the build (ON: the fuzz loop is ASan-instrumented too, slower)."""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            m = re.search(r"^FFIFUZZ_CHECKED_FUZZ_LOOP:BOOL=(\w+)", f.read(), re.M)
            return m.group(1) if m else "unknown"
    except OSError:
        return "unknown"


def speed(b, seeds, seconds, report):
    rows = []
    for s in seeds:
        # Interleaved, one at a time: both see the same machine load as far as possible.
        f = b.run_ffifuzz("seed", "cov-asan", s, "speed-ffifuzz-%d" % s, seconds=seconds)
        h = b.run_hand("seed", s, "speed-hand-%d" % s, seconds=seconds)
        ratio = f["execs_per_sec"] / h["execs_per_sec"] if f["execs_per_sec"] and h["execs_per_sec"] else None
        rows.append({"seed": s, "ffifuzz": f, "hand": h, "ratio": ratio})
    med_f = median(r["ffifuzz"]["execs_per_sec"] for r in rows)
    med_h = median(r["hand"]["execs_per_sec"] for r in rows)
    result = {"library": "seed (cov-asan)", "seconds": seconds, "runs": rows,
              "median_ffifuzz_execs_per_sec": med_f, "median_hand_execs_per_sec": med_h,
              "ratio_of_medians": med_f / med_h if med_f and med_h else None,
              "median_ratio": median(r["ratio"] for r in rows), "bar": 0.5, "goal": 0.9}
    checked = checked_fuzz_loop(b.build)
    result["checked_fuzz_loop"] = checked
    print("## execs/s on seed (cov-asan), %d s per run, seeds %s\n" % (seconds, " ".join(map(str, seeds))))
    print("Build: FFIFUZZ_CHECKED_FUZZ_LOOP=%s%s\n" % (
        checked, " (the ci preset's checked fuzz loop, not the product's speed)" if checked == "ON" else ""))
    print("| seed | ffifuzz execs/s | hand-written execs/s | ratio |")
    print("|---:|---:|---:|---:|")
    for r in rows:
        print("| %d | %s | %s | %s |" % (r["seed"], fmt(r["ffifuzz"]["execs_per_sec"]), fmt(r["hand"]["execs_per_sec"]),
                                      fmt(r["ratio"], 2)))
    print("| median | %s | %s | **%s** (median of ratios %s) |\n" % (
        fmt(med_f), fmt(med_h), fmt(result["ratio_of_medians"], 2), fmt(result["median_ratio"], 2)))
    print("Bar: ratio >= 0.5; goal >= 0.9.\n")
    report["speed"] = result


def bugs(b, seeds, runs, seconds, selected, report):
    rows = []
    for target, function, klass in BUGS:
        if selected and function not in selected and target not in selected:
            continue
        per_tool = {}
        for tool in ("ffifuzz", "hand"):
            results = []
            for s in seeds:
                name = "bug-%s-%s-%s-%d" % (tool, target, function, s)
                # -timeout=3 for both: the timeout bug then costs 3 s, not 10, after it is hit.
                if tool == "ffifuzz":
                    r = b.run_ffifuzz(target, "cov-asan", s, name, function=function, runs=runs, seconds=seconds,
                                      flags=["-timeout=3"])
                else:
                    r = b.run_hand(target, s, name, function=function, runs=runs, seconds=seconds,
                                   flags=["-timeout=3"])
                r["expected"] = r["class"] == klass
                results.append(r)
            found = [r for r in results if r["expected"]]
            per_tool[tool] = {
                "runs": results, "found": len(found), "of": len(results),
                # Medians over the seeds that found it; "found" says how many did.
                "median_execs": median(r["execs"] for r in found),
                "median_seconds": median(r["seconds_to_finding"] for r in found),
                "other_classes": sorted({r["class"] for r in results if r["class"] and not r["expected"]}),
            }
        rows.append({"target": target, "function": function, "class": klass, **per_tool})
        sys.stderr.write("fuzz_bench: %s %s done\n" % (target, function))
    print("## Executions and seconds to each planted bug (cov-asan), seeds %s, cap %d runs / %d s\n" % (
        " ".join(map(str, seeds)), runs, seconds))
    print("Medians over the seeds that found the bug; `found` counts them. Seconds are wall time from the "
          "start of the process to the first sanitizer/libFuzzer error line (ffifuzz: including its "
          "header parse and supervisor start).\n")
    print("| target | function | class | ffifuzz found | ffifuzz execs | ffifuzz s | hand found | hand execs | hand s | execs ratio (ffifuzz/hand) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        f, h = r["ffifuzz"], r["hand"]
        ratio = f["median_execs"] / h["median_execs"] if f["median_execs"] and h["median_execs"] else None
        r["execs_ratio"] = ratio

        def found(t):
            s = "%d/%d" % (t["found"], t["of"])
            return s + (" (other: %s)" % ",".join(t["other_classes"]) if t["other_classes"] else "")
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["target"], r["function"], r["class"], found(f), fmt(f["median_execs"]), fmt(f["median_seconds"], 1),
            found(h), fmt(h["median_execs"]), fmt(h["median_seconds"], 1), fmt(ratio, 2)))
    print()
    report["bugs"] = {"seeds": seeds, "runs_cap": runs, "seconds_cap": seconds, "rows": rows}


def print_with_without(rows, title, key):
    """The with/without table: executions to find per seed, or the cap a seed ran to."""
    def cells(m):
        return ", ".join(("%d" % x["execs"]) if x["found"] else "not found within %s" % fmt(x["execs"])
                         for x in m["runs"])
    print("| target | function | %s | with: executions to find, per seed | without: executions to find, per seed |"
          % title)
    print("|---|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s | %s | %s |" % (r["target"], r["function"], r[key], cells(r["with"]), cells(r["without"])))
    print()


def cmp(b, seeds, runs, seconds, report):
    rows = []
    for target, function, condition in CMP_BUGS:
        modes = {}
        for mode in ("with", "without"):
            results = []
            for s in seeds:
                name = "cmp-%s-%s-%s-%d" % (mode, target, function, s)
                if mode == "with":
                    r = b.run_ffifuzz(target, "cov", s, name, function=function, runs=runs, seconds=seconds)
                else:
                    r = b.run_ffifuzz(target, "cov", s, name, function=function, runs=runs, seconds=seconds,
                                      flags=["-use_cmp=0", "-use_value_profile=0"], env={"FFIFUZZ_NO_CONSTANTS": "1"})
                r["found"] = r["function"] == function
                results.append(r)
            modes[mode] = {"runs": results, "found": sum(r["found"] for r in results), "of": len(results),
                           "median_execs_found": median(r["execs"] for r in results if r["found"])}
        rows.append({"target": target, "function": function, "condition": condition, **modes})
        sys.stderr.write("fuzz_bench: cmp %s %s done\n" % (target, function))
    print("## Comparison feedback reaches argument values (cov flavour), seeds %s, cap %d runs / %d s\n" % (
        " ".join(map(str, seeds)), runs, seconds))
    print("with: ffifuzz defaults (library trace-cmp, -use_value_profile=1, -use_cmp=1). without: "
          "`-- -use_cmp=0 -use_value_profile=0` and FFIFUZZ_NO_CONSTANTS=1.\n")
    print_with_without(rows, "magic", "condition")
    report["cmp"] = {"seeds": seeds, "runs_cap": runs, "seconds_cap": seconds, "rows": rows}


# Bugs behind a length or count barrier (c_barrier): only an exact buffer size gets past.
HINT_BUGS = [
    ("c_barrier", "barrier_encode", "len == width*height*channels (a byte length)"),
    ("c_barrier", "barrier_columns", "n_points == rows*cols (an element count)"),
]


def hints(b, seeds, runs, seconds, report):
    rows = []
    for target, function, barrier in HINT_BUGS:
        modes = {}
        for mode in ("with", "without"):
            results = []
            for s in seeds:
                name = "hints-%s-%s-%s-%d" % (mode, target, function, s)
                env = None if mode == "with" else {"FFIFUZZ_NO_HINTS": "1"}
                r = b.run_ffifuzz(target, "cov-asan", s, name, function=function, runs=runs, seconds=seconds, env=env)
                r["found"] = r["function"] == function
                results.append(r)
            modes[mode] = {"runs": results, "found": sum(r["found"] for r in results), "of": len(results),
                           "median_execs_found": median(r["execs"] for r in results if r["found"])}
        rows.append({"target": target, "function": function, "barrier": barrier, **modes})
        sys.stderr.write("fuzz_bench: hints %s %s done\n" % (target, function))
    print("## Comparison hints open length barriers (cov-asan), seeds %s, cap %d runs / %d s\n" % (
        " ".join(map(str, seeds)), runs, seconds))
    print("with: ffifuzz defaults. without: FFIFUZZ_NO_HINTS=1 (value profile and libFuzzer's comparison "
          "tables still on).\n")
    print_with_without(rows, "barrier", "barrier")
    report["hints"] = {"seeds": seeds, "runs_cap": runs, "seconds_cap": seconds, "rows": rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", help="the CMake build folder (ffifuzz, the zoo, bench/fuzz harnesses)")
    ap.add_argument("--what", default="speed,bugs", help="comma list of speed, bugs, cmp, hints")
    ap.add_argument("--seconds", type=int, default=20, help="budget of each speed run")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--bug-runs", type=int, default=2000000, help="execution cap of each bug run")
    ap.add_argument("--bug-seconds", type=int, default=60, help="time cap of each bug run")
    ap.add_argument("--bugs", default="", help="comma list of functions or targets (default: all)")
    ap.add_argument("--cmp-runs", type=int, default=200000)
    ap.add_argument("--cmp-seconds", type=int, default=120)
    ap.add_argument("--hint-runs", type=int, default=300000)
    ap.add_argument("--hint-seconds", type=int, default=180)
    ap.add_argument("--json", default="", help="JSON output (default: BUILD/bench/fuzz/fuzz_bench.json)")
    ap.add_argument("--workdir", default="", help="scratch folder (default: a temporary one, removed)")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",") if s]
    work = a.workdir or tempfile.mkdtemp(prefix="ffifuzz-bench-")
    b = Bench(a.build, work)
    what = set(a.what.split(","))
    report = {"host": os.uname().nodename, "cpus": os.cpu_count(), "loadavg_start": os.getloadavg()}
    if "speed" in what:
        speed(b, seeds, a.seconds, report)
    if "bugs" in what:
        bugs(b, seeds, a.bug_runs, a.bug_seconds, set(x for x in a.bugs.split(",") if x), report)
    if "cmp" in what:
        cmp(b, seeds, a.cmp_runs, a.cmp_seconds, report)
    if "hints" in what:
        hints(b, seeds, a.hint_runs, a.hint_seconds, report)
    report["loadavg_end"] = os.getloadavg()
    out = a.json or os.path.join(b.build, "bench", "fuzz", "fuzz_bench.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out + ".tmp", "w") as f:
        json.dump(report, f, indent=2)
    os.replace(out + ".tmp", out)
    sys.stderr.write("fuzz_bench: JSON written to %s\n" % out)
    if not a.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
