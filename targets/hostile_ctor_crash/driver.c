/* Driver for hostile_ctor_crash. The library crashes inside dlopen, so only zoo_main's
 * built-in `load` trigger means anything here: it shows ASan's SEGV report from the
 * constructor. `clean` is what correct use would be; it cannot run (dlopen never returns). */
#include "driver_support.h"
#include "hostile_ctor_crash.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  ZOO_CHECK(ZOO_SYM(lib, ctor_crash_add)(2, 3) == 5);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
