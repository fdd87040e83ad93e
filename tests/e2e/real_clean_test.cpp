// Real libraries nobody here wrote (issue 8), each with its contract file in
// targets/real/<package>/:
// - the clean ones (zlib, libyaml, jansson, expat) run 1,000,000 executions with a fixed seed
//   and no finding (slow), and a short run in every e2e pass. A finding here is either a
//   real bug in the library or a gap in the contract or the inference, never an expectation
//   to loosen. They run on the cov-asan build from Debian source (scripts/build-debian-lib.sh)
//   and zlib also on Debian's own uninstrumented libz, where the guard pages and LeakSanitizer
//   are what sees a fault;
// - the known bugs (md4c 0.4.8's over-read in the parser, c-ares 1.18.1's leak in
//   ares_set_sortlist) are found from the contract files alone;
// - each known real bug's repro.c (emit-c), built and run without ffifuzz, shows the class and
//   first library frame the harness saw (RealKnownBugReproC);
// - the real bugs the clean runs found (zlib 1.2.13's inflatePrime, twice, and inflateCopy)
//   replay from their reproducers.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>

#include "report/classify.h"
#include "support/files.h"
#include "support/real_libs.h"
#include "support/subprocess.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;

struct Target {
  std::string package;
  std::string lib;
  std::string header;
};

Target built(const std::string& package, const std::string& library, const std::string& header,
             const std::string& flavour) {
  RealLib r{package, library, header};
  std::string missing = real_lib_missing(FFIFUZZ_REAL_DIR, r, flavour);
  EXPECT_TRUE(missing.empty()) << missing;
  return {package, real_library(FFIFUZZ_REAL_DIR, r, flavour), real_header(FFIFUZZ_REAL_DIR, r, flavour)};
}

// What a fuzz run printed, and the program of each finding it wrote (its output folder goes
// with the test: the programs are kept for the failure message, so a CI log carries what
// reproduces a finding; fuzzed runs do not repeat from their seed).
struct FuzzRun {
  ProcessResult p;
  std::string programs;
};

FuzzRun fuzz(const Target& t, const std::string& tag, std::vector<std::string> limits) {
  // One folder per library file: Debian's libz and the cov-asan one run at the same time.
  fs::path out = fs::temp_directory_path() /
                 ("ffifuzz-real-" + t.package + "-" + tag + "-" + std::to_string(std::hash<std::string>{}(t.lib)));
  fs::remove_all(out);
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/" + t.package + "/contract.toml";
  std::vector<std::string> argv = {FFIFUZZ_BIN, "fuzz", "--lib", t.lib, "--header", t.header, "--contract", contract,
                                   "--out", out.string(), "--seed", "1"};
  argv.insert(argv.end(), limits.begin(), limits.end());
  FuzzRun run{run_process(argv), ""};
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(out / "findings", ec)) {
    std::ifstream program(e.path() / "program.txt");
    run.programs += "== " + e.path().filename().string() + "/program.txt\n" +
                    std::string(std::istreambuf_iterator<char>(program), std::istreambuf_iterator<char>());
  }
  fs::remove_all(out);
  return run;
}

void expect_clean(const Target& t, long runs) {
  ASSERT_TRUE(fs::exists(t.lib)) << t.lib;
  // The time cap is below ctest's 1,800 s: a run that slows down (a corpus of inputs the
  // library is slow on) fails here with its log's last lines, executions a second included,
  // instead of being killed without them.
  FuzzRun run = fuzz(t, "clean", {"--runs", std::to_string(runs), "--max-time", "1500"});
  const ProcessResult& p = run.p;
  EXPECT_EQ(p.exit_code, 0) << tail(p.err) << "\n" << run.programs;
  EXPECT_NE(p.err.find("ffifuzz: no findings in " + std::to_string(runs) + " executions"), std::string::npos)
      << "did not run all executions, or found something\n" << tail(p.err);
}

Target debian_zlib() { return {"zlib", "/usr/lib/x86_64-linux-gnu/libz.so", "/usr/include/zlib.h"}; }
Target zlib() { return built("zlib", "z", "zlib.h", "cov-asan"); }
Target libyaml() { return built("libyaml", "yaml", "yaml.h", "cov-asan"); }
Target jansson() { return built("jansson", "jansson", "jansson.h", "cov-asan"); }
Target expat() { return built("expat", "expat", "expat.h", "cov-asan"); }

