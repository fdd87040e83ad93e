/* hostile_ctor_crash: a library that cannot be loaded. Its ELF constructor, which runs inside
 * dlopen before dlopen returns, writes through a NULL pointer: every process that loads it
 * crashes with SIGSEGV during the load. Nothing below can ever be called. */
#ifndef HOSTILE_CTOR_CRASH_H
#define HOSTILE_CTOR_CRASH_H

#ifdef __cplusplus
extern "C" {
#endif

/* a + b, wrapping on overflow. Well-behaved, but unreachable: loading the library crashes. */
int ctor_crash_add(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
