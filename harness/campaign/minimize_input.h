// campaign/minimize_input: shrink an input to the smallest program with the same finding.
// Job: what `ffifuzz minimize` and the minimize phase of `ffifuzz ci` share: replay the input,
// run program/minimize with "same dedup key" as the test, and write FILE.min (binary) and
// FILE.min.txt (text form) beside FILE, which is never touched.
// May depend on: anything in cli.
#pragma once

#include <string>

#include "campaign/replay.h"
#include "program/minimize.h"

namespace ffifuzz::campaign {

struct Minimized {
  bool reproduced = false;  // false: the input shows no finding; nothing was written
  ReplayOutcome first;      // the replay of the original
  program::Program program;
  size_t calls_before = 0, bytes_before = 0, bytes_after = 0;
  program::MinimizeStats stats;
  std::string text;  // the minimized program in text form
};

// Throws InputError for an input that is not one.
Minimized minimize_input(Replayer& replayer, const std::string& file, int budget);

}  // namespace ffifuzz::campaign
