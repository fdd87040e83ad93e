// campaign/static_check: the header against the binary, as `ffifuzz check` and `ffifuzz ci` run it.
// Job: read the library's ELF and DWARF (binary/), the header (header/ via load_target), run
// the static checks (check/) and turn the result into a report::Report with its notes.
// May depend on: anything in cli.
#pragma once

#include "check/check.h"
#include "campaign/target.h"
#include "report/finding.h"

namespace ffifuzz::campaign {

struct StaticCheck {
  report::Report report;
  check::CheckResult result;
};

// `strict`: a check that could not run (no debug info) makes the report incomplete.
// Throws InputError on bad input (no library, a header that declares no function).
StaticCheck run_static_check(const TargetOptions& options, bool strict);

// Every class a static check can report, in the order `check` runs them.
std::vector<std::string> static_check_classes();

}  // namespace ffifuzz::campaign
