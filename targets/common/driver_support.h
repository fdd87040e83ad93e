/* Support for the zoo drivers: small C programs that prove each planted bug without
 * ffifuzz. A driver runs as:  driver <path/to/libX.so> <trigger> <flavour>
 * and looks its trigger up in a table. The test (tests/e2e/zoo_drivers_test.cpp) reads the
 * target's expect.toml and asserts the sanitizer report each trigger must produce. */
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

/* Parses argv, dlopens the library, runs the trigger; prints "ZOO-DONE <trigger>" and
 * returns 0 if the trigger returned. Unknown trigger or library: message, exit 2. */
int zoo_main(int argc, char **argv, const struct zoo_trigger *triggers);

#endif
