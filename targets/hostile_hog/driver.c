/* Driver for hostile_hog: `clean` calls both functions a few times (a few MiB, all reachable:
 * LeakSanitizer stays silent); `grow` proves the growth: 200 hog_keep calls make the resident
 * set grow by at least 150 MiB. The hog does not crash: the driver prints what it measured
 * as a fact (ZOO-FACT) and returns. */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "driver_support.h"
#include "hostile_hog.h"

/* The resident set size in MiB, from /proc/self/statm (second field, in pages). */
static long resident_mib(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  ZOO_CHECK(f);
  long size = 0, resident = 0;
  int n = fscanf(f, "%ld %ld", &size, &resident);
  fclose(f);
  ZOO_CHECK(n == 2);
  return resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&hog_keep) keep = ZOO_SYM(lib, hog_keep);
  __typeof__(&hog_count) count = ZOO_SYM(lib, hog_count);
  ZOO_CHECK(count() == 0);
  ZOO_CHECK(keep(1) == 1 && keep(UINT32_MAX) == 2 && keep(0) == 3);
  ZOO_CHECK(count() == 3);
}

static void grow(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&hog_keep) keep = ZOO_SYM(lib, hog_keep);
  long before = resident_mib();
  for (uint32_t i = 0; i < 200; ++i) ZOO_CHECK(keep(i) == (int)i + 1);
  ZOO_CHECK(ZOO_SYM(lib, hog_count)() == 200);
  long grown = resident_mib() - before;
  ZOO_CHECK(grown >= 150);
  fprintf(stderr, "ZOO-FACT: resident set grew by %ld MiB over 200 hog_keep calls\n", grown);
  fprintf(stderr, "ZOO-HOG: kept 200 MiB reachable\n");
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"grow", grow},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
