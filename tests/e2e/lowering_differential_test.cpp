// End to end, issue 14's differential test (docs/ARCHITECTURE.md, "One lowering"): every
// seed-corpus program of every zoo library (corpus/<target>/) and of every real library (the
// programs `ffifuzz seeds` writes for it under its contract) runs twice, against the cov-asan
// build: once through the harness (`ffifuzz repro --trace`), once as the C program `ffifuzz
// emit-c` writes for it, compiled with clang and run without ffifuzz. Both print the same
// trace lines (program/call_trace.h): each call made or not made and why, what it returned
// (NULL or not, integers exactly), each final release. The test asserts the two traces are
// identical, program by program, and prints how many programs it compared.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

#include "support/files.h"
#include "support/real_libs.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

constexpr const char* kFlavour = "cov-asan";

struct Library {
  std::string name;
  std::vector<std::string> target;  // --lib L --header H [--contract C]
  std::string lib;
  bool real = false;
};

// The trace lines of one run of a program: those after "ffifuzz: ", up to where a second run
// would start (a repeated program runs its calls again from #0).
std::vector<std::string> trace_of(const std::string& text) {
  static const std::regex line_re(R"(ffifuzz: ((call|result|skip) #\d+.*|release .*|skip release .*))");
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, line_re)) continue;
    out.push_back(m[1]);
  }
  return out;
}

// Programs whose results the C program cannot share with the harness, and why: their call,
// skip and release lines are compared, their result values are not.
struct Undetermined {
  const char* library;
  const char* program;  // file name in its corpus folder
  const char* why;
};
constexpr Undetermined kUndetermined[] = {
    {"rust_layout", "packet_checksum.txt",
     "the struct passed by value has another layout in the binary (no #[repr(C)]): the library reads registers the "
     "caller never set, a different value in every process"},
    {"hostile_files", "files_save_home.txt",
     "the harness runs contained (HOME is read-only to it), the C program does not: its write succeeds"},
};

const char* undetermined(const std::string& library, const std::string& program) {
  for (const Undetermined& u : kUndetermined)
    if (library == u.library && fs::path(program).filename() == u.program) return u.why;
  return nullptr;
}

// "result #K VALUE" -> "result #K": for a program whose values differ by nature.
std::vector<std::string> without_values(std::vector<std::string> lines) {
  for (std::string& l : lines)
    if (l.rfind("result #", 0) == 0) l = l.substr(0, l.find(' ', 8));
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += "  " + l + "\n";
  return s;
}

// `repro --trace` output, per input file ("== FILE" starts each).
std::map<std::string, std::vector<std::string>> traces_by_file(const std::string& out) {
  std::map<std::string, std::vector<std::string>> traces;
  std::string current, section;
  auto flush = [&] {
    if (!current.empty()) traces[current] = trace_of(section);
  };
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("== ", 0) == 0) {
      flush();
      current = line.substr(3);
      section.clear();
    } else {
      section += line + "\n";
    }
  }
  flush();
  return traces;
}

class DifferentialTest : public testing::Test {
 public:
  DifferentialTest(Library lib, std::vector<std::string> programs, std::string work)
      : lib_(std::move(lib)), programs_(std::move(programs)), work_(std::move(work)) {}

