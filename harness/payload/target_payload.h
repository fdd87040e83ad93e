// payload/target_payload: everything an exported fuzz target needs to run its library,
// fixed at export time (docs/export.md).
// Job: hold and (de)serialize what `ffifuzz fuzz` would otherwise compute on each start
// from the header (libclang), the contract sources and the library's ELF/DWARF (libelf,
// libdw): none of those exist where OSS-Fuzz or ClusterFuzzLite run a fuzz target.
// What can be recomputed from the library alone (which functions it exports, which types
// libffi can pass) is recomputed at run time, exactly as the fuzz worker does.
// May depend on: model, nlohmann-json.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::payload {

// Bumped when the layout changes: a target exported by another ffifuzz says so clearly.
inline constexpr int kPayloadVersion = 1;

struct TargetPayload {
  std::string name;     // the fuzz target's name ("foo" for foo_fuzzer)
  std::string library;  // the library, relative to the fuzz target's folder ("lib/libfoo.so")
  model::ApiModel api;
  model::Contracts contracts;  // merged from every source
  // Functions not to call, decided from the ELF/DWARF at export time (ffifuzz check's
  // signature mismatches and FFI-unsafe types), with the reason.
  std::map<std::string, std::string> unavailable;
  std::vector<std::string> only_functions;  // --function focus; empty: all
  // The library's instrumentation, as the fuzz supervisor decides it (cmd_fuzz.cpp).
  bool api_signal = false;    // no SanitizerCoverage: feed the API-level signal
  bool heap_buffers = false;  // ASan-instrumented: pass buffers in exact ASan heap blocks
  std::vector<uint64_t> constants;  // compare constants for the generator (uninstrumented compares)

  bool operator==(const TargetPayload&) const = default;
};

// The payload as JSON text.
std::string write_payload(const TargetPayload& payload);
// Throws InputError when `text` is not a payload of this version.
TargetPayload read_payload(std::string_view text);

}  // namespace ffifuzz::payload
