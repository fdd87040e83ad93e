// The supervisor's half of session_file.h, in a file of its own: it reads the library's ELF
// (libelf), which ffifuzz-worker, linking only open_session_file's object, does not load.
#include "campaign/session_file.h"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "binary/constants.h"
#include "binary/instrumentation.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace {

// The library's compare immediates, read once per library: learning opens a Replayer, and so
// writes a session file, for each rule it tries.
const std::vector<uint64_t>& compare_constants(const std::string& lib) {
  static std::mutex lock;
  static std::map<std::string, std::vector<uint64_t>> read;
  std::lock_guard<std::mutex> hold(lock);
  auto it = read.find(lib);
  if (it == read.end()) it = read.emplace(lib, binary::read_compare_constants(lib)).first;
  return it->second;
}

}  // namespace

std::string write_session_file(const FuzzSession& session, const std::vector<std::string>& only_functions,
                               const std::filesystem::path& dir) {
  // Several Replayers may live at once (learning tries rules under their own): one file each.
  static std::atomic<unsigned> next{0};
  payload::TargetPayload p;
  p.name = "session";
  p.library = session.target.options.lib;  // absolute: after --config, as the supervisor resolved it
  p.api = session.target.api;
  p.contracts = session.target.contracts;
  p.unavailable = session.checked_unavailable;
  p.only_functions = only_functions;
  const binary::Instrumentation inst = binary::read_instrumentation(p.library);
  p.api_signal = !inst.sanitizer_coverage;
  p.heap_buffers = inst.address_sanitizer;
  if (!inst.trace_compares) p.constants = compare_constants(p.library);
  const std::filesystem::path path =
      dir / ("session-" + std::to_string(getpid()) + "-" + std::to_string(next++) + ".json");
  report::write_file_atomically(path.string(), payload::write_payload(p));
  return path.string();
}

}  // namespace ffifuzz::campaign
