#include "cli/leak_origin.h"

namespace ffifuzz::cli {

bool leak_origin_unknown(const report::Classification& finding) {
  return finding.finding_class == "leak" && finding.function_from_trace;
}

std::string leaking_call(Replayer& replayer, const program::Program& program, const report::DedupKey& site) {
  const program::ApiPlan& plan = replayer.session().plan;
  // Prefixes are valid programs: a handle argument only ever refers to earlier results.
  program::Program prefix;
  for (const program::Call& call : program.calls) {
    prefix.calls.push_back(call);
    ReplayOutcome o = replayer.replay(prefix);
    if (o.finding.finding_class == "leak" && o.site.hex == site.hex) return plan.functions[call.fn].name;
  }
  return {};
}

}  // namespace ffifuzz::cli
