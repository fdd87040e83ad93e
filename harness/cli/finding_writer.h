// cli/finding_writer: a finding, kept where a person finds it.
// Job: turn one finding of a fuzz run into its folder <out>/findings/<class>-<function>-<key>/
// (input, program.txt, report.txt, repro.c, finding.json; report/finding_folder.h), or, when
// the folder of its key exists, count one more hit without touching the first input. The
// folder is assembled under a temporary name and renamed into place: nobody ever sees half
// a folder.
// May depend on: anything in cli.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/fuzz_session.h"
#include "report/classify.h"
#include "report/dedup.h"

namespace ffifuzz::cli {

struct NewFinding {
  std::filesystem::path out;            // the fuzz output folder
  const FuzzSession* session = nullptr;  // what it was found with
  std::vector<std::string> functions;   // the --function focus
  std::string input;                    // the input libFuzzer saved
  report::Classification finding;
  std::string report_log;               // the worker log the classification came from
};

struct WrittenFinding {
  std::filesystem::path folder;
  report::DedupKey key;
  bool first = true;  // false: the key had a folder already; its hit count went up
  long hits = 1;
};

WrittenFinding write_finding(const NewFinding& finding);

// "rustc 1.80.0 (...)" or "unknown" when rustc is not on PATH.
std::string rustc_version();

}  // namespace ffifuzz::cli
