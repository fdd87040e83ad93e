// What `ffifuzz fuzz` shows while it runs (docs/fuzz.md, "Progress"): on a real terminal
// (tmux) one progress line rewritten in place; in a log, ffifuzz's own lines and a progress
// line now and then, with libFuzzer's raw output kept in OUT/fuzz.log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/files.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("progress", name); }

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long count_matches(const std::string& text, const std::regex& re) {
  return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
}

const std::string kTmux = "/usr/bin/tmux";  // Debian's tmux package (scripts/setup.sh)

std::string quote(const std::string& s) { return "'" + s + "'"; }

const std::regex kProgressLine(R"(\[\d\d:\d\d:\d\d\] \d+ execs  \d+/s  edges \d+ of \d+  corpus \d+  findings 0)");

// ffifuzz fuzz in a tmux pane 100 columns wide. The command signals a tmux channel when it has
// ended and then waits on another, so the pane is still there to be captured: no polling.
TEST(Progress, OnATerminalIsOneLineRewrittenInPlace) {
  fs::path dir = fresh_dir("tmux");
  const std::string session = "ffifuzz-progress-" + std::to_string(getpid());
  const std::string ended = session + "-ended", release = session + "-release";
  const fs::path raw = dir / "pane.raw";
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "seed", "cov-asan");
  const std::string command = quote(FFIFUZZ_BIN) + " fuzz --lib " + quote(lib) + " --header " +
                              quote(std::string(FFIFUZZ_SOURCE_DIR) + "/targets/seed/seed.h") + " --out " +
                              quote((dir / "out").string()) + " --seed 1 --max-time 5; echo \"exit $?\"; tmux wait-for -S " +
                              ended + "; tmux wait-for " + release;
  ProcessResult start = run_process({kTmux, "-L", session, "new-session", "-d", "-s", session, "-x", "100", "-y", "40",
                                     "sh", "-c", command});
  ASSERT_EQ(start.exit_code, 0) << start.err;
  // Every byte the pane is sent, escape sequences included, to count the rewrites.
  ASSERT_EQ(run_process({kTmux, "-L", session, "pipe-pane", "-t", session, "cat > " + quote(raw.string())}).exit_code, 0);
  ProcessResult waited = run_process({kTmux, "-L", session, "wait-for", ended}, {}, "", 120);
  ProcessResult screen = run_process({kTmux, "-L", session, "capture-pane", "-p", "-t", session});
  run_process({kTmux, "-L", session, "wait-for", "-S", release});
  run_process({kTmux, "-L", session, "kill-server"});
  ASSERT_FALSE(waited.timed_out);
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  const std::string& text = screen.out;
  std::printf("[ screen ]\n%s", text.c_str());

  EXPECT_NE(text.find("exit 0"), std::string::npos) << text;
  // One progress line on the screen, however many times it was drawn, and no raw libFuzzer line.
  EXPECT_EQ(count_matches(text, kProgressLine), 1) << text;
  EXPECT_EQ(text.find("INFO:"), std::string::npos) << text;
  EXPECT_EQ(text.find("cov: "), std::string::npos) << text;
  EXPECT_NE(text.find("ffifuzz: no findings in "), std::string::npos) << text;
  for (std::istringstream lines(text); !lines.eof();) {
    std::string line;
    std::getline(lines, line);
    EXPECT_LE(line.size(), 100u) << line;
  }
  // Drawn again and again at the start of the same line (carriage return, erase line).
  const std::string bytes = read_all(raw);
  EXPECT_GE(count_matches(bytes, std::regex("\r\x1b\\[K\\[\\d\\d:\\d\\d:\\d\\d\\] ")), 3) << bytes.size() << " bytes";
  fs::remove_all(dir);
}

TEST(Progress, InALogOnlyFfifuzzLinesAndTheRawOutputIsInFuzzLog) {
  fs::path dir = fresh_dir("log");
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", zoo_library(FFIFUZZ_ZOO_DIR, "seed", "cov-asan"),
                                 "--header", std::string(FFIFUZZ_SOURCE_DIR) + "/targets/seed/seed.h", "--out",
                                 (dir / "out").string(), "--seed", "1", "--runs", "30000"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);)
    EXPECT_EQ(line.rfind("ffifuzz:", 0), 0u) << "not ffifuzz's own line: " << line << "\n" << r.err;
  // The first and the last progress lines always show; the last counts every execution.
  const std::regex progress(R"(ffifuzz: \[\d\d:\d\d:\d\d\] (\d+) execs, \d+ exec/s, library edges (\d+) of (\d+), corpus \d+, 0 finding\(s\))");
  std::vector<std::smatch> seen;
  for (auto it = std::sregex_iterator(r.err.begin(), r.err.end(), progress); it != std::sregex_iterator(); ++it)
    seen.push_back(*it);
  ASSERT_GE(seen.size(), 2u) << r.err;
  EXPECT_EQ(seen.back()[1].str(), "30000") << r.err;
  // Library edges: the seed library's counters, never ffifuzz's 4,096 API-level ones.
  EXPECT_LE(std::stol(seen.back()[2].str()), std::stol(seen.back()[3].str()));
  EXPECT_LT(std::stol(seen.back()[3].str()), 4096);
  EXPECT_NE(r.err.find("ffifuzz: no findings in 30000 executions"), std::string::npos) << r.err;
  const std::string log = read_all(dir / "out" / "fuzz.log");
  EXPECT_NE(log.find("Done 30000 runs"), std::string::npos);
  EXPECT_NE(log.find("INFO: Loaded 1 modules"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
