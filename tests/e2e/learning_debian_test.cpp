// Learning on Debian libraries of other API styles, as Debian ships them, header and .so only
// (docs/contracts.md, "Learning"): what the harness broke is learned or set aside, never a bug; a
// library's own bug is still one. The libyaml run without a contract is `slow`.
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

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("learning", name); }

// libsodium as Debian ships it, header and .so only: what the header says itself is read
// (`unsigned char k[crypto_kdf_KEYBYTES]` is 32 bytes; sodium_misuse is noreturn;
// sodium_set_misuse_handler and randombytes_set_implementation replace process-wide state), and
// a key buffer the header gives no size for (crypto_core_ed25519_scalar_random's `r`) makes the
// library abort when the kernel cannot fill the short string the harness guessed: a contract
// gap whose rule is a size, never a bug.
TEST(Learning, LibsodiumSizesComeFromTheHeaderOrAreLearnedAndItsSettersAreLeftAlone) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libsodium.so", header = "/usr/include/sodium.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libsodium-dev is missing: run scripts/setup.sh";
  ProcessResult i = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(i.exit_code, 0) << tail(i.err);
  EXPECT_NE(i.out.find("size = 32   [attribute: declared as an array of 32]"), std::string::npos);
  // Skipped with the reason a fuzz run prints (issue 15: inspect and fuzz share the decision).
  EXPECT_NE(i.out.find("sodium_misuse: contract: never returns (noreturn)"), std::string::npos);
  EXPECT_NE(i.out.find("sodium_set_misuse_handler: contract: replaces process-wide state"), std::string::npos);
  EXPECT_NE(i.out.find("randombytes_set_implementation: contract: replaces process-wide state"), std::string::npos);

  fs::path dir = fresh_dir("sodium");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function",
                                 "crypto_core_ed25519_scalar_random", "--function", "crypto_kdf_keygen", "--out",
                                 out.string(), "--seed", "1", "--runs", "20000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP abort in crypto_core_ed25519_scalar_random"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[functions.crypto_core_ed25519_scalar_random.params.r]\n"), std::string::npos) << learned;
  EXPECT_NE(learned.find("size = "), std::string::npos) << learned;
  fs::remove_all(dir);
}

// lz4 as Debian ships it, header and .so only, never tuned for: what the harness broke is
// learned or set aside, never a bug. LZ4_create returns as void * what LZ4_createStream
// allocates (the leak's stack names a function the run does not drive: its releaser is
// learned); LZ4_decompress_safe(src, dst, compressedSize, dstCapacity) pairs neither buffer
// by naming (both lengths are learned at once); LZ4_decompress_fast reads its input as far as
// its content says, by design: a contract gap.
TEST(Learning, Lz4WithoutAContractLearnsOwnersAndLengthsAndReportsNoBug) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/liblz4.so", header = "/usr/include/lz4.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "liblz4-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("lz4");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "LZ4_decompress_safe",
                                 "--function", "LZ4_decompress_fast", "--function", "LZ4_create", "--out", out.string(),
                                 "--seed", "1", "--runs", "30000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("ffifuzz: no bugs in 30000 executions"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP guard-page-overflow in LZ4_decompress_fast"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.LZ4_create.returns", "owned_by = \"LZ4_freeStream\"")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.LZ4_decompress_safe.params.dst", "len = \"dstCapacity\"")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.LZ4_decompress_safe.params.src", "len = \"compressedSize\"")) << learned;
  fs::remove_all(dir);
}

