/* Driver for hostile_ctor_loop. The library's constructor never returns, so dlopen hangs and
 * only zoo_main's built-in `load` trigger means anything here: its deadline, armed before
 * dlopen, ends the driver with ZOO-TIMEOUT. `clean` is what correct use would be; it cannot
 * run (dlopen never returns). */
#include "driver_support.h"
#include "hostile_ctor_loop.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  ZOO_CHECK(ZOO_SYM(lib, ctor_loop_add)(2, 3) == 5);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
