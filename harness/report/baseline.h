// report/baseline: the findings a project has seen and accepted, so that a nightly run
// fails only on what is new.
// Job: read and write baseline.json:
//   {"version": 1, "findings": [{"key": "...", "class": "...", "function": "...", "note": ""}]}
// Only the keys decide; class, function and note are for the people who edit the file.
// `ffifuzz ci` writes OUT/baseline.json listing every finding of its run: copy it to accept them.
// May depend on: model (InputError).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace ffifuzz::report {

struct BaselineEntry {
  std::string key;
  std::string finding_class;
  std::string function;
  std::string note;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
  std::set<std::string> keys() const;
  bool contains(const std::string& key) const;
};

// Throws InputError naming the file for a missing file, bad JSON or an entry without a key.
Baseline read_baseline(const std::string& path);
std::string baseline_to_json(const Baseline& baseline);

}  // namespace ffifuzz::report
