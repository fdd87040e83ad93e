/* Support for the zoo drivers: small C programs that prove each planted bug without
 * ffifuzz. A driver runs as:  driver <path/to/libX.so> <trigger> <flavour>
 * and looks its trigger up in a table. The test (tests/e2e/zoo_drivers_test.cpp) reads the
 * target's expect.toml and asserts the sanitizer report each trigger must produce.
 *
 * One trigger is built in and must not appear in a table: `load` only loads the library,
 * under a deadline armed before dlopen (ZOO_LOAD_SECONDS), so that a library whose ELF
 * constructor crashes shows the crash and one whose constructor never returns ends with
 * ZOO-TIMEOUT instead of hanging the driver. When dlopen returns it prints "ZOO-LOADED". */
#ifndef ZOO_DRIVER_SUPPORT_H
#define ZOO_DRIVER_SUPPORT_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

struct zoo_trigger {
  const char *name;
  /* lib: the dlopen handle; flavour: "plain", "cov" or "cov-asan". */
  void (*run)(void *lib, const char *flavour);
};

/* Resolves `name` in the library; exits 3 with a message when it is missing. */
void *zoo_sym(void *lib, const char *name);
/* Resolves `name`, returning NULL when the library does not export it. */
void *zoo_sym_optional(void *lib, const char *name);

/* A driver's own assertion about correct use: fails the driver (exit 1) with the condition. */
#define ZOO_CHECK(cond)                                                          \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "driver: check failed: %s (line %d)\n", #cond, __LINE__); \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

/* Typed lookup through the header's own declaration: ZOO_SYM(lib, rust_add). */
#define ZOO_SYM(lib, fn) ((__typeof__(&fn))zoo_sym((lib), #fn))

/* A buffer of n bytes that ends exactly at a page boundary followed by a PROT_NONE page:
 * reading or writing one byte past it faults at once, even in an uninstrumented library. */
unsigned char *zoo_guarded(size_t n);

/* Ends the process with "ZOO-TIMEOUT" and exit code 124 after `seconds`. */
void zoo_deadline(unsigned seconds);

/* The deadline of the built-in `load` trigger: how long dlopen may take. */
#define ZOO_LOAD_SECONDS 2

/* Parses argv, dlopens the library, runs the trigger; prints "ZOO-DONE <trigger>" and
 * returns 0 if the trigger returned. Unknown trigger or library: message, exit 2. The
 * trigger `load` (built in, see above) runs no function: dlopen under the deadline, then
 * "ZOO-LOADED" and "ZOO-DONE load". */
int zoo_main(int argc, char **argv, const struct zoo_trigger *triggers);

#endif
