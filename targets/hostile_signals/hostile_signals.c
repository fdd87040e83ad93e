/* hostile_signals: crash-hiding signal handlers, installed when the library is loaded and
 * again on request, and one planted NULL dereference for them to hide. */
#define _GNU_SOURCE
#include "hostile_signals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#define LOOKUP_FAST 0xF1A65EEDu /* a "fast path" flag whose path reads through NULL */

static const int kHidden[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* Runs in signal context: only async-signal-safe calls (write, _exit), the number is
 * formatted by hand. */
static void quiet_exit(int sig) {
  char msg[64] = "hostile_signals: caught signal ";
  size_t n = strlen(msg);
  char digits[12];
  int d = 0;
  unsigned u = (unsigned)sig;
  do {
    digits[d++] = (char)('0' + u % 10);
    u /= 10;
  } while (u && d < (int)sizeof digits);
  while (d) msg[n++] = digits[--d];
  static const char tail[] = ", exiting quietly\n";
  memcpy(msg + n, tail, sizeof tail - 1);
  n += sizeof tail - 1;
  ssize_t ignored = write(2, msg, n);
  (void)ignored;
  _exit(0); /* HOSTILE: the crash becomes a successful exit */
}

static void install(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = quiet_exit;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

/* HOSTILE: runs during dlopen, before the caller has called anything. */
__attribute__((constructor)) static void hide_crashes(void) {
  for (size_t i = 0; i < sizeof kHidden / sizeof kHidden[0]; ++i) install(kHidden[i]);
}

/* volatile: the compiler must load it at run time, so it can neither fold the dereference
 * below into a trap nor drop it. It is never assigned: always NULL. */
static volatile int *volatile null_slot;

int sig_lookup(const char *key, uint32_t flags) {
  /* BUG: the fast path reads a table that was never set up (a NULL pointer). */
  if (flags == LOOKUP_FAST) return *null_slot;
  if (!key) return 0;
  return (int)strlen(key);
}

int sig_reinstall(void) {
  /* HOSTILE: replaces whatever handlers the process has now, during an ordinary call. */
  signal(SIGSEGV, quiet_exit);
  for (size_t i = 1; i < sizeof kHidden / sizeof kHidden[0]; ++i) install(kHidden[i]);
  return 0;
}

int sig_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
