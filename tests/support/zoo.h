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
};

struct ZooTarget {
  std::string name;
  std::string dir;  // source folder
  std::string language;
  std::string header;  // absolute path
  std::string header_source;
  bool clean = false;
  std::vector<ExpectedFinding> findings;
};

std::vector<ZooTarget> load_zoo(const std::string& source_dir);
// Path of lib<name>.so in that flavour, from build/zoo/libraries.txt.
std::string zoo_library(const std::string& zoo_dir, const std::string& name, const std::string& flavour);
// The regex a driver's stderr must match for a finding class (docs/zoo.md).
std::optional<std::string> default_driver_signature(const std::string& klass);

}  // namespace ffifuzz::test