// libtasn1 as Debian ships it, header and .so only, focused on its DER encoders:
// asn1_octet_der(str, str_len, unsigned char *der, int *der_len) writes str's encoding into
// der, whose size the caller must know (der_len only receives the length written). Naming
// pairs der with der_len as a buffer and its in/out capacity; the write past der is the
// harness's guess, a contract gap whose rule unpairs der and gives it a size.
TEST(Learning, Tasn1OutputBuffersAreNotSizedByTheirLengthPointer) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libtasn1.so", header = "/usr/include/libtasn1.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libtasn1-6-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("tasn1");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "asn1_octet_der",
                                 "--function", "asn1_length_der", "--out", out.string(), "--seed", "1", "--runs", "20000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("ffifuzz: no bugs in 20000 executions"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP guard-page-overflow in asn1_octet_der"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("whose capacity the harness passed in *der_len on naming alone"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.asn1_octet_der.params.der", "len = false")) << learned;
  fs::remove_all(dir);
}

// libidn2 as Debian ships it (stripped), header and .so only, focused on idn2_to_ascii_4z(const
// uint32_t *input, char **output, int flags): what it gives back through output leaks with a
// one-frame stack naming idn2_lookup_u8, a function the program never called (the out-pointer
// is the culprit, and idn2_free, a void * releaser outside the focus, is kept to learn it);
// input is a zero-terminated array the harness gave as one value (its size is learned, zeros
// after the value). Neither is the library's bug.
TEST(Learning, Idn2WithoutAContractLearnsTheOutPointersOwnerAndTheInputArray) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libidn2.so", header = "/usr/include/idn2.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libidn2-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("idn2");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "idn2_to_ascii_4z",
                                 "--out", out.string(), "--seed", "1", "--runs", "30000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("skipping idn2_free"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.idn2_to_ascii_4z.params.output", "owned_by = \"idn2_free\"")) << learned;
  bool input_size = false;
  for (const char* size : {"16", "64", "256", "4096"})
    input_size |= has_rule(learned, "functions.idn2_to_ascii_4z.params.input", std::string("size = ") + size);
  EXPECT_TRUE(input_size) << learned;
  fs::remove_all(dir);
}

// popt as Debian ships it, header and .so only, focused on poptInit(int argc, const char **argv,
// const struct poptOption *options, const char *configPaths): argv is an array of argc strings
// (never one NULL pointer for the callee to fill: a null-deref the harness would have made),
// options a table ended by an all-zero entry that the harness gave as one struct (a read past
// it is a contract gap; the learned size puts zero entries after it), the context it returns
// is poptFreeContext's. What is left is popt's own leak: poptReadConfigFiles leaks each path
// that is not a readable config file (a standalone program calling poptReadConfigFiles(con,
// "no-such-file") then poptFreeContext leaks the 13 bytes of that name).
TEST(Learning, PoptArgvIsStringsItsOptionTableIsLearnedAndItsOwnLeakIsABug) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libpopt.so", header = "/usr/include/popt.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libpopt-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("popt");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "poptInit",
                                 "--out", out.string(), "--seed", "1", "--runs", "30000"});
  const std::string all = r.out + r.err;
  const std::string learned = read_file(out / "learned.toml");
  bool table = false;
  for (const char* size : {"96", "192", "768", "3072"})  // 2, 4, 16, 64 entries of 48 bytes
    table |= has_rule(learned, "functions.poptInit.params.options", std::string("size = ") + size);
  EXPECT_TRUE(table) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.poptInit.returns", "owned_by = \"poptFreeContext\"")) << learned;
  for (const char* harness_made : {"FINDING null-deref", "FINDING guard-page-overflow", "FINDING heap-overflow"})
    EXPECT_EQ(all.find(harness_made), std::string::npos) << harness_made << "\n" << tail(all);
  EXPECT_NE(all.find("ffifuzz: FINDING leak in poptInit"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("verdict: bug"), std::string::npos) << tail(all);
  EXPECT_EQ(r.exit_code, 1) << tail(all);
  fs::remove_all(dir);
}