  void TestBody() override {
    if (lib_.real && programs_.empty()) programs_ = real_seeds();
    ASSERT_FALSE(programs_.empty()) << lib_.name << ": no seed programs";
    // The target options last: --header takes every value that follows it.
    std::vector<std::string> argv = {FFIFUZZ_BIN, "repro", "--trace"};
    argv.insert(argv.end(), programs_.begin(), programs_.end());
    argv.insert(argv.end(), lib_.target.begin(), lib_.target.end());
    ProcessResult harness = run_process(argv);
    ASSERT_TRUE(harness.exit_code == 0 || harness.exit_code == 1) << testing::PrintToString(argv) << "\n" << tail(harness.out + harness.err);
    std::map<std::string, std::vector<std::string>> expected = traces_by_file(harness.out);

    size_t compared = 0, calls = 0;
    for (size_t i = 0; i < programs_.size(); ++i) {
      const std::string& program = programs_[i];
      SCOPED_TRACE(program);
      ASSERT_TRUE(expected.count(program)) << "repro printed no section for " << program << "\n" << tail(harness.out);
      std::vector<std::string> want = expected[program];
      EXPECT_FALSE(want.empty()) << "the harness traced no call of " << program << "\n" << tail(harness.out + harness.err);

      const std::string source = work_ + "/p" + std::to_string(i) + ".c", exe = work_ + "/p" + std::to_string(i);
      std::vector<std::string> emit = {FFIFUZZ_BIN, "emit-c", program, "-o", source};
      emit.insert(emit.end(), lib_.target.begin(), lib_.target.end());
      ProcessResult e = run_process(emit);
      ASSERT_EQ(e.exit_code, 0) << e.out << e.err;
      std::string c = read_file(source);
      std::string first = c.substr(0, c.find('\n'));
      ASSERT_EQ(first.rfind("/* clang ", 0), 0u) << first;
      std::string cmd = first.substr(3);
      cmd = std::regex_replace(cmd, std::regex(R"( repro\.c )"), " " + source + " ");
      cmd = std::regex_replace(cmd, std::regex(R"( -o repro$)"), " -o " + exe);
      ProcessResult cc = run_process({"/bin/sh", "-c", cmd});
      ASSERT_EQ(cc.exit_code, 0) << cmd << "\n" << tail(cc.err);
      // A library that writes where $HOME says writes into the test's folder.
      ProcessResult run = run_process({exe}, {{"HOME", work_}});
      std::vector<std::string> got = trace_of(run.err);
      if (const char* why = undetermined(lib_.name, program)) {
        std::printf("[ differential ] %s: result values not compared: %s\n", program.c_str(), why);
        got = without_values(got);
        want = without_values(want);
      }
      EXPECT_EQ(got, want) << "the harness:\n" << joined(want) << "the C program:\n" << joined(got) << "its stderr:\n"
                           << tail(run.err, 2500) << "\n" << program << ":\n" << read_file(program);
      ++compared;
      calls += want.size();
      fs::remove(exe);
    }
    std::printf("[ differential ] %s: %zu programs, %zu trace lines compared\n", lib_.name.c_str(), compared, calls);
    RecordProperty("programs", std::to_string(compared));
    if (!testing::Test::HasFailure()) fs::remove_all(work_);
  }

 private:
  // `ffifuzz seeds` under the library's contract: what a new user's corpus starts from.
  std::vector<std::string> real_seeds() {
    std::vector<std::string> argv = {FFIFUZZ_BIN, "seeds", "-o", work_ + "/seeds"};
    argv.insert(argv.end(), lib_.target.begin(), lib_.target.end());
    ProcessResult r = run_process(argv);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::vector<std::string> out;
    for (const fs::directory_entry& e : fs::directory_iterator(work_ + "/seeds")) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  Library lib_;
  std::vector<std::string> programs_;
  std::string work_;
};

std::string fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-differential-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void register_tests() {
  for (const ZooTarget& t : load_zoo(FFIFUZZ_SOURCE_DIR)) {
    fs::path corpus = fs::path(FFIFUZZ_SOURCE_DIR) / "corpus" / t.name;
    if (t.load_error || !fs::is_directory(corpus)) continue;
    std::vector<std::string> programs;
    for (const fs::directory_entry& e : fs::directory_iterator(corpus)) programs.push_back(e.path().string());
    std::sort(programs.begin(), programs.end());
    Library lib{t.name, {"--lib", zoo_library(FFIFUZZ_ZOO_DIR, t.name, kFlavour), "--header", t.header}, "", false};
    testing::RegisterTest("LoweringDifferential", test_name(t.name).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [=]() -> testing::Test* { return new DifferentialTest(lib, programs, fresh_dir(t.name)); });
  }
#ifdef FFIFUZZ_DIFFERENTIAL_REAL
  for (const RealLib& r : load_real_libs(FFIFUZZ_REAL_DIR)) {
    std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/" + r.package + "/contract.toml";
    Library lib{r.library, {"--lib", real_library(FFIFUZZ_REAL_DIR, r, kFlavour), "--header",
                            real_header(FFIFUZZ_REAL_DIR, r, kFlavour)}, "", true};
    if (fs::exists(contract)) lib.target.insert(lib.target.end(), {"--contract", contract});
    testing::RegisterTest("LoweringDifferentialReal", test_name(r.library).c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [=]() -> testing::Test* { return new DifferentialTest(lib, {}, fresh_dir(r.library)); });
  }
#endif
}

}  // namespace
}  // namespace ffifuzz::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  ffifuzz::test::register_tests();
  int rc = RUN_ALL_TESTS();
  return ffifuzz::test::fail_if_nothing_ran(rc);
}
