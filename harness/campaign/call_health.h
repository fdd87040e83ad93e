// campaign/call_health: a run that tests nothing must say so.
// Job: from the workers' call counts (driver/call_stats.h), name the functions a run is not
// really testing, once it has warmed up (kWarmUpPrograms programs run):
//   - a constructor (a function whose result is an object later calls need) that returned
//     NULL on every one of at least kConstructorCalls calls: a process-wide setting the
//     harness changed (an allocator replaced with its do-nothing callbacks, a global init
//     undone), or arguments it can never get right; everything that needs what it makes goes
//     untested;
//   - a function the plan drives that was never called: nothing ever made what it needs, or
//     what it requires never succeeded.
// Each is said once while the run goes (the progress output) and listed at its end. A function
// the run set aside itself (set_aside.h) is not counted: that was said when it happened.
// May depend on: driver (call_stats), program (the plan), set_aside.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "program/plan.h"

namespace ffifuzz::campaign {

class CallHealth {
 public:
  static constexpr uint64_t kWarmUpPrograms = 20000;
  static constexpr uint64_t kConstructorCalls = 100;

  // `set_aside_list`: the run's set-aside list (Workspace::set_aside()), "" for none.
  CallHealth(const program::ApiPlan& plan, std::string stats_dir, std::string set_aside_list = "")
      : plan_(&plan), dir_(std::move(stats_dir)), set_aside_(std::move(set_aside_list)) {}
  // After a restart under new rules: the plan the workers now run.
  void set_plan(const program::ApiPlan& plan) { plan_ = &plan; }

  // What is newly wrong since the last look, one line each (nothing before the warm-up).
  std::vector<std::string> check();
  // Everything found wrong during the run, for its end.
  const std::vector<std::string>& said() const { return said_; }
  // Programs the pass's workers have run, as of the last check() (the progress line's live count).
  uint64_t programs() const { return programs_; }

 private:
  const program::ApiPlan* plan_;
  std::string dir_;
  std::string set_aside_;
  std::set<std::string> reported_;  // "null f", "never f"
  std::vector<std::string> said_;
  uint64_t programs_ = 0;
};

}  // namespace ffifuzz::campaign