// giflib as Debian ships it, header and .so only. Its decoder (DGifOpenFileName ...
// DGifCloseFile) and encoder (EGifOpenFileName ... EGifCloseFile) share GifFileType: each closer
// releases its own API's files though its verb is mid-name, and a D function never gets an
// encoder (made_by). GifFreeSavedImages frees a field, GifFreeExtensions a count's blocks:
// neither releases what it takes (an int * taken for a released object made every int * a
// handle, and DGifOpenFileName was never called). DGifOpenFileHandle(int GifFileHandle) is
// skipped: a made-up descriptor crashed giflib in fread(NULL). GifFileName is a path in the
// scratch folder (EGifOpenFileName's exclusive create failed on a file an earlier input left).
// Fuzzed: EGifSpew closes the file it writes (its double free in the final EGifCloseFile
// teaches that it releases it, and a failed EGifSpew, GIF_OK being 1, releases nothing);
// GifMakeMapObject(int ColorCount, const GifColorType *ColorMap) reads ColorCount entries (the
// count before the pointer, learned as its len). None of it is a bug.
TEST(Learning, GiflibDecoderAndEncoderAreKeptApartAndWhatTheyFreeIsLearned) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libgif.so", header = "/usr/include/gif_lib.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libgif-dev is missing: run scripts/setup.sh";
  ProcessResult inspect = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(inspect.exit_code, 0) << tail(inspect.out + inspect.err);
  const std::string& model = inspect.out;
  EXPECT_NE(model.find("owned_by = DGifCloseFile   [naming: DGifOpenFileName is named like a constructor"),
            std::string::npos) << model;
  EXPECT_NE(model.find("owned_by = EGifCloseFile   [naming: EGifOpenFileName is named like a constructor"),
            std::string::npos) << model;
  EXPECT_NE(model.find("made_by = DGifOpenFileHandle, DGifOpenFileName   [naming: struct GifFileType is made by two "
                       "APIs, each with its releaser; DGifGetLine"),
            std::string::npos) << model;
  EXPECT_NE(model.find("DGifOpenFileHandle: contract: takes a file descriptor (GifFileHandle)"), std::string::npos)
      << model;
  for (const char* not_releaser : {"GifFreeSavedImages is named like a releaser", "GifFreeExtensions is named like a releaser"})
    EXPECT_EQ(model.find(not_releaser), std::string::npos) << not_releaser;
  EXPECT_NE(model.find("a C string named 'GifFileName' names a file"), std::string::npos) << model;

  fs::path dir = fresh_dir("giflib");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "EGifSpew",
                                 "--function", "GifMakeMapObject", "--out", out.string(), "--seed", "1", "--runs",
                                 "30000", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.EGifSpew", "releases = \"GifFile\"")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.GifMakeMapObject.params.ColorMap", "len = \"ColorCount\"")) << learned;
  fs::remove_all(dir);
}

