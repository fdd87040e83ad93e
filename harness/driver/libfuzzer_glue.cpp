#include "driver/libfuzzer_glue.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <memory>

#include "driver/call_stats.h"
#include "driver/compare_log.h"
#include "driver/decoded_inputs.h"
#include "driver/heap_growth.h"
#include "driver/length_control.h"
#include "driver/library_edges.h"
#include "driver/inflight.h"
#include "program/codec.h"
#include "program/hints.h"
#include "model/error.h"
#include "program/mutate.h"
#include "program/storage.h"
#include "program/text_form.h"

extern "C" {
void __sanitizer_purge_allocator() __attribute__((weak));
int LLVMFuzzerRunDriver(int* argc, char*** argv, int (*callback)(const uint8_t* data, size_t size));
size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);
}

namespace ffifuzz::driver {
namespace {

RunSession* g_session = nullptr;
std::unique_ptr<program::Mutator> g_mutator;
bool g_hints = false;  // the library's comparisons are recorded (compare_log.h)

// libFuzzer treats every byte of this section as a coverage counter, and scans and clears
// all of it after every execution: 4096 pairs of (previous call, call, result class) is
// room enough without costing libraries that have coverage of their own.
constexpr size_t kApiCounters = 1 << 12;
__attribute__((section("__libfuzzer_extra_counters"), used)) uint8_t g_api_counters[kApiCounters];
uint32_t g_previous_call = 0;
uint8_t g_api_classes[kApiCounters];  // each pair's hit-count classes so far (driver/length_control)

void api_signal(uint32_t fn, uint32_t result_class) {
  // A pair of consecutive calls with the second's result class: new orders and new outcomes
  // are new "coverage" even when the library reports none.
  uint32_t h = (g_previous_call * 0x9E3779B1u) ^ (fn * 0x85EBCA77u) ^ (result_class * 0xC2B2AE3Du);
  uint8_t& c = g_api_counters[h % kApiCounters];
  if (c < 255) ++c;
  g_previous_call = fn + 1;
}

// The executor takes one hook: these combine counting with the API-level signal.
void counted_call(uint32_t fn, uint32_t result_class) { count_call(fn, result_class); }
void counted_api_signal(uint32_t fn, uint32_t result_class) {
  count_call(fn, result_class);
  api_signal(fn, result_class);
}

// An input is a binary program, or a text-form program (hand-written seeds, corpus/<target>);
// a text that does not parse runs as the empty program rather than stopping the run.
// Decodes into `out`, reusing its storage.
void decode_input(const uint8_t* data, size_t size, program::Program& out) {
  RunSession& s = *g_session;
  std::string_view prefix(reinterpret_cast<const char*>(data), std::min<size_t>(size, 32));
  if (program::looks_like_text(std::string(prefix))) {
    try {
      out = program::from_text(s.plan, *s.api, std::string(reinterpret_cast<const char*>(data), size), "input");
    } catch (const InputError&) {
      out.calls.clear();
    }
    return;
  }
  program::decode_into(s.plan, *s.api, {data, size}, out);
}

// The program the custom mutator produced last, and its bytes: libFuzzer runs a mutation
// right after making it, so run_input finds it here instead of decoding it again.
struct LastMutation {
  std::vector<uint8_t> bytes;
  program::Program program;
  bool matches(const uint8_t* data, size_t size) const {
    return size == bytes.size() && size > 0 && std::memcmp(data, bytes.data(), size) == 0;
  }
};
LastMutation g_last;

std::unique_ptr<DecodedInputs> g_decoded;  // made with the session (decode_input needs it)

// The program of an input: the mutation just made (libFuzzer mutates its last mutation again,
// and runs each), or one decoded once for the inputs libFuzzer keeps coming back to.
const program::Program& input_program(const uint8_t* data, size_t size) {
  return g_last.matches(data, size) ? g_last.program : g_decoded->get(data, size);
}

// A second input's program, leaving the first one's valid.
const program::Program& input_program_keeping(const uint8_t* data, size_t size, const program::Program& keep) {
  return g_last.matches(data, size) ? g_last.program : g_decoded->get_keeping(data, size, keep);
}

// An input's program to change and write back (write_program): the last mutation itself when
// it is that input (libFuzzer mutates its last mutation again: no copy), else a copy of it in
// `scratch` (copy-assignment reuses its storage).
program::Program& program_to_mutate(const uint8_t* data, size_t size, program::Program& scratch) {
  if (g_last.matches(data, size)) return g_last.program;
  program::copy_into(g_decoded->get(data, size), scratch);
  return scratch;
}

size_t calls_in(const uint8_t* data, size_t size) {
  // The encoding's second byte is the call count (program/codec.h); a text input has none.
  return size >= 2 && data[0] == program::kCodecVersion ? data[1] % (program::kMaxCalls + 1) : 0;
}

}  // namespace

int run_input(const uint8_t* data, size_t size) {
  // Decoding is total: every input runs (libFuzzer's first input is empty, and a corpus
  // file of another version still means something). Only repro insists on the version.
  RunSession& s = *g_session;
  const program::Program* p = &input_program(data, size);
  g_previous_call = 0;
  count_program();
  if (g_hints) compare_log_begin(data, size);
  inflight_begin(data, size);
  s.executor->run(*p);
  check_heap_growth();  // still in flight: a finding here is this input's
  inflight_end();
  const bool new_edge_class = note_library_edges();
  note_execution(note_counter_classes(g_api_counters, g_api_classes, kApiCounters) || new_edge_class);
  return 0;
}

namespace {

// Encodes `p` into out[0, max_size), dropping trailing calls until it fits; remembers it
// for run_input. Returns the size, or 0 when not even the empty program fits.
size_t write_program(program::Program& p, uint8_t* out, size_t max_size) {
  RunSession& s = *g_session;
  std::vector<uint8_t>& bytes = g_last.bytes;
  program::encode_into(s.plan, *s.api, p, bytes);
  while (bytes.size() > max_size && !p.calls.empty()) {
    p.calls.pop_back();
    program::encode_into(s.plan, *s.api, p, bytes);
  }
  if (bytes.size() > max_size) {
    bytes.clear();
    return 0;
  }
  std::memcpy(out, bytes.data(), bytes.size());
  if (&p != &g_last.program) std::swap(g_last.program, p);
  return bytes.size();
}

}  // namespace
}  // namespace ffifuzz::driver

