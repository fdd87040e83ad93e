#include "campaign/saved_inputs.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "campaign/libfuzzer_output.h"
#include "driver/inflight.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

SavedInputs::SavedInputs(fs::path artifacts, fs::path inflight)
    : artifacts_(std::move(artifacts)), inflight_(std::move(inflight)) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec)) earlier_.insert(e.path());
}

void SavedInputs::collect_vanished() {
  std::vector<driver::InflightInput> inputs = driver::collect_inflight(inflight_.string());
  if (inputs.empty()) return;
  std::error_code ec;
  std::vector<std::string> existing;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec))
    if (e.is_regular_file()) existing.push_back(read_all(e.path()));
  for (const driver::InflightInput& in : inputs) {
    if (std::find(existing.begin(), existing.end(), in.bytes) != existing.end()) continue;  // libFuzzer saved it
    char name[64];
    std::snprintf(name, sizeof name, "vanished-%016llx", static_cast<unsigned long long>(fnv1a(in.bytes)));
    report::write_file_atomically((artifacts_ / name).string(), in.bytes);
    existing.push_back(in.bytes);
  }
}

std::vector<fs::path> SavedInputs::take_new() {
  collect_vanished();
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec)) {
    const fs::path& p = e.path();
    std::string name = p.filename().string();
    if (!e.is_regular_file() || name.empty() || name[0] == '.' || seen_.count(p) || earlier_.count(p)) continue;
    if (saved_input_kind(name) == "slow-unit") continue;
    files.push_back(p);
    seen_.insert(p);
  }
  auto rank = [](const fs::path& p) { return saved_input_kind(p.filename().string()) == "crash" ? 1 : 0; };
  std::stable_sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    std::error_code e1, e2;
    return fs::last_write_time(a, e1) < fs::last_write_time(b, e2);
  });
  return files;
}

}  // namespace ffifuzz::campaign