// libbz2 as Debian ships it (never tuned for): BZ2_bzWriteOpen(&bzerror, FILE *f, ...) keeps
// the FILE the harness gave it, and BZ2_bzclose, the releaser its name gives, closes that FILE
// with the handle. The harness must not close it again (it did: a double free in its own
// fclose, filed as libbz2's bug); one the library left open it still closes (no leak).
TEST(Learning, Bzip2AFileTheLibraryClosedIsNotClosedAgain) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libbz2.so.1.0", header = "/usr/include/bzlib.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libbz2-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("bzip2");
  fs::create_directories(dir / "seeds");
  std::ofstream(dir / "seeds" / "write_open.txt")
      << "# ffifuzz program v1\nr0 = BZ2_bzWriteOpen(&(int){0}, file(\"hello\\n\"), 1, 1, 1);\n";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--seed-corpus",
                                 (dir / "seeds").string(), "--out", (dir / "out").string(), "--seed", "1", "--runs",
                                 "3000", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find("double-free"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// expat as Debian ships it (its cov-asan build went unjudged before): XML_MemRealloc(parser,
// ptr, size) reallocates the ptr it is given, so the harness's own free of that buffer was a
// double free (an invalid free of arena memory here), and the rule learned for it (`releases =
// "ptr"`) changed nothing: the buffer was freed again, the finding kept coming, and the run
// stopped after a few hundred executions. A releasing buffer is now the library's to free.
// XML_ParseBuffer(parser, len, isFinal) trusts len to count the bytes written into
// XML_GetBuffer's buffer: a fuzzed len made the next XML_GetBuffer copy that many, a gap with a
// range, not expat's bug.
TEST(Learning, ExpatMemoryAFunctionReallocatesIsNotFreedAgainAndATrustedLengthIsAGap) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libexpat.so", header = "/usr/include/expat.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libexpat1-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("expat_realloc");
  fs::create_directories(dir / "seeds");
  std::ofstream(dir / "seeds" / "realloc.txt")
      << "# ffifuzz program v1\nr0 = XML_ParserCreate(\"hello\");\nXML_MemRealloc(r0, \"aaaaaaaaaaaaaaaa\", 16);\n";
  std::ofstream(dir / "seeds" / "parse_buffer.txt")
      << "# ffifuzz program v1\nr0 = XML_ParserCreate(\"hello\");\nXML_GetBuffer(r0, 16);\n"
         "XML_ParseBuffer(r0, 678390892, 0);\nXML_GetBuffer(r0, 16);\n";
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--seed-corpus",
                                 (dir / "seeds").string(), "--out", out.string(), "--seed", "1", "--runs", "3000",
                                 "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("stopping here"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("no bugs in 3000 executions"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[functions.XML_MemRealloc]"), std::string::npos) << learned;
  EXPECT_NE(learned.find("releases = \"ptr\""), std::string::npos) << learned;
  EXPECT_EQ(learned.find("releases = \"parser\"\n\n[functions.XML_MemRealloc"), std::string::npos) << learned;
  EXPECT_NE(learned.find("[functions.XML_ParseBuffer.params.len]"), std::string::npos) << learned;
  bool trusted_length = false;
  for (const auto& [folder, finding] : finding_folders(out)) {
    EXPECT_EQ(finding.value("verdict", ""), "contract-gap") << folder << ": " << finding.dump(1);
    trusted_length |= finding.value("evidence", "").find("was given len = 678390892") != std::string::npos;
  }
  EXPECT_TRUE(trusted_length) << all;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// yajl as Debian ships it (never used before), its three headers and no contract, as a new
