// `ffifuzz ci` end to end, on the zoo (docs/ci.md): the real binary, real libraries, real
// fuzzing. What a nightly job relies on —
//  - a buggy target: exit 1, every finding in summary.md, summary.json, junit.xml (parsed)
//    and results.sarif (validated against the SARIF 2.1.0 schema);
//  - those findings as the baseline: the next run exits 0 and lists them as known;
//  - a clean target: exit 0;
//  - SIGTERM while fuzzing: a prompt exit, the corpus as it was, no partial or temporary file,
//    no process left, and the inputs found so far merged by the next run;
//  - bad input: one line, exit 2;
//  - first contact: docs/ci.md's own [ci] example on a fresh folder (no findings folder, no
//    baseline yet) runs; --time 60s ends within 60 s + the stated 10 s grace with classification
//    work to do; library edges never exceed the library's counters and the per-function table
//    adds up to the headline; coverage.svg renders to PNG with ticks and axis labels; SARIF
//    locations are relative to SRCROOT with the command line as run; fork jobs' reports and
//    NEW_FUNC lines stay in the log.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "support/files.h"
#include "support/running.h"
#include "support/subprocess.h"
#include "support/zoo.h"

extern char** environ;

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

const std::string kPython = "/usr/bin/python3";  // Debian's, with python3-jsonschema

// A fresh folder for one test, holding a copy of the target's seed corpus as the corpus.
struct Workspace {
  fs::path dir;
  explicit Workspace(const std::string& name, const std::string& target) {
    dir = fs::temp_directory_path() / ("ffifuzz-ci-" + name + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(fs::path(FFIFUZZ_SOURCE_DIR) / "corpus" / target, dir / "corpus");
  }
  ~Workspace() {
    if (!::testing::Test::HasFailure()) fs::remove_all(dir);
  }
};

std::vector<std::string> ci_argv(const std::string& target, const Workspace& w, const std::string& out,
                                 const std::string& time) {
  return {FFIFUZZ_BIN, "ci", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, target, "cov-asan"), "--header",
          std::string(FFIFUZZ_SOURCE_DIR) + "/targets/" + target + "/" + target + ".h", "--time", time, "--jobs", "2",
          "--out", (w.dir / out).string(), "--corpus", (w.dir / "corpus").string(), "--minimize-budget", "5"};
}

nlohmann::json summary_json(const fs::path& out) { return nlohmann::json::parse(read_file(out / "summary.json")); }

// The SARIF file against the schema shipped in the repository (tests/e2e/fixtures).
void expect_valid_sarif(const fs::path& sarif) {
  if (!fs::exists(kPython)) GTEST_SKIP() << kPython << " is missing (scripts/setup.sh installs python3-jsonschema)";
  ProcessResult v = run_process({kPython, std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/validate_sarif.py",
                                 std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/sarif-schema-2.1.0.json",
                                 sarif.string()});
  EXPECT_EQ(v.exit_code, 0) << "results.sarif does not validate against SARIF 2.1.0:\n" << v.err;
}

// junit.xml through a real XML parser: "<testcases> <failures>" and each failing case's name.
struct JUnit {
  int cases = -1, failures = -1;
  std::set<std::string> failing;
};
JUnit parse_junit(const fs::path& xml) {
  ProcessResult p = run_process(
      {kPython, "-c",
       "import sys, xml.etree.ElementTree as E\n"
       "r = E.parse(sys.argv[1]).getroot()\n"
       "cases = r.findall('.//testcase')\n"
       "bad = [c.get('name') for c in cases if c.find('failure') is not None]\n"
       "print(len(cases), len(bad))\n"
       "for b in bad: print(b)\n",
       xml.string()});
  JUnit j;
  EXPECT_EQ(p.exit_code, 0) << "junit.xml does not parse:\n" << p.err;
  std::istringstream in(p.out);
  in >> j.cases >> j.failures;
  for (std::string name; in >> name;) j.failing.insert(name);
  return j;
}

