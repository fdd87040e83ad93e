/* Driver for c_drift: proves at run time the layout drift between c_drift.h and the
 * library. `clean` uses the API only through its functions (never touching fields), which
 * is correct whatever the layout. `layout_fields` shows where the library really stores
 * `flags` (offset and width) against the header; `allocated_size` shows the allocation is
 * not the header's sizeof. Both print ZOO-FACT lines and return. `caller_struct_*` pass a
 * struct the caller allocated by the header's sizeof, which the library overruns. */
#include <sanitizer/allocator_interface.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "c_drift.h"
#include "driver_support.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  struct config *c = ZOO_SYM(lib, config_new)();
  ZOO_CHECK(c);
  ZOO_CHECK(ZOO_SYM(lib, config_get_flags)(c) == 0 && ZOO_SYM(lib, config_get_size)(c) == 0);
  ZOO_SYM(lib, config_set_flags)(c, -7);
  ZOO_SYM(lib, config_set_size)(c, UINT64_MAX);
  ZOO_CHECK(ZOO_SYM(lib, config_get_flags)(c) == -7);
  ZOO_CHECK(ZOO_SYM(lib, config_get_size)(c) == UINT64_MAX);
  ZOO_SYM(lib, config_free)(c);
  ZOO_SYM(lib, config_free)(NULL);
}

/* Sets flags = -1 through the library on a zeroed config and finds the 0xFF bytes: their
 * offset and count are the library's offset and width of `flags`. */
static void layout_fields(void *lib, const char *flavour) {
  (void)flavour;
  struct config *c = ZOO_SYM(lib, config_new)();
  ZOO_CHECK(c);
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
  ZOO_CHECK(c);
  fprintf(stderr, "ZOO-FACT: allocated %zu bytes, header sizeof %zu\n", __sanitizer_get_allocated_size(c),
          sizeof(struct config));
  ZOO_SYM(lib, config_free)(c);
}

/* The header lets a caller allocate struct config itself (16 bytes); the library reads and
 * writes `size` at offset 16, past the end. A buffer that ends at a guard page shows it. */
static struct config *caller_struct(void) {
  struct config *c = (struct config *)zoo_guarded(sizeof(struct config));
  c->id = 1;
  c->flags = 2;
  c->size = 3;
  return c;
}

static volatile uint64_t sink;

static void caller_struct_get(void *lib, const char *flavour) {
  (void)flavour;
  sink = ZOO_SYM(lib, config_get_size)(caller_struct());
}

static void caller_struct_set(void *lib, const char *flavour) {
  (void)flavour;
  ZOO_SYM(lib, config_set_size)(caller_struct(), 42);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"layout_fields", layout_fields},
    {"allocated_size", allocated_size},
    {"caller_struct_get", caller_struct_get},
    {"caller_struct_set", caller_struct_set},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
