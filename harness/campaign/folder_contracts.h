// campaign/folder_contracts: a finding folder keeps the contract files its program was planned
// with, and its input is replayed under them.
// Job: both ends of that. When a folder is stored: copy the user's contract, the config (its
// inline contracts) and the run's learned rules into it, and record them in finding.json by
// file name. When its input is replayed: the target finding.json records, with the folder's
// copies in place of the user's files, so a program means what it meant when it was found
// whatever happened to those files since (the usual fix of a false finding is an edit of the
// contract, after which the old input would replay as clean, or as another program). What
// differs from the user's files now is said, and an explicit --contract is honoured (and said).
// Folders older than the copies replay under the paths they recorded, as before.
// May depend on: target, report (finding_folder, write_file).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "campaign/target.h"
#include "report/finding_folder.h"

namespace ffifuzz::campaign {

// Writes into `folder` (being assembled) a copy of each contract file `options` names that
// exists, and records each in `recorded` by its name in the folder.
void copy_contract_files(const TargetOptions& options, const std::filesystem::path& folder,
                         report::FindingTarget& recorded);

struct FolderTargetOptions {
  TargetOptions options;
  // One line each, for stderr: a user's file that changed or went since the finding, or the
  // --contract that replaces the folder's copy.
  std::vector<std::string> notes;
};

// The options an input inside `folder` is replayed under: `recorded` (its finding.json), with
// the folder's copies. `given_contract`: a --contract from the command line (empty: none),
// replayed under instead of the folder's copy.
FolderTargetOptions folder_target_options(const report::FindingTarget& recorded, const std::filesystem::path& folder,
                                          const std::string& given_contract);

}  // namespace ffifuzz::campaign
