// driver/library_edges: which of the library's own edges the fuzz run has reached, over time.
// Job: libFuzzer's -fork status lines cannot say it. Their "cov:" starts as the feature count
// of the first merge and then adds coverage indexes, and every count it prints mixes in
// ffifuzz's 4,096 API-level extra counters (docs/ci.md, "What the numbers mean"). So each
// worker process ORs the library's SanitizerCoverage 8-bit counters (its `__sancov_cntrs`
// section, one counter per edge) into a file mapped shared into memory,
// STATS_DIR/edges-<pid>.bin, one byte per edge, after every input; the supervisor ORs the
// files: edges reached so far, of the library's total. Like call_stats, the bytes live in the
// page cache, so a job that dies on a finding keeps what it reached.
// May depend on: nothing (reads the library's ELF section headers itself: no libelf here).
#pragma once

#include <cstdint>
#include <string>

namespace ffifuzz::driver {

// Worker side: `lib` is the loaded library's path. Best effort: a library without the
// section (no SanitizerCoverage) records nothing. With `dir` empty (an exported target has
// no stats folder), or a file that cannot be made there, only the hit-count classes are
// kept: length control's progress needs them in every fuzzing process.
void start_library_edges(const std::string& dir, const std::string& lib);
// Whether the library file has SanitizerCoverage's 8-bit counters (libFuzzer's signal);
// false for AFL++'s trace-pc-guard builds, coverage (profile) builds and plain ones.
bool library_has_edge_counters(const std::string& lib);
// After each input: the counters the input set, kept. True when one of them reached a
// hit-count class it never had before in this process (progress, driver/length_control).
bool note_library_edges();

struct LibraryEdges {
  uint64_t covered = 0;
  uint64_t total = 0;  // 0: nothing recorded (no SanitizerCoverage, or no worker ran yet)
};

// Supervisor side: the OR of every process's file under `dir` (its subfolders too: one per pass).
LibraryEdges read_library_edges(const std::string& dir);

}  // namespace ffifuzz::driver
