// Every zoo header parses cleanly, and every function it declares lands in the model with
// its declaration site in that header. (Contracts inferred from them: tests/unit/contract.)
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "test_helpers.h"

namespace ffifuzz::header::test {
namespace {

std::vector<std::string> zoo_headers() {
  std::vector<std::string> out;
  for (const auto& dir : std::filesystem::directory_iterator(std::string(FFIFUZZ_SOURCE_DIR) + "/targets"))
    if (dir.is_directory())
      for (const auto& f : std::filesystem::directory_iterator(dir.path()))
        if (f.path().extension() == ".h") out.push_back(f.path().string());
  return out;
}

TEST(ZooHeaders, ParseAndDeclareTheirFunctions) {
  std::vector<std::string> headers = zoo_headers();
  ASSERT_FALSE(headers.empty());
  for (const std::string& h : headers) {
    SCOPED_TRACE(h);
    ParseOptions o;
    o.headers = {h};
    ParsedHeader p = parse_header(o);
    EXPECT_FALSE(p.model.functions.empty());
    // A crude cross-check: every "name(" at the start of a prototype line is in the model.
    std::ifstream in(h);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    std::regex proto(R"(\n[A-Za-z_][A-Za-z_0-9 \*]*?\b([a-z_][a-z_0-9]*)\()");
    for (std::sregex_iterator it(s.begin(), s.end(), proto), end; it != end; ++it) {
      const std::string name = (*it)[1];
      if (name == "defined") continue;
      const model::Function* f = p.model.find_function(name);
      ASSERT_NE(f, nullptr) << name;
      EXPECT_EQ(f->decl.file, std::filesystem::absolute(h).lexically_normal().string());
      EXPECT_FALSE(f->skip_reason) << name << ": " << *f->skip_reason;
    }
  }
}

}  // namespace
}  // namespace ffifuzz::header::test