using namespace ffifuzz;

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  driver::RunSession* s = driver::g_session;
  if (!s) return LLVMFuzzerMutate(data, size, max_size);
  program::Random rng(seed);
  static program::Program scratch;  // storage reused across mutations
  // No longer than driver/length_control allows now (or the input already is), new buffers
  // and the whole input alike; a hint's length is the library's own demand and may go past
  // it, up to the run's bound.
  const size_t bound = std::min(max_size, std::max(size, driver::length_bound()));
  driver::g_mutator->generator().bound_buffers(bound);
  // Calls likewise: no more than the control allows, or than the input already has.
  const size_t calls = std::max(driver::call_bound(), driver::calls_in(data, size));
  driver::g_mutator->generator().bound_calls(calls);
  // libFuzzer mutates the input it ran last more often than not (a chain of mutations, each
  // run): then the library's comparisons during each of its calls are known, and one of them
  // may say which value a slot needs (program/hints.h).
  if (driver::g_hints && rng.one_in(4)) {
    std::span<const program::Comparison> compared = driver::compare_log_for(data, size);
    if (!compared.empty()) {
      program::Program& p = driver::program_to_mutate(data, size, scratch);
      if (program::apply_random_hint(s->plan, *s->api, rng, compared, p, s->plan.max_buffer_bytes)) {
        program::normalize(s->plan, *s->api, p);
        if (size_t out = driver::write_program(p, data, max_size)) return out;
      }
    }
  }
  program::Program* p = &scratch;
  if (rng.one_in(2)) {
    // libFuzzer's own byte mutations over the encoding: integers are raw bytes there, so the
    // values the library compares against (trace-cmp, value profile) land in arguments.
    size_t n = LLVMFuzzerMutate(data, size, bound);
    if (n > 0) data[0] = program::kCodecVersion;
    program::decode_into(s->plan, *s->api, {data, n}, scratch);
    if (scratch.calls.size() > calls) program::resize_calls(scratch.calls, calls);  // a mutated count byte
  } else {
    p = &driver::program_to_mutate(data, size, scratch);
    driver::g_mutator->mutate(rng, *p);
  }
  size_t out = driver::write_program(*p, data, bound);
  return out ? out : size;
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1, const uint8_t* data2, size_t size2,
                                            uint8_t* out, size_t max_out_size, unsigned int seed) {
  driver::RunSession* s = driver::g_session;
  if (!s) return 0;
  program::Random rng(seed);
  static program::Program child;  // storage reused across crossovers
  driver::g_mutator->generator().bound_calls(driver::call_bound());
  const program::Program& a = driver::input_program(data1, size1);
  const program::Program& b = driver::input_program_keeping(data2, size2, a);
  driver::g_mutator->crossover_into(rng, a, b, child);
  return driver::write_program(child, out, std::min(max_out_size, std::max({size1, size2, driver::length_bound()})));
}

