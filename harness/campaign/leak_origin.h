// campaign/leak_origin: which call of a program made the memory a leak report is about, when the
// report cannot say. LeakSanitizer reports at exit, after the harness's final releases, and
// in a stripped library built without frame pointers (Debian's own .so files) the allocation
// stack is one unnamed frame: "the call that was running" is then a release, never the
// culprit. Replaying the program's prefixes (each still ends with the releases) finds the
// first call after which the same leak is there.
// May depend on: anything in cli.
#pragma once

#include <string>

#include "campaign/replay.h"
#include "program/program.h"
#include "report/classify.h"
#include "report/dedup.h"

namespace ffifuzz::campaign {

// A leak whose exported function is only the trace's guess.
bool leak_origin_unknown(const report::Classification& finding);

// When `finding` is such a leak: names it after the last call of the shortest prefix of
// `program` that reproduces it (the same report::leak_site_key; at most one replay per
// call). Returns whether it did; `finding` is left as it was when no prefix leaks so.
bool name_leaking_call(Replayer& replayer, const program::Program& program, report::Classification& finding);

}  // namespace ffifuzz::campaign
