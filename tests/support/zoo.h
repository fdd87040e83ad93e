// The zoo as tests see it: targets, their expectation files, and where the build put each
// flavour. Read from the source tree and build/zoo/libraries.txt, never hard-coded.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ffifuzz::test {

struct ExpectedFinding {
  std::string klass;     // DESIGN.md finding class
  std::string function;
  std::vector<std::string> flavours;
  std::string detected_by;  // fuzz | check
  std::string trigger;
  std::vector<std::string> driver_flavours;
  std::string driver_expect;  // regex; empty: the class default
  std::string condition;
  // "READ" or "WRITE" when one function has two findings of one class told apart by the
  // access (the dedup key's); empty otherwise.
  std::string access;
  // Other manifestations of the same planted bug, "class in function": which one a run
  // meets first depends on the order of calls it finds (a reference-count bug shows as a
  // use-after-free under ASan if the reference is used, or a double free if it is released).
  std::vector<std::string> also;
  // True when a run's first finding is this one or one of its `also` forms.
  bool matches(const std::string& klass, const std::string& function) const;
};

struct ZooTarget {
  std::string name;
  std::string dir;  // source folder
  std::string language;
  std::string header;  // absolute path
  std::string header_source;
  std::string expect;  // [target] expect: findings | none | load-error
  bool clean = false;       // expect == "none"
  bool load_error = false;  // expect == "load-error": no process can load the library
  // Clean targets: how many executions their clean fuzz run makes ([target] clean_runs; 0: the
  // suite's own count). Smaller for a target whose every input is slow by design (hostile_intern:
  // each input is checked for leaks, twice run).
  long clean_runs = 0;
  // load-error targets: the regex `ffifuzz fuzz`'s one-line error must match ([target]
  // load_error), and the regex the driver's built-in `load` trigger's output must match
  // ([target] driver_expect).
  std::string load_error_regex;
  std::string load_driver_expect;
  std::vector<ExpectedFinding> findings;
};

std::vector<ZooTarget> load_zoo(const std::string& source_dir);
// Path of lib<name>.so in that flavour, from build/zoo/libraries.txt.
std::string zoo_library(const std::string& zoo_dir, const std::string& name, const std::string& flavour);
// A gtest name for dynamically registered tests: ctest runs each test through
// --gtest_filter, where '-' starts a negative pattern, so a name with '-' (cov-asan,
// use-after-free) would match nothing and pass without running.
std::string test_name(std::string name);
// For main() of tests registered from expectation files: when ctest asks for a test that
// the files no longer produce, gtest would run nothing and succeed. Returns non-zero then.
int fail_if_nothing_ran(int rc);
// The regex a driver's stderr must match for a finding class (docs/zoo.md).
std::optional<std::string> default_driver_signature(const std::string& klass);

}  // namespace ffifuzz::test
