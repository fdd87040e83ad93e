// driver/length_control: how long a buffer the mutator may make now.
// Job: libFuzzer's -len_control (on by default, off when there is a custom mutator) keeps
// inputs short until short ones stop finding anything, then lets them grow a little. Long
// buffers cost every execution their length (zlib's deflate of a 16 KB buffer), and without
// it a zlib run's inputs averaged 3.4 KB against a hand harness's 165 bytes, at 0.73x the
// executions per second of the same run with it. ffifuzz keeps its own rather than
// libFuzzer's, which bounds the whole input: a comparison hint that asks for a length the
// library computed (c_barrier's width*height*channels) must get it at once, and so may go
// past the bound (docs/ARCHITECTURE.md, "Speed").
// The rule is libFuzzer's: after 100*log2(bound) executions without progress, the bound
// grows by log2(bound) bytes. Progress is what this worker sees for the first time: a counter
// of the library's own coverage, or of a pair of calls with a result class (the API signal),
// in a hit-count class it never had (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+: libFuzzer's
// features of a counter). Counting only edges never reached before let the bound grow to
// -max_len within minutes on zlib, where libFuzzer keeps adding inputs for new hit counts.
// Calls are bounded the same way: a program may have 4 calls at first, one more after
// kCallStall executions per call allowed without progress (4,000 at 4 calls, 23,000 at 23).
// Each call costs an execution its run (zlib's deflateInit_ allocates 256 KB under ASan), and
// the first programs ffifuzz makes and keeps averaged 7.7 calls on zlib; with at most 4, a
// 60-second zlib run made 1.6x the executions and reached as many edges.
// May depend on: nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ffifuzz::driver {

// `initial` bytes at first, never more than `max` (the run's buffer bound, from -max_len).
void start_length_control(size_t initial, size_t max);
// Programs of `initial` calls at first, never more than `max`.
void start_call_control(size_t initial, size_t max);
inline constexpr uint64_t kCallStall = 1000;
// Keeps the bounds in STATS_DIR/length-control.bin, and starts from the ones already there
// when they are larger (carry_length_control put them there from the previous pass).
void keep_length_control(const std::string& stats_dir);
// Supervisor side: the next pass's folder gets the last pass's bounds.
void carry_length_control(const std::string& from_stats_dir, const std::string& to_stats_dir);
// One input run; `progressed`: it reached something this worker had not reached before.
void note_execution(bool progressed);
// The most bytes a buffer made by a mutation may have now.
size_t length_bound();
// The most calls a program made by a mutation may have now.
size_t call_bound();

// The hit-count class of a non-zero counter, as one bit.
inline uint8_t counter_class_bit(uint8_t counter) {
  const int c = counter >= 128 ? 7 : counter >= 32 ? 6 : counter >= 16 ? 5 : counter >= 8 ? 4 : counter >= 4 ? 3 : counter - 1;
  return static_cast<uint8_t>(1u << c);
}
// ORs each non-zero counter's class into `classes` (one byte per counter); true when one of
// them was new. Reads eight counters at a time: most are zero after any one input.
bool note_counter_classes(const uint8_t* counters, uint8_t* classes, size_t n);

}  // namespace ffifuzz::driver
