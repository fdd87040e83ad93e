/* seed: clean. The `clean` trigger uses every function the way the header documents. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "driver_support.h"
#include "seed.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  if (ZOO_SYM(lib, rust_add)(2, 3) != 5) fprintf(stderr, "driver: rust_add(2,3) wrong\n");
  (void)ZOO_SYM(lib, rust_add)(INT32_MAX, 1); /* wraps by contract */
  Point a = {0.0, 0.0}, b = {3.0, 4.0};
  double d = ZOO_SYM(lib, point_distance)(&a, &b);
  if (fabs(d - 5.0) > 1e-9) fprintf(stderr, "driver: point_distance wrong: %f\n", d);
  if (!isnan(ZOO_SYM(lib, point_distance)(NULL, &b))) fprintf(stderr, "driver: NULL not NaN\n");
  for (int i = 0; i < 4; ++i) {
    char *g = ZOO_SYM(lib, get_greeting)();
    if (!g || strcmp(g, "Hello from Rust!") != 0) fprintf(stderr, "driver: greeting wrong\n");
    ZOO_SYM(lib, free_greeting)(g);
  }
  ZOO_SYM(lib, free_greeting)(NULL);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
