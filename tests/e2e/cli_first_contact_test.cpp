// What a user meets first (issue 15): the command line, the config, the header, the contract
// file and the input arguments, each wrong in the way people get them wrong, must get one
// exact line on stderr (or, for a contract file, one line per error) and exit 2; and the
// commands that succeed say so with exit 0. Runs the real binary on fixture libraries built
// here (tests/e2e/fixtures).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/subprocess.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures";
const std::string kFixtureLibs = CLI_FIXTURE_DIR;

// A fresh folder for one test, removed by the next run of the same test.
std::string work_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ffifuzz-cli-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

ProcessResult ffifuzz(std::vector<std::string> args) {
  args.insert(args.begin(), FFIFUZZ_BIN);
  return run_process(args, {}, "", 300);
}

// Exit 2, nothing on stdout, and exactly `line` (plus its newline) on stderr.
void expect_usage_line(const ProcessResult& r, const std::string& line) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, line + "\n");
  EXPECT_TRUE(r.out.empty()) << r.out;
}

// ---- 1. unknown options and stray arguments ----

TEST(CliFirstContact, MisspeltOptionSuggestsTheCommandsOwn) {
  expect_usage_line(ffifuzz({"fuzz", "--lib", "x.so", "foo.h", "--hedaer"}),
                    "ffifuzz fuzz: unknown option --hedaer; did you mean --header? (see 'ffifuzz fuzz --help')");
  expect_usage_line(ffifuzz({"fuzz", "--max_time=60"}),
                    "ffifuzz fuzz: unknown option --max_time; did you mean --max-time? (see 'ffifuzz fuzz --help')");
  expect_usage_line(ffifuzz({"ci", "--tiem", "60"}),
                    "ffifuzz ci: unknown option --tiem; did you mean --time? (see 'ffifuzz ci --help')");
  // Nothing close: no guess.
  expect_usage_line(ffifuzz({"inspect", "--frobnicate"}), "ffifuzz inspect: unknown option --frobnicate (see 'ffifuzz inspect --help')");
  expect_usage_line(ffifuzz({"inspect", "-X"}), "ffifuzz inspect: unknown option -X (see 'ffifuzz inspect --help')");
  // A misspelt option explains a missing argument better than "file is required".
  expect_usage_line(ffifuzz({"emit-c", "--ouput", "repro.c"}),
                    "ffifuzz emit-c: unknown option --ouput; did you mean --output? (see 'ffifuzz emit-c --help')");
}

TEST(CliFirstContact, StrayPositionalSaysSo) {
  expect_usage_line(ffifuzz({"fuzz", "--lib", "x.so", "foo.h"}),
                    "ffifuzz fuzz: unexpected argument 'foo.h': fuzz takes no positional arguments; name the option it "
                    "is for (see 'ffifuzz fuzz --help')");
  expect_usage_line(ffifuzz({"emit-c", "a.bin", "b.bin"}),
                    "ffifuzz emit-c: unexpected argument 'b.bin': emit-c takes 1 positional argument (file) (see "
                    "'ffifuzz emit-c --help')");
  expect_usage_line(ffifuzz({"fuz", "--lib", "x.so"}), "ffifuzz: unknown command 'fuz'; did you mean fuzz? (see 'ffifuzz help')");
}

TEST(CliFirstContact, OtherParseErrorsNameTheCommand) {
  expect_usage_line(ffifuzz({"fuzz", "--runs", "many"}),
                    "ffifuzz fuzz: Could not convert: --runs = many (see 'ffifuzz fuzz --help')");
}

// ---- 2. ffifuzz help [COMMAND] ----