// user would run it. yajl_alloc(callbacks, yajl_alloc_funcs *afs, void *ctx) was skipped
// whole: afs is a struct of yajl_common.h, which the harness cannot build. It is a table of
// allocator callbacks (NULL: yajl's own allocator) and ctx the callbacks' context (NULL),
// so the parser is made and driven. yajl_free_error(hand, str) frees str but not the handle
// its name suggests: the two learned rules, `releases = "str"` and `releases_nothing`, both
// stand. Every bug the bounded run reports is yajl 2.1.0's own: yajl_gen_array_close or
// yajl_gen_map_close on a generator at depth 0 underflows its depth (the library refuses the
// call, then reads g->state[UINT_MAX] on the next one).
TEST(Learning, YajlWithNoContractIsDrivenWholeAndReportsOnlyItsOwnBug) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libyajl.so";
  const std::vector<std::string> headers = {"/usr/include/yajl/yajl_parse.h", "/usr/include/yajl/yajl_gen.h",
                                            "/usr/include/yajl/yajl_tree.h"};
  ASSERT_TRUE(fs::exists(lib) && fs::exists(headers[0])) << "libyajl-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("yajl");
  const std::string contract = (dir / "free_error.toml").string();
  std::ofstream(contract) << "[functions.yajl_free_error]\nreleases = \"str\"\nreleases_nothing = true\n";
  std::vector<std::string> inspect = {FFIFUZZ_BIN, "inspect", "--lib", lib, "--contract", contract};
  for (const std::string& h : headers) inspect.insert(inspect.end(), {"--header", h});
  ProcessResult in = run_process(inspect);
  ASSERT_EQ(in.exit_code, 0) << tail(in.out + in.err);
  EXPECT_NE(in.out.find("afs is a table of allocator callbacks"), std::string::npos) << in.out;
  EXPECT_NE(in.out.find("ctx is the context the library hands back"), std::string::npos) << in.out;
  EXPECT_EQ(in.out.find("yajl_alloc: parameter"), std::string::npos) << in.out;  // not skipped
  const size_t free_error = in.out.find("yajl_free_error(");
  ASSERT_NE(free_error, std::string::npos) << in.out;
  EXPECT_NE(in.out.find("param str:\n      releases = true", free_error), std::string::npos) << in.out;
  EXPECT_NE(in.out.find("param hand:", free_error), std::string::npos) << in.out;
  const fs::path out = dir / "out";
  std::vector<std::string> fuzz = {FFIFUZZ_BIN, "fuzz", "--lib", lib, "--out", out.string(), "--seed", "1", "--runs",
                                   "20000", "--keep-going"};
  for (const std::string& h : headers) fuzz.insert(fuzz.end(), {"--header", h});
  ProcessResult r = run_process(fuzz);
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find("not tested: yajl_alloc "), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("stopping here"), std::string::npos) << tail(all);
  for (const auto& [folder, finding] : finding_folders(out)) {
    if (finding.value("verdict", "") == "contract-gap") continue;
    EXPECT_EQ(finding.value("class", ""), "wild-access") << folder << ": " << finding.dump(1);
    const std::string program = read_file(out / "findings" / folder / "program.txt");
    EXPECT_TRUE(program.find("yajl_gen_array_close(") != std::string::npos ||
                program.find("yajl_gen_map_close(") != std::string::npos)
        << folder << ":\n" << program;
  }
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libpng as Debian ships it, header and .so only (never tuned for): png_create_read_struct
// takes an error_ptr the harness cannot size, and libpng reports errors by longjmp to a
// setjmp only C code can make, so nearly every function lacks the png_struct it needs. What
// it reported before: png_info_init_3(png_infopp, size_t png_info_struct_size) read as a
// buffer and its length (fuzz bytes libpng followed as a pointer: a "bug" after 364
// executions), and png_sig_cmp's sig paired with `start`. Now: no bug; the functions it could
// not test are counted, the first few shown and every one written to OUT/not-tested.txt.
TEST(Learning, LibpngWithoutAContractReportsNoHarnessMisuseAndListsWhatItCouldNotTest) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libpng16.so", header = "/usr/include/png.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libpng-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("libpng");
  // (Past the run's warm-up, 20,000 programs after its last restart, to judge what it tested.)
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--out", (dir / "out").string(),
                                 "--seed", "1", "--runs", "60000"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("more function(s), every one listed in " + (dir / "out" / "not-tested.txt").string()),
            std::string::npos) << tail(all);
  const std::string listed = read_file(dir / "out" / "not-tested.txt");
  EXPECT_GT(std::count(listed.begin(), listed.end(), '\n'), 100) << listed;
  EXPECT_NE(listed.find("png_read_info was never called"), std::string::npos) << listed;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// brotli's decoder as Debian ships it, header and .so only (never tuned for): its instance