namespace ffifuzz::driver {

size_t max_len_flag(int argc, char** argv) {
  size_t value = 0;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "-max_len=", 9) == 0) value = std::strtoull(argv[i] + 9, nullptr, 10);
  return value;
}

// Where driver/length_control starts: the generator's telling sizes up to 1000 bytes, the
// typical values of the starting programs, and as long as libFuzzer's own length control
// started on zlib's starting corpus.
constexpr size_t kInitialBufferBound = 1024;
// And for calls: enough for a constructor, two uses and a release, the shape of most
// lifetime bugs (use after release, double release), with the producers' calls brought in.
constexpr size_t kInitialCallBound = 4;

void install_fuzz_callbacks(RunSession& session, WorkerOptions options) {
  g_session = &session;
  g_decoded = std::make_unique<DecodedInputs>(decode_input);
  if (options.max_len) session.plan.max_buffer_bytes = std::min(options.max_len, program::kMaxBytes);
  start_length_control(kInitialBufferBound, session.plan.max_buffer_bytes);
  start_call_control(kInitialCallBound, program::kMaxCalls);
  // A restart of the same campaign (under a learned rule) goes on from where the last pass's
  // bounds had grown to: starting again from 4 calls, each pass of a run that learns often
  // never reached the programs a bug needs (c_adopt's refused item: seven calls).
  if (!options.stats_dir.empty()) keep_length_control(options.stats_dir);
  g_mutator = std::make_unique<program::Mutator>(session.plan, *session.api,
                                                 [](uint8_t* d, size_t n, size_t max) { return LLVMFuzzerMutate(d, n, max); });
  if (!options.stats_dir.empty()) {
    std::vector<std::string> names;
    for (const program::FunctionPlan& f : session.plan.functions) names.push_back(f.name);
    start_call_stats(options.stats_dir, names);
    session.executor->set_call_hook(options.api_signal ? counted_api_signal : counted_call);
  } else if (options.api_signal) {
    session.executor->set_call_hook(api_signal);
  }
  start_library_edges(options.stats_dir, session.lib);  // the file only with a stats folder
  g_mutator->generator().set_constants(std::move(options.constants));
  if (options.compare_hints && start_compare_log(session.lib)) {
    g_hints = true;
    session.executor->set_call_boundary_hook(compare_log_call);
  }
  start_inflight_record(options.inflight_dir);
  for (const std::string& name : options.set_aside)
    if (int i = session.plan.index_of(name); i >= 0) session.executor->set_aside(static_cast<uint32_t>(i));
  for (const std::string& name : options.unchecked)
    if (int i = session.plan.index_of(name); i >= 0) session.executor->set_unchecked(static_cast<uint32_t>(i));
}

int run_fuzz_worker(RunSession& session, WorkerOptions options, int argc, char** argv) {
  if (!options.max_len) options.max_len = max_len_flag(argc, argv);
  install_fuzz_callbacks(session, std::move(options));
  // Opening the session (header parse, DWARF) freed memory that under ASan sits in the
  // quarantine and the allocator's caches; given back before the loop starts. Small (about
  // 6 MB of zlib's peak RSS): the worker's resident size is mostly the libraries it maps and
  // the quarantine the fuzz loop fills (bench/real/perf.sh measures it).
  if (__sanitizer_purge_allocator) __sanitizer_purge_allocator();
  return LLVMFuzzerRunDriver(&argc, &argv, run_input);
}

}  // namespace ffifuzz::driver

// UBSan prints no stack by default: its report would place a fault only by file and line,
// which an edit moves. With the stack, its finding is keyed by the library's frames like
// ASan's, so one fault caught by either in different runs is one finding (report/dedup.h).
// UBSAN_OPTIONS in the environment still overrides it.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1"; }
