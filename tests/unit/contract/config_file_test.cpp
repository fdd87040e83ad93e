// ffifuzz.toml: [target] settings with paths relative to the file, and its errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "contract/config_file.h"
#include "model/error.h"

namespace ffifuzz::contract {
namespace {

namespace fs = std::filesystem;

std::string write(const std::string& name, const std::string& text) {
  fs::path dir = fs::path(FFIFUZZ_BINARY_DIR) / "tests" / "config_file_test";
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}

std::string error_of(const std::string& text) {
  try {
    read_config_file(write("bad.toml", text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigFile, TargetSettingsResolveAgainstTheFile) {
  write("pre.h", "typedef int pre_t;\n");
  std::string path = write("ffifuzz.toml",
                           "[target]\nlib = \"build/libfoo.so\"\nheader = \"include/foo.h\"\n"
                           "contract = \"/abs/foo.toml\"\nlang = \"c++\"\ninclude_dirs = [\"include\"]\n"
                           "defines = [\"FOO=1\"]\ninclude = [\"pre.h\", \"stdio.h\"]\ntarget = \"x86_64-linux-gnu\"\n"
                           "[fuzz]\nanything = 1\n[functions.f.returns]\nstatic = true\n");
  ConfigFile c = read_config_file(path);
  fs::path dir = fs::path(path).parent_path();
  EXPECT_EQ(c.lib, (dir / "build/libfoo.so").string());
  EXPECT_EQ(c.headers, std::vector<std::string>{(dir / "include/foo.h").string()});
  EXPECT_EQ(c.contract, "/abs/foo.toml");
  EXPECT_EQ(c.lang, "c++");
  EXPECT_EQ(c.include_dirs, std::vector<std::string>{(dir / "include").string()});
  EXPECT_EQ(c.defines, std::vector<std::string>{"FOO=1"});
  // A file beside the config is a path; a name found nowhere there is for the include path
  // (clang's -include searches it like #include).
  EXPECT_EQ(c.pre_includes, (std::vector<std::string>{(dir / "pre.h").string(), "stdio.h"}));
  EXPECT_EQ(c.target, "x86_64-linux-gnu");
  EXPECT_NE(c.text.find("[functions.f.returns]"), std::string::npos);
  // Where each key was set, for errors found when the value is used.
  EXPECT_EQ(c.where.at("target.lib"), path + ":2");
  EXPECT_EQ(c.where.at("target.target"), path + ":9");
}

TEST(ConfigFile, CiTimeRemembersItsLine) {
  std::string path = write("ci.toml", "[ci]\njobs = 2\n\ntime = \"90 s\"\n");
  ConfigFile c = read_config_file(path);
  EXPECT_EQ(c.ci.time, "90 s");  // checked where it is used (cli/duration.h), reported here:
  EXPECT_EQ(c.ci.time_where, path + ":4");
  EXPECT_EQ(c.where.at("ci.time"), path + ":4");
}

TEST(ConfigFile, Errors) {
  EXPECT_NE(error_of("[target]\nlibrary = \"x\"\n").find("bad.toml:2"), std::string::npos);
  EXPECT_NE(error_of("[target]\nlibrary = \"x\"\n").find("target.library"), std::string::npos);
  EXPECT_NE(error_of("[target]\nlib = 3\n").find("must be a string"), std::string::npos);
  EXPECT_NE(error_of("[target]\nlang = \"rust\"\n").find("target.lang"), std::string::npos);
  EXPECT_NE(error_of("[targets]\n").find("unknown key 'targets'"), std::string::npos);
  EXPECT_NE(error_of("[target\n").find("not valid TOML"), std::string::npos);
  try {
    read_config_file("/nonexistent/ffifuzz.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/ffifuzz.toml"), std::string::npos);
  }
}

}  // namespace
}  // namespace ffifuzz::contract
