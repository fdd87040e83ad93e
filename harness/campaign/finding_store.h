// campaign/finding_store: a finding, kept where a person finds it.
// Job: turn one finding of a run into its folder OUT/findings/<class>-<function>-<key>/ (input,
// program.txt, report.txt, repro.c, finding.json, the contract files' copies;
// report/finding_folder.h, folder_contracts.h), or, when the
// folder of its key exists, count one more hit without touching the first input. The folder
// is assembled under a temporary name and renamed into place: nobody ever sees half a folder.
// Several processes may store into one folder at once (two runs on one output folder): a lock
// file makes each hit count.
// May depend on: session, replay (the target a folder records), folder_contracts, report.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "campaign/session.h"
#include "report/finding.h"

namespace ffifuzz::campaign {

// A run's learned rules, OUT/learned.toml (a finding folder keeps a copy of the snapshot it was
// found under: report::kLearnedCopyFile).
inline constexpr const char* kLearnedFile = "learned.toml";

struct FindingInput {
  std::string bytes;  // what the saved input holds (any bytes: they are decoded as the worker did)
  bool text = false;  // a text-form program
  program::Program program;
};

// Reads a saved input the way a worker runs it: never fails on content (an empty file is the
// empty program), only when the file cannot be read (InputError).
FindingInput read_saved_input(const FuzzSession& session, const std::string& path);

struct StoredFinding {
  std::filesystem::path folder;
  bool first = true;  // false: the key had a folder already; its hit count went up
  long hits = 1;
};

// `out`: the run's output folder (findings go to out/findings). `functions`: the --function
// focus the input was found with. `report_log`: the worker output the finding came from.
StoredFinding store_finding(const std::filesystem::path& out, const FuzzSession& session,
                            const std::vector<std::string>& functions, const report::Finding& finding,
                            const FindingInput& input, const std::string& report_log);

// A finding that was minimized (RunFindings::minimize_new): the folder's repro.c is rewritten
// from the minimized program, the one a person wants to read and send, whose calls are those of
// input.min.txt. `input`, program.txt and finding.json stay the input's as found.
// `replay_log`: a traced replay of the minimized program (report::EmitOptions::replay_log).
void write_minimized_repro(const std::filesystem::path& folder, const FuzzSession& session,
                           const report::Finding& finding, const program::Program& minimized, size_t calls_before,
                           const std::string& replay_log);

// "rustc 1.80.0 (...)" or "unknown" when rustc is not on PATH.
std::string rustc_version();

}  // namespace ffifuzz::campaign
