/* clang -fsanitize=address,undefined -g repro.c -I/work/main/targets/c_adopt -Wl,--copy-dt-needed-entries /work/main/build/zoo/cov-asan/libc_adopt.so -Wl,-rpath,/work/main/build/zoo/cov-asan -o repro
 * ffifuzz reproducer: from corpus/c_adopt/ad_item_unref.txt
 * Run ./repro: it makes the finding's calls with the same values, the way ffifuzz makes them,
 * and dies with the same sanitizer report. No ffifuzz needed. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sanitizer/allocator_interface.h>
#include <sanitizer/common_interface_defs.h>

#include "c_adopt.h"

#define FFZ_HEAP_BUFFERS 1
#define FFZ_PLACEMENTS 1
#define FFZ_SLOT_BYTES 65536

/* The harness's checks of what a call returned (exec/call_checks.h), verbatim. */
/* exec/call_checks: what the harness checks after a call, as one C source.
   Job: a returned struct pointer whose heap block is not the header's sizeof (smaller than it,
   for a `base = true` type whose objects may be larger) is a layout-mismatch; every byte the
   header says the struct has is then read, so that ASan also sees a struct smaller than the
   header's; a returned C string must be NUL-terminated inside its allocation. And the reference
   drop of a reference-counted destroy (plan: drops_reference). It is C that compiles as C and
   as C++: the harness includes it (exec/post_call, exec/executor) and every repro.c that
   emit-c writes carries its text (report/emit_c), so a reproducer checks exactly what the
   harness checked (docs/ARCHITECTURE.md, "One lowering").
   May depend on: the C library, the sanitizer interface (weak: an exported target may be built
   without a sanitizer, docs/export.md). */
#ifndef FFIFUZZ_EXEC_CALL_CHECKS_H
#define FFIFUZZ_EXEC_CALL_CHECKS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
int __sanitizer_get_ownership(const volatile void *p) __attribute__((weak));
size_t __sanitizer_get_allocated_size(const volatile void *p) __attribute__((weak));
void __sanitizer_print_stack_trace(void) __attribute__((weak));
#ifdef __cplusplus
}
#endif

/* Prints "==ffifuzz== ERROR: <class>: <message>", the stack, and aborts: libFuzzer then saves
   the input like any other crash, and the report layer classifies it by that line. */
__attribute__((noreturn, unused)) static void ffz_report_finding(const char *finding_class, const char *message) {
  fprintf(stderr, "==ffifuzz== ERROR: %s: %s\n", finding_class, message);
  if (__sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
  fflush(stderr);
  abort();
}

/* The checks on a pointer `function` returned. `record`: the pointee is a complete struct or
   union of `header_size` bytes named `type_name`; `owned`: the caller owns it (a smaller or
   larger heap block is then a mismatch); `base`: objects of the type may be larger;
   `cstring`: the result is a C string of single-byte characters. */
__attribute__((unused)) static void ffz_check_returned(const char *function, const char *type_name, const void *result,
                                                       size_t header_size, int record, int owned, int base, int cstring) {
  if (!result) return;
  /* Only the start of a heap block has an allocated size; a pointer into static storage or
     into the middle of a block tells nothing about the struct's size. */
  int heap_block = __sanitizer_get_ownership && __sanitizer_get_ownership(result);
  size_t allocated = heap_block ? __sanitizer_get_allocated_size(result) : 0;
  if (record && owned && heap_block && (base ? allocated < header_size : allocated != header_size)) {
    char message[1024];
    snprintf(message, sizeof message,
             "%s returned a %s in a heap block of %zu bytes, but the header says sizeof(%s) is %zu: the library's "
             "definition of the struct is not the header's",
             function, type_name, allocated, type_name, header_size);
    ffz_report_finding("layout-mismatch", message);
  }
  if (record) {
    const volatile unsigned char *bytes = (const volatile unsigned char *)result;
    unsigned char sink = 0;
    for (size_t i = 0; i < header_size; ++i) sink ^= bytes[i];
    (void)sink;
  }
  if (cstring) {
    if (heap_block) {
      if (!memchr(result, 0, allocated)) {
        char message[768];
        snprintf(message, sizeof message,
                 "%s returned a C string that is not NUL-terminated inside its %zu-byte allocation", function, allocated);
        ffz_report_finding("heap-overflow", message);
      }
    } else {
      (void)strlen((const char *)result); /* a wild pointer faults here, in the call's wake */
    }
  }
}

/* A reference-counted object's destroy function: drops one reference from the count of
   `width` bytes at `offset`; true when that was the last one and the function must really be
   called. A count at its maximum is a static object (json_true()): never destroyed. */
__attribute__((unused)) static int ffz_last_reference(void *object, size_t offset, size_t width) {
  if (!object) return 1;
  if (width > 8) width = 8;
  uint64_t count = 0;
  memcpy(&count, (unsigned char *)object + offset, width);
  const uint64_t immortal = width == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (width * 8)) - 1;
  if (count == immortal) return 0;
  if (count == 0) return 1;
  --count;
  memcpy((unsigned char *)object + offset, &count, width);
  return count == 0;
}