TEST(RealClean, DebianZlibShortRun) { expect_clean(debian_zlib(), 20000); }
TEST(RealClean, ZlibShortRun) { expect_clean(zlib(), 20000); }
TEST(RealClean, LibyamlShortRun) { expect_clean(libyaml(), 20000); }
TEST(RealClean, JanssonShortRun) { expect_clean(jansson(), 20000); }
TEST(RealClean, ExpatShortRun) { expect_clean(expat(), 20000); }

TEST(RealCleanSlow, DebianZlibMillionExecutions) { expect_clean(debian_zlib(), 1000000); }
TEST(RealCleanSlow, ZlibMillionExecutions) { expect_clean(zlib(), 1000000); }
TEST(RealCleanSlow, LibyamlMillionExecutions) { expect_clean(libyaml(), 1000000); }
TEST(RealCleanSlow, JanssonMillionExecutions) { expect_clean(jansson(), 1000000); }
TEST(RealCleanSlow, ExpatMillionExecutions) { expect_clean(expat(), 1000000); }

// Real zlib 1.2.13 bugs the 1,000,000-execution runs found. contract.toml keeps each out of the
// clean runs in a block marked "known-bug begin <name>" ... "known-bug end <name>": its
// reproducer shows the bug with that block removed and nothing with it, so each block hides its
// bug and nothing is hidden without a reason in the contract.
std::string contract_without_known_bug(const std::string& contract, const std::string& name, const fs::path& out) {
  std::ifstream in(contract);
  std::ofstream o(out);
  std::string line;
  bool inside = false;
  int blocks = 0;
  while (std::getline(in, line)) {
    if (line.rfind("# known-bug begin " + name + ":", 0) == 0) inside = true, ++blocks;
    if (!inside) o << line << "\n";
    if (line == "# known-bug end " + name) inside = false;
  }
  EXPECT_EQ(blocks, 1) << contract;
  EXPECT_FALSE(inside) << "no '# known-bug end " << name << "' in " << contract;
  return out.string();
}

// With its block in place, the reproducer either runs clean (a contract key such as `once`
// keeps the bad call out, so it is not run) or is refused (a skipped function cannot be
// called): `expected` is what repro must say then.
struct Hidden {
  int exit_code;
  std::string says;
};