TEST(CiSlow, BuggyTargetSixtySecondsFindingsInAllFourReports) {
  Workspace w("buggy", "c_bugs");
  ProcessResult r = run_process(ci_argv("c_bugs", w, "out", "60"));
  ASSERT_EQ(r.exit_code, 1) << tail(r.err);
  fs::path out = w.dir / "out";
  nlohmann::json s = summary_json(out);
  ASSERT_GE(s["counts"]["new"].get<int>(), 1);
  EXPECT_EQ(s["exit_code"], 1);
  EXPECT_GT(s["fuzz"]["executions"].get<long>(), 0);
  EXPECT_GT(s["fuzz"]["library_edges"]["covered"].get<long>(), 0);
  EXPECT_GT(s["fuzz"]["library_edges"]["reached_while_fuzzing"].get<long>(), 0);
  EXPECT_FALSE(s["coverage_over_time"].empty());
  // The per-function table: every exported function, with calls, and edges from -print_coverage.
  ASSERT_EQ(s["functions"].size(), 13u);
  long calls = 0, measured = 0;
  for (const auto& f : s["functions"]) {
    calls += f["calls"].get<long>();
    measured += f["edges_total"].is_number();
  }
  EXPECT_GT(calls, 0);
  EXPECT_EQ(measured, 13);

  std::string md = read_file(out / "summary.md");
  std::string sarif = read_file(out / "results.sarif");
  std::string junit = read_file(out / "junit.xml");
  EXPECT_NE(md.find("![coverage over time](coverage.svg)"), std::string::npos);
  EXPECT_NE(read_file(out / "coverage.svg").find("<polyline"), std::string::npos);
  JUnit j = parse_junit(out / "junit.xml");
  EXPECT_EQ(j.cases, 13 + 4) << "a test case per exported function and per static check";
  std::set<std::string> new_functions;
  for (const auto& f : s["findings"]) {
    std::string key = f["key"], folder = f["folder"];
    SCOPED_TRACE(key + " " + f["class"].get<std::string>() + " in " + f["function"].get<std::string>());
    EXPECT_EQ(f["state"], "new");
    EXPECT_TRUE(fs::exists(out / folder / "finding.json"));
    EXPECT_NE(md.find("[" + folder + "](" + folder + "/)"), std::string::npos) << "linked to its folder";
    EXPECT_NE(sarif.find("\"ffifuzzKey/v1\": \"" + key + "\""), std::string::npos);
    EXPECT_NE(junit.find("(key " + key + ")"), std::string::npos);
    new_functions.insert(f["function"].get<std::string>());
  }
  EXPECT_EQ(j.failing, new_functions) << "the test cases that fail are the functions with new findings";
  expect_valid_sarif(out / "results.sarif");
  // Minimized: the new findings have a smaller program beside their input.
  for (const auto& f : s["findings"])
    if (!f["minimized"].get<std::string>().empty()) EXPECT_TRUE(fs::exists(out / f["minimized"].get<std::string>()));
}

// Focused on bugs_hex (its heap overflow is found in seconds, and nothing else is reachable):
// the first run's findings, as the baseline of the second, are known and do not fail it.
TEST(Ci, BaselineMakesFindingsKnown) {
  Workspace w("baseline", "c_bugs");
  std::vector<std::string> first = ci_argv("c_bugs", w, "out1", "8");
  first.insert(first.end(), {"--function", "bugs_hex"});
  ProcessResult r1 = run_process(first);
  ASSERT_EQ(r1.exit_code, 1) << tail(r1.err);
  nlohmann::json s1 = summary_json(w.dir / "out1");
  std::set<std::string> keys;
  for (const auto& f : s1["findings"]) keys.insert(f["key"].get<std::string>());
  ASSERT_FALSE(keys.empty());

  std::vector<std::string> second = ci_argv("c_bugs", w, "out2", "8");
  second.insert(second.end(), {"--function", "bugs_hex", "--baseline", (w.dir / "out1" / "baseline.json").string(),
                               "--findings", (w.dir / "out1" / "findings").string()});
  ProcessResult r2 = run_process(second);
  ASSERT_EQ(r2.exit_code, 0) << tail(r2.err);
  fs::path out2 = w.dir / "out2";
  nlohmann::json s2 = summary_json(out2);
  EXPECT_EQ(s2["counts"]["new"], 0);
  std::string md = read_file(out2 / "summary.md");
  std::string known_section = md.substr(md.find("## Known findings"));
  for (const std::string& key : keys) {
    bool listed = false;
    for (const auto& f : s2["findings"])
      if (f["key"] == key) {
        listed = true;
        EXPECT_EQ(f["state"], "unchanged") << key;
      }
    EXPECT_TRUE(listed) << key << " is not listed by the second run";
    EXPECT_NE(known_section.find("`" + key + "`"), std::string::npos) << key << " not in summary.md's known findings";
    EXPECT_NE(r2.err.find("known     "), std::string::npos);
  }
  EXPECT_EQ(parse_junit(out2 / "junit.xml").failures, 0);
  expect_valid_sarif(out2 / "results.sarif");
  EXPECT_NE(read_file(out2 / "results.sarif").find("\"baselineState\": \"unchanged\""), std::string::npos);
}

