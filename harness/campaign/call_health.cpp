#include "campaign/call_health.h"

#include <algorithm>

#include "campaign/set_aside.h"
#include "driver/call_stats.h"

namespace ffifuzz::campaign {

namespace {

// Its result is an object later calls take (a handle it returns).
bool is_constructor(const program::FunctionPlan& f) {
  return !f.produces.empty() && f.produced_by < 0 &&
         (f.ret == program::ReturnKind::OwnedHandle || f.ret == program::ReturnKind::Borrowed);
}

}  // namespace

std::vector<std::string> CallHealth::check() {
  std::vector<std::string> fresh;
  if (dir_.empty()) return fresh;
  const driver::CallStats stats = driver::read_call_stats(dir_);
  const std::map<std::string, driver::CallCount>& counts = stats.functions;
  programs_ = stats.programs;
  if (stats.programs < kWarmUpPrograms) return fresh;
  const SetAsideNames aside = set_aside_.empty() ? SetAsideNames{} : read_set_aside(set_aside_);
  for (const program::FunctionPlan& f : plan_->functions) {
    if (std::find(aside.skip.begin(), aside.skip.end(), f.name) != aside.skip.end()) continue;
    auto it = counts.find(f.name);
    const driver::CallCount c = it == counts.end() ? driver::CallCount{} : it->second;
    if (is_constructor(f) && c.calls >= kConstructorCalls && c.zero_results == c.calls &&
        reported_.insert("null " + f.name).second) {
      fresh.push_back(f.name + " returned NULL on every one of its " + std::to_string(c.calls) +
                      " calls: nothing that needs the " + f.produces +
                      " it makes is being tested (has a call replaced a process-wide setting, such as the "
                      "allocator? skip that function in a contract)");
    }
    if (c.calls == 0 && reported_.insert("never " + f.name).second)
      fresh.push_back(f.name + " was never called in " + std::to_string(stats.programs) +
                      " programs: nothing the run made could be given to it, or what it requires never succeeded");
  }
  for (const std::string& line : fresh) said_.push_back(line);
  return fresh;
}

}  // namespace ffifuzz::campaign
