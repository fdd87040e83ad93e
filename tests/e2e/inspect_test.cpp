// `ffifuzz inspect` through the real binary:
//  - the seed target: get_greeting owned by free_greeting by naming alone, Point 16/8 with
//    x at 0 and y at 8, in text and in JSON that parses and says the same;
//  - --contract and --config (inline contracts, relative paths), a conflict shown;
//  - bad input (missing/unreadable header, syntax error, contract with an unknown key, a
//    wrong type or a nonexistent parameter, missing library): one line, exit 2;
//  - with the zoo: --lib marks exports and lists header functions the library lacks.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSeedHeader = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/seed/seed.h";

ProcessResult inspect(std::vector<std::string> args) {
  args.insert(args.begin(), {FFIFUZZ_BIN, "inspect"});
  return run_process(args);
}

std::string work_file(const std::string& name, const std::string& text) {
  fs::create_directories(INSPECT_WORK_DIR);
  const std::string path = std::string(INSPECT_WORK_DIR) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const json* find_named(const json& list, const std::string& name) {
  for (const json& e : list)
    if (e.contains("name") && e["name"] == name) return &e;
  return nullptr;
}

TEST(InspectSeed, TextShowsOwnershipByNamingAndPointLayout) {
  ProcessResult r = inspect({"--header", kSeedHeader});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "char * get_greeting(void)")) << r.out;
  EXPECT_TRUE(contains(r.out, "owned_by = free_greeting   [naming:")) << r.out;
  EXPECT_TRUE(contains(r.out, "struct Point (typedef Point): size 16, align 8")) << r.out;
  EXPECT_TRUE(contains(r.out, "@0  double x")) << r.out;
  EXPECT_TRUE(contains(r.out, "@8  double y")) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(InspectSeed, JsonParsesAndCarriesTheSame) {
  ProcessResult r = inspect({"--header", kSeedHeader, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["version"], 1);
  EXPECT_TRUE(doc["library"].is_null());
  EXPECT_TRUE(doc["missing_from_library"].is_null());

  const json* greeting = find_named(doc["functions"], "get_greeting");
  ASSERT_NE(greeting, nullptr);
  const json& owned = (*greeting)["contract"]["returns"]["owned_by"];
  EXPECT_EQ(owned["value"], "free_greeting");
  EXPECT_EQ(owned["source"], "naming");
  EXPECT_EQ((*greeting)["return"]["spelling"], "char *");
  EXPECT_EQ((*greeting)["decl"]["file"], kSeedHeader);
  EXPECT_TRUE((*greeting)["skip_reason"].is_null());

  const json* point = find_named(doc["records"], "struct Point");
  ASSERT_NE(point, nullptr);
  EXPECT_EQ((*point)["size"], 16);
  EXPECT_EQ((*point)["align"], 8);
  EXPECT_EQ((*point)["typedefs"], json::array({"Point"}));
  const json* x = find_named((*point)["fields"], "x");
  const json* y = find_named((*point)["fields"], "y");
  ASSERT_TRUE(x && y);
  EXPECT_EQ((*x)["offset"], 0);
  EXPECT_EQ((*y)["offset"], 8);
  EXPECT_EQ((*y)["offset_bits"], 64);

  // Types are referenced by id into the types table.
  const json* distance = find_named(doc["functions"], "point_distance");
  ASSERT_NE(distance, nullptr);
  const unsigned p1 = (*distance)["params"][0]["type"]["id"];
  const json& p1_type = doc["types"][p1];
  EXPECT_EQ(p1_type["kind"], "pointer");
  EXPECT_EQ(doc["types"][p1_type["pointee"].get<unsigned>()]["const"], true);
}

TEST(InspectContracts, ContractFileWinsAndTheConflictIsShown) {
  const std::string contract =
      work_file("seed_static.toml", "[functions.get_greeting.returns]\nstatic = true\n");
  ProcessResult r = inspect({"--header", kSeedHeader, "--contract", contract, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  const json& returns = (*find_named(doc["functions"], "get_greeting"))["contract"]["returns"];
  EXPECT_EQ(returns["static"]["source"], "contract-file");
  EXPECT_FALSE(returns.contains("owned_by"));
  ASSERT_EQ(doc["conflicts"].size(), 1u);
  EXPECT_EQ(doc["conflicts"][0]["what"], "ownership");
  EXPECT_EQ(doc["conflicts"][0]["winner"]["source"], "contract-file");
  EXPECT_EQ(doc["conflicts"][0]["loser"]["source"], "naming");
}

TEST(InspectContracts, ConfigFileHoldsTheSettingsAndInlineContracts) {
  fs::create_directories(std::string(INSPECT_WORK_DIR) + "/cfg");
  fs::copy_file(kSeedHeader, std::string(INSPECT_WORK_DIR) + "/cfg/seed.h", fs::copy_options::overwrite_existing);
  const std::string config = work_file("cfg/ffifuzz.toml",
                                       "[target]\nheader = \"seed.h\"\n\n"
                                       "[functions.point_distance.params.p1]\nnonnull = true\n");
  ProcessResult r = inspect({"--config", config, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  const json& p1 = (*find_named(doc["functions"], "point_distance"))["contract"]["params"]["p1"];
  EXPECT_EQ(p1["nullable"]["value"], false);
  EXPECT_EQ(p1["nullable"]["source"], "contract-file");
  EXPECT_TRUE(contains(p1["nullable"]["detail"], "ffifuzz.toml:5"));
}

// ---- bad input: exit 2 and one line on stderr naming the file ----

void expect_one_line_error(const ProcessResult& r, const std::vector<std::string>& parts) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no partial output: " << r.out;
  std::string last = r.err;
  while (!last.empty() && last.back() == '\n') last.pop_back();
  last = last.substr(last.find_last_of('\n') + 1);
  EXPECT_TRUE(last.starts_with("ffifuzz inspect: error: ")) << r.err;
  for (const std::string& p : parts) EXPECT_TRUE(contains(last, p)) << "'" << p << "' not in: " << last;
}

TEST(InspectBadInput, MissingHeader) {
  ProcessResult r = inspect({"--header", "/nonexistent/foo.h"});
  expect_one_line_error(r, {"/nonexistent/foo.h", "no such header"});
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(InspectBadInput, UnreadableHeader) {
  const std::string path = work_file("unreadable.h", "int f(void);\n");
  fs::permissions(path, fs::perms::none);
  if (access(path.c_str(), R_OK) == 0) {
    // Running as root: permissions do not stop us; a directory is just as unreadable a header.
    expect_one_line_error(inspect({"--header", INSPECT_WORK_DIR}), {INSPECT_WORK_DIR, "directory"});
  } else {
    expect_one_line_error(inspect({"--header", path}), {path, "cannot read"});
  }
  fs::permissions(path, fs::perms::owner_all);
}

// One line, at the error (issue 15: clang's diagnostics are no longer printed before it).
TEST(InspectBadInput, SyntaxErrorIsOneLineAtTheError) {
  const std::string header = work_file("syntax.h", "int ok(int a);\nint broken(int a b);\n");
  ProcessResult r = inspect({"--header", header});
  expect_one_line_error(r, {header + ":2:", "does not parse"});
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(InspectBadInput, ContractUnknownKey) {
  const std::string c = work_file("unknown_key.toml", "[functions.get_greeting.returns]\nowner = \"free_greeting\"\n");
  expect_one_line_error(inspect({"--header", kSeedHeader, "--contract", c}),
                        {c + ":2", "functions.get_greeting.returns.owner"});
}

TEST(InspectBadInput, ContractWrongType) {
  const std::string c = work_file("wrong_type.toml", "[functions.free_greeting.params.s]\n\nnullable = 1\n");
  expect_one_line_error(inspect({"--header", kSeedHeader, "--contract", c}),
                        {c + ":3", "nullable", "true or false"});
}

TEST(InspectBadInput, ContractNonexistentParameter) {
  const std::string c = work_file("no_param.toml", "[functions.rust_add.params.c]\nrange = [0, 1]\n");
  expect_one_line_error(inspect({"--header", kSeedHeader, "--contract", c}), {c + ":1", "no parameter 'c'"});
}

TEST(InspectBadInput, MissingLibrary) {
  expect_one_line_error(inspect({"--header", kSeedHeader, "--lib", "/nonexistent/libseed.so"}),
                        {"/nonexistent/libseed.so", "no such library"});
}

TEST(InspectBadInput, MissingConfig) {
  expect_one_line_error(inspect({"--config", "/nonexistent/ffifuzz.toml"}), {"/nonexistent/ffifuzz.toml"});
}

#if INSPECT_WITH_ZOO
TEST(InspectWithLibrary, SeedExportsEveryFunction) {
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "seed", "plain");
  ProcessResult r = inspect({"--header", kSeedHeader, "--lib", lib, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["library"], lib);
  EXPECT_TRUE(doc["missing_from_library"].empty());
  for (const json& f : doc["functions"]) EXPECT_EQ(f["exported"], true) << f["name"];
}

TEST(InspectWithLibrary, HeaderFunctionMissingFromTheExports) {
  const std::string lib = zoo_library(FFIFUZZ_ZOO_DIR, "rust_symbols", "plain");
  const std::string header = std::string(FFIFUZZ_SOURCE_DIR) + "/targets/rust_symbols/rust_symbols.h";
  ProcessResult r = inspect({"--header", header, "--lib", lib, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  // Both functions rust_symbols' header declares without the library exporting them.
  EXPECT_EQ(doc["missing_from_library"], json::array({"sym_hidden_sum", "sym_forgotten_product"}));
  ProcessResult text = inspect({"--header", header, "--lib", lib});
  EXPECT_TRUE(contains(text.out, "NOT EXPORTED")) << text.out;
}
#endif

}  // namespace
}  // namespace ffifuzz::test
