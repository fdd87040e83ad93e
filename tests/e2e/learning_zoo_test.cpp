// Triage and learning end to end on the zoo (docs/contracts.md, "Learning"; docs/findings.md,
// "Triage"): the real binary, no contract, on c_learn (a library whose header says nothing about
// ownership or order) and c_adopt (a bag that takes over what it accepts, said only in comments).
//  - `fuzz` learns what the harness broke (who releases the table and the rendered text, that
//    lt_text_drop frees what it is given, that lookups need the seal), each a contract gap
//    with its evidence and its rule, never a bug; and still finds the one real bug, which
//    hides behind the precondition, as a bug;
//  - what it learned is OUT/learned.toml, whose decisions `inspect` shows with the source
//    `learned`, and which the next run into OUT starts from;
//  - --no-learn stops at the first finding, whatever its verdict, and writes no rules;
//  - `ci` lists contract gaps and learned rules apart, and never fails on them;
//  - a run that cannot call a function says so.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/files.h"
#include "support/learning.h"
#include "support/real_libs.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

const std::string kHeader = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_learn/c_learn.h";
std::string learn_lib() { return zoo_library(FFIFUZZ_ZOO_DIR, "c_learn", "cov-asan"); }
fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("learning", name); }

TEST(Learning, ZeroContractRunLearnsTheRulesAndStillFindsTheBugBehindThem) {
  fs::path dir = fresh_dir("zoo");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", learn_lib(), "--header", kHeader, "--out", out.string(),
                                 "--seed", "1", "--runs", "3000000", "--max-time", "400"});
  const std::string all = r.out + r.err;
  ASSERT_EQ(r.exit_code, 1) << tail(all);
  // The planted bug is the one finding reported as a bug.
  EXPECT_EQ(count_of(all, "ffifuzz: FINDING "), 1u) << tail(all);
  EXPECT_NE(all.find("ffifuzz: FINDING heap-overflow in lt_table_get"), std::string::npos) << tail(all);

  // The rules: who releases the table and the text, what lt_text_drop does with what it is
  // given, and the seal before lookups (a precondition assert is a rule, not a finding).
  const std::string learned = read_file(out / "learned.toml");
  ASSERT_FALSE(learned.empty()) << "no learned.toml\n" << tail(all);
  EXPECT_EQ(learned.rfind("# ffifuzz: learned contract", 0), 0u) << learned;
  for (const char* rule : {"owned_by = \"lt_table_retire\"", "releases = \"t\"", "owned_by = \"lt_text_drop\"",
                           "releases = \"text\"", "requires = [\"lt_table_seal\"]"})
    EXPECT_NE(learned.find(rule), std::string::npos) << rule << " not learned:\n" << learned;
  // Every learned rule is listed at the end of the run.
  EXPECT_NE(all.find("ffifuzz: learned "), std::string::npos);
  EXPECT_NE(all.find("[functions.lt_table_get] requires = [\"lt_table_seal\"]"), std::string::npos) << tail(all);

  // Each finding folder says its verdict and why; the gaps say what they taught.
  std::map<std::string, nlohmann::json> folders = finding_folders(out);
  int bugs = 0, gaps = 0;
  bool assert_gap = false;
  for (const auto& [name, f] : folders) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(f["evidence"].get<std::string>().empty());
    if (f["verdict"] == "bug") {
      ++bugs;
      EXPECT_EQ(f["class"], "heap-overflow");
      EXPECT_EQ(f["function"], "lt_table_get");
      continue;
    }
    ASSERT_EQ(f["verdict"], "contract-gap");
    ++gaps;
    EXPECT_FALSE(f["learned"].get<std::string>().empty()) << "a contract gap nothing was learned from";
    // Its folder keeps the rules it was found under (named by their file name in the folder):
    // it reproduces under them.
    if (!f["target"]["learned"].get<std::string>().empty())
      EXPECT_TRUE(fs::exists(out / "findings" / name / f["target"]["learned"].get<std::string>()));
    if (f["class"] == "abort") {
      assert_gap = true;
      EXPECT_NE(f["message"].get<std::string>().find("Assertion `t->sealed' failed"), std::string::npos);
    }
  }
  EXPECT_EQ(bugs, 1);
  EXPECT_GE(gaps, 4);
  EXPECT_TRUE(assert_gap) << "lt_table_get's assert was not met as a contract gap";

  // inspect reads the learned file as a contract, each decision with the source `learned`.
  ProcessResult i = run_process({FFIFUZZ_BIN, "inspect", "--lib", learn_lib(), "--header", kHeader, "--contract",
                                 (out / "learned.toml").string(), "--format", "json"});
  ASSERT_EQ(i.exit_code, 0) << i.err;
  EXPECT_NE(i.out.find("\"learned\""), std::string::npos);
  ProcessResult t = run_process({FFIFUZZ_BIN, "inspect", "--lib", learn_lib(), "--header", kHeader, "--contract",
                                 (out / "learned.toml").string()});
  EXPECT_NE(t.out.find("requires = lt_table_seal   [learned: "), std::string::npos) << t.out;

  // The next run into OUT starts from what this one learned: none of those gaps again (from a
  // fresh corpus: the kept one leads straight back to the bug).
  ProcessResult again = run_process({FFIFUZZ_BIN, "fuzz", "--lib", learn_lib(), "--header", kHeader, "--out",
                                     out.string(), "--corpus", (dir / "corpus2").string(), "--seed", "7", "--runs",
                                     "20000"});
  const std::string second = again.out + again.err;
  EXPECT_NE(second.find("using the rules earlier runs learned"), std::string::npos) << tail(second);
  EXPECT_EQ(second.find("CONTRACT GAP"), std::string::npos) << tail(second);
  EXPECT_TRUE(again.exit_code == 0 || again.exit_code == 1) << tail(second);
  fs::remove_all(dir);
}

