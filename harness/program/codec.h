// program/codec: the binary form of a program — what libFuzzer stores in corpus files.
// Job: encode and decode. Decoding is total: any byte string decodes to a valid program
// (libFuzzer's own byte mutations always yield runnable inputs); integers are stored as
// their raw little-endian bytes so that libFuzzer's comparison-driven mutations (the values
// the library compares against) land directly in argument values.
// Layout: [version][call count] then per call [function u16][one field per slot].
// May depend on: program.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "program/program.h"

namespace ffifuzz::program {

std::vector<uint8_t> encode(const ApiPlan& plan, const model::ApiModel& api, const Program& program);
// The same into `out` (replacing its contents, reusing its storage).
void encode_into(const ApiPlan& plan, const model::ApiModel& api, const Program& program, std::vector<uint8_t>& out);

// Total: never fails. `data` may be anything.
Program decode(const ApiPlan& plan, const model::ApiModel& api, std::span<const uint8_t> data);
// The same into `out`, reusing its storage: the fuzz loop decodes every input, and with the
// harness under ASan every allocation costs a recorded stack.
void decode_into(const ApiPlan& plan, const model::ApiModel& api, std::span<const uint8_t> data, Program& out);

// True when the data starts with this build's codec version byte. Used to tell a stale or
// foreign file from a real input (fuzzing ignores such inputs; repro refuses them).
bool has_current_version(std::span<const uint8_t> data);

}  // namespace ffifuzz::program
