#include "campaign/skipped_functions.h"

#include <set>

#include "binary/read_binary.h"
#include "check/check.h"
#include "driver/run_session.h"
#include "exec/ffi_frames.h"

namespace ffifuzz::campaign {

std::map<std::string, std::string> functions_check_rules_out(const model::ApiModel& api, const model::BinaryFacts& facts) {
  std::map<std::string, std::string> out;
  check::CheckResult checked = check::run_checks(api, facts);
  for (const check::Finding& f : checked.findings)
    if ((f.klass == check::kFfiUnsafeType || f.klass == check::kSignatureMismatch) && !f.function.empty())
      out.emplace(f.function, "ffifuzz check: " + f.klass + ": " + f.message);
  return out;
}

std::vector<SkippedFunction> skipped_functions(const LoadedTarget& target) {
  const model::ApiModel& api = target.api;
  std::map<std::string, std::string> unavailable;
  std::set<std::string> exports;
  const bool with_library = !target.options.lib.empty();
  if (with_library) {
    const model::BinaryFacts facts = binary::read_binary(target.options.lib);
    unavailable = functions_check_rules_out(api, facts);
    for (const model::BinarySymbol& s : facts.exports) exports.insert(s.name);
  }
  const exec::FfiFrames frames(api);
  driver::add_unavailable_functions(
      api, frames, [&](const std::string& name) { return !with_library || exports.count(name) > 0; }, unavailable);
  const program::ApiPlan plan = program::build_plan(api, target.contracts, unavailable);

  std::vector<SkippedFunction> out;
  for (const program::SkippedFunction& s : plan.skipped) {
    std::string source = "plan";
    const model::Function* f = api.find_function(s.name);
    const model::FunctionContract* fc = target.contracts.find(s.name);
    if (f && f->skip_reason) source = "header";
    else if (fc && fc->skip) source = model::to_string(fc->skip->origin.source);
    else if (unavailable.count(s.name)) source = "library";
    out.push_back({s.name, s.reason, source});
  }
  return out;
}

}  // namespace ffifuzz::campaign
