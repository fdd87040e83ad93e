/* hostile_exit: a library that ends the whole process during a call, with exit status 0,
 * as if its caller had finished successfully. Each ending hides behind a magic value; every
 * other input returns normally. */
#ifndef HOSTILE_EXIT_H
#define HOSTILE_EXIT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the low byte of code. Hostile: code == 0x0E817000 calls exit(0) (atexit handlers
 * and stdio flushing run, the caller never gets control back). */
int exit_quit(uint32_t code);

/* Returns the high byte of code. Hostile: code == 0x5EE0FF00 calls _exit(0) (no atexit
 * handlers, no stdio flushing: the process just vanishes). */
int exit_vanish(uint32_t code);

/* a + b, wrapping on overflow. Well-behaved. */
int exit_add(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
