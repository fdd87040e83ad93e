#include "support/learning.h"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "support/files.h"
#include "support/subprocess.h"

namespace ffifuzz::test {
namespace fs = std::filesystem;

std::map<std::string, nlohmann::json> finding_folders(const fs::path& out) {
  std::map<std::string, nlohmann::json> all;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out / "findings", ec))
    if (fs::exists(e.path() / "finding.json"))
      all[e.path().filename().string()] = nlohmann::json::parse(read_file(e.path() / "finding.json"));
  return all;
}

bool has_rule(const std::string& learned, const std::string& table, const std::string& line) {
  size_t at = learned.find("[" + table + "]\n");
  if (at == std::string::npos) return false;
  const size_t end = learned.find("\n[", at + 1);
  const size_t found = learned.find("\n" + line + "\n", at);
  return found != std::string::npos && (end == std::string::npos || found < end);
}

std::string expect_no_bug_in(const std::string& lib, const std::string& header, const fs::path& out,
                             const std::string& runs, const std::string& seeds) {
  std::vector<std::string> args = {FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--out", out.string(),
                                   "--seed", "1", "--runs", runs, "--keep-going"};
  if (!seeds.empty()) args.insert(args.end(), {"--seed-corpus", seeds});
  ProcessResult r = run_process(args);
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  for (const auto& [folder, finding] : finding_folders(out))
    EXPECT_EQ(finding.value("verdict", ""), "contract-gap") << folder << ": " << finding.dump(1);
  return all;
}

std::string fuzz_fixture(const std::string& lib, const std::string& header, const std::string& fixture,
                         const fs::path& out, const std::string& contract, const std::string& runs) {
  std::vector<std::string> args = {FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--seed-corpus",
                                   std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/" + fixture, "--out",
                                   out.string(), "--seed", "1", "--runs", runs, "--keep-going"};
  if (!contract.empty()) {
    const fs::path file = out.parent_path() / (out.filename().string() + "-contract.toml");
    std::ofstream(file) << contract;
    args.insert(args.end(), {"--contract", file.string()});
  }
  ProcessResult r = run_process(args);
  return r.out + r.err;
}

}  // namespace ffifuzz::test
