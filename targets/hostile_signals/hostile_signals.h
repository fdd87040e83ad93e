/* hostile_signals: a library that hides crashes. Its ELF constructor (it runs inside dlopen,
 * before any call) installs with sigaction a handler for SIGSEGV, SIGBUS, SIGFPE, SIGILL and
 * SIGABRT that writes "hostile_signals: caught signal N, exiting quietly" to fd 2 and calls
 * _exit(0): a crash anywhere in the process, in the library or in its caller, then looks like
 * a clean exit with status 0. */
#ifndef HOSTILE_SIGNALS_H
#define HOSTILE_SIGNALS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The length of key (strlen), or 0 when key is NULL. Bug: flags == 0xF1A65EED reads through
 * a NULL pointer (whatever key is); the constructor's handler turns that crash into a quiet
 * _exit(0) unless someone restored the signal handlers. */
int sig_lookup(const char *_Nullable key, uint32_t flags);

/* Installs the crash-hiding handler again (signal() for SIGSEGV, sigaction for SIGBUS,
 * SIGFPE, SIGILL and SIGABRT) and returns 0. Hostile: a library that replaces the process's
 * signal handlers during an ordinary call. */
int sig_reinstall(void);

/* a + b, wrapping on overflow. Well-behaved. */
int sig_add(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
