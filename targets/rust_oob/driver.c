/* rust_oob: a read and a write one byte past the end of the caller's buffer, for some
 * lengths. In plain and cov (no ASan in the library) the buffer ends at a guard page, so
 * the stray byte faults (SEGV); in cov-asan the buffer comes from malloc, so the library's
 * own ASan instrumentation reports a heap-buffer-overflow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver_support.h"
#include "rust_oob.h"

/* The buffer kind this flavour proves the bugs with. Never freed when guarded (a mapping
 * per call is fine for a driver); freed by the caller when malloc'ed. */
static uint8_t *buffer(const char *flavour, size_t n) {
  if (strcmp(flavour, "cov-asan") == 0) return malloc(n ? n : 1);
  return zoo_guarded(n);
}

static void release(const char *flavour, uint8_t *p) {
  if (strcmp(flavour, "cov-asan") == 0) free(p);
}

static void clean(void *lib, const char *flavour) {
  for (size_t len = 0; len < 80; ++len) {
    if (len % 16 == 13) continue; /* the planted over-read */
    uint8_t *b = buffer(flavour, len);
    memset(b, 0x5A, len);
    (void)ZOO_SYM(lib, block_checksum)(b, len);
    release(flavour, b);
  }
  (void)ZOO_SYM(lib, block_checksum)(NULL, 0);
  const size_t lens[] = {1, 50, 100, 101, 300};
  for (size_t i = 0; i < sizeof lens / sizeof lens[0]; ++i) {
    for (int first = 0; first < 2; ++first) {
      size_t len = lens[i];
      if (first && len > 100) continue; /* long frames starting with 0xAB: the planted write */
      uint8_t *b = buffer(flavour, len);
      memset(b, 0x11, len);
      b[0] = first ? 0xAB : 0x00;
      (void)ZOO_SYM(lib, frame_seal)(b, len);
      release(flavour, b);
    }
  }
  (void)ZOO_SYM(lib, frame_seal)(NULL, 0);
}

static void oob_read(void *lib, const char *flavour) {
  size_t len = 29; /* 29 % 16 == 13 */
  uint8_t *b = buffer(flavour, len);
  memset(b, 0x5A, len);
  printf("checksum %u\n", ZOO_SYM(lib, block_checksum)(b, len));
  release(flavour, b);
}

static void oob_write(void *lib, const char *flavour) {
  size_t len = 128;
  uint8_t *b = buffer(flavour, len);
  memset(b, 0x11, len);
  b[0] = 0xAB;
  printf("changed %zu\n", ZOO_SYM(lib, frame_seal)(b, len));
  release(flavour, b);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"oob_read", oob_read},
    {"oob_write", oob_write},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
