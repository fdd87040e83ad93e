// report: findings and what a run says about itself, as data, and their formats.
// Job: one Finding record for every layer that finds something (check; fuzz, ci and the
// replays with runtime findings), and the text, JSON and SARIF forms users and CI systems read.
// May depend on: model. Findings are built by the layers and handed here by campaign and cli.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::report {

enum class Level { Error, Warning, Note };

const char* to_string(Level level);

// Where a runtime finding came from.
inline constexpr const char* kFromCheck = "check";
inline constexpr const char* kFromFuzz = "fuzz";
inline constexpr const char* kFromKnown = "known-findings";  // replay of an earlier finding folder
inline constexpr const char* kFromCorpus = "corpus";          // replay of the corpus: a regression
inline constexpr const char* kFromReplay = "replay";          // repro, regress, minimize

// The state of a finding against a baseline (SARIF's baselineState words).
inline constexpr const char* kStateNew = "new";          // not in the baseline: fails the run
inline constexpr const char* kStateKnown = "unchanged";  // in the baseline: listed, does not fail
inline constexpr const char* kStateFixed = "absent";     // an earlier finding that no longer reproduces

// A finding: the one record that check, fuzz, ci and the replay commands make, and that every
// report (text, JSON, SARIF, summary.md, junit.xml, finding.json) prints. Its class is one of
// finding_classes.h. Static checks fill the first part; runtime findings also the rest.
struct Finding {
  std::string klass;     // a finding class (finding_classes.h): "layout-mismatch", "leak", ...
  std::string function;  // the exported function it came through; may be empty
  std::string subject;   // what it is about, when not the function: "struct config"
  std::string message;   // what is wrong, with the facts (both sizes, the report's headline, ...)
  std::string hint;      // what to do about it
  model::SourceLoc location;  // the header declaration, or the library source (file may be empty)
  Level level = Level::Error;
  unsigned column = 0;  // of location; 0: unknown
  // (Default member initializers below: positional aggregate initialization that stops at
  // `level` stays warning-free.)
  std::string key = {};        // the dedup key (report/dedup.h), or a static check's key
  std::string signature = {};  // what the key hashes, readable
  std::string first_library_frame = {};  // "function at file:line"
  std::string source = {};     // kFrom*
  std::string state = {};      // kState*; empty: no baseline
  std::string folder = {};     // its finding folder, relative to the run's output folder
  std::string minimized = {};  // its minimized program (text form), relative; empty: none
  long hits = 0;               // saved inputs that showed it this run (0: not counted)
  // False when the input saved for it does not show it again on its own: it depended on what
  // earlier inputs did to the process (memory grown over many executions, state left behind).
  bool reproduces = true;
  // The input shows it when run this many times in one process (memory the library keeps
  // from one program to the next): every replay and the C reproducer repeat it so.
  unsigned repeat = 1;
  // The exported function the harness called when it showed (the trace's last call); may
  // differ from `function` for a leak, which the allocation's stack names (report/classify.h).
  std::string called = {};
  // Triage (campaign/triage.h): "bug", the library's fault; "contract-gap", the harness most
  // likely broke an unstated rule (not in the bug list). Empty: not triaged (static checks).
  std::string verdict = {};
  std::string evidence = {};  // one line: what the verdict rests on
  std::string learned = {};   // the rule learned from it (contract-file lines), if any

  bool is_contract_gap() const { return verdict == "contract-gap"; }
};

// Something a run says that is not a finding: a check that did not run and why, exports
// the header does not declare, where the debug info came from.
struct Note {
  std::string topic;    // short id: "layouts-not-checked", "undeclared-exports"
  std::string message;  // one sentence
  std::vector<std::string> items;  // the list it talks about, if any
};

struct Report {
  std::string command;  // "check", "fuzz", ...
  std::string command_line;  // the command as it was run (SARIF commandLine); empty: "ffifuzz <command>"
  // An absolute folder (the repository's root): SARIF gives files under it relative to the base
  // id SRCROOT, which code-scanning services resolve against the checkout (docs/ci.md,
  // "Reports"). Empty: locations are the paths as found.
  std::string source_root;
  std::string library;
  std::vector<std::string> headers;
  std::vector<Finding> findings;
  std::vector<Note> notes;
  // False when a part of the run could not be done and the user asked that to count as a
  // failure (`check --strict` without debug info).
  bool complete = true;
};

enum class Format { Text, Json, Sarif };

// Parses "text", "json", "sarif"; false for anything else.
bool parse_format(const std::string& name, Format& out);

std::string format_text(const Report& report);
std::string format_json(const Report& report);
std::string format_sarif(const Report& report, const std::string& tool_version);
std::string format(const Report& report, Format format, const std::string& tool_version);

}  // namespace ffifuzz::report