#endif /* FFIFUZZ_EXEC_CALL_CHECKS_H */

/* The harness's guarded slots (exec/guarded_slots.h), verbatim. */
/* exec/guarded_slots: the guard-page memory everything the harness hands the library lives in,
   as one C source.
   Job: slots that each end exactly at a PROT_NONE page, so that an over-read or over-write by
   even an uninstrumented library faults at once. The mapping is made once and its slots reused
   from one program to the next; a slot is patterned (0xA5) when handed out, the part handed out
   and one page before it, so that memory the harness never wrote reads as a telling value. C
   that compiles as C and as C++: exec/arena wraps it for the harness, and every repro.c that
   emit-c writes carries its text, so a reproducer places bytes exactly where the harness did
   (docs/ARCHITECTURE.md, "One lowering").
   May depend on: the C library. */
#ifndef FFIFUZZ_EXEC_GUARDED_SLOTS_H
#define FFIFUZZ_EXEC_GUARDED_SLOTS_H

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FFZ_SLOT_PATTERN 0xA5

struct ffz_slots {
  unsigned char *base; /* the mapping, guard pages included */
  size_t mapped;       /* its length */
  size_t page;
  size_t slot_bytes;   /* usable bytes of a slot: a whole number of pages */
  size_t count;        /* slots */
  size_t next;         /* the next slot to hand out */
};

/* Maps `count` slots of at least `slot_bytes` bytes, each followed by a guard page. 0 on
   success, -1 when the mapping or a guard cannot be made. */
__attribute__((unused)) static int ffz_slots_map(struct ffz_slots *s, size_t count, size_t slot_bytes) {
  s->page = (size_t)sysconf(_SC_PAGESIZE);
  s->slot_bytes = (slot_bytes + s->page - 1) / s->page * s->page;
  s->count = count;
  s->next = 0;
  s->mapped = (s->slot_bytes + s->page) * count;
  void *m = mmap(NULL, s->mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    s->base = NULL;
    return -1;
  }
  s->base = (unsigned char *)m;
  /* Patterned when handed out, not here: a slot is as long as the longest buffer a program
     may hold, most of it is never touched, and untouched pages cost no memory. */
  for (size_t i = 0; i < count; ++i)
    if (mprotect(s->base + i * (s->slot_bytes + s->page) + s->slot_bytes, s->page, PROT_NONE) != 0) return -1;
  return 0;
}

/* `size` bytes that end where a guard page begins, or NULL when every slot is in use for this
   program or `size` is too large. What is handed out, and one page in front of it, carries the
   pattern: the library may read or write anywhere in what it is given, and just before it (an
   under-read further than that is still caught by ASan in instrumented builds). */