// takes allocator callbacks and their context, NULL for the library's own (before, the void *
// opaque skipped BrotliDecoderCreateInstance and no function of the decoder was ever called);
// the one-shot decoder's encoded_buffer takes encoded_size, named like it, not the adjacent
// decoded_size; the streaming decoder's `const uint8_t **next_in` is a cursor into input the
// harness cannot make, named as a gap. No bug, and every function is called.
TEST(Learning, BrotliDecoderWithoutAContractIsReachedAndReportsNoHarnessMisuse) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libbrotlidec.so", header = "/usr/include/brotli/decode.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libbrotli-dev is missing: run scripts/setup.sh";
  ProcessResult inspect = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(inspect.exit_code, 0) << tail(inspect.out + inspect.err);
  EXPECT_NE(inspect.out.find("alloc_func is an allocator callback"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("opaque is the context the library hands back"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("len = encoded_size bytes"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("skipped functions (0)"), std::string::npos) << inspect.out;
  fs::path dir = fresh_dir("brotli");
  const std::string all = expect_no_bug_in(lib, header, dir / "out", "200000");
  EXPECT_EQ(all.find("not tested:"), std::string::npos) << tail(all);
  fs::remove_all(dir);
}

// libyaml as Debian ships it, header and .so only: a bounded run learns what the harness broke
// (the parser's input first, the emitter's output first, a range of tag directives, the event
// the emitter takes over, yaml_emitter_close releasing nothing) and reports no harness misuse
// as a bug. The one bug it may report is libyaml's own: yaml_document_get_node on a document
// with no nodes computes NULL + offset (api.c, `document->nodes.start + index`), undefined
// behaviour UBSan reports as a null pointer offset.
TEST(LearningSlow, LibyamlWithoutAContractReportsNoHarnessMisuseAsABug) {
  const std::vector<RealLib> libs = load_real_libs(FFIFUZZ_REAL_DIR);
  auto yaml = std::find_if(libs.begin(), libs.end(), [](const RealLib& l) { return l.package == "libyaml"; });
  ASSERT_NE(yaml, libs.end()) << "libyaml is not among the real libraries";
  ASSERT_EQ(real_lib_missing(FFIFUZZ_REAL_DIR, *yaml, "cov-asan"), "");
  fs::path dir = fresh_dir("libyaml");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", real_library(FFIFUZZ_REAL_DIR, *yaml, "cov-asan"),
                                 "--header", real_header(FFIFUZZ_REAL_DIR, *yaml, "cov-asan"), "--out", out.string(),
                                 "--seed", "1", "--runs", "300000", "--max-time", "600"});
  const std::string all = r.out + r.err;
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << tail(all);
  std::map<std::string, nlohmann::json> folders = finding_folders(out);
  int gaps = 0;
  for (const auto& [name, f] : folders) {
    if (f["verdict"] == "contract-gap") {
      ++gaps;
      continue;
    }
    EXPECT_EQ(f["function"], "yaml_document_get_node") << name << " reported as a bug: " << f["evidence"] << "\n"
                                                       << read_file(out / "findings" / name / "program.txt");
    EXPECT_NE(f["message"].get<std::string>().find("null pointer"), std::string::npos) << f["message"];
  }
  EXPECT_GE(gaps, 8) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  for (const char* rule : {"[functions.yaml_parser_parse]", "steals = \"event\"", "tag_directives_start]"})
    EXPECT_NE(learned.find(rule), std::string::npos) << rule << " not learned:\n" << learned;
  fs::remove_all(dir);
}

