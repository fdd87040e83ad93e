/* rust_double_free: two double frees behind conditions, and correct use that frees once. */
#include <stdio.h>

#include "driver_support.h"
#include "rust_double_free.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  const uint8_t bytes[100] = {1, 2, 3};
  for (uint32_t flags = 0; flags < 3; ++flags) {
    Session *s = ZOO_SYM(lib, session_new)(flags);
    size_t n = ZOO_SYM(lib, session_write)(s, bytes, 10);
    n += ZOO_SYM(lib, session_write)(s, bytes, sizeof bytes); /* capped at 64 in all */
    if (n != 64 || ZOO_SYM(lib, session_len)(s) != 64) fprintf(stderr, "driver: session wrong\n");
    ZOO_SYM(lib, session_write)(s, NULL, 5);
    ZOO_SYM(lib, session_destroy)(s);
  }
  ZOO_SYM(lib, session_destroy)(NULL);
  /* The sequence of the refcount bug, with an ordinary value: frees exactly once. */
  Shared *a = ZOO_SYM(lib, shared_new)(42);
  Shared *b = ZOO_SYM(lib, shared_clone)(a);
  Shared *c = ZOO_SYM(lib, shared_clone)(b);
  if (ZOO_SYM(lib, shared_value)(c) != 42) fprintf(stderr, "driver: shared_value wrong\n");
  ZOO_SYM(lib, shared_free)(a);
  ZOO_SYM(lib, shared_free)(b);
  ZOO_SYM(lib, shared_free)(c);
  /* A frozen value used without clones is fine. */
  ZOO_SYM(lib, shared_free)(ZOO_SYM(lib, shared_new)(0x46524F5A));
  ZOO_SYM(lib, shared_free)(NULL);
  (void)ZOO_SYM(lib, shared_clone)(NULL);
}

static void session_double_free(void *lib, const char *flavour) {
  (void)flavour;
  ZOO_SYM(lib, session_destroy)(ZOO_SYM(lib, session_new)(0x5E5510FFu));
}

static void refcount_double_free(void *lib, const char *flavour) {
  (void)flavour;
  Shared *a = ZOO_SYM(lib, shared_new)(0x46524F5A);
  Shared *b = ZOO_SYM(lib, shared_clone)(a);
  ZOO_SYM(lib, shared_free)(a);
  ZOO_SYM(lib, shared_free)(b);
}

/* The same bug seen by ASan one step earlier: after the first free the object is gone while
 * the clone's reference is still held, so using that reference reads freed memory. */
static void refcount_use_after_free(void *lib, const char *flavour) {
  (void)flavour;
  Shared *a = ZOO_SYM(lib, shared_new)(0x46524F5A);
  Shared *b = ZOO_SYM(lib, shared_clone)(a);
  ZOO_SYM(lib, shared_free)(a);
  (void)ZOO_SYM(lib, shared_clone)(b);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"session_double_free", session_double_free},
    {"refcount_double_free", refcount_double_free},
    {"refcount_use_after_free", refcount_use_after_free},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