__attribute__((unused)) static unsigned char *ffz_slots_take(struct ffz_slots *s, size_t size) {
  if (s->next >= s->count || size > s->slot_bytes) return NULL;
  unsigned char *end = s->base + s->next * (s->slot_bytes + s->page) + s->slot_bytes;
  ++s->next;
  size_t span = size + 4096 < s->slot_bytes ? size + 4096 : s->slot_bytes;
  memset(end - span, FFZ_SLOT_PATTERN, span);
  return end - size;
}

/* Every slot free again, for the next program. */
__attribute__((unused)) static void ffz_slots_reset(struct ffz_slots *s) { s->next = 0; }

__attribute__((unused)) static void ffz_slots_unmap(struct ffz_slots *s) {
  if (s->base) munmap(s->base, s->mapped);
  s->base = NULL;
}

#endif /* FFIFUZZ_EXEC_GUARDED_SLOTS_H */

/* The executor's memory: the ASan heap at exact sizes, or guarded slots (above). */
static struct ffz_slots ffz_arena;
static void *ffz_blocks[FFZ_PLACEMENTS];
static size_t ffz_block_count;

static void ffz_arena_init(void) {
  if (FFZ_HEAP_BUFFERS) return;
  if (ffz_slots_map(&ffz_arena, FFZ_PLACEMENTS, FFZ_SLOT_BYTES) != 0) { perror("mmap"); exit(3); }
  /* The same banner as the harness: a fault in this range is a guard-page hit. */
  fprintf(stderr, "ffifuzz: arena %p-%p\n", (void *)ffz_arena.base, (void *)(ffz_arena.base + ffz_arena.mapped));
}

/* `n` bytes (the first `have` from `data`, zeros after), NUL-terminated when `terminate`. */
static void *ffz_place(const void *data, size_t have, size_t n, int terminate) {
  size_t total = n + (terminate ? 1 : 0);
  unsigned char *p;
  if (FFZ_HEAP_BUFFERS) {
    p = malloc(total ? total : 1);
    ffz_blocks[ffz_block_count++] = p;
  } else {
    p = ffz_slots_take(&ffz_arena, total);
    if (!p) { fprintf(stderr, "ffifuzz: repro: no guarded slot left\n"); exit(3); }
  }
  if (have) memcpy(p, data, have);
  if (have < n) memset(p + have, 0, n - have);
  if (terminate) p[n] = 0;
  return p;
}

/* Path and FILE * parameters: files in a scratch folder of the program's own (exec/executor.cpp). */
static char ffz_scratch[64];
static const char *ffz_path(const char *name) {
  static char paths[16][128];
  static unsigned next;
  if (!ffz_scratch[0]) {
    snprintf(ffz_scratch, sizeof ffz_scratch, "/tmp/ffifuzz-repro-XXXXXX");
    if (!mkdtemp(ffz_scratch)) { perror("mkdtemp"); exit(3); }
  }
  char *p = paths[next++ % 16];
  snprintf(p, 128, "%s/%s", ffz_scratch, name);
  return p;
}
static FILE *ffz_file(const char *content, size_t n) {
  static unsigned count;
  char name[32];
  snprintf(name, sizeof name, "file-%u", count++);
  FILE *f = fopen(ffz_path(name), "w+");
  if (!f) { perror("fopen"); exit(3); }
  fwrite(content, 1, n, f);
  rewind(f);
  return f;
}

/* The library may not end the process or take over crash handling behind the reproducer's
   back, as in ffifuzz (exec/process_guard.cpp): these definitions come first for the library. */
