#include "campaign/leak_origin.h"

namespace ffifuzz::campaign {

bool leak_origin_unknown(const report::Classification& finding) {
  return finding.finding_class == "leak" && finding.function_from_trace;
}

bool name_leaking_call(Replayer& replayer, const program::Program& program, report::Classification& finding) {
  if (!leak_origin_unknown(finding)) return false;
  const std::string site = report::leak_site_key(finding, replayer.context()).hex;
  // Prefixes are valid programs: a handle argument only ever refers to earlier results.
  program::Program prefix;
  for (const program::Call& call : program.calls) {
    prefix.calls.push_back(call);
    ReplayOutcome o = replayer.replay(prefix);
    if (o.finding.finding_class == "leak" && o.site.hex == site) {
      finding.function = replayer.session().plan.functions[call.fn].name;
      finding.function_from_trace = false;
      return true;
    }
  }
  return false;
}

}  // namespace ffifuzz::campaign
