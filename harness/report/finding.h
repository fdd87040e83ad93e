// report: findings and what a run says about itself, as data, and their formats.
// Job: one Finding type for every layer that finds something (check now; fuzz and ci with
// runtime findings), and the text, JSON and SARIF forms users and CI systems read.
// May depend on: model. Findings are built by the layers and handed here by cli.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::report {

enum class Level { Error, Warning, Note };

const char* to_string(Level level);

struct Finding {
  std::string klass;     // a DESIGN.md finding class: "layout-mismatch", "leak", ...
  std::string function;  // the exported function it came through; may be empty
  std::string subject;   // what it is about, when not the function: "struct config"
  std::string message;   // what is wrong, with the facts (both sizes, both types, ...)
  std::string hint;      // what to do about it
  model::SourceLoc location;  // the header declaration, or the library source (file may be empty)
  Level level = Level::Error;
  unsigned column = 0;  // of location; 0: unknown
  // Runtime findings (ffifuzz ci): the dedup key, SARIF's baselineState ("new", "unchanged",
  // "absent"; empty: no baseline), and more facts for the SARIF property bag.
  // (Default member initializers: positional aggregate initialization that stops at `level`
  // stays warning-free.)
  std::string key = {};
  std::string baseline_state = {};
  std::vector<std::pair<std::string, std::string>> properties = {};
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