extern char __executable_start, etext;
static const char *ffz_current; /* the call in progress (ffz_trace) */
static int ffz_from_program(void *return_address) {
  return (char *)return_address >= &__executable_start && (char *)return_address < &etext;
}
static int ffz_guarded(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGABRT || sig == SIGALRM;
}
int __interceptor_sigaction(int, const struct sigaction *, struct sigaction *) __attribute__((weak));
static int ffz_real_sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  int (*real)(int, const struct sigaction *, struct sigaction *) = __interceptor_sigaction;
  if (!real) real = (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
  return real(sig, act, old);
}
int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  if (act && ffz_guarded(sig) && !ffz_from_program(__builtin_return_address(0))) {
    fprintf(stderr, "ffifuzz: note: the library tried to install its own handler for signal %d; refused\n", sig);
    return old ? ffz_real_sigaction(sig, NULL, old) : 0;
  }
  return ffz_real_sigaction(sig, act, old);
}
sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction now, want;
  memset(&want, 0, sizeof want);
  want.sa_handler = handler;
  if (ffz_guarded(sig) && !ffz_from_program(__builtin_return_address(0))) {
    fprintf(stderr, "ffifuzz: note: the library tried to install its own handler for signal %d; refused\n", sig);
    ffz_real_sigaction(sig, NULL, &now);
    return now.sa_handler;
  }
  return ffz_real_sigaction(sig, &want, &now) == 0 ? now.sa_handler : SIG_ERR;
}
/* An exit from inside a library call is the finding, with the stack that made it (as
   exec/process_guard.cpp reports it); the program's own exits pass. */
static void ffz_report_exit(const char *how, int status) {
  fprintf(stderr, "==ffifuzz== ERROR: exit: the library called %s(%d) inside %s\n", how, status, ffz_current);
  __sanitizer_print_stack_trace();
  abort();
}
void _exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("_exit", status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}
void _Exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("_Exit", status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}
void exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("exit", status);
  void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "exit");
  real(status);
  __builtin_unreachable();
}
void quick_exit(int status) {
  if (ffz_current && !ffz_from_program(__builtin_return_address(0))) ffz_report_exit("quick_exit", status);
  void (*real)(int) = (void (*)(int))dlsym(RTLD_NEXT, "quick_exit");
  real(status);
  __builtin_unreachable();
}

/* Memory the library keeps from one run of the program to the next (driver/heap_growth.h). */
static size_t ffz_smallest_heap = (size_t)-1;
static void ffz_check_growth(long runs) {
  size_t live = __sanitizer_get_current_allocated_bytes();
  if (live < ffz_smallest_heap) ffz_smallest_heap = live;
  if (live - ffz_smallest_heap < ((size_t)256 << 20)) return;
  fprintf(stderr, "==ffifuzz== ERROR: out-of-memory: the library keeps memory from one program to the next: the live "
          "heap grew by %zu MiB over %ld runs of the program; what holds it:\n", (live - ffz_smallest_heap) >> 20, runs);
  __sanitizer_print_memory_profile(90, 3);
  abort();
}

/* Overwrites the stack below the caller with zeros: no stale pointer is left there. Called
   from main right after ffz_program returned, its frame sits where the program's was; left
   uninstrumented, its array starts right under that frame (ASan's redzones would leave the
   top of it, where the program's locals were, unscrubbed: a leak seen one run in two). */
static __attribute__((noinline, no_sanitize("address"))) void ffz_scrub_stack(void) {
  volatile unsigned char zeros[64 * 1024];
  memset((void *)zeros, 0, sizeof zeros);
}

/* ffifuzz's callback: does nothing, returns zero (exec/ffi_frames.cpp). */
static long ffz_callback(void) { return 0; }

static void ffz_point_at_zeros(void *image, size_t offset) {
  void *zeros = ffz_place(0, 0, 64, 0);
  memcpy((unsigned char *)image + offset, &zeros, sizeof zeros);
}

static void ffz_free_blocks(void) {
  for (size_t i = 0; i < ffz_block_count; ++i) free(ffz_blocks[i]);
  ffz_block_count = 0;  /* the next run of the program places again from the start */
  if (!FFZ_HEAP_BUFFERS) ffz_slots_reset(&ffz_arena);
}