void expect_known_zlib_bug(const std::string& name, const std::string& reproducer, const std::string& finding,
                           const std::string& report, const Hidden& expected) {
  Target z = zlib();
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/zlib/contract.toml";
  std::string input = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/zlib/known-bugs/" + reproducer;
  fs::path tmp = fs::temp_directory_path() / ("ffifuzz-zlib-known-" + name + "-" + std::to_string(::getpid()) + ".toml");
  std::string lifted = contract_without_known_bug(contract, name, tmp);
  auto repro = [&](const std::string& c) {
    return run_process({FFIFUZZ_BIN, "repro", "--lib", z.lib, "--header", z.header, "--contract", c, input});
  };
  ProcessResult found = repro(lifted);
  ProcessResult hidden = repro(contract);
  // Met while fuzzing (learning, as `fuzz` does by default), it is a bug, never learned away.
  const fs::path dir = fs::temp_directory_path() / ("ffifuzz-zlib-known-fuzz-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "seeds");
  fs::copy_file(input, dir / "seeds" / reproducer);
  ProcessResult fuzzed = run_process({FFIFUZZ_BIN, "fuzz", "--lib", z.lib, "--header", z.header, "--contract", lifted,
                                      "--seed-corpus", (dir / "seeds").string(), "--out", (dir / "out").string(),
                                      "--seed", "1", "--runs", "1", "--keep-going"});
  const std::string fuzz_said = fuzzed.out + fuzzed.err;
  EXPECT_NE(fuzz_said.find("FINDING " + finding + "\n  report: "), std::string::npos) << tail(fuzz_said);
  EXPECT_NE(fuzz_said.find("verdict: bug: "), std::string::npos) << tail(fuzz_said);
  EXPECT_EQ(fuzz_said.find("learned: "), std::string::npos) << tail(fuzz_said);
  fs::remove_all(dir);
  fs::remove(tmp);
  std::string said = found.out + found.err;
  EXPECT_EQ(found.exit_code, 1) << tail(said);
  EXPECT_NE(said.find("REPRODUCED " + finding), std::string::npos) << tail(said);
  EXPECT_NE(said.find(report), std::string::npos) << tail(said);
  EXPECT_EQ(hidden.exit_code, expected.exit_code) << tail(hidden.out + hidden.err);
  EXPECT_NE((hidden.out + hidden.err).find(expected.says), std::string::npos) << tail(hidden.out + hidden.err);
}

TEST(RealKnownBug, ZlibInflatePrimeShiftsByThirtyTwo) {
  expect_known_zlib_bug("inflatePrime", "inflatePrime-shift-by-32.txt", "undefined-behavior in inflatePrime",
                        "shift exponent 32 is too large", {0, "reproduces nothing"});
}

// Two primes of 16 bits on a raw stream before the first inflate: inflate_fast gives back more
// bytes than it read, and inflate reads before next_in.
TEST(RealKnownBug, ZlibInflatePrimeReadsBeforeNextIn) {
  expect_known_zlib_bug("inflatePrime", "inflatePrime-reads-before-next_in.txt", "heap-overflow in inflate",
                        "AddressSanitizer: heap-buffer-overflow", {0, "reproduces nothing"});
}

// A fixed block, then a dynamic block's header: inflateCopy relocates a distcode that still
// points at zlib's static fixed table.
TEST(RealKnownBug, ZlibInflateCopyRelocatesAStaleDistcode) {
  // UBSan's bounds check: the class the same read has under ASan alone is an overflow, so it is
  // one (issue 14), not undefined-behavior.
  expect_known_zlib_bug("inflateCopy", "inflateCopy-distcode-out-of-bounds.txt", "index-out-of-bounds in inflateCopy",
                        "inflate.c:1530:38: runtime error: index",
                        {2, "'inflateCopy' cannot be called: contract: known zlib 1.2.13 bug"});
}

// A cycle jansson cannot free, made by legal calls: r2 ends up below r1 and, through r0's
// merge, r1 below r2. The 1,000,000-execution run found it as a leak in a CI run; the
// contract's adoptions keep the harness from making it: the program's last call is refused.
TEST(RealClean, JanssonNeverMakesACycle) {
  Target j = jansson();
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/jansson/contract.toml";
  std::string input = std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/jansson_update_cycle.txt";
  ProcessResult p = run_process({FFIFUZZ_BIN, "repro", "--lib", j.lib, "--header", j.header, "--contract", contract, input});
  EXPECT_EQ(p.exit_code, 0) << tail(p.out + p.err);
  EXPECT_NE((p.out + p.err).find("reproduces nothing"), std::string::npos) << tail(p.out + p.err);
}

// The known bugs, on the coverage build, from the contract files alone (bench/real/known_bugs.sh
// measures the time to each).
TEST(RealBug, Md4cParserOverRead) {
  ProcessResult p = fuzz(built("md4c", "md4c", "md4c.h", "cov"), "bug", {"--max-time", "300"}).p;
  EXPECT_EQ(p.exit_code, 1) << tail(p.err);
  EXPECT_NE(p.err.find("FINDING guard-page-overflow in md_parse"), std::string::npos) << tail(p.err);
}

// zlib's gz API with no contract but its one public prefix (gzopen declares no parameter names, so its file name is a
// plain string the library opens in the working folder, the worker's scratch folder):
// - gzsetparams on a file opened for transparent writing ("wT") after a write calls
//   deflateParams on a stream gz_init never initialized (zlib 1.2.13, gzwrite.c:631): the
//   library's own bug, and the replay shows it in *this* zlib's deflate.c. It used to be
//   hidden: ffifuzz loaded the system's libz, and the library's calls to its own exported
//   deflateParams went there, uninstrumented (docs/ARCHITECTURE.md, "The binary");
// - gzfwrite(buf, size, nitems, file) reads size * nitems bytes: naming paired buf with size
//   alone, and the over-read is a contract gap that learns nitems = 1, not a bug;
// - a timeout in gzclose after gzseek was given 2^47 is work the harness asked for, a gap.
TEST(RealBug, ZlibGzApiWithNoContractButItsPublicPrefix) {
  Target z = zlib();
  const fs::path dir = fs::temp_directory_path() / ("ffifuzz-zlib-gz-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "seeds");
  // The one thing said: zlib.h's struct gzFile_s is the public beginning of gz_state.
  const std::string contract = (dir / "gz.toml").string();
  std::ofstream(contract) << "[types.\"struct gzFile_s\"]\nbase = true\n";
  std::ofstream(dir / "setparams.txt") << "# ffifuzz program v1\nr0 = gzopen(\"out.gz\", \"wT\");\n"
                                          "gzwrite(r0, \"abcd\", 4);\ngzsetparams(r0, 1, 0);\n";
  ProcessResult bug = run_process({FFIFUZZ_BIN, "repro", "--lib", z.lib, "--header", z.header, "--contract", contract,
                                   (dir / "setparams.txt").string()});
  const std::string said = bug.out + bug.err;
  EXPECT_EQ(bug.exit_code, 1) << tail(said);
  EXPECT_NE(said.find("REPRODUCED undefined-behavior in gzsetparams"), std::string::npos) << tail(said);
  // UBSan's report from the zlib under test's own deflateStateCheck (the system's is not
  // instrumented: had the call gone there, nothing would have been reported).
  EXPECT_NE(said.find("first frame in the library: deflateStateCheck at "), std::string::npos) << tail(said);
  EXPECT_NE(said.find("deflate.c:397"), std::string::npos) << tail(said);
  std::ofstream(dir / "seeds" / "fwrite.txt") << "# ffifuzz program v1\nr0 = gzopen(\"f\", \"wT\");\n"
                                                 "gzfwrite(\"1\", 1, 100000, r0);\n";
  ProcessResult learn = run_process({FFIFUZZ_BIN, "fuzz", "--lib", z.lib, "--header", z.header, "--contract", contract,
                                     "--function", "gzfwrite",
                                     "--seed-corpus", (dir / "seeds").string(), "--out", (dir / "out").string(),
                                     "--seed", "1", "--runs", "300", "--keep-going"});
  const std::string learned_text = learn.out + learn.err;
  EXPECT_EQ(learned_text.find("FINDING heap-overflow in gzfwrite"), std::string::npos) << tail(learned_text);
  std::ifstream in(dir / "out" / "learned.toml");
  const std::string learned((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(learned.find("[functions.gzfwrite.params.nitems]\n# heap-overflow key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("value = 1"), std::string::npos) << learned;
  // gzseek(file, 2^47, SEEK_SET) on a file being written: the final gzclose compresses 2^47
  // zero bytes and times out. Work the harness asked for (gzseek's unnamed z_off_t), a gap.
  fs::create_directories(dir / "seek-seeds");
  std::ofstream(dir / "seek-seeds" / "seek.txt") << "# ffifuzz program v1\nr0 = gzopen(\"f\", \"w\");\n"
                                                    "gzseek(r0, 140737488355328, 0);\n";
  ProcessResult seek = run_process({FFIFUZZ_BIN, "fuzz", "--lib", z.lib, "--header", z.header, "--contract", contract,
                                    "--function", "gzseek", "--seed-corpus", (dir / "seek-seeds").string(), "--out",
                                    (dir / "seek-out").string(), "--seed", "1", "--runs", "2"});
  const std::string seek_said = seek.out + seek.err;
  EXPECT_NE(seek_said.find("CONTRACT GAP timeout in gzclose"), std::string::npos) << tail(seek_said);
  EXPECT_NE(seek_said.find("the library worked on that much until the time ran out"), std::string::npos)
      << tail(seek_said);
  EXPECT_EQ(seek_said.find("FINDING timeout"), std::string::npos) << tail(seek_said);
  // The worker that timed out was killed mid-program: its scratch folder (the .gz file
  // gzclose was writing) went with it.
  auto scratch_left = [](const fs::path& out) {
    std::vector<std::string> left;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(out / ".campaign" / "scratch", ec)) left.push_back(e.path().string());
    return left;
  };
  EXPECT_EQ(scratch_left(dir / "seek-out"), std::vector<std::string>{});
  // The same seek on a file written as is ("wT"): gzclose writes 2^47 bytes. A worker writes
  // no file past 256 MiB (the write fails as on a full disk, zlib's to handle): the run goes
  // on, and nothing is left behind (a 10-minute run once left 57 GB of such files).
  fs::create_directories(dir / "raw-seeds");
  std::ofstream(dir / "raw-seeds" / "seek.txt") << "# ffifuzz program v1\nr0 = gzopen(\"f\", \"wT\");\n"
                                                   "gzseek(r0, 140737488355328, 0);\n";
  ProcessResult raw = run_process({FFIFUZZ_BIN, "fuzz", "--lib", z.lib, "--header", z.header, "--contract", contract,
                                   "--function", "gzseek", "--seed-corpus", (dir / "raw-seeds").string(), "--out",
                                   (dir / "raw-out").string(), "--seed", "1", "--runs", "20"});
  const std::string raw_said = raw.out + raw.err;
  EXPECT_EQ(raw.exit_code, 0) << tail(raw_said);
  EXPECT_NE(raw_said.find("no findings in 20 executions"), std::string::npos) << tail(raw_said);
  EXPECT_EQ(scratch_left(dir / "raw-out"), std::vector<std::string>{});
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// zlib with no contract: inflateCopy(dest, source) given one stream for both (the harness
// had no reason not to) overwrote it with a fresh copy, and the state inflateInit_ had made
// leaked, filed as zlib's leak in inflateInit_. The copy makes dest afresh: learned as
// `initializes = "dest"`, what zlib's hand-written contract says.
TEST(RealBug, ZlibInflateCopyOntoItsOwnSourceTeachesAFreshDestination) {
  Target z = zlib();
  const fs::path dir = fs::temp_directory_path() / ("ffifuzz-zlib-copy-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "seeds");
  std::ofstream(dir / "seeds" / "copy.txt") << "# ffifuzz program v1\nr0 = inflateInit_(new, \"1.2.13\", 112);\n"
                                               "inflateCopy(r0, r0);\n";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", z.lib, "--header", z.header, "--function", "inflateCopy",
                                 "--seed-corpus", (dir / "seeds").string(), "--out", (dir / "out").string(), "--seed",
                                 "1", "--runs", "500", "--keep-going"});
  const std::string said = r.out + r.err;
  EXPECT_EQ(said.find("FINDING leak"), std::string::npos) << tail(said);
  // Which of the two leaks comes first varies: the original state (made by inflateInit_) or
  // a first copy's (made by inflateCopy), lost to a second copy onto the same stream.
  EXPECT_NE(said.find("CONTRACT GAP leak in inflate"), std::string::npos) << tail(said);
  EXPECT_NE(said.find("no bugs in 500 executions"), std::string::npos) << tail(said);
  std::ifstream in(dir / "out" / "learned.toml");
  const std::string learned((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(learned.find("[functions.inflateCopy]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("initializes = \"dest\""), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// A short fuzz run seeded with one fixture program (tests/e2e/fixtures), under a contract when
// one is given: what it said and what it learned. Its folder goes when the test passed.
struct SeededRun {
  std::string said, learned;
  fs::path dir;
};
SeededRun fuzz_from_fixture(const Target& t, const std::string& name, const std::string& fixture,
                            const std::string& contract, const std::string& runs) {
  SeededRun run;
  run.dir = fs::temp_directory_path() / ("ffifuzz-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(run.dir);
  fs::create_directories(run.dir / "seeds");
  fs::copy_file(std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/" + fixture, run.dir / "seeds" / fixture);
  std::vector<std::string> args = {FFIFUZZ_BIN, "fuzz", "--lib", t.lib, "--header", t.header, "--seed-corpus",
                                   (run.dir / "seeds").string(), "--out", (run.dir / "out").string(), "--seed", "1",
                                   "--runs", runs, "--keep-going"};
  if (!contract.empty()) {
    std::ofstream(run.dir / "contract.toml") << contract;
    args.insert(args.end(), {"--contract", (run.dir / "contract.toml").string()});
  }
  ProcessResult r = run_process(args);
  run.said = r.out + r.err;
  std::ifstream in(run.dir / "out" / "learned.toml");
  run.learned.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return run;
}

// libyaml with no contract: yaml_emitter_dump(emitter, document) takes the document over and
// empties it (libyaml's doc: the document is destroyed); the harness then asked the emptied
// document for a node, and UBSan's null-pointer arithmetic in yaml_document_get_node was filed
// as libyaml's bug. A NULL inside an object an earlier call took: learned as `steals`.
TEST(RealBug, LibyamlDocumentTheDumperTookIsAGapNotABug) {
  SeededRun run = fuzz_from_fixture(libyaml(), "yaml-dump", "libyaml_dump_then_get_node.txt", "", "2000");
  EXPECT_EQ(run.said.find("FINDING null-deref"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("CONTRACT GAP null-deref in yaml_document_get_node"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.yaml_emitter_dump]\n# null-deref key"), std::string::npos) << run.learned;
  EXPECT_NE(run.learned.find("steals = \"document\""), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// libyaml, with the dumper known to take its document over (as a run learns it): one document
// is dumped and the dump fails, another is given to yaml_parser_load, which fills it in afresh
// and loses what yaml_document_initialize put in it. The leak is the load's, not the failed
// dump's: a CI run tried only "a failed yaml_emitter_dump keeps its document", saw the leak stay
// and filed it as libyaml's bug. The reader is tried first, and learned.
TEST(RealBug, LibyamlLoadOverALiveDocumentIsAGapBesideAFailedDump) {
  SeededRun run = fuzz_from_fixture(libyaml(), "yaml-load", "libyaml_failed_dump_then_load_over_a_document.txt",
                                    "[functions.yaml_emitter_dump]\nsteals = \"document\"\n\n"
                                    "[functions.yaml_document_initialize.params.tag_directives_start]\nvalue = 0\n\n"
                                    "[functions.yaml_document_initialize.params.tag_directives_end]\nvalue = 0\n",
                                    "200");
  EXPECT_EQ(run.said.find("FINDING leak"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("CONTRACT GAP leak in yaml_document_initialize"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.yaml_parser_load]\n# leak key"), std::string::npos) << run.learned;
  EXPECT_NE(run.learned.find("initializes = \"document\""), std::string::npos) << run.learned;
  EXPECT_EQ(run.learned.find("released_on_failure"), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// The same leak when a run had taken yaml_parser_load for a taker of its document (a rule a
// stronger source states here, as a CI run had learned it): the failed load is the reader, and
// it is still tried as one (it was skipped as a releaser, and the leak filed as libyaml's).
TEST(RealBug, LibyamlLoadThoughtToTakeItsDocumentIsStillAReader) {
  SeededRun run = fuzz_from_fixture(libyaml(), "yaml-load-taker", "libyaml_load_over_a_document_it_was_thought_to_take.txt",
                                    "[functions.yaml_parser_load]\nsteals = \"document\"\n\n"
                                    "[functions.yaml_document_initialize.params.tag_directives_start]\nvalue = 0\n\n"
                                    "[functions.yaml_document_initialize.params.tag_directives_end]\nvalue = 0\n",
                                    "50");
  EXPECT_EQ(run.said.find("FINDING leak"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.yaml_parser_load]\n# leak key"), std::string::npos) << run.learned;
  EXPECT_NE(run.learned.find("initializes = \"document\""), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// libyaml without the emitter's result stated: a yaml_emitter_emit that returned 0 (an error;
// "the emitter cannot be used after an error") was followed by more emits on the same emitter,
// and the heap overflow in yaml_emitter_flush that followed was filed as libyaml's bug: only
// the emitter's constructors were tried for `returns.success`, and a call taking its event over
// (a releaser of the event) was let onto a failed emitter. Learned: yaml_emitter_emit
// succeeded only when it returned 1 (its header comment), and the later emits are not made.
TEST(RealBug, LibyamlEmitterUsedAfterAFailedEmitIsAGap) {
  SeededRun run = fuzz_from_fixture(libyaml(), "yaml-emit", "libyaml_emit_after_a_failed_emit.txt",
                                    "[functions.yaml_emitter_emit]\nsteals = \"event\"\n"
                                    "requires = [\"yaml_emitter_set_output_string\"]\n\n"
                                    "[functions.yaml_parser_parse]\nrequires = [\"yaml_parser_set_input_string\"]\n"
                                    "initializes = \"event\"\n\n"
                                    "[functions.yaml_emitter_set_output_string]\nonce = true\n",
                                    "50");
  EXPECT_EQ(run.said.find("FINDING heap-overflow"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("CONTRACT GAP heap-overflow in yaml_emitter_emit"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("after yaml_emitter_emit failed on one of its kind"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.yaml_emitter_emit.returns]\n# heap-overflow key"), std::string::npos)
      << run.learned;
  EXPECT_NE(run.learned.find("success = 1"), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// zlib with only gzFile_s's base said: a file opened for reading, read from, then given to
// gzclose_w, which closes only files opened for writing: it returns Z_STREAM_ERROR and frees
// nothing. The leak's stack names gzfread (it allocated the file's buffers), a function that
// makes no object: the failed close that kept the file gzopen made is the explanation, learned
// as gzclose_w's failure, not filed as a bug (a 10-minute run did).
TEST(RealBug, ZlibReadFileGivenToGzcloseWIsAFailedCloseNotALeak) {
  SeededRun run = fuzz_from_fixture(zlib(), "zlib-close-w", "zlib_read_file_closed_for_writing.txt",
                                    "[types.\"struct gzFile_s\"]\nbase = true\n", "5");
  EXPECT_EQ(run.said.find("FINDING leak"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("gzclose_w failed (it returned -2), and the harness took its file for released"), std::string::npos)
      << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.gzclose_w]\n# leak key"), std::string::npos) << run.learned;
  EXPECT_NE(run.learned.find("released_on_failure = false"), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// jansson, its owners stated: json_array_extend(array, array) 23 times doubles the array to
// millions of elements, and json_dumps of it runs out the time (a 10-minute run filed the
// timeout as a bug). Work the harness asked for, exponentially: learned as `once` on
// json_array_extend, a gap.
TEST(RealBug, JanssonArrayExtendedByItselfUntilTheTimeoutIsAGap) {
  SeededRun run = fuzz_from_fixture(jansson(), "jansson-extend", "jansson_array_extended_by_itself.txt",
                                    "[types.\"struct json_t\"]\nbase = true\n\n[functions.json_delete]\nreleases = \"json\"\n\n"
                                    "[functions.json_array.returns]\nowned_by = \"json_delete\"\n"
                                    "[functions.json_object.returns]\nowned_by = \"json_delete\"\n"
                                    "[functions.json_string.returns]\nowned_by = \"json_delete\"\n\n"
                                    "[functions.json_array_insert_new]\nsteals = \"value\"\n",
                                    "5");
  EXPECT_EQ(run.said.find("FINDING timeout"), std::string::npos) << tail(run.said);
  EXPECT_EQ(run.said.find("FINDING out-of-memory"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("json_array_extend was given one object as two of its arguments"), std::string::npos)
      << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.json_array_extend]\n# "), std::string::npos) << run.learned;
  EXPECT_NE(run.learned.find("once = true"), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// jansson, its owners stated but not what json_array_append_new(array, value) does: it takes
// value over. The harness released value, then array, whose release freed value again: one
// releaser, twice, in the final releases. Learned as the item taken over (`steals = "value"`),
// never as the append releasing its array (which stopped the finding only by leaving the
// array unusable, and was learned before).
TEST(RealBug, JanssonItemAppendedAndReleasedTwiceIsTakenOverNotTheArrayReleased) {
  SeededRun run = fuzz_from_fixture(jansson(), "jansson-append", "jansson_append_then_release_both.txt",
                                    "[types.\"struct json_t\"]\nbase = true\n\n[functions.json_delete]\nreleases = \"json\"\n\n"
                                    "[functions.json_array.returns]\nowned_by = \"json_delete\"\n\n"
                                    "[functions.json_integer.returns]\nowned_by = \"json_delete\"\n",
                                    "100");
  EXPECT_EQ(run.said.find("FINDING use-after-free"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.said.find("CONTRACT GAP use-after-free in json_delete"), std::string::npos) << tail(run.said);
  EXPECT_NE(run.learned.find("[functions.json_array_append_new]\n# use-after-free key"), std::string::npos)
      << run.learned;
  EXPECT_NE(run.learned.find("steals = \"value\""), std::string::npos) << run.learned;
  EXPECT_EQ(run.learned.find("releases = \"array\""), std::string::npos) << run.learned;
  if (!testing::Test::HasFailure()) fs::remove_all(run.dir);
}

// Debian's libcares is stripped and built without frame pointers: LeakSanitizer's allocation
// stack is one unnamed frame, and the call running when it reports is a final release
// (ares_destroy). The leak is still named after the call that made it (cli/leak_origin.h).
TEST(RealBug, CaresSortlistLeakNamedInDebiansStrippedLibrary) {
  Target t = {"c-ares", "/usr/lib/x86_64-linux-gnu/libcares.so", "/usr/include/ares.h"};
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/c-ares/contract.toml";
  std::string input = std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/cares_sortlist_leak.txt";
  ProcessResult p = run_process({FFIFUZZ_BIN, "repro", "--lib", t.lib, "--header", t.header, "--contract", contract, input});
  std::string said = p.out + p.err;
  EXPECT_EQ(p.exit_code, 1) << tail(said);
  EXPECT_NE(said.find("REPRODUCED leak in ares_set_sortlist"), std::string::npos) << tail(said);
  // No library frame has a name to key on: the key is the attributed call.
  EXPECT_NE(said.find("signature: leak|ares_set_sortlist\n"), std::string::npos) << tail(said);
}

// The known real bugs as repro.c (issue 14): for each, `repro` under the cov-asan build says its
// class and first frame in the library; the repro.c `emit-c` writes, compiled with clang and
// ASan/UBSan against the same library and run without ffifuzz, shows the same class through
// the same first library frame (the product's own classifier reads its output).
struct ReproCRun {
  std::string klass, function, first_frame;
};

ReproCRun repro_c_case(const Target& t, const std::string& contract, const std::string& input, const std::string& name) {
  ReproCRun harness;
  std::vector<std::string> target = {"--lib", t.lib, "--header", t.header, "--contract", contract};
  std::vector<std::string> argv = {FFIFUZZ_BIN, "repro", input};
  argv.insert(argv.end(), target.begin(), target.end());
  ProcessResult r = run_process(argv);
  std::string said = r.out + r.err;
  std::smatch m;
  EXPECT_TRUE(std::regex_search(said, m, std::regex(R"(REPRODUCED (\S+) in (\S+) \(key)"))) << tail(said);
  if (!m.empty()) harness.klass = m[1], harness.function = m[2];
  if (std::regex_search(said, m, std::regex(R"(first frame in the library: ([^\n]+))"))) harness.first_frame = m[1];

  fs::path work = fs::temp_directory_path() / ("ffifuzz-real-repro-c-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  std::vector<std::string> emit = {FFIFUZZ_BIN, "emit-c", input, "-o", (work / "repro.c").string()};
  emit.insert(emit.end(), target.begin(), target.end());
  ProcessResult e = run_process(emit);
  EXPECT_EQ(e.exit_code, 0) << e.out << e.err;
  std::ifstream in(work / "repro.c");
  std::string first;
  std::getline(in, first);
  std::string cmd = first.substr(3);
  cmd = std::regex_replace(cmd, std::regex(R"( repro\.c )"), " " + (work / "repro.c").string() + " ");
  cmd = std::regex_replace(cmd, std::regex(R"( -o repro$)"), " -o " + (work / "repro").string());
  ProcessResult cc = run_process({"/bin/sh", "-c", cmd});
  EXPECT_EQ(cc.exit_code, 0) << cmd << "\n" << tail(cc.err);
  ProcessResult run = run_process({(work / "repro").string()});
  std::string log = run.out + run.err;
  report::ClassifyContext ctx;
  ctx.exported_functions.insert(harness.function);
  ctx.library_path = t.lib;
  report::read_worker_lines(log, ctx);
  report::Classification c = report::classify(log, ctx);
  EXPECT_EQ(c.finding_class, harness.klass) << tail(log);
  // The frame's function, as identity keys it (lines are shown, never keyed).
  auto function_of = [](const std::string& frame) { return frame.substr(0, frame.find(" at ")); };
  EXPECT_EQ(function_of(c.first_library_frame), function_of(harness.first_frame)) << tail(log);
  std::printf("[ repro.c ] %s: %s in %s, first library frame '%s'; repro.c: %s, '%s'\n", name.c_str(),
              harness.klass.c_str(), harness.function.c_str(), harness.first_frame.c_str(), c.finding_class.c_str(),
              c.first_library_frame.c_str());
  if (!testing::Test::HasFailure()) fs::remove_all(work);
  return harness;
}

void expect_zlib_repro_c(const std::string& name, const std::string& reproducer, const std::string& finding) {
  std::string contract = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/zlib/contract.toml";
  fs::path lifted = fs::temp_directory_path() / ("ffifuzz-zlib-repro-c-" + name + "-" + std::to_string(::getpid()) + ".toml");
  contract_without_known_bug(contract, name, lifted);
  ReproCRun r = repro_c_case(zlib(), lifted.string(), std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/zlib/known-bugs/" + reproducer,
                             "zlib-" + reproducer);
  EXPECT_EQ(r.klass + " in " + r.function, finding);
  fs::remove(lifted);
}

TEST(RealKnownBugReproC, ZlibInflatePrimeShiftsByThirtyTwo) {
  expect_zlib_repro_c("inflatePrime", "inflatePrime-shift-by-32.txt", "undefined-behavior in inflatePrime");
}
TEST(RealKnownBugReproC, ZlibInflatePrimeReadsBeforeNextIn) {
  expect_zlib_repro_c("inflatePrime", "inflatePrime-reads-before-next_in.txt", "heap-overflow in inflate");
}
TEST(RealKnownBugReproC, ZlibInflateCopyRelocatesAStaleDistcode) {
  expect_zlib_repro_c("inflateCopy", "inflateCopy-distcode-out-of-bounds.txt", "index-out-of-bounds in inflateCopy");
}
TEST(RealKnownBugReproC, CaresSortlistLeak) {
  ReproCRun r = repro_c_case(built("c-ares", "cares", "ares.h", "cov-asan"),
                             std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/c-ares/contract.toml",
                             std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/cares_sortlist_leak.txt", "c-ares");
  EXPECT_EQ(r.klass + " in " + r.function, "leak in ares_set_sortlist");
}
TEST(RealKnownBugReproC, Md4cParserOverRead) {
  ReproCRun r = repro_c_case(built("md4c", "md4c", "md4c.h", "cov-asan"),
                             std::string(FFIFUZZ_SOURCE_DIR) + "/targets/real/md4c/contract.toml",
                             std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/md4c_parser_over_read.txt", "md4c");
  EXPECT_EQ(r.klass + " in " + r.function, "heap-overflow in md_parse");
}

TEST(RealBugSlow, CaresSortlistLeak) {
  ProcessResult p = fuzz(built("c-ares", "cares", "ares.h", "cov"), "bug", {"--max-time", "600"}).p;
  EXPECT_EQ(p.exit_code, 1) << tail(p.err);
  EXPECT_NE(p.err.find("FINDING leak in ares_set_sortlist"), std::string::npos) << tail(p.err);
}

}  // namespace
}  // namespace ffifuzz::test
