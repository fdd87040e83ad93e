#include "campaign/saved_inputs.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "campaign/libfuzzer_output.h"
#include "driver/inflight.h"
#include "report/dedup.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;


SavedInputs::SavedInputs(fs::path artifacts, fs::path inflight)
    : artifacts_(std::move(artifacts)), inflight_(std::move(inflight)) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec))
    earlier_[e.path()] = fs::last_write_time(e.path(), ec);
}

void SavedInputs::collect_vanished() {
  std::vector<driver::InflightInput> inputs = driver::collect_inflight(inflight_.string());
  if (inputs.empty()) return;
  std::error_code ec;
  std::vector<std::string> existing;
  std::vector<fs::path> existing_paths;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec))
    if (e.is_regular_file()) {
      existing.push_back(report::read_whole_file(e.path().string()));
      existing_paths.push_back(e.path());
    }
  for (const driver::InflightInput& in : inputs) {
    auto same = std::find(existing.begin(), existing.end(), in.bytes);
    if (same != existing.end()) {  // libFuzzer saved it: its worker's report goes with it
      if (!in.report.empty()) reports_[existing_paths[static_cast<size_t>(same - existing.begin())]] = in.report;
      continue;
    }
    fs::path vanished = artifacts_ / ("vanished-" + report::hash_hex(in.bytes));
    report::write_file_atomically(vanished.string(), in.bytes);
    if (!in.report.empty()) reports_[vanished] = in.report;
    existing.push_back(in.bytes);
    existing_paths.push_back(vanished);
  }
}

void SavedInputs::drop_inflight() { driver::collect_inflight(inflight_.string()); }

std::vector<fs::path> SavedInputs::take_new(bool settled) {
  collect_vanished();
  const auto settled_before = fs::file_time_type::clock::now() - std::chrono::milliseconds(500);
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(artifacts_, ec)) {
    const fs::path& p = e.path();
    std::string name = p.filename().string();
    if (!e.is_regular_file() || name.empty() || name[0] == '.') continue;
    if (saved_input_kind(name) == "slow-unit") continue;
    const fs::file_time_type written = fs::last_write_time(p, ec);
    auto seen = seen_.find(p);
    auto earlier = earlier_.find(p);
    if ((seen != seen_.end() && seen->second == written) || (earlier != earlier_.end() && earlier->second == written))
      continue;
    if (settled && written > settled_before) continue;
    files.push_back(p);
    seen_[p] = written;
  }
  auto rank = [](const fs::path& p) { return saved_input_kind(p.filename().string()) == "crash" ? 1 : 0; };
  std::stable_sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    std::error_code e1, e2;
    return fs::last_write_time(a, e1) < fs::last_write_time(b, e2);
  });
  return files;
}

std::string SavedInputs::report_of(const fs::path& input) const {
  auto it = reports_.find(input);
  return it == reports_.end() ? "" : it->second;
}

}  // namespace ffifuzz::campaign
