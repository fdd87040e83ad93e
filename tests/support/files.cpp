#include "support/files.h"

#include <unistd.h>

#include <fstream>
#include <iterator>

namespace ffifuzz::test {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& suite, const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("ffifuzz-" + suite + "-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string tail(const std::string& text, size_t n) { return text.size() > n ? text.substr(text.size() - n) : text; }

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace ffifuzz::test