TEST(Ci, CleanTargetExitsZero) {
  Workspace w("seed", "seed");
  ProcessResult r = run_process(ci_argv("seed", w, "out", "10s"));
  ASSERT_EQ(r.exit_code, 0) << tail(r.err);
  fs::path out = w.dir / "out";
  nlohmann::json s = summary_json(out);
  EXPECT_EQ(s["counts"]["new"], 0);
  EXPECT_TRUE(s["findings"].empty());
  for (const char* report : {"summary.md", "junit.xml", "results.sarif", "coverage.svg", "baseline.json"})
    EXPECT_TRUE(fs::exists(out / report)) << report;
  EXPECT_EQ(parse_junit(out / "junit.xml").failures, 0);
  expect_valid_sarif(out / "results.sarif");
  // The phase lines, in order.
  size_t at = 0;
  for (const char* phase : {"[1/5] check", "[2/5] regress", "[3/5] fuzz", "[4/5] merge", "[5/5] minimize"}) {
    size_t p = r.err.find(phase, at);
    EXPECT_NE(p, std::string::npos) << phase;
    if (p != std::string::npos) at = p;
  }
}

std::map<std::string, std::string> folder_contents(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
  return files;
}

TEST(Ci, SigtermWhileFuzzingLosesNothing) {
  Workspace w("sigterm", "seed");
  std::map<std::string, std::string> before = folder_contents(w.dir / "corpus");
  ASSERT_FALSE(before.empty());
  fs::path out = w.dir / "out";
  {
    Running ci(ci_argv("seed", w, "out", "10m"));
    // The fuzz phase is running once it reports its first executions.
    ASSERT_TRUE(ci.await_line(std::regex(R"(\[3/5\] fuzz)"), 120)) << tail(ci.output());
    // ci's own status line comes at the fuzz phase's first executions (libFuzzer's go to the log).
    ASSERT_TRUE(ci.await_line(std::regex(R"(^ffifuzz ci: fuzzing )"), 120)) << tail(ci.output());
    ci.signal(SIGTERM);
    int rc = ci.await_exit(60);
    ASSERT_EQ(rc, 128 + SIGTERM) << "ffifuzz ci did not stop promptly on SIGTERM:\n" << tail(ci.output());
    EXPECT_NE(ci.output().find("interrupted by SIGTERM during fuzz"), std::string::npos) << tail(ci.output());
  }
  EXPECT_TRUE(live_processes_mentioning(out.string()).empty()) << "a fuzz job outlived ffifuzz ci";
  EXPECT_EQ(folder_contents(w.dir / "corpus"), before) << "the corpus changed";
  EXPECT_FALSE(fs::exists(w.dir / "corpus.merging"));
  EXPECT_FALSE(fs::exists(w.dir / "corpus.old"));
  for (const fs::path& d : {w.dir / "corpus", w.dir / "corpus.incoming"})
    for (const auto& e : fs::recursive_directory_iterator(d))
      EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  size_t incoming = folder_contents(w.dir / "corpus.incoming").size();

  // The next run merges what the stopped one found, then empties the incoming folder.
  ProcessResult next = run_process(ci_argv("seed", w, "out", "3s"));
  ASSERT_EQ(next.exit_code, 0) << tail(next.err);
  nlohmann::json s = summary_json(out);
  EXPECT_GE(s["corpus"]["new_inputs_merged"].get<size_t>(), incoming);
  EXPECT_TRUE(folder_contents(w.dir / "corpus.incoming").empty());
  EXPECT_FALSE(folder_contents(w.dir / "corpus").empty());
}

// docs/ci.md's [ci] example, adapted to a zoo target: only [target] and ci.time differ. The
// source root is the repository (the zoo's sources live there), so SARIF can be relative.
std::string docs_example_config(const std::string& target, const std::string& time) {
  return "[target]\nlib = \"" + zoo_library(FFIFUZZ_ZOO_DIR, target, "cov-asan") + "\"\nheader = \"" +
         std::string(FFIFUZZ_SOURCE_DIR) + "/targets/" + target + "/" + target + ".h\"\n\n" +
         "[ci]\n"
         "time = \"" + time + "\"                  # --time: 30m, 90s, 1h, 1h30m or seconds\n"
         "jobs = 2                      # --jobs (default: all cores)\n"
         "out = \"ffifuzz-ci\"            # --out\n"
         "corpus = \"fuzz/corpus\"        # --corpus (default: OUT/corpus: set it to keep the corpus)\n"
         "findings = \"fuzz/findings\"    # --findings: earlier finding folders, replayed every run\n"
         "baseline = \"fuzz/baseline.json\"  # --baseline\n"
         "minimize_budget = 100         # --minimize-budget\n";
}

