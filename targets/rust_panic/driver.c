/* rust_panic: two panics that reach the C boundary (and abort) on magic arguments only. */
#include <stdio.h>

#include "driver_support.h"
#include "rust_panic.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  const uint32_t indexes[] = {0, 5, 15, 17, 1000, UINT32_MAX};
  for (size_t i = 0; i < sizeof indexes / sizeof indexes[0]; ++i)
    (void)ZOO_SYM(lib, lookup_get)(indexes[i]);
  if (ZOO_SYM(lib, lookup_get)(0) != 3 || ZOO_SYM(lib, lookup_get)(17) != -1)
    fprintf(stderr, "driver: lookup_get wrong\n");
  const uint32_t modes[] = {0, 7, 8, 0x0BADC0DF, UINT32_MAX};
  for (size_t i = 0; i < sizeof modes / sizeof modes[0]; ++i) (void)ZOO_SYM(lib, decode_mode)(modes[i]);
  if (ZOO_SYM(lib, decode_mode)(1) != 4) fprintf(stderr, "driver: decode_mode wrong\n");
}

static void lookup_panic(void *lib, const char *flavour) {
  (void)flavour;
  (void)ZOO_SYM(lib, lookup_get)(16);
}

static void mode_panic(void *lib, const char *flavour) {
  (void)flavour;
  (void)ZOO_SYM(lib, decode_mode)(0x0BADC0DEu);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"lookup_panic", lookup_panic},
    {"mode_panic", mode_panic},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
