#include "check/check.h"

#include <algorithm>
#include "check/rust_library.h"

namespace ffifuzz::check {

CheckResult run_checks(const model::ApiModel& api, const model::BinaryFacts& facts) {
  CheckResult result;
  check_symbols(api, facts, result);
  check_layouts(api, facts, result);
  check_signatures(api, facts, result);
  if (!facts.has_dwarf)
    result.not_checked_reason =
        facts.path + " has no debug info (DWARF), so struct layouts and signatures were not checked: " +
        (is_rust_library(facts)
             ? "build it with `debug = true` in the Cargo profile (and without `strip`)"
             : "build it with -g (C) or `debug = true` in the Cargo profile (Rust), or install its -dbgsym package");
  else if (!facts.functions.empty() &&
           std::none_of(facts.functions.begin(), facts.functions.end(),
                        [](const model::BinaryFunction& f) { return f.types_known; }))
    result.not_checked_reason =
        facts.path + " has line tables only in its debug info (-gline-tables-only, -Cdebuginfo=1), so signatures " +
        "were not checked: build it with -g (C) or -Cdebuginfo=2 / `debug = true` (Rust)";
  return result;
}

}  // namespace ffifuzz::check
