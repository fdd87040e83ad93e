// The real libraries as tests see them: Debian source packages that cmake/RealLibs.cmake
// builds in every flavour (docs/real-libs.md). The list comes from build/real/libraries.txt,
// never hard-coded here.
//
// A test never skips one: the build is part of ALL whenever the tests that use it are
// registered (FFIFUZZ_BUILD_REAL_LIBS), so a missing library means its build failed, and
// the test must fail saying so (real_lib_missing).
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::test {

extern const std::vector<std::string> kRealFlavours;  // plain, cov, cov-asan

struct RealLib {
  std::string package;  // Debian source package: zlib, libyaml, ...
  std::string library;  // lib<library>.so
  std::string header;   // its main header, a file name in the include folder
};

// One entry per shared library; a package may build several (md4c, md4c-html).
std::vector<RealLib> load_real_libs(const std::string& real_dir);
// <real_dir>/<flavour>/<package>/lib/lib<library>.so
std::string real_library(const std::string& real_dir, const RealLib& lib, const std::string& flavour);
// <real_dir>/<flavour>/<package>/include: the installed public headers (pass it as -I).
std::string real_include_dir(const std::string& real_dir, const RealLib& lib, const std::string& flavour);
std::string real_header(const std::string& real_dir, const RealLib& lib, const std::string& flavour);
// Empty when the flavour's library and header are there; otherwise what is missing and how
// to rebuild it, for the failure message.
std::string real_lib_missing(const std::string& real_dir, const RealLib& lib, const std::string& flavour);

}  // namespace ffifuzz::test
