// report/finding_folder: what a finding folder holds and how its summary reads.
// Job: the folder's name (<class>-<function>-<shortkey>), its file names, the finding.json
// summary as data with its JSON form (written and read back: repro and regress replay a
// folder with the target it was found on), and the part of a worker's log that is the
// sanitizer report.
// A folder:  input (the raw input, never overwritten), program.txt, report.txt, repro.c,
// finding.json, and copies of the contract files its program was planned with
// (contract.toml, config.toml, learned.toml: campaign/folder_contracts.h).
// May depend on: model, report/finding.
#pragma once

#include <string>
#include <vector>

#include "report/finding.h"

namespace ffifuzz::report {

inline constexpr const char* kInputFile = "input";
inline constexpr const char* kProgramFile = "program.txt";
inline constexpr const char* kReportFile = "report.txt";
inline constexpr const char* kReproFile = "repro.c";
inline constexpr const char* kSummaryFile = "finding.json";
// The folder's own copies of the contract files the program was planned with.
inline constexpr const char* kContractCopyFile = "contract.toml";
inline constexpr const char* kConfigCopyFile = "config.toml";
inline constexpr const char* kLearnedCopyFile = "learned.toml";
// The folder's copies of the headers the program was planned with: headers/<file name>.
inline constexpr const char* kHeaderCopyFolder = "headers";

// The library and options a finding was found with: enough to replay its input, which is
// only meaningful against the same plan (the same header, contracts and --function focus).
// Paths are the user's as the run had them (absolute); a `*_copy` is a file name inside the
// folder: what that file held when the finding was stored. An input is replayed under the
// copies, so editing or deleting the user's file (the usual way to fix a false finding) does
// not change what the old input means. Folders written before the copies have them empty.
struct FindingTarget {
  std::string lib;
  std::vector<std::string> headers;
  std::string contract;       // the user's contract file
  std::string contract_copy;  // its copy in the folder ("contract.toml"), when it had one
  // The run's learned rules: "learned.toml", the folder's copy (older folders: its absolute path).
  std::string learned;
  std::string config;
  std::string config_copy;  // "config.toml": the config as it was (its inline contracts)
  // Per header: its copy in the folder ("headers/foo.h"); empty: a folder older than the copies.
  std::vector<std::string> header_copies;
  std::string lang = "c";
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::vector<std::string> pre_includes;
  std::string target;
  std::vector<std::string> functions;  // --function focus; empty: all
};

// finding.json: the finding (class, function, key, signature, message, first library frame,
// hits as hit_count, whether its input reproduces it alone) and where it came from.
struct FindingSummary {
  Finding finding;
  std::string library_build_id;
  std::string ffifuzz_version;
  std::string clang_version;
  std::string rustc_version;  // "unknown" when rustc is not installed
  std::string first_seen;     // ISO 8601, UTC
  std::string last_seen;
  FindingTarget target;
};

// "<class>-<function>-<first 8 hex digits of the key>", with characters unfit for a file
// name replaced.
std::string finding_folder_name(const std::string& finding_class, const std::string& function, const std::string& key);

std::string summary_to_json(const FindingSummary& summary);
// Throws InputError naming `source` when the text is not a finding summary.
FindingSummary summary_from_json(const std::string& text, const std::string& source);

// The report part of a worker's log: what the program printed from its first call on,
// without libFuzzer's banner, progress and statistics lines.
std::string report_section(const std::string& worker_log);

// Now, as "2024-05-01T12:34:56Z".
std::string iso_time_now();

}  // namespace ffifuzz::report
