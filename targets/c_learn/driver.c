/* Driver for c_learn: `clean` uses the table as its implementation wants (released with
 * lt_table_retire, sealed before lookups, rendered text given back with lt_text_drop); one
 * trigger proves the planted over-read behind the seal. */
#include <stdlib.h>
#include <string.h>

#include "c_learn.h"
#include "driver_support.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  lt_table *t = ZOO_SYM(lib, lt_table_make)(2);
  ZOO_CHECK(t);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_put)(t, "a", 1) == 1);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_put)(t, "b", 2) == 1);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_put)(t, "c", 3) == 0); /* full */
  char *text = ZOO_SYM(lib, lt_table_render)(t);
  ZOO_CHECK(text && strcmp(text, "a=1\nb=2\n") == 0);
  ZOO_SYM(lib, lt_text_drop)(text);
  ZOO_SYM(lib, lt_table_seal)(t);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_get)(t, "b") == 2 && ZOO_SYM(lib, lt_table_get)(t, "z") == -1);
  ZOO_SYM(lib, lt_table_clear)(t);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_get)(t, "ovf") == -1); /* not full */
  ZOO_SYM(lib, lt_table_retire)(t);
}

static void sealed_overread(void *lib, const char *flavour) {
  (void)flavour;
  lt_table *t = ZOO_SYM(lib, lt_table_make)(1);
  ZOO_CHECK(t);
  ZOO_CHECK(ZOO_SYM(lib, lt_table_put)(t, "k", 1) == 1);
  ZOO_SYM(lib, lt_table_seal)(t);
  sink = ZOO_SYM(lib, lt_table_get)(t, "ovf");
  ZOO_SYM(lib, lt_table_retire)(t);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"sealed_overread", sealed_overread},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
