// Naming inference on every zoo header, against fixtures/zoo_inference.toml: exactly the
// stated owners, releasers, buffers and paths (parameters that get a file in the scratch
// folder; none when the fixture lists none), nothing more.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "contract/naming.h"
#include "header/parse_header.h"

namespace ffifuzz::contract {
namespace {

namespace fs = std::filesystem;

struct Inferred {
  std::map<std::string, std::string> owned_by;
  std::set<std::string> releases;
  std::map<std::string, std::string> buffers;
  std::set<std::string> paths;
};

Inferred infer(const std::string& header) {
  header::ParseOptions o;
  o.headers = {header};
  model::ApiModel api = header::parse_header(o).model;
  Inferred out;
  for (const auto& [fn, c] : infer_from_names(api).functions) {
    if (c.ret.owned_by) out.owned_by[fn] = c.ret.owned_by->value;
    for (const auto& [p, pc] : c.params) {
      if (pc.releases && pc.releases->value) out.releases.insert(fn + "." + p);
      if (pc.path && pc.path->value) out.paths.insert(fn + "." + p);
      if (pc.len)
        out.buffers[fn + "." + p] =
            pc.len->value.param + (pc.len->value.unit == model::LenUnit::Bytes ? " bytes" : " elements");
    }
  }
  return out;
}

Inferred expected(const toml::table& t) {
  Inferred out;
  if (auto* o = t["owned_by"].as_table())
    for (auto&& [k, v] : *o) out.owned_by[std::string(k.str())] = v.value_or(std::string());
  if (auto* r = t["releases"].as_array())
    for (auto&& v : *r) out.releases.insert(v.value_or(std::string()));
  if (auto* b = t["buffers"].as_table())
    for (auto&& [k, v] : *b) out.buffers[std::string(k.str())] = v.value_or(std::string());
  if (auto* p = t["paths"].as_array())
    for (auto&& v : *p) out.paths.insert(v.value_or(std::string()));
  return out;
}

TEST(ZooInference, EveryZooHeaderInfersExactlyWhatIsExpected) {
  toml::table table = toml::parse_file(std::string(CONTRACT_FIXTURES) + "/zoo_inference.toml");
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(std::string(FFIFUZZ_SOURCE_DIR) + "/targets")) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() != ".h") continue;
      const std::string target = dir.path().filename().string(), stem = f.path().stem().string();
      SCOPED_TRACE(f.path().string());
      const toml::table* want = table[target][stem].as_table();
      ASSERT_NE(want, nullptr) << "add [" << target << "." << stem << "] to zoo_inference.toml";
      Inferred got = infer(f.path().string());
      Inferred exp = expected(*want);
      EXPECT_EQ(got.owned_by, exp.owned_by);
      EXPECT_EQ(got.releases, exp.releases);
      EXPECT_EQ(got.buffers, exp.buffers);
      EXPECT_EQ(got.paths, exp.paths);
      ++checked;
    }
  }
  EXPECT_GE(checked, 1);
}

}  // namespace
}  // namespace ffifuzz::contract