TEST(Learning, NoLearnStopsAtTheFirstFindingAndLearnsNothing) {
  fs::path dir = fresh_dir("nolearn");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", learn_lib(), "--header", kHeader, "--out", out.string(),
                                 "--seed", "1", "--runs", "200000", "--no-learn"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 1) << tail(all);
  EXPECT_FALSE(fs::exists(out / "learned.toml"));
  std::map<std::string, nlohmann::json> folders = finding_folders(out);
  ASSERT_EQ(folders.size(), 1u) << tail(all);
  // Still triaged: the verdict says it is the harness's, and why.
  const nlohmann::json& f = folders.begin()->second;
  EXPECT_EQ(f["verdict"], "contract-gap") << f.dump(2);
  EXPECT_TRUE(f["learned"].get<std::string>().empty());
  EXPECT_NE(all.find("CONTRACT GAP"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Learning, CiListsContractGapsAndLearnedRulesApartAndDoesNotFailOnThem) {
  fs::path dir = fresh_dir("ci");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "ci", "--lib", learn_lib(), "--header", kHeader, "--out", out.string(),
                                 "--corpus", (dir / "corpus").string(), "--time", "40", "--jobs", "1", "--seed", "1",
                                 "--minimize-budget", "0"});
  const std::string all = r.out + r.err;
  ASSERT_TRUE(fs::exists(out / "summary.json")) << "exit " << r.exit_code << "\n" << tail(all);
  nlohmann::json s = nlohmann::json::parse(read_file(out / "summary.json"));
  // Only the table's real bug may fail the run.
  int bugs = 0;
  for (const auto& f : s["findings"]) {
    if (f["verdict"] == "contract-gap") continue;
    ++bugs;
    EXPECT_EQ(f["class"], "heap-overflow") << f.dump(2);
    EXPECT_EQ(f["function"], "lt_table_get") << f.dump(2);
  }
  EXPECT_EQ(r.exit_code, bugs ? 1 : 0) << tail(all);
  EXPECT_EQ(s["counts"]["new"], bugs) << s["findings"].dump(2);
  EXPECT_GE(s["counts"]["contract_gaps"].get<int>(), 3) << tail(all);
  EXPECT_TRUE(s["learning"]["on"].get<bool>());
  EXPECT_GE(s["learning"]["rules"].size(), 3u) << tail(all);
  const std::string md = read_file(out / "summary.md");
  EXPECT_NE(md.find("## Contract gaps"), std::string::npos);
  EXPECT_NE(md.find("## Learned rules"), std::string::npos);
  EXPECT_NE(md.find("owned_by = \"lt_table_retire\""), std::string::npos) << md;
  // JUnit: gaps are listed, never failed on; a failure is the bug's.
  const std::string junit = read_file(out / "junit.xml");
  EXPECT_EQ(count_of(junit, "<failure"), static_cast<size_t>(bugs)) << junit;
  EXPECT_NE(junit.find("contract gap (not a bug)"), std::string::npos) << junit;
  // SARIF: a note with the verdict in its properties.
  nlohmann::json sarif = nlohmann::json::parse(read_file(out / "results.sarif"));
  int gap_notes = 0;
  for (const auto& res : sarif["runs"][0]["results"])
    if (res["properties"].value("verdict", "") == "contract-gap") {
      ++gap_notes;
      EXPECT_EQ(res["level"], "note");
      EXPECT_FALSE(res["properties"]["evidence"].get<std::string>().empty());
    }
  EXPECT_EQ(gap_notes, s["counts"]["contract_gaps"].get<int>());
  fs::remove_all(dir);
}

