// runner: an exported fuzz target (`ffifuzz export`, docs/export.md).
// Job: be a plain fuzz target for one library, as OSS-Fuzz, ClusterFuzz and ClusterFuzzLite
// expect one: LLVMFuzzerInitialize and LLVMFuzzerTestOneInput for whichever engine main is
// linked in (libFuzzer, AFL++'s driver, a coverage build's), and every libFuzzer flag.
// What ffifuzz read from the header, the contracts and the ELF/DWARF at export time is the
// payload (payload/): appended to this executable (the prebuilt target), or compiled in as
// `ffifuzz_compiled_payload` (the source target, built by the export's build.sh). The
// library sits beside it. Each input runs through the same driver code as the `ffifuzz fuzz`
// worker, so the same input does the same thing in both.
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "driver/libfuzzer_defaults.h"
#include "driver/libfuzzer_glue.h"
#include "driver/library_edges.h"
#include "driver/run_session.h"
#include "model/error.h"
#include "payload/embedded_payload.h"
#include "payload/target_payload.h"

// The source target's payload (payload_data.cpp, written by `ffifuzz export`); absent
// (null) in the prebuilt runner, which reads the payload appended to itself.
extern "C" __attribute__((weak)) const char ffifuzz_compiled_payload[];
extern "C" __attribute__((weak)) const unsigned long ffifuzz_compiled_payload_size;

namespace ffifuzz::runner {
namespace {

namespace fs = std::filesystem;

// Made once and never destroyed: libFuzzer ends the process with exit() from wherever it
// is, and the callbacks must not find them half torn down by static destructors.
payload::TargetPayload& g_payload = *new payload::TargetPayload;  // the session's model and contracts
driver::RunSession& g_session = *new driver::RunSession;

// This executable's path: /proc/self/exe, or argv[0] where /proc is not mounted (OSS-Fuzz
// advises finding data files through argv[0]).
std::string self_path(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  std::error_code ec;
  fs::path p = fs::canonical(argv0, ec);
  if (ec) throw InputError(std::string("cannot find this executable (/proc/self/exe, argv[0] ") + argv0 + ")");
  return p.string();
}

bool has_token(int argc, char** argv, const char* token) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], token) == 0) return true;
  return false;
}

// ffifuzz's libFuzzer defaults go first, so that any flag given on the command line (later
// wins in libFuzzer) overrides them: a run by hand behaves like `ffifuzz fuzz`, and
// OSS-Fuzz's own flags still decide there. libFuzzer parses argv after LLVMFuzzerInitialize
// returns, and -fork/-jobs children inherit the result.
void prepend_defaults(int* argc, char*** argv) {
  static std::vector<std::string> defaults = [] {
    std::vector<std::string> d = driver::libfuzzer_limit_flags();
    for (const std::string& f : driver::libfuzzer_search_flags()) d.push_back(f);
    return d;
  }();
  static std::vector<char*> args;
  args.push_back((*argv)[0]);
  for (std::string& d : defaults) args.push_back(d.data());
  for (int i = 1; i < *argc; ++i) args.push_back((*argv)[i]);
  args.push_back(nullptr);
  *argc = static_cast<int>(args.size() - 1);
  *argv = args.data();
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FFIFUZZ_RUNNER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FFIFUZZ_RUNNER_ASAN 1
#endif

bool compiled_in_payload() { return &ffifuzz_compiled_payload != nullptr && &ffifuzz_compiled_payload_size != nullptr; }

void initialize(int* argc, char*** argv) {
  const std::string self = self_path((*argv)[0]);
  std::optional<std::string> text;
  if (compiled_in_payload())
    text.emplace(ffifuzz_compiled_payload, ffifuzz_compiled_payload_size);
  else
    text = payload::read_appended_payload(self);
  if (!text)
    throw InputError(self + ": no fuzz target is embedded: this is the bare ffifuzz-runner (or a stripped target); "
                            "make a fuzz target with 'ffifuzz export'");
  g_payload = payload::read_payload(*text);
  // The library travels beside the target (DIR/lib/...): found from where this file is, so
  // that the export folder can be copied anywhere.
  const std::string lib = (fs::path(self).parent_path() / g_payload.library).string();
  std::error_code ec;
  if (!fs::exists(lib, ec))
    throw InputError(lib + ": the library under test is missing: keep the folder 'ffifuzz export' wrote together");
  if (compiled_in_payload()) {
    // The source target's library was built by build.sh for this engine and sanitizer, not
    // the file export read: decide from what was built, as the fuzz supervisor does.
    g_payload.api_signal = !driver::library_has_edge_counters(lib);
#ifdef FFIFUZZ_RUNNER_ASAN
    g_payload.heap_buffers = true;
#else
    g_payload.heap_buffers = false;
#endif
  }
  // AFL++'s runtime aborts when an instrumented library is loaded after its fork server is
  // up; build.sh links the library so that it is loaded before, and this keeps a target
  // built otherwise working (the library's edges are then not counted).
  setenv("AFL_IGNORE_PROBLEMS", "1", 0);
  g_session.prepare(g_payload.api, g_payload.contracts, lib, g_payload.unavailable,
                    {.trace = has_token(*argc, *argv, "--trace=1"),
                     .heap_buffers = g_payload.heap_buffers,
                     .only_functions = g_payload.only_functions});
  std::fprintf(stderr, "ffifuzz: %s_fuzzer: %zu function%s of %s\n", g_payload.name.c_str(),
               g_session.plan.functions.size(), g_session.plan.functions.size() == 1 ? "" : "s", lib.c_str());
  std::fputs(g_session.arena_line().c_str(), stderr);
  // FFIFUZZ_NO_CONSTANTS set: none, as for the fuzz worker.
  std::vector<uint64_t> constants;
  if (!std::getenv("FFIFUZZ_NO_CONSTANTS")) constants = g_payload.constants;
  // AFL++'s runtime (afl-clang-fast builds) exports __afl_area_ptr: its driver's main reads
  // a file argument or stdin, not libFuzzer flags. (Looked up, not declared: afl-clang-fast
  // treats a declaration of that name as its own. libFuzzer's symbols cannot tell: Debian's
  // are local, and AFL++'s driver defines LLVMFuzzerRunDriver too.)
  if (!dlsym(RTLD_DEFAULT, "__afl_area_ptr")) prepend_defaults(argc, argv);
  driver::install_fuzz_callbacks(g_session, {.api_signal = g_payload.api_signal,
                                             .constants = std::move(constants),
                                             .compare_hints = std::getenv("FFIFUZZ_NO_HINTS") == nullptr,
                                             .max_len = driver::max_len_flag(*argc, *argv)});
}

}  // namespace
}  // namespace ffifuzz::runner

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  using namespace ffifuzz;
  const char* name = (argc && *argc > 0) ? (*argv)[0] : "ffifuzz-runner";
  try {
    runner::initialize(argc, argv);
  } catch (const InputError& e) {
    std::fprintf(stderr, "%s: error: %s\n", name, e.what());
    std::exit(2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", name, e.what());
    std::exit(3);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return ffifuzz::driver::run_input(data, size); }
