// slow: Debian's zlib rebuilt from its source package in the plain flavour, -O2 -g
// (scripts/build-debian-lib.sh),
// then checked against its own header with layouts and signatures checked: no finding.
// Skips, saying why, only when apt or the network cannot deliver the source.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/subprocess.h"

namespace ffifuzz::test {
namespace {

// build-debian-lib.sh exits with this when apt or the network is unavailable.
constexpr int kSourceUnavailable = 100;

TEST(CheckDebianSource, ZlibWithDebugInfoChecksCleanWithLayouts) {
  const std::string out = FFIFUZZ_DEBIAN_BUILD_DIR;
  ProcessResult build = run_process({"/bin/bash", FFIFUZZ_BUILD_DEBIAN_LIB, "zlib", "plain", out});
  if (build.exit_code == kSourceUnavailable) GTEST_SKIP() << "zlib source unavailable: " << build.err;
  ASSERT_EQ(build.exit_code, 0) << build.out << build.err;
  const std::string lib = out + "/plain/zlib/lib/libz.so";
  const std::string include = out + "/plain/zlib/include";
  ASSERT_TRUE(std::filesystem::exists(lib)) << build.out << build.err;

  ProcessResult r = run_process({FFIFUZZ_BIN, "check", "--lib", lib, "--header", include + "/zlib.h", "-I", include,
                                 "--strict"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("0 findings"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("no debug info"), std::string::npos) << r.out;
  // Layouts and signatures were compared against the DWARF: z_stream at least.
  EXPECT_NE(r.out.find("signature(s) against the DWARF"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" 0 layout(s)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ffifuzz::test
