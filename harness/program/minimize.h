// program/minimize: the smallest program that still shows the same bug.
// Job: shrink a program step by step — drop calls (those whose results nothing uses first,
// then the rest), shrink buffers and strings, make values plain (integers toward 0 and 1,
// floats to 0, struct images and buffer contents to zeros, handle choices to the first), then
// at byte level where contents matter only in part (remove blocks of bytes, zero chunks) —
// keeping each step only when `reproduces` says the candidate still shows the finding (the
// caller replays it and compares the dedup key). Every check costs a replay, so the number
// of checks is bounded by a budget.
// May depend on: model, program.
#pragma once

#include <functional>

#include "program/program.h"

namespace ffifuzz::program {

struct MinimizeStats {
  int checks = 0;             // candidates tried (replays spent)
  bool out_of_budget = false;
};

// Returns the smallest program found. `reproduces` is never called with the input itself
// (the caller knows it reproduces) nor twice with the same candidate in a row.
Program minimize(const ApiPlan& plan, const model::ApiModel& api, Program program,
                 const std::function<bool(const Program&)>& reproduces, int budget, MinimizeStats& stats);

}  // namespace ffifuzz::program