// The PNG's size from its IHDR chunk (bytes 16..23, big-endian); {0, 0} when it is no PNG.
std::pair<uint32_t, uint32_t> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || png.compare(12, 4, "IHDR") != 0) return {0, 0};
  auto be32 = [&](size_t at) {
    return (uint32_t(uint8_t(png[at])) << 24) | (uint32_t(uint8_t(png[at + 1])) << 16) |
           (uint32_t(uint8_t(png[at + 2])) << 8) | uint32_t(uint8_t(png[at + 3]));
  };
  return {be32(16), be32(20)};
}

TEST(CiSlow, DocsExampleFirstNightWithinBudget) {
  Workspace w("first-night", "c_bugs");
  fs::path config = w.dir / "ffifuzz.toml";
  std::ofstream(config) << docs_example_config("c_bugs", "60s");
  auto started = std::chrono::steady_clock::now();
  ProcessResult r = run_process({FFIFUZZ_BIN, "ci", "--config", config.string(), "--seed", "1", "--source-root",
                                 FFIFUZZ_SOURCE_DIR},
                                {}, w.dir.string());
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.exit_code, 1) << tail(r.err);
  // The budget: 60 s plus the 10-second grace docs/ci.md states (budget.h, kCiGraceSeconds).
  EXPECT_LE(wall, 60 + 10) << tail(r.err);
  fs::path out = w.dir / "ffifuzz-ci";
  nlohmann::json s = summary_json(out);

  // First night: no findings folder, no baseline; each said in one line, and the run goes on.
  EXPECT_TRUE(fs::is_directory(w.dir / "fuzz" / "findings"));
  EXPECT_NE(r.err.find("ffifuzz ci: note: findings folder " + (w.dir / "fuzz" / "findings").string() +
                       " did not exist (a first run?): created it"),
            std::string::npos)
      << tail(r.err);
  EXPECT_NE(r.err.find("ffifuzz ci: note: baseline " + (w.dir / "fuzz" / "baseline.json").string() +
                       " does not exist yet (a first run?)"),
            std::string::npos);
  EXPECT_NE(s["budget_split"].get<std::string>().find("the run ends within 70 s"), std::string::npos) << s["budget_split"];
  ASSERT_GE(s["counts"]["new"].get<int>(), 1) << "classification had work to do";

  // Library edges: never above the library's counters; the table adds up to the headline.
  const nlohmann::json& e = s["fuzz"]["library_edges"];
  ASSERT_TRUE(e["total"].is_number()) << e;
  long covered = e["covered"], total = e["total"], reached = e["reached_while_fuzzing"];
  std::string log = read_file(out / "logs" / "fuzz.log");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(log, m, std::regex(R"(INFO: Loaded 1 modules +\((\d+) inline 8-bit counters\))")));
  long counters = std::stol(m[1]);
  EXPECT_EQ(total, counters);
  EXPECT_GT(covered, 0);
  EXPECT_LE(covered, counters);
  EXPECT_LE(reached, counters);
  EXPECT_GT(s["fuzz"]["api_level"]["features"].get<long>(), 0);
  long table_covered = e["not_exported_covered"], table_total = e["not_exported_total"];
  for (const auto& f : s["functions"])
    if (f["edges_total"].is_number()) {
      table_covered += f["edges_covered"].get<long>();
      table_total += f["edges_total"].get<long>();
    }
  EXPECT_EQ(table_covered, covered);
  EXPECT_EQ(table_total, total);
  for (const auto& p : s["coverage_over_time"]) EXPECT_LE(p["library_edges"].get<long>(), counters);
  std::string md = read_file(out / "summary.md");
  EXPECT_NE(md.find(std::to_string(covered) + " of " + std::to_string(total) + " library edges"), std::string::npos);
  EXPECT_NE(md.find("| (functions not exported) |"), std::string::npos);
  EXPECT_NE(read_file(out / "junit.xml").find("<property name=\"library_edges_total\" value=\"" + std::to_string(total)),
            std::string::npos);

  // coverage.svg: ticks and axis labels, and rsvg-convert renders it at its size.
  std::string svg = read_file(out / "coverage.svg");
  EXPECT_NE(svg.find(">library edges</text>"), std::string::npos);
  EXPECT_NE(svg.find(">time since the fuzz phase started</text>"), std::string::npos);
  std::regex tick(R"re(class="tick-([xy])"[^>]*>([^<]+)<)re");
  std::vector<std::string> xs, ys;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tick); it != std::sregex_iterator(); ++it)
    ((*it)[1] == "x" ? xs : ys).push_back((*it)[2]);
  EXPECT_GE(xs.size(), 3u);
  EXPECT_GE(ys.size(), 3u);
  EXPECT_EQ(ys.empty() ? "" : ys.front(), "0");
  EXPECT_EQ(xs.empty() ? "" : xs.front(), "0 s");
  if (!fs::exists("/usr/bin/rsvg-convert")) GTEST_SKIP() << "rsvg-convert is missing (scripts/setup.sh installs librsvg2-bin)";
  ProcessResult png = run_process({"/usr/bin/rsvg-convert", (out / "coverage.svg").string(), "-o", (w.dir / "coverage.png").string()});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  EXPECT_EQ(png_size(read_file(w.dir / "coverage.png")), std::make_pair(640u, 320u));

  // SARIF: relative to SRCROOT, which names the source root; the command line as it ran.
  expect_valid_sarif(out / "results.sarif");
  nlohmann::json sarif = nlohmann::json::parse(read_file(out / "results.sarif"));
  const nlohmann::json& run = sarif["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file://" + std::string(FFIFUZZ_SOURCE_DIR) + "/");
  std::string cmd = run["invocations"][0]["commandLine"];
  EXPECT_NE(cmd.find(" ci --config " + config.string() + " --seed 1 --source-root "), std::string::npos) << cmd;
  long relative = 0;
  for (const auto& result : run["results"])
    for (const auto& loc : result.value("locations", nlohmann::json::array())) {
      const nlohmann::json& a = loc["physicalLocation"]["artifactLocation"];
      std::string uri = a["uri"];
      EXPECT_NE(uri.front(), '/') << uri;
      if (a.value("uriBaseId", "") == "SRCROOT") {
        ++relative;
        EXPECT_TRUE(fs::exists(fs::path(FFIFUZZ_SOURCE_DIR) / uri)) << uri;
      }
    }
  EXPECT_GE(relative, 1);

  // Every fork job's sanitizer report and NEW_FUNC line went to the log, not to stderr.
  EXPECT_NE(log.find("ERROR: AddressSanitizer"), std::string::npos);
  EXPECT_EQ(r.err.find("ERROR: AddressSanitizer"), std::string::npos) << tail(r.err);
  EXPECT_EQ(r.err.find("NEW_FUNC"), std::string::npos) << tail(r.err);
  EXPECT_NE(r.err.find("ffifuzz ci: fuzzing "), std::string::npos) << "ci's own status line";
}