static float ffz_f32(unsigned long long bits) { uint32_t u = (uint32_t)bits; float f; memcpy(&f, &u, 4); return f; }
static double ffz_f64(unsigned long long bits) { double d; memcpy(&d, &bits, 8); return d; }

/* The trace lines the harness prints when it replays the input (program/call_trace.h): the
   same calls, skips, results and releases, line for line. */
static const char *ffz_current;
static void ffz_trace(size_t index, const char *name) {
  fprintf(stderr, "ffifuzz: call #%zu %s\n", index, name);
  ffz_current = name;
}
static void ffz_release(const char *name) {
  fprintf(stderr, "ffifuzz: release %s\n", name);
  ffz_current = name;
}
static void ffz_skip(size_t index, const char *name, const char *reason) {
  fprintf(stderr, "ffifuzz: skip #%zu %s (%s)\n", index, name, reason);
}
static void ffz_skip_release(const char *name, const char *reason) {
  fprintf(stderr, "ffifuzz: skip release %s (%s)\n", name, reason);
}
static void ffz_result_text(size_t index, const char *value, int failed, int no_object) {
  fprintf(stderr, "ffifuzz: result #%zu %s%s%s\n", index, value, failed ? " (failed)" : "", no_object ? " (no object)" : "");
}
static void ffz_result_pointer(size_t index, const void *p, int failed, int no_object) {
  ffz_result_text(index, p ? "non-NULL" : "NULL", failed, no_object);
}
static void ffz_result_signed(size_t index, long long v, int failed, int no_object) {
  char text[32];
  snprintf(text, sizeof text, "%lld", v);
  ffz_result_text(index, text, failed, no_object);
}
static void ffz_result_unsigned(size_t index, unsigned long long v, int failed, int no_object) {
  char text[32];
  snprintf(text, sizeof text, "%llu", v);
  ffz_result_text(index, text, failed, no_object);
}

static void ffz_at_exit(void) {
  if (ffz_current) fprintf(stderr, "==ffifuzz== ERROR: exit: the process exited inside %s\n", ffz_current);
}

static void ffz_on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "==ffifuzz== ERROR: timeout: a call ran longer than 10 seconds\n";
  (void)!write(2, msg, sizeof msg - 1);
  /* Where the call was, as libFuzzer's timeout report shows it in the harness: the stack the
     signal interrupted (not async-signal-safe, as libFuzzer's is not: the process ends next). */
  __sanitizer_print_stack_trace();
  _exit(70);
}

/* The sanitizer settings the harness runs with. */
const char *__asan_default_options(void) {
  /* handle_abort: an abort (a Rust panic, a failed assert) prints its stack, as libFuzzer's
     deadly-signal handler does in the harness. */
  return "detect_leaks=1:halt_on_error=1:allocator_may_return_null=0:max_allocation_size_mb=2048:handle_abort=1";
}
const char *__ubsan_default_options(void) { return "print_stacktrace=1:halt_on_error=1"; }

static __attribute__((noinline)) void ffz_program(void) {
  void *r0 = NULL;
  { /* call #0 */
    ffz_trace(0, "ad_item_new");
    void *ret = NULL;
    ret = (void *)ad_item_new(1LL);
    ffz_current = NULL;
    ffz_result_pointer(0, ret, 0, 0);
    ffz_check_returned("ad_item_new", "struct ad_item", ret, 0, 0, 1, 0, 0);
    r0 = ret;
  }
  { /* call #1 */
    ffz_trace(1, "ad_item_unref");
    ad_item_unref(&(ad_item *){r0});
    ffz_current = NULL;
    ffz_result_text(1, "void", 0, 0);
  }
  /* Release what is still live, newest first, as the executor does. */
  r0 = NULL;
  ffz_free_blocks();
}

int main(void) {
  signal(SIGALRM, ffz_on_alarm);
  alarm(10);
  atexit(ffz_at_exit);
  ffz_arena_init();
  ffz_program();
  ffz_scrub_stack();
  return 0;
}
