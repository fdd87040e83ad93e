/* Driver for c_mixed: `clean` calls every function correctly, except that mix_shallow cannot
 * be called correctly at all (every call over-reads), so `clean` leaves it out; one trigger
 * per bug proves it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "c_mixed.h"
#include "driver_support.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&mix_deep_a) deep_a = ZOO_SYM(lib, mix_deep_a);
  ZOO_CHECK(deep_a(0, 0x1234) == 0x34 && deep_a(0xC0DEFEECu, 7) == 7 && deep_a(UINT32_MAX, 0) == 0);

  __typeof__(&mix_deep_b) deep_b = ZOO_SYM(lib, mix_deep_b);
  unsigned char *buf = malloc(6);
  ZOO_CHECK(buf);
  memcpy(buf, "DEEPB?", 6);
  ZOO_CHECK(deep_b(buf, 6) == 6);
  memcpy(buf, "DEEPB!", 6);
  ZOO_CHECK(deep_b(buf, 5) == 5 && deep_b(buf, 0) == 0); /* too short for the prefix */
  free(buf);

  __typeof__(&mix_add) add = ZOO_SYM(lib, mix_add);
  ZOO_CHECK(add(2, 3) == 5 && add(INT32_MAX, 1) == INT32_MIN);
}

static void shallow_overread(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = malloc(4);
  ZOO_CHECK(buf);
  memcpy(buf, "abcd", 4);
  sink = ZOO_SYM(lib, mix_shallow)(buf, 4);
  free(buf);
}

static void deep_uaf(void *lib, const char *flavour) {
  (void)flavour;
  sink = ZOO_SYM(lib, mix_deep_a)(0xC0DEFEEDu, 42);
}

static void deep_double_free(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = malloc(6);
  ZOO_CHECK(buf);
  memcpy(buf, "DEEPB!", 6);
  sink = ZOO_SYM(lib, mix_deep_b)(buf, 6);
  free(buf);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"shallow_overread", shallow_overread},
    {"deep_uaf", deep_uaf},
    {"deep_double_free", deep_double_free},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
