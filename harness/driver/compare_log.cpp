#include "driver/compare_log.h"

#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <cstring>

#include "driver/elf_sections.h"

namespace ffifuzz::driver {
namespace {

// A program's log: enough for every call of a long program; one call's share is capped so
// that a loop comparing on every round cannot crowd out the calls after it.
constexpr size_t kMaxLog = 4096;
constexpr size_t kMaxPerCall = 128;
constexpr size_t kMaxSwitchCases = 16;
constexpr size_t kNoCall = SIZE_MAX;

program::Comparison g_log[kMaxLog];
size_t g_count = 0;
size_t g_call_start = 0;  // where the current call's entries begin
size_t g_call = kNoCall;  // the program call being made, or kNoCall
// Only the thread that runs the program records: a library thread comparing at the same
// time would race on the log, and its comparisons belong to no call of the program.
thread_local bool t_recording = false;
std::vector<uint8_t> g_input;  // the input whose program filled the log

__attribute__((no_sanitize("address", "undefined"))) void record(uint64_t a, uint64_t b, uint8_t size) {
  if (!t_recording) return;
  if (g_count >= kMaxLog || g_count - g_call_start >= kMaxPerCall) {
    t_recording = false;  // this call's share is full: the rest of its comparisons go straight on
    return;
  }
  if (g_count > g_call_start) {  // the same comparison again (a loop): once is enough
    const program::Comparison& last = g_log[g_count - 1];
    if (last.a == a && last.b == b && last.size == size) return;
  }
  g_log[g_count++] = {static_cast<uint32_t>(g_call), size, a, b};
}

// Each hook records, then tail-calls what the library was bound to: libFuzzer reads its
// caller's address as the comparison's place, and a tail call leaves that the library's.
using Cmp1 = void (*)(uint8_t, uint8_t);
using Cmp2 = void (*)(uint16_t, uint16_t);
using Cmp4 = void (*)(uint32_t, uint32_t);
using Cmp8 = void (*)(uint64_t, uint64_t);
using Switch = void (*)(uint64_t, uint64_t*);

#define FFIFUZZ_CMP_HOOK(NAME, TYPE, FN, BYTES)                                                 \
  FN g_next_##NAME = nullptr;                                                                   \
  __attribute__((no_sanitize("address", "undefined"))) void hook_##NAME(TYPE a, TYPE b) {       \
    record(a, b, BYTES);                                                                        \
    [[clang::musttail]] return g_next_##NAME(a, b);                                             \
  }
FFIFUZZ_CMP_HOOK(cmp1, uint8_t, Cmp1, 1)
FFIFUZZ_CMP_HOOK(cmp2, uint16_t, Cmp2, 2)
FFIFUZZ_CMP_HOOK(cmp4, uint32_t, Cmp4, 4)
FFIFUZZ_CMP_HOOK(cmp8, uint64_t, Cmp8, 8)
FFIFUZZ_CMP_HOOK(const_cmp1, uint8_t, Cmp1, 1)
FFIFUZZ_CMP_HOOK(const_cmp2, uint16_t, Cmp2, 2)
FFIFUZZ_CMP_HOOK(const_cmp4, uint32_t, Cmp4, 4)
FFIFUZZ_CMP_HOOK(const_cmp8, uint64_t, Cmp8, 8)
#undef FFIFUZZ_CMP_HOOK

// cases[0]: how many, cases[1]: the value's width in bits, then the case values.
Switch g_next_switch = nullptr;
__attribute__((no_sanitize("address", "undefined"))) void hook_switch(uint64_t value, uint64_t* cases) {
  uint64_t n = cases[0] < kMaxSwitchCases ? cases[0] : kMaxSwitchCases;
  uint8_t size = static_cast<uint8_t>(cases[1] / 8 ? cases[1] / 8 : 1);
  for (uint64_t i = 0; i < n; ++i) record(value, cases[2 + i], size);
  [[clang::musttail]] return g_next_switch(value, cases);
}

struct Hook {
  const char* symbol;
  void* hook;
  void** next;
};

const Hook kHooks[] = {
    {"__sanitizer_cov_trace_cmp1", reinterpret_cast<void*>(hook_cmp1), reinterpret_cast<void**>(&g_next_cmp1)},
    {"__sanitizer_cov_trace_cmp2", reinterpret_cast<void*>(hook_cmp2), reinterpret_cast<void**>(&g_next_cmp2)},
    {"__sanitizer_cov_trace_cmp4", reinterpret_cast<void*>(hook_cmp4), reinterpret_cast<void**>(&g_next_cmp4)},
    {"__sanitizer_cov_trace_cmp8", reinterpret_cast<void*>(hook_cmp8), reinterpret_cast<void**>(&g_next_cmp8)},
    {"__sanitizer_cov_trace_const_cmp1", reinterpret_cast<void*>(hook_const_cmp1),
     reinterpret_cast<void**>(&g_next_const_cmp1)},
    {"__sanitizer_cov_trace_const_cmp2", reinterpret_cast<void*>(hook_const_cmp2),
     reinterpret_cast<void**>(&g_next_const_cmp2)},
    {"__sanitizer_cov_trace_const_cmp4", reinterpret_cast<void*>(hook_const_cmp4),
     reinterpret_cast<void**>(&g_next_const_cmp4)},
    {"__sanitizer_cov_trace_const_cmp8", reinterpret_cast<void*>(hook_const_cmp8),
     reinterpret_cast<void**>(&g_next_const_cmp8)},
    {"__sanitizer_cov_trace_switch", reinterpret_cast<void*>(hook_switch), reinterpret_cast<void**>(&g_next_switch)},
};

const Hook* hook_for(const char* symbol) {
  for (const Hook& h : kHooks)
    if (std::strcmp(h.symbol, symbol) == 0) return &h;
  return nullptr;
}

// Points one GOT slot at `target`, opening a read-only (RELRO) page for the write and
// closing it again. The slot's current value is what the library was bound to.
bool repoint(uintptr_t slot, void* target, void** next, uintptr_t relro_start, uintptr_t relro_end) {
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  void* first = reinterpret_cast<void*>(slot & ~(page - 1));
  bool read_only = slot >= relro_start && slot < relro_end;
  if (read_only && mprotect(first, page, PROT_READ | PROT_WRITE) != 0) return false;
  void* bound = nullptr;
  std::memcpy(&bound, reinterpret_cast<void*>(slot), sizeof bound);
  // Already ours (started twice): going on to ourselves would never end.
  bool ok = bound != nullptr && bound != target && (*next == nullptr || *next == bound);
  if (ok) {
    *next = bound;
    std::memcpy(reinterpret_cast<void*>(slot), &target, sizeof target);
  }
  if (read_only) mprotect(first, page, PROT_READ);
  return ok || bound == target;
}

}  // namespace

