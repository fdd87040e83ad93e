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
