// campaign/skipped_functions: which functions a run skips and why, decided once for every
// command. A fuzz session (campaign/session) loads the library and asks dlsym; `inspect`
// must not run the library's constructors, so it asks the ELF's export table instead, and
// both feed the same decisions (check's mismatches, driver's not-exported and libffi rules,
// the plan's) so that inspect lists what fuzz prints (docs/inspect-json.md, "skipped").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "campaign/target.h"
#include "model/binary_facts.h"
#include "program/plan.h"

namespace ffifuzz::campaign {

// Functions whose real signature is not the header's, or that pass an FFI-unsafe type, by
// ffifuzz check: calling them would corrupt memory through no fault of the library's.
std::map<std::string, std::string> functions_check_rules_out(const model::ApiModel& api, const model::BinaryFacts& facts);

struct SkippedFunction {
  std::string name;
  std::string reason;  // as a fuzz run prints it ("ffifuzz: skipping NAME: REASON")
  // Who decided: "header" (the harness cannot call its declaration), a contract source
  // ("contract-file", ...) for a contract's skip, "library" (the library's exports, check,
  // libffi), or "plan" (what it needs cannot be called or is not stated).
  std::string source;
};

// What a run of `target` would skip (no --function focus). Without a library, only what the
// header and the contracts decide.
std::vector<SkippedFunction> skipped_functions(const LoadedTarget& target);

}  // namespace ffifuzz::campaign
