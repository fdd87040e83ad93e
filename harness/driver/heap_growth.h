// driver/heap_growth: a library that keeps memory from one program to the next.
// Job: every program is meant to leave the process as it found it (the ledger releases what
// it made). A library that keeps what it allocates reachable from its own globals (a cache,
// a list that only grows) is no leak to LeakSanitizer, and libFuzzer only meets it at its RSS
// limit, after a LeakSanitizer scan of the whole, growing heap after every such input: hours
// for what is a bug of the first minutes. After each program the worker compares the live
// heap (the sanitizer allocator's count, a few loads) with the smallest it has seen; grown by
// kGrowthLimit, it is an `out-of-memory` finding: "==ffifuzz== ERROR: out-of-memory: ..." with
// the allocator's memory profile (the stacks holding the memory, which key it), written to
// stderr and to the input's in-flight report (inflight.h), then abort().
// May depend on: inflight; the sanitizer allocator's interface (absent: no check).
#pragma once

#include <cstddef>

namespace ffifuzz::driver {

inline constexpr size_t kGrowthLimit = size_t{256} << 20;

// After each program.
void check_heap_growth();

}  // namespace ffifuzz::driver
