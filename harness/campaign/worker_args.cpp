#include "campaign/worker_args.h"

#include <cstring>

#include "driver/libfuzzer_defaults.h"

namespace ffifuzz::campaign {

std::vector<std::string> worker_option_args(const TargetOptions& t, const WorkerFlags& flags) {
  std::vector<std::string> a;
  if (!t.config.empty()) a.push_back("--config=" + t.config);
  if (t.config_target_applied) a.push_back("--config-target-applied=1");
  if (!t.lib.empty()) a.push_back("--lib=" + t.lib);
  for (const std::string& h : t.headers) a.push_back("--header=" + h);
  if (!t.contract.empty()) a.push_back("--contract=" + t.contract);
  if (!t.learned.empty()) a.push_back("--learned=" + t.learned);
  a.push_back("--lang=" + t.lang);
  for (const std::string& d : t.include_dirs) a.push_back("--include-dir=" + d);
  for (const std::string& d : t.defines) a.push_back("--define=" + d);
  for (const std::string& d : t.pre_includes) a.push_back("--pre-include=" + d);
  if (!t.target.empty()) a.push_back("--target=" + t.target);
  if (flags.api_signal) a.push_back("--api-signal=1");
  if (flags.heap_buffers) a.push_back("--heap-buffers=1");
  if (flags.trace) a.push_back("--trace=1");
  for (const std::string& f : flags.only_functions) a.push_back("--function=" + f);
  if (!flags.stats_dir.empty()) a.push_back("--stats-dir=" + flags.stats_dir);
  if (!flags.inflight_dir.empty()) a.push_back("--inflight-dir=" + flags.inflight_dir);
  if (!flags.set_aside_file.empty()) a.push_back("--set-aside=" + flags.set_aside_file);
  if (!flags.scratch_dir.empty()) a.push_back("--scratch=" + flags.scratch_dir);
  for (const std::string& w : flags.writable) a.push_back("--writable=" + w);
  if (!flags.session_file.empty()) a.push_back("--session=" + flags.session_file);
  return a;
}

void parse_worker_args(int argc, char** argv, TargetOptions& t, WorkerFlags& flags) {
  for (int i = 1; i < argc; ++i) {
    const char* arg = argv[i];
    if (std::strncmp(arg, "--", 2) != 0) continue;
    const char* eq = std::strchr(arg, '=');
    if (!eq) continue;
    std::string key(arg + 2, eq), value(eq + 1);
    if (key == "config") t.config = value;
    else if (key == "config-target-applied") t.config_target_applied = value == "1";
    else if (key == "lib") t.lib = value;
    else if (key == "header") t.headers.push_back(value);
    else if (key == "contract") t.contract = value;
    else if (key == "learned") t.learned = value;
    else if (key == "lang") t.lang = value;
    else if (key == "include-dir") t.include_dirs.push_back(value);
    else if (key == "define") t.defines.push_back(value);
    else if (key == "pre-include") t.pre_includes.push_back(value);
    else if (key == "target") t.target = value;
    else if (key == "api-signal") flags.api_signal = value == "1";
    else if (key == "heap-buffers") flags.heap_buffers = value == "1";
    else if (key == "trace") flags.trace = value == "1";
    else if (key == "function") flags.only_functions.push_back(value);
    else if (key == "stats-dir") flags.stats_dir = value;
    else if (key == "inflight-dir") flags.inflight_dir = value;
    else if (key == "set-aside") flags.set_aside_file = value;
    else if (key == "scratch") flags.scratch_dir = value;
    else if (key == "writable") flags.writable.push_back(value);
    else if (key == "session") flags.session_file = value;
  }
}

std::string worker_kind(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], kWorkerMarker) == 0) return "fuzz";
    if (std::strcmp(argv[i], kProbeMarker) == 0) return "probe";
  }
  return "";
}

std::vector<std::string> worker_limit_flags(int timeout_seconds) {
  std::vector<std::string> f = driver::libfuzzer_limit_flags(timeout_seconds);
  // A write past the worker's file size limit fails (containment.h), as on a full disk: the
  // library's to handle, not a crash libFuzzer reports.
  f.push_back("-handle_xfsz=0");
  return f;
}

std::vector<std::string> fuzzing_libfuzzer_flags(const std::string& artifact_prefix) {
  // A program is a few calls: 10 s is a hang.
  std::vector<std::string> f = worker_limit_flags(10);
  // The search flags are the exported target's too (driver/libfuzzer_defaults.h).
  for (const std::string& s : driver::libfuzzer_search_flags()) f.push_back(s);
  f.insert(f.end(), {"-print_final_stats=1", "-artifact_prefix=" + artifact_prefix});
  return f;
}

}  // namespace ffifuzz::campaign
