// Layouts in the model agree with the C compiler's own sizeof, _Alignof and offsetof.
// For each header, the test writes a C probe that prints every record's size, alignment and
// field offsets (bitfields: the first bit a field sets), compiles it with the build's C
// compiler and compares. Nothing about a layout is typed in by hand.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "test_helpers.h"

namespace ffifuzz::header::test {
namespace {

using model::TypeKind;

// The spelling a C program can use for a record: its tag name, or a typedef of it.
std::string c_spelling(const model::Type& t) {
  if (t.name.find("(anonymous") == std::string::npos) return t.name;
  return t.typedef_chain.empty() ? "" : t.typedef_chain.front();
}

struct Probe {
  std::string source;
  std::map<std::string, uint64_t> expected;  // from the model, same keys as the probe prints
};

Probe make_probe(const model::ApiModel& m, const std::vector<std::string>& headers) {
  std::ostringstream c;
  c << "#include <stddef.h>\n#include <stdio.h>\n#include <string.h>\n";
  for (const std::string& h : headers) c << "#include \"" << h << "\"\n";
  c << "static unsigned first_bit(const unsigned char *p, size_t n) {\n"
       "  for (size_t i = 0; i < n * 8; ++i) if (p[i / 8] & (1u << (i % 8))) return (unsigned)i;\n"
       "  return 0xffffffffu;\n}\n"
       "int main(void) {\n";
  Probe probe;
  for (const model::Type& t : m.types) {
    if (t.is_const) continue;
    const bool record = (t.kind == TypeKind::Struct || t.kind == TypeKind::Union) && t.complete;
    const bool scalar_typedef = !t.typedef_chain.empty() && t.size > 0 &&
                                (t.kind == TypeKind::Int || t.kind == TypeKind::Float || t.kind == TypeKind::Enum ||
                                 t.kind == TypeKind::Pointer || t.kind == TypeKind::Bool);
    std::string name = record ? c_spelling(t) : scalar_typedef ? t.typedef_chain.front() : "";
    if (name.empty() || probe.expected.count("size " + name)) continue;
    c << "  printf(\"size " << name << " %zu\\n\", sizeof(" << name << "));\n";
    c << "  printf(\"align " << name << " %zu\\n\", _Alignof(" << name << "));\n";
    probe.expected["size " + name] = t.size;
    probe.expected["align " + name] = t.align;
    if (!record) continue;
    for (const model::Field& f : t.fields) {
      if (f.name.empty()) continue;
      const std::string key = "bit " + name + "." + f.name;
      if (f.bit_width == 0) {
        c << "  printf(\"" << key << " %zu\\n\", offsetof(" << name << ", " << f.name << ") * 8);\n";
      } else {
        c << "  { " << name << " v; memset(&v, 0, sizeof v); v." << f.name << " = -1;\n"
          << "    printf(\"" << key << " %u\\n\", first_bit((const unsigned char *)&v, sizeof v)); }\n";
      }
      probe.expected[key] = f.offset_bits;
    }
  }
  c << "  return 0;\n}\n";
  probe.source = c.str();
  return probe;
}

std::map<std::string, uint64_t> run_probe(const std::string& name, const std::string& source,
                                          const std::string& flags) {
  std::filesystem::create_directories(PROBE_DIR);
  const std::string base = std::string(PROBE_DIR) + "/" + name;
  std::ofstream(base + ".c") << source;
  const std::string compile = std::string(FFIFUZZ_C_COMPILER) + " -w " + flags + " -o " + base + " " + base + ".c";
  EXPECT_EQ(std::system(compile.c_str()), 0) << compile;
  std::map<std::string, uint64_t> out;
  FILE* p = popen(base.c_str(), "r");
  if (!p) return out;
  char line[512];
  while (std::fgets(line, sizeof line, p)) {
    std::string s(line);
    size_t sp = s.find_last_of(' ');
    out[s.substr(0, sp)] = std::stoull(s.substr(sp + 1));
  }
  pclose(p);
  return out;
}

void check_layouts(const std::string& name, const ParseOptions& options, const std::string& flags = "") {
  ParsedHeader parsed = parse_header(options);
  Probe probe = make_probe(parsed.model, options.headers);
  std::map<std::string, uint64_t> actual = run_probe(name, probe.source, flags);
  // A header with no record and no scalar typedef (only int parameters) has nothing to
  // compare; any other probe that prints nothing did not run.
  ASSERT_EQ(actual.empty(), probe.expected.empty()) << "the probe printed " << actual.size() << " lines";
  for (const auto& [key, value] : probe.expected) {
    auto it = actual.find(key);
    ASSERT_NE(it, actual.end()) << key;
    EXPECT_EQ(value, it->second) << name << ": " << key;
  }
  EXPECT_EQ(probe.expected.size(), actual.size());
}

TEST(LayoutProbe, ConstructsMatchTheCompiler) {
  ParseOptions o;
  o.headers = {fixture("constructs.h")};
  check_layouts("constructs", o);
}

TEST(LayoutProbe, IncludeDirFixtureMatchesTheCompiler) {
  ParseOptions o;
  o.headers = {fixture("needs_options.h")};
  o.include_dirs = {fixture("include")};
  o.defines = {"NEEDS_OPTIONS_OK=1"};
  o.pre_includes = {fixture("include/prelude.h")};
  check_layouts("needs_options", o,
                "-I" + fixture("include") + " -DNEEDS_OPTIONS_OK=1 -include " + fixture("include/prelude.h"));
}

TEST(LayoutProbe, ZooHeadersMatchTheCompiler) {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(std::string(FFIFUZZ_SOURCE_DIR) + "/targets")) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() != ".h") continue;
      ParseOptions o;
      o.headers = {f.path().string()};
      SCOPED_TRACE(f.path().string());
      check_layouts(dir.path().filename().string() + "_" + f.path().stem().string(), o);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace ffifuzz::header::test
