/* hostile_ctor_crash: a constructor that crashes the loading process. */
#include "hostile_ctor_crash.h"

#include <stddef.h>

/* volatile: loaded at run time, so the compiler can neither fold the write below into a trap
 * nor drop it. Never assigned: always NULL. */
static volatile int *volatile null_slot;

/* HOSTILE: runs inside dlopen; an initialisation that writes into a table that was never
 * allocated. */
__attribute__((constructor)) static void init_tables(void) { *null_slot = 1; }

int ctor_crash_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
