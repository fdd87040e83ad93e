// campaign/replay_pool: one Replayer per target, for commands that replay many inputs (repro,
// regress): inputs of one finding folder tree usually share a target, and opening one
// (parsing the header, loading the library) costs more than a replay.
// May depend on: anything in cli.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "campaign/replay.h"

namespace ffifuzz::campaign {

class ReplayPool {
 public:
  ReplayPool(TargetOptions given, std::vector<std::string> functions)
      : given_(std::move(given)), functions_(std::move(functions)) {}

  // The replayer for an input: the command line's target, or its folder's finding.json.
  Replayer& for_input(const std::string& input);

 private:
  TargetOptions given_;
  std::vector<std::string> functions_;
  std::map<std::string, std::unique_ptr<Replayer>> replayers_;
};

}  // namespace ffifuzz::campaign