bool start_compare_log(const std::string& lib) {
  char real[PATH_MAX];
  uintptr_t base = 0;
  if (!realpath(lib.c_str(), real) || !load_base(real, base)) return false;
  ElfSections sections = read_elf_sections(real);
  if (!sections.ok) return false;
  uintptr_t relro_start = 0, relro_end = 0;
  relro_range(real, relro_start, relro_end);
  size_t repointed = 0;
  // The library's relocations against its dynamic symbols: those naming a trace-cmp
  // callback are the GOT slots its calls go through (JUMP_SLOT for calls through the PLT,
  // GLOB_DAT for -fno-plt calls through the GOT).
  for (const Elf64_Shdr& rela : sections.headers) {
    if (rela.sh_type != SHT_RELA || rela.sh_entsize != sizeof(Elf64_Rela) || rela.sh_link >= sections.headers.size())
      continue;
    const Elf64_Shdr& symtab = sections.headers[rela.sh_link];
    if (symtab.sh_type != SHT_DYNSYM || symtab.sh_link >= sections.headers.size()) continue;
    std::string relocs = read_section(real, rela);
    std::string symbols = read_section(real, symtab);
    std::string names = read_section(real, sections.headers[symtab.sh_link]);
    for (size_t at = 0; at + sizeof(Elf64_Rela) <= relocs.size(); at += sizeof(Elf64_Rela)) {
      Elf64_Rela r;
      std::memcpy(&r, relocs.data() + at, sizeof r);
      uint32_t type = ELF64_R_TYPE(r.r_info);
      if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) continue;
      size_t sym_at = ELF64_R_SYM(r.r_info) * sizeof(Elf64_Sym);
      if (sym_at + sizeof(Elf64_Sym) > symbols.size()) continue;
      Elf64_Sym sym;
      std::memcpy(&sym, symbols.data() + sym_at, sizeof sym);
      if (sym.st_name >= names.size()) continue;
      const Hook* h = hook_for(names.c_str() + sym.st_name);
      if (h && repoint(base + r.r_offset, h->hook, h->next, relro_start, relro_end)) ++repointed;
    }
  }
  return repointed > 0;
}

void compare_log_begin(const uint8_t* input, size_t size) {
  g_count = 0;
  g_call_start = 0;
  g_call = kNoCall;
  g_input.assign(input, input + size);
}

void compare_log_call(size_t call_index) {
  g_call = call_index;
  g_call_start = g_count;
  t_recording = call_index != kNoCall && call_index <= UINT32_MAX;
}

std::span<const program::Comparison> compare_log_for(const uint8_t* input, size_t size) {
  if (size != g_input.size() || (size && std::memcmp(input, g_input.data(), size) != 0)) return {};
  return {g_log, g_count};
}

}  // namespace ffifuzz::driver
