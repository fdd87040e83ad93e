/* rust_uaf: a cache keeps a pointer into large buffers; freeing the buffer and then
 * summing the cache reads freed memory. Visible to ASan only in the cov-asan build. */
#include <stdio.h>
#include <string.h>

#include "driver_support.h"
#include "rust_uaf.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  uint8_t small[10], large[200];
  memset(small, 1, sizeof small);
  memset(large, 2, sizeof large);
  Cache *c = ZOO_SYM(lib, cache_new)();
  Buffer *s = ZOO_SYM(lib, buffer_new)(small, sizeof small);
  Buffer *l = ZOO_SYM(lib, buffer_new)(large, sizeof large);
  Buffer *e = ZOO_SYM(lib, buffer_new)(NULL, 0);
  if (ZOO_SYM(lib, buffer_len)(l) != sizeof large) fprintf(stderr, "driver: buffer_len wrong\n");
  ZOO_SYM(lib, cache_attach)(c, s);
  ZOO_SYM(lib, cache_attach)(c, l);
  ZOO_SYM(lib, cache_attach)(c, e);
  ZOO_SYM(lib, cache_attach)(NULL, s);
  ZOO_SYM(lib, buffer_free)(s); /* documented: the cache copied it */
  ZOO_SYM(lib, buffer_free)(e);
  if (ZOO_SYM(lib, cache_sum)(c) != 10 + 400) fprintf(stderr, "driver: cache_sum wrong\n");
  ZOO_SYM(lib, cache_reset)(c);
  if (ZOO_SYM(lib, cache_sum)(c) != 0) fprintf(stderr, "driver: cache_reset wrong\n");
  ZOO_SYM(lib, cache_free)(c);
  ZOO_SYM(lib, buffer_free)(l);
  ZOO_SYM(lib, cache_free)(NULL);
  ZOO_SYM(lib, buffer_free)(NULL);
}

static void cache_uaf(void *lib, const char *flavour) {
  (void)flavour;
  uint8_t large[100];
  memset(large, 3, sizeof large);
  Cache *c = ZOO_SYM(lib, cache_new)();
  Buffer *b = ZOO_SYM(lib, buffer_new)(large, sizeof large);
  ZOO_SYM(lib, cache_attach)(c, b);
  ZOO_SYM(lib, buffer_free)(b);
  printf("sum %llu\n", (unsigned long long)ZOO_SYM(lib, cache_sum)(c));
  ZOO_SYM(lib, cache_free)(c);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"cache_uaf", cache_uaf},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