TEST(Ci, BadInputIsOneLineAndExitTwo) {
  Workspace w("bad", "seed");
  auto expect_usage = [&](std::vector<std::string> argv, const std::string& says) {
    ProcessResult r = run_process(argv);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(w.dir / "out" / "summary.md"));
  };
  std::vector<std::string> argv = ci_argv("seed", w, "out", "soon");
  expect_usage(argv, "--time soon: not a duration");
  argv = ci_argv("seed", w, "out", "1m");
  argv.erase(argv.begin() + 6, argv.begin() + 8);  // no --time
  expect_usage(argv, "no time budget");
  fs::path bogus = w.dir / "baseline.json";
  std::ofstream(bogus) << "{\"findings\": [{\"class\": \"leak\"}]}";
  argv = ci_argv("seed", w, "out", "1m");
  argv.insert(argv.end(), {"--baseline", bogus.string()});
  expect_usage(argv, "has no \"key\"");
  argv = ci_argv("seed", w, "out", "1m");
  argv[3] = (w.dir / "nope.so").string();
  expect_usage(argv, "no such library");
  // A first night's missing findings folder is made only for a run that goes ahead: bad input
  // stays one line and leaves no folder behind.
  argv.insert(argv.end(), {"--findings", (w.dir / "new-findings").string()});
  expect_usage(argv, "no such library");
  EXPECT_FALSE(fs::exists(w.dir / "new-findings"));
  std::ofstream(w.dir / "findings-file") << "not a folder";
  argv = ci_argv("seed", w, "out", "1m");
  argv.insert(argv.end(), {"--findings", (w.dir / "findings-file").string()});
  expect_usage(argv, "findings-file: not a folder");

  ProcessResult help = run_process({FFIFUZZ_BIN, "ci", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"check", "regress", "fuzz", "merge", "minimize", "--baseline", "--time", "Exit codes"})
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
}

}  // namespace
}  // namespace ffifuzz::test
