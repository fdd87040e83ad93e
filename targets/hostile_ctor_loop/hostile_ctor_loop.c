/* hostile_ctor_loop: a constructor that never returns. */
#include "hostile_ctor_loop.h"

/* volatile: every iteration is a real load and store, so the compiler keeps the loop as it
 * is written (no folding into a single instruction, no removal). */
static volatile unsigned long spins;

/* HOSTILE: runs inside dlopen; waits for a "ready" flag nobody will ever set. */
__attribute__((constructor)) static void wait_until_ready(void) {
  for (;;) spins = spins + 1;
}

int ctor_loop_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
