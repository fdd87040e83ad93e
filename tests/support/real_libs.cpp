#include "support/real_libs.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ffifuzz::test {
namespace fs = std::filesystem;

const std::vector<std::string> kRealFlavours = {"plain", "cov", "cov-asan"};

std::vector<RealLib> load_real_libs(const std::string& real_dir) {
  const fs::path list = fs::path(real_dir) / "libraries.txt";
  std::ifstream in(list);
  if (!in) throw std::runtime_error("cannot read " + list.string() + ": configure with FFIFUZZ_BUILD_REAL_LIBS=ON");
  std::vector<RealLib> libs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos)
      throw std::runtime_error(list.string() + ": not package:library:header: " + line);
    libs.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  if (libs.empty()) throw std::runtime_error(list.string() + " lists no library");
  return libs;
}

std::string real_library(const std::string& real_dir, const RealLib& lib, const std::string& flavour) {
  return (fs::path(real_dir) / flavour / lib.package / "lib" / ("lib" + lib.library + ".so")).string();
}

std::string real_include_dir(const std::string& real_dir, const RealLib& lib, const std::string& flavour) {
  return (fs::path(real_dir) / flavour / lib.package / "include").string();
}

std::string real_header(const std::string& real_dir, const RealLib& lib, const std::string& flavour) {
  return (fs::path(real_include_dir(real_dir, lib, flavour)) / lib.header).string();
}

std::string real_lib_missing(const std::string& real_dir, const RealLib& lib, const std::string& flavour) {
  std::string missing;
  for (const std::string& f : {real_library(real_dir, lib, flavour), real_header(real_dir, lib, flavour)})
    if (!fs::exists(f)) missing += (missing.empty() ? "" : ", ") + f;
  if (missing.empty()) return "";
  return lib.package + " (" + flavour + ") was not built: no " + missing +
         ". The real_libs target builds it (cmake --build build --target real_libs, or by hand: "
         "scripts/build-debian-lib.sh " + lib.package + " " + flavour + " " + real_dir + ")";
}

}  // namespace ffifuzz::test
