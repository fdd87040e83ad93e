#include "campaign/replay_pool.h"

namespace ffifuzz::campaign {

Replayer& ReplayPool::for_input(const std::string& input) {
  ReplayTarget t = resolve_replay_target(given_, functions_, input);
  std::string id = report::summary_to_json({.target = to_finding_target(t)});
  auto it = replayers_.find(id);
  if (it == replayers_.end()) it = replayers_.emplace(id, std::make_unique<Replayer>(std::move(t))).first;
  return *it->second;
}

}  // namespace ffifuzz::campaign
