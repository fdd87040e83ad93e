/* Driver for hostile_intern (a clean target): `clean` keeps texts, checks their copies and the
 * count, and the NULL path. The table is never freed: that is the library's design. */
#include <string.h>

#include "driver_support.h"
#include "hostile_intern.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&intern_keep) keep = ZOO_SYM(lib, intern_keep);
  __typeof__(&intern_count) count = ZOO_SYM(lib, intern_count);

  const size_t before = count();
  const char *a = keep("alpha");
  ZOO_CHECK(a != NULL && strcmp(a, "alpha") == 0);
  char long_text[100];
  memset(long_text, 'x', sizeof long_text - 1);
  long_text[sizeof long_text - 1] = '\0';
  const char *b = keep(long_text);
  ZOO_CHECK(b != NULL && strlen(b) == 64); /* cut at 64 bytes */
  ZOO_CHECK(keep(NULL) == NULL);
  ZOO_CHECK(count() == before + 2);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