TEST(CliFirstContact, HelpCommand) {
  ProcessResult top = ffifuzz({"help"});
  EXPECT_EQ(top.exit_code, 0) << top.err;
  EXPECT_EQ(top.out, ffifuzz({"--help"}).out);
  EXPECT_NE(top.out.find("fuzz"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("help"), std::string::npos) << top.out;

  ProcessResult fuzz = ffifuzz({"help", "fuzz"});
  EXPECT_EQ(fuzz.exit_code, 0) << fuzz.err;
  EXPECT_EQ(fuzz.out, ffifuzz({"fuzz", "--help"}).out);
  EXPECT_NE(fuzz.out.find("--max-time"), std::string::npos) << fuzz.out;

  expect_usage_line(ffifuzz({"help", "minimise"}),
                    "ffifuzz help: error: no command 'minimise'; did you mean minimize? (see 'ffifuzz help')");
}

// ---- 3. durations wherever a time is taken ----

TEST(CliFirstContact, DurationsEverywhere) {
  const std::string out = work_dir("durations");
  const std::string lib = kFixtureLibs + "/libfuzz_partial.so", header = kFixtures + "/partial.h";
  // --max-time and libFuzzer's own time flags take 60s, 1h, ... (libFuzzer alone would read "1h" as 1).
  ProcessResult ok = ffifuzz({"fuzz", "--lib", lib, "--header", header, "--out", out + "/run", "--runs", "200", "--seed", "1",
                              "--max-time", "60s", "--", "-timeout=1m", "-max_total_time=1h"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.err.find("ffifuzz: no findings in 200 executions"), std::string::npos) << ok.err;

  expect_usage_line(ffifuzz({"fuzz", "--lib", lib, "--header", header, "--out", out + "/bad", "--max-time", "60x"}),
                    "ffifuzz fuzz: error: --max-time 60x: not a duration; write seconds (1800) or 90s, 30m, 1h, 1h30m");
  expect_usage_line(ffifuzz({"fuzz", "--lib", lib, "--header", header, "--out", out + "/bad", "--", "-timeout=ten"}),
                    "ffifuzz fuzz: error: -- -timeout ten: not a duration; write seconds (1800) or 90s, 30m, 1h, 1h30m");

  // A bad time in ffifuzz.toml is reported where it is written, not as if --time had said it.
  const std::string config = write_file(out + "/ffifuzz.toml", "[target]\nlib = \"" + lib + "\"\nheader = \"" + header +
                                                                    "\"\n\n[ci]\ntime = \"90 s\"\n");
  expect_usage_line(ffifuzz({"ci", "--config", config}),
                    "ffifuzz ci: error: " + config + ":6: ci.time 90 s: not a duration; write seconds (1800) or 90s, 30m, 1h, 1h30m");
  fs::remove_all(out);
}

// A path in ffifuzz.toml that is not there is reported at the config's line, not as --lib's.
TEST(CliFirstContact, ConfigPathsAreReportedWhereTheyAreWritten) {
  const std::string dir = work_dir("config");
  const std::string config =
      write_file(dir + "/ffifuzz.toml", "[target]\nlib = \"build/libnone.so\"\nheader = \"" + kFixtures + "/partial.h\"\n");
  expect_usage_line(ffifuzz({"inspect", "--config", config}),
                    "ffifuzz inspect: error: " + config + ":2: target.lib " + dir +
                        "/build/libnone.so: no such library (a relative path is relative to the config file's folder)");
  fs::remove_all(dir);
}

// ---- 4. a header that does not parse ----

TEST(CliFirstContact, HeaderErrorIsTheFirstInTheUsersHeader) {
  const std::string dir = work_dir("header");
  // The header ends inside a declaration: clang places the error after the #include of its
  // umbrella file; the user is told where their header ends.
  const std::string unfinished = write_file(dir + "/unfinished.h", "typedef struct Foo Foo;\nFoo *foo_new(void);\nint foo_bad(Foo *f, int x\n");
  expect_usage_line(ffifuzz({"inspect", "--header", unfinished}),
                    "ffifuzz inspect: error: " + unfinished +
                        ":3:26: expected ')' (to match this '(' at 3:12); the header does not parse as c (1 more error): "
                        "fix it or pass -I/-D/--include");
  const std::string unknown_type = write_file(dir + "/unknown_type.h", "typedef struct Foo Foo;\nint foo(Foo *f, unknown_t x);\n");
  expect_usage_line(ffifuzz({"inspect", "--header", unknown_type}),
                    "ffifuzz inspect: error: " + unknown_type +
                        ":2:17: unknown type name 'unknown_t'; the header does not parse as c: fix it or pass -I/-D/--include");
  fs::remove_all(dir);
}

// A header that uses FILE and size_t without including what declares them (libjpeg's
// jpeglib.h): `--include stdio.h` names a header for the include path, as clang's -include
// does, in fuzz (whose worker gets absolute paths) as in inspect.
TEST(CliFirstContact, IncludeNamesAHeaderOnTheIncludePath) {
  const std::string dir = work_dir("pre-include");
  const std::string header = write_file(dir + "/needs_stdio.h", "#include \"" + kFixtures +
                                                                    "/partial.h\"\ntypedef FILE *log_file;\nsize_t log_size(void);\n");
  const std::string lib = kFixtureLibs + "/libfuzz_partial.so";
  expect_usage_line(ffifuzz({"inspect", "--header", header}),
                    "ffifuzz inspect: error: " + header +
                        ":2:9: unknown type name 'FILE'; the header does not parse as c (1 more error): fix it or pass -I/-D/--include");
  ProcessResult inspect = ffifuzz({"inspect", "--header", header, "--include", "stdio.h"});
  EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
  ProcessResult fuzz = ffifuzz({"fuzz", "--lib", lib, "--header", header, "--include", "stdio.h", "--out", dir + "/run",
                                "--runs", "100", "--seed", "1"});
  EXPECT_EQ(fuzz.exit_code, 0) << fuzz.err;
  EXPECT_NE(fuzz.err.find("ffifuzz: no findings in 100 executions"), std::string::npos) << fuzz.err;
  fs::remove_all(dir);
}

// ---- 5. contract files: every error at once, every function reference checked ----

TEST(CliFirstContact, ContractErrorsAllAtOnce) {
  const std::string dir = work_dir("contract");
  const std::string contract = write_file(dir + "/c.toml",
                                          "[functions.partial_present.returns]\n"
                                          "owned_by = \"partial_release\"\n"
                                          "\n"
                                          "[functions.partial_present.params.y]\n"
                                          "nonnull = true\n");
  ProcessResult r = ffifuzz({"inspect", "--header", kFixtures + "/partial.h", "--contract", contract});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err,
            "ffifuzz inspect: error: " + contract +
                ":2: 'functions.partial_present.returns.owned_by': function 'partial_release' is not declared in the "
                "header (nor is it \"free\", the C library's) (see docs/contracts.md)\n"
                "ffifuzz inspect: error: " + contract +
                ":4: 'functions.partial_present.params.y': function 'partial_present' has no parameter 'y' (its "
                "parameters: x) (see docs/contracts.md)\n");
  EXPECT_TRUE(r.out.empty()) << r.out;
  fs::remove_all(dir);
}

// A contract `value` clang cannot evaluate is reported at its line, in clang's words, and
// not at the generated file ffifuzz evaluates it in.
TEST(CliFirstContact, ContractValueThatDoesNotEvaluate) {
  const std::string dir = work_dir("value");
  const std::string contract = write_file(dir + "/c.toml", "[functions.partial_present.params.x]\nvalue = \"NO_SUCH_MACRO\"\n");
  expect_usage_line(ffifuzz({"inspect", "--header", kFixtures + "/partial.h", "--contract", contract}),
                    "ffifuzz inspect: error: " + contract +
                        ":2: contract value 'NO_SUCH_MACRO' is not a constant integer or string in the header's context "
                        "(use of undeclared identifier 'NO_SUCH_MACRO')");
  fs::remove_all(dir);
}

// ---- 6. repro, minimize and emit-c take finding folders; other folders are one line ----

TEST(CliFirstContact, FoldersAsInputs) {
  const std::string dir = work_dir("folders");
  const std::string lib = kFixtureLibs + "/libfuzz_partial.so", header = kFixtures + "/partial.h";
  expect_usage_line(ffifuzz({"repro", "--lib", lib, "--header", header, dir}),
                    "ffifuzz repro: error: " + dir + ": is a folder, not an input or a finding folder (no 'input' in it); "
                    "repro takes input files or finding folders; to replay every input in a folder use 'ffifuzz regress " +
                        dir + "'");
  // A folder holding an `input` (a finding folder) is replayed as its input.
  write_file(dir + "/input", "# ffifuzz program v1\npartial_present(4);\n");
  ProcessResult r = ffifuzz({"repro", "--lib", lib, "--header", header, dir});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("== " + dir + "/input\n# ffifuzz program v1\npartial_present(4);\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ffifuzz: clean: " + dir + "/input reproduces nothing"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

// The folder a fuzz run printed is what a person passes on: repro, minimize and emit-c take it
// as it is, with no target options (its finding.json names them).
TEST(CliFirstContact, FindingFolderOfARealRun) {
  const std::string dir = work_dir("finding");
  ProcessResult f = ffifuzz({"fuzz", "--lib", kFixtureLibs + "/libcli_boom.so", "--header", kFixtures + "/boom.h", "--out",
                             dir + "/out", "--runs", "200000", "--seed", "1"});
  ASSERT_EQ(f.exit_code, 1) << f.err;
  std::vector<fs::path> folders;
  for (const fs::directory_entry& e : fs::directory_iterator(dir + "/out/findings"))
    if (fs::exists(e.path() / "finding.json")) folders.push_back(e.path());
  ASSERT_EQ(folders.size(), 1u) << f.err;
  const std::string folder = folders[0].string();

  ProcessResult r = ffifuzz({"repro", folder});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("ffifuzz: REPRODUCED abort in boom"), std::string::npos) << r.out << r.err;
  ProcessResult m = ffifuzz({"minimize", folder});
  EXPECT_EQ(m.exit_code, 0) << m.err;
  ProcessResult e = ffifuzz({"emit-c", "-o", dir + "/repro.c", folder + "/input.min"});
  EXPECT_EQ(e.exit_code, 0) << e.err;
  fs::remove_all(dir);
}

// ---- 7. a text-form program with a syntax error ----

TEST(CliFirstContact, TextFormSyntaxErrorAtLineAndColumn) {
  const std::string dir = work_dir("text");
  const std::string program = write_file(dir + "/bad.txt", "# ffifuzz program v1\npartial_present(4);\npartial_present(1;\n");
  expect_usage_line(ffifuzz({"repro", "--lib", kFixtureLibs + "/libfuzz_partial.so", "--header", kFixtures + "/partial.h", program}),
                    "ffifuzz repro: error: " + program +
                        ":3:18: expected ')' to end the call to partial_present (it takes 1 argument), found ';'");
  fs::remove_all(dir);
}

// ---- 8. minimize: exit 0 when it minimized, so `minimize && emit-c` works ----

TEST(CliFirstContact, MinimizeThenEmitC) {
  const std::string dir = work_dir("minimize");
  const std::string lib = kFixtureLibs + "/libcli_boom.so", header = kFixtures + "/boom.h";
  const std::string input = write_file(dir + "/crash.txt", "# ffifuzz program v1\nboom(1);\nboom(7);\nboom(2);\n");
  ProcessResult m = ffifuzz({"minimize", "--lib", lib, "--header", header, input});
  EXPECT_EQ(m.exit_code, 0) << m.out << m.err;
  EXPECT_NE(m.out.find("3 calls -> 1 calls"), std::string::npos) << m.out;
  ProcessResult e = ffifuzz({"emit-c", "--lib", lib, "--header", header, "-o", dir + "/repro.c", input + ".min"});
  EXPECT_EQ(e.exit_code, 0) << e.err;
  EXPECT_TRUE(fs::exists(dir + "/repro.c"));

  // Nothing to minimize: exit 1 and nothing written.
  const std::string clean = write_file(dir + "/clean.txt", "# ffifuzz program v1\nboom(1);\n");
  ProcessResult c = ffifuzz({"minimize", "--lib", lib, "--header", header, clean});
  EXPECT_EQ(c.exit_code, 1) << c.err;
  EXPECT_FALSE(fs::exists(clean + ".min"));

  ProcessResult help = ffifuzz({"minimize", "--help"});
  EXPECT_NE(help.out.find("Exit codes: 0 minimized"), std::string::npos) << help.out;
  fs::remove_all(dir);
}

// ---- 9. inspect lists what fuzz skips, with fuzz's reasons ----

std::set<std::string> skipped_by_fuzz(const std::string& err) {
  std::set<std::string> out;
  std::istringstream in(err);
  const std::string prefix = "ffifuzz: skipping ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) out.insert(line.substr(prefix.size()));
  return out;
}

TEST(CliFirstContact, InspectListsWhatFuzzSkips) {
  const std::string dir = work_dir("skips");
  const std::string lib = kFixtureLibs + "/libcli_skips.so", header = kFixtures + "/skips.h";
  const std::string contract = write_file(dir + "/c.toml",
                                          "[functions.skips_by_contract]\nskip = \"not today\"\n"
                                          "[functions.skips_after_absent]\nrequires = [\"skips_absent\"]\n");
  ProcessResult f = ffifuzz({"fuzz", "--lib", lib, "--header", header, "--contract", contract, "--out", dir + "/out",
                             "--runs", "10", "--seed", "1"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const std::set<std::string> fuzz_skips = skipped_by_fuzz(f.err);

  ProcessResult i = ffifuzz({"inspect", "--lib", lib, "--header", header, "--contract", contract, "--format", "json"});
  ASSERT_EQ(i.exit_code, 0) << i.err;
  std::set<std::string> inspect_skips;
  const nlohmann::json doc = nlohmann::json::parse(i.out);
  for (const nlohmann::json& s : doc["skipped"])
    inspect_skips.insert(s["name"].get<std::string>() + ": " + s["reason"].get<std::string>());
  EXPECT_EQ(inspect_skips, fuzz_skips);
  // Every kind of skip is there: the header's, the contract's, the library's and the plan's.
  for (const char* name : {"skips_variadic", "skips_valist", "skips_exit", "skips_absent", "skips_by_contract",
                           "skips_after_absent"}) {
    bool found = false;
    for (const std::string& s : fuzz_skips) found |= s.rfind(std::string(name) + ": ", 0) == 0;
    EXPECT_TRUE(found) << name << " is not skipped by fuzz:\n" << f.err;
  }
  ProcessResult text = ffifuzz({"inspect", "--lib", lib, "--header", header, "--contract", contract});
  EXPECT_NE(text.out.find("skipped functions (" + std::to_string(fuzz_skips.size()) + "):"), std::string::npos) << text.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
