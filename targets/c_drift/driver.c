/* Driver for c_drift: proves at run time the layout drift between c_drift.h and the
 * library. `clean` uses the API only through its functions (never touching fields), which
 * is correct whatever the layout. `layout_fields` shows where the library really stores
 * `flags` (offset and width) against the header; `allocated_size` shows the allocation is
 * not the header's sizeof. Both print ZOO-FACT lines and return. */
#include <sanitizer/allocator_interface.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "c_drift.h"
#include "driver_support.h"

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "driver: check failed: %s (line %d)\n", #cond, __LINE__); \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  struct config *c = ZOO_SYM(lib, config_new)();
  CHECK(c);
  CHECK(ZOO_SYM(lib, config_get_flags)(c) == 0 && ZOO_SYM(lib, config_get_size)(c) == 0);
  ZOO_SYM(lib, config_set_flags)(c, -7);
  ZOO_SYM(lib, config_set_size)(c, UINT64_MAX);
  CHECK(ZOO_SYM(lib, config_get_flags)(c) == -7);
  CHECK(ZOO_SYM(lib, config_get_size)(c) == UINT64_MAX);
  ZOO_SYM(lib, config_free)(c);
  ZOO_SYM(lib, config_free)(NULL);
}

/* Sets flags = -1 through the library on a zeroed config and finds the 0xFF bytes: their
 * offset and count are the library's offset and width of `flags`. */
static void layout_fields(void *lib, const char *flavour) {
  (void)flavour;
  struct config *c = ZOO_SYM(lib, config_new)();
  CHECK(c);
  size_t alloc = __sanitizer_get_allocated_size(c);
  ZOO_SYM(lib, config_set_flags)(c, -1);
  const unsigned char *bytes = (const unsigned char *)c;
  size_t first = alloc, count = 0;
  for (size_t i = 0; i < alloc; ++i) {
    if (bytes[i] == 0xFF) {
      if (first == alloc) first = i;
      ++count;
    }
  }
  fprintf(stderr, "ZOO-FACT: field flags: header offset %zu width %zu, library offset %zu width %zu\n",
          offsetof(struct config, flags), sizeof c->flags, first, count);
  ZOO_SYM(lib, config_free)(c);
}

static void allocated_size(void *lib, const char *flavour) {
  (void)flavour;
  struct config *c = ZOO_SYM(lib, config_new)();
  CHECK(c);
  fprintf(stderr, "ZOO-FACT: allocated %zu bytes, header sizeof %zu\n", __sanitizer_get_allocated_size(c),
          sizeof(struct config));
  ZOO_SYM(lib, config_free)(c);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"layout_fields", layout_fields},
    {"allocated_size", allocated_size},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
