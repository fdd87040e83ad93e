/* Driver for hostile_signals: `clean` uses every function correctly (and checks that loading
 * the library did replace the SIGSEGV handler); `null_deref` proves the planted NULL
 * dereference in sig_lookup.
 *
 * The library's constructor installs crash-hiding handlers during dlopen, over the handlers
 * the sanitizer runtime installed at startup. A proof of the bug must show the crash, not the
 * hiding, so main() saves the process's handlers before zoo_main dlopens the library and
 * `null_deref` puts them back before the call: ASan's SEGV report then appears in every
 * flavour. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "driver_support.h"
#include "hostile_signals.h"

static const int kHidden[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NHIDDEN (sizeof kHidden / sizeof kHidden[0])
static struct sigaction before_load[NHIDDEN];

static void save_handlers(void) {
  for (size_t i = 0; i < NHIDDEN; ++i) ZOO_CHECK(sigaction(kHidden[i], NULL, &before_load[i]) == 0);
}

static void restore_handlers(void) {
  for (size_t i = 0; i < NHIDDEN; ++i) ZOO_CHECK(sigaction(kHidden[i], &before_load[i], NULL) == 0);
}

static void *current_segv_handler(void) {
  struct sigaction now;
  ZOO_CHECK(sigaction(SIGSEGV, NULL, &now) == 0);
  return (void *)now.sa_handler;
}

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  /* The constructor ran: SIGSEGV no longer goes where it went before dlopen. */
  ZOO_CHECK(current_segv_handler() != (void *)before_load[0].sa_handler);
  __typeof__(&sig_lookup) lookup = ZOO_SYM(lib, sig_lookup);
  ZOO_CHECK(lookup("key", 0) == 3 && lookup("", 0) == 0 && lookup(NULL, 0) == 0);
  ZOO_CHECK(lookup("key", 0xF1A65EECu) == 3 && lookup(NULL, UINT32_MAX) == 0);
  restore_handlers();
  ZOO_CHECK(ZOO_SYM(lib, sig_reinstall)() == 0);
  ZOO_CHECK(current_segv_handler() != (void *)before_load[0].sa_handler);
  __typeof__(&sig_add) add = ZOO_SYM(lib, sig_add);
  ZOO_CHECK(add(2, 3) == 5 && add(INT32_MAX, 1) == INT32_MIN);
}

static void null_deref(void *lib, const char *flavour) {
  (void)flavour;
  restore_handlers();
  int r = ZOO_SYM(lib, sig_lookup)("key", 0xF1A65EEDu);
  fprintf(stderr, "driver: sig_lookup returned %d\n", r);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"null_deref", null_deref},
    {NULL, NULL},
};

int main(int argc, char **argv) {
  save_handlers(); /* before zoo_main's dlopen runs the library's constructor */
  return zoo_main(argc, argv, triggers);
}