// libgcrypt as Debian ships it (never used before; stripped, no frame pointers), header and .so
// only. Its first run filed three harness-made findings as bugs: gcry_sexp_alist(const
// gcry_sexp_t *array) given one empty slot (libgcrypt's own "this is a bug" abort);
// gcry_prime_release_factors(gcry_mpi_t *factors) read as making an MPI through factors, then
// freeing the harness's memory; gcry_mpi_snatch(r0, r0), which releases its second argument,
// given one object as both (the harness's release freed it again; the first free's stack stops
// inside the library). The first two are skipped with their reasons; the third is a gap whose
// rule the replay confirms. gcry_check_version, which initializes the library, is made once
// before every program; gcry_mpi_mod by a zero modulus ends the process with libgcrypt's own
// "Fatal error: divide by zero": the library refusing input on purpose, a gap, not a bug.
// gcry_mpi_point_snatch_set(p, x, x, x) takes each of x, y and z over: one object given as all
// three is freed three times, and the rule learned is that it steals all three, together.
TEST(Learning, LibgcryptArraysAndAStrippedReleaseAreNotBugs) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libgcrypt.so", header = "/usr/include/gcrypt.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libgcrypt20-dev is missing: run scripts/setup.sh";
  ProcessResult inspect = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(inspect.exit_code, 0) << tail(inspect.out + inspect.err);
  EXPECT_NE(inspect.out.find("gcry_sexp_alist: parameter 'array' is const gcry_sexp_t *, pointers the function reads"),
            std::string::npos) << tail(inspect.out);
  EXPECT_NE(inspect.out.find("gcry_prime_release_factors: contract: releases what its factors points at"),
            std::string::npos) << tail(inspect.out);
  fs::path dir = fresh_dir("gcrypt");
  fs::create_directories(dir / "seeds");
  EXPECT_NE(inspect.out.find("init_once = true   [naming: gcry_check_version is named like the check that initializes"),
            std::string::npos) << tail(inspect.out);
  std::ofstream(dir / "seeds" / "snatch.txt") << "# ffifuzz program v1\nr0 = gcry_mpi_new(1);\ngcry_mpi_snatch(r0, r0);\n";
  std::ofstream(dir / "seeds" / "mod.txt")
      << "# ffifuzz program v1\nr0 = gcry_mpi_new(1);\nr1 = gcry_mpi_new(1);\nr2 = gcry_mpi_new(1);\ngcry_mpi_mod(r0, r1, r2);\n";
  // One object given as x, y and z of a call that takes all three over: freed three times.
  std::ofstream(dir / "seeds" / "point.txt") << "# ffifuzz program v1\nr0 = gcry_mpi_point_new(1);\n"
                                                 "r1 = gcry_mpi_new(1);\ngcry_mpi_point_snatch_set(r0, r1, r1, r1);\n";
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "gcry_mpi_snatch",
                                 "--function", "gcry_mpi_mod", "--function", "gcry_mpi_point_snatch_set", "--seed-corpus", (dir / "seeds").string(), "--out", out.string(), "--seed", "1",
                                 "--runs", "30", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP double-free in gcry_mpi_release"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("the library stopped the process on purpose, saying \"Fatal error: divide by zero\""),
            std::string::npos) << tail(all);
  EXPECT_NE(read_file(out / "learned.toml").find("[functions.gcry_mpi_snatch]\n# double-free key"), std::string::npos)
      << read_file(out / "learned.toml");
  EXPECT_NE(read_file(out / "learned.toml").find("steals = [\"x\", \"y\", \"z\"]"), std::string::npos)
      << read_file(out / "learned.toml");
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libxml2 as Debian ships it, tried as a new user would (tree.h, no contract): xmlStrncat(cur,
// add, len) reallocs cur, which the harness had made up; xmlStrcat(cur, add) calls xmlStrncat.
// No rule the contract syntax has stops it (a gap, nothing learned); triage names xmlStrncat,
// which is set aside, and the finding then came back through xmlStrcat, already judged: the
// 10-minute run stopped after 1,595 executions, "keeps meeting a finding it cannot set aside".
// The call the harness made is set aside next, and the run goes to its end.
TEST(Learning, LibxmlAGapReachedThroughAnotherCallSetsThatCallAside) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libxml2.so", header = "/usr/include/libxml2/libxml/tree.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libxml2-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("libxml-strcat");
  fs::create_directories(dir / "seeds");
  std::ofstream(dir / "seeds" / "cat.txt") << "# ffifuzz program v1\nxmlStrcat(\"hello\", \"hello\");\n";
  std::ofstream(dir / "seeds" / "ncat.txt") << "# ffifuzz program v1\nxmlStrncat(\"hello\", \"hello\", 5);\n";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "-I", "/usr/include/libxml2",
                                 "--function", "xmlStrcat", "--function", "xmlStrncat", "--seed-corpus",
                                 (dir / "seeds").string(), "--out", (dir / "out").string(), "--seed", "1", "--runs",
                                 "3000", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP invalid-free in xmlStrcat"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("set aside: xmlStrcat: calls skipped"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("cannot set aside"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("no bugs in 3000 executions"), std::string::npos) << tail(all);
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
