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
// grows by log2(bound) bytes. Progress is what this worker sees for the first time: an edge
// of the library's own coverage, or a pair of calls with a result class (the API signal).
// May depend on: nothing.
#pragma once

#include <cstddef>

namespace ffifuzz::driver {

// `initial` bytes at first, never more than `max` (the run's buffer bound, from -max_len).
void start_length_control(size_t initial, size_t max);
// One input run; `progressed`: it reached something this worker had not reached before.
void note_execution(bool progressed);
// The most bytes a buffer made by a mutation may have now.
size_t length_bound();

}  // namespace ffifuzz::driver
