// A finding folder's copies of its contract files (campaign/folder_contracts.h), without a
// worker: what is copied when a folder is stored, and which files, with which note, an input
// inside it is replayed under after the user's files changed, went, or --contract was given.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "campaign/folder_contracts.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

class FolderContracts : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ffifuzz-folder-contracts-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "user");
    fs::create_directories(dir_ / "folder");
    write(contract(), "[functions.f.params.x]\nrange = [0, 100]\n");
    write(dir_ / "user" / "learned-3.toml", "[functions.f]\nonce = true\n");
    options_.lib = "/x/libf.so";
    options_.headers = {"/x/f.h"};
    options_.contract = contract().string();
    options_.learned = (dir_ / "user" / "learned-3.toml").string();
    recorded_.lib = options_.lib;
    recorded_.headers = options_.headers;
    recorded_.contract = options_.contract;
    copy_contract_files(options_, folder(), recorded_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path contract() const { return dir_ / "user" / "f.toml"; }
  fs::path folder() const { return dir_ / "folder"; }

  fs::path dir_;
  TargetOptions options_;
  report::FindingTarget recorded_;
};

TEST_F(FolderContracts, StoringCopiesTheContractAndTheLearnedRules) {
  EXPECT_EQ(recorded_.contract_copy, "contract.toml");
  EXPECT_EQ(recorded_.learned, "learned.toml");
  EXPECT_TRUE(recorded_.config_copy.empty()) << "the run had no config";
  EXPECT_EQ(recorded_.contract, contract().string()) << "the user's path stays recorded";
  EXPECT_EQ(report::read_whole_file((folder() / "contract.toml").string()), "[functions.f.params.x]\nrange = [0, 100]\n");
  EXPECT_EQ(report::read_whole_file((folder() / "learned.toml").string()), "[functions.f]\nonce = true\n");
}

TEST_F(FolderContracts, UnchangedContractReplaysWithTheCopySilently) {
  FolderTargetOptions o = folder_target_options(recorded_, folder(), "");
  EXPECT_EQ(o.options.contract, (folder() / "contract.toml").string());
  EXPECT_EQ(o.options.learned, (folder() / "learned.toml").string());
  EXPECT_EQ(o.options.lib, "/x/libf.so");
  EXPECT_TRUE(o.notes.empty()) << o.notes.front();
}

TEST_F(FolderContracts, EditedContractReplaysWithTheCopyAndSaysSo) {
  write(contract(), "[functions.f.params.x]\nvalue = 3\n");
  FolderTargetOptions o = folder_target_options(recorded_, folder(), "");
  EXPECT_EQ(o.options.contract, (folder() / "contract.toml").string());
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_NE(o.notes[0].find("contract changed since the finding"), std::string::npos) << o.notes[0];
  EXPECT_NE(o.notes[0].find("pass --contract " + contract().string()), std::string::npos) << o.notes[0];
}

TEST_F(FolderContracts, DeletedContractReplaysWithTheCopyAndSaysSo) {
  fs::remove(contract());
  FolderTargetOptions o = folder_target_options(recorded_, folder(), "");
  EXPECT_EQ(o.options.contract, (folder() / "contract.toml").string());
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_NE(o.notes[0].find(contract().string() + " is gone since the finding"), std::string::npos) << o.notes[0];
}

TEST_F(FolderContracts, GivenContractIsHonouredAndSaid) {
  write(dir_ / "user" / "other.toml", "\n");
  FolderTargetOptions o = folder_target_options(recorded_, folder(), (dir_ / "user" / "other.toml").string());
  EXPECT_EQ(o.options.contract, (dir_ / "user" / "other.toml").string());
  EXPECT_EQ(o.options.learned, (folder() / "learned.toml").string()) << "the run's learned rules still apply";
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_NE(o.notes[0].find("replaying under --contract"), std::string::npos) << o.notes[0];
}

// Written before the copies: the recorded paths, as before (learned was an absolute path).
TEST_F(FolderContracts, FolderWithoutCopiesReplaysUnderTheRecordedPaths) {
  report::FindingTarget old = recorded_;
  old.contract_copy.clear();
  old.learned = (dir_ / "user" / "learned-3.toml").string();
  fs::remove(folder() / "contract.toml");
  write(contract(), "[functions.f.params.x]\nvalue = 3\n");
  FolderTargetOptions o = folder_target_options(old, folder(), "");
  EXPECT_EQ(o.options.contract, contract().string());
  EXPECT_EQ(o.options.learned, (dir_ / "user" / "learned-3.toml").string());
  EXPECT_TRUE(o.notes.empty());
}

// The config's copy gives its inline contracts; its [target] is recorded already (its relative
// paths would resolve against the folder).
TEST_F(FolderContracts, ConfigCopyIsReadForItsContractsOnly) {
  write(dir_ / "user" / "ffifuzz.toml", "[target]\nlib = \"libf.so\"\n");
  options_.config = (dir_ / "user" / "ffifuzz.toml").string();
  recorded_.config = options_.config;
  copy_contract_files(options_, folder(), recorded_);
  EXPECT_EQ(recorded_.config_copy, "config.toml");
  FolderTargetOptions o = folder_target_options(recorded_, folder(), "");
  EXPECT_EQ(o.options.config, (folder() / "config.toml").string());
  EXPECT_TRUE(o.options.config_target_applied);
  EXPECT_TRUE(o.notes.empty());
  write(dir_ / "user" / "ffifuzz.toml", "[target]\nlib = \"libg.so\"\n");
  o = folder_target_options(recorded_, folder(), "");
  ASSERT_EQ(o.notes.size(), 1u);
  EXPECT_NE(o.notes[0].find("config changed since the finding"), std::string::npos) << o.notes[0];
}

}  // namespace
}  // namespace ffifuzz::campaign
