// What the learning end-to-end tests read from a fuzz run's output folder (docs/contracts.md,
// "Learning"; docs/findings.md, "Triage"), and the runs they share.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace ffifuzz::test {

// Every finding folder's finding.json under OUT/findings, by folder name.
std::map<std::string, nlohmann::json> finding_folders(const std::filesystem::path& out);

// learned.toml holds `line` in its table `table` (each rule follows a comment giving its evidence).
bool has_rule(const std::string& learned, const std::string& table, const std::string& line);

// A bounded run of a library with no contract (seed 1, --keep-going, from `seeds` when given)
// that must report no bug: exit 0, and every finding a contract gap (GoogleTest expectations).
// What it printed.
std::string expect_no_bug_in(const std::string& lib, const std::string& header, const std::filesystem::path& out,
                             const std::string& runs, const std::string& seeds = "");

// `fuzz --keep-going --seed 1 --runs <runs>` of the library from the programs of the fixture
// folder tests/e2e/fixtures/<fixture>, into `out`; with `contract` (a TOML text) written beside
// `out` and given as --contract when not empty. What it printed, stdout and stderr together: the
// programs replay a run's finding under the rules of its time, and the test says what became of it.
std::string fuzz_fixture(const std::string& lib, const std::string& header, const std::string& fixture,
                         const std::filesystem::path& out, const std::string& contract, const std::string& runs = "30");

}  // namespace ffifuzz::test