// A run that tests nothing says so (issue "silent crippling"): with the table's only
// constructor skipped, nothing can be given to the six functions that take a table. `fuzz`
// names each in its progress output and at its end, and its last line does not claim a clean
// run without them; `ci` carries the same in its summary's notes.
TEST(Learning, FunctionsTheRunNeverCallsAreNamedNotHiddenBehindNoFindings) {
  fs::path dir = fresh_dir("crippled");
  const fs::path contract = dir / "crippled.toml";
  {
    std::ofstream c(contract);
    c << "[functions.lt_table_make]\nskip = \"the test cripples the run\"\n\n"
         "[functions.lt_text_drop]\nskip = \"the test cripples the run\"\n";
  }
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", learn_lib(), "--header", kHeader, "--contract",
                                 contract.string(), "--out", (dir / "out").string(), "--seed", "1", "--runs", "30000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  for (const char* fn : {"lt_table_clear", "lt_table_retire", "lt_table_put", "lt_table_seal", "lt_table_get",
                         "lt_table_render"}) {
    EXPECT_NE(all.find(std::string("ffifuzz: warning: ") + fn + " was never called"), std::string::npos) << fn;
    EXPECT_NE(all.find(std::string("ffifuzz: not tested: ") + fn + " was never called"), std::string::npos) << fn;
  }
  EXPECT_NE(all.find("no findings in 30000 executions; 6 function(s) not tested"), std::string::npos) << tail(all);

  // Once the table has an owner, every function is reachable and none is named (lt_text_drop,
  // set aside by the run for its double free, is said as set aside instead).
  const fs::path owned = dir / "owned.toml";
  {
    std::ofstream c(owned);
    c << "[functions.lt_table_make.returns]\nowned_by = \"lt_table_retire\"\n\n"
         "[functions.lt_table_retire]\nreleases = \"t\"\n";
  }
  ProcessResult healthy = run_process({FFIFUZZ_BIN, "fuzz", "--lib", learn_lib(), "--header", kHeader, "--contract",
                                       owned.string(), "--out", (dir / "out2").string(), "--seed", "1", "--runs",
                                       "30000", "--no-learn", "--keep-going"});
  EXPECT_EQ((healthy.out + healthy.err).find("was never called"), std::string::npos) << tail(healthy.out + healthy.err);

  ProcessResult ci = run_process({FFIFUZZ_BIN, "ci", "--lib", learn_lib(), "--header", kHeader, "--contract",
                                  contract.string(), "--out", (dir / "ci").string(), "--corpus",
                                  (dir / "corpus").string(), "--time", "15", "--jobs", "1", "--seed", "1",
                                  "--minimize-budget", "0"});
  EXPECT_EQ(ci.exit_code, 0) << tail(ci.out + ci.err);
  nlohmann::json s = nlohmann::json::parse(read_file(dir / "ci" / "summary.json"));
  EXPECT_NE(s.dump().find("not tested: lt_table_get was never called"), std::string::npos) << s.dump(2);
  fs::remove_all(dir);
}

// c_adopt, no contract: a bag that takes over the items it accepts and leaves a refused one to
// its caller, said only in its comments. The harness first releases an item the bag took (a
// double free in ad_bag_free: ad_bag_put steals it), then takes a refused item for stolen (a
// leak: a failed ad_bag_put, "0 on success" by its comment, released nothing). Both are learned
// and the bag's own over-read is the one bug. --keep-going: which of the leak and the over-read
// comes first depends on the machine's timing (CI found the over-read first and stopped there), so
// the run classifies every finding for a bounded run count instead of stopping at the first bug.
TEST(Learning, AFailedAdoptionLeavesTheItemToItsCaller) {
  fs::path dir = fresh_dir("adopt");
  const fs::path out = dir / "out";
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "c_adopt", "cov-asan");
  const std::string header = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_adopt/c_adopt.h";
  // The bag's functions (with the item's maker and releasers they need): ad_item_consume and
  // ad_item_unref are other tests' concerns, and reach the bag's bug before the rules here.
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "ad_bag_put",
                                 "--function", "ad_bag_value", "--out", out.string(), "--seed", "1", "--runs",
                                 "50000", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 1) << tail(all);
  EXPECT_EQ(count_of(all, "ffifuzz: FINDING "), 1u) << tail(all);
  EXPECT_NE(all.find("ffifuzz: FINDING heap-overflow in ad_bag_value"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.ad_bag_put", "steals = \"item\"")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.ad_bag_put", "released_on_failure = false")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.ad_bag_put.returns", "success = 0")) << learned;
  fs::remove_all(dir);
}

// c_adopt's ad_item_consume(item) frees the item it reads, which only its comment says: the
// harness's final ad_item_free then frees it twice. The call that freed it is learned as its
// releaser (releases = "item"), never a bug.
TEST(Learning, AFunctionThatFreesWhatItIsGivenIsLearnedFromTheDoubleFree) {
  fs::path dir = fresh_dir("consume");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "c_adopt", "cov-asan"),
                                 "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/c_adopt/c_adopt.h",
                                 "--function", "ad_item_consume", "--out", out.string(), "--seed", "1", "--runs",
                                 "5000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP double-free"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("ad_item_consume freed the struct ad_item it was given"), std::string::npos) << tail(all);
  EXPECT_TRUE(has_rule(read_file(out / "learned.toml"), "functions.ad_item_consume", "releases = \"item\""))
      << read_file(out / "learned.toml");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
