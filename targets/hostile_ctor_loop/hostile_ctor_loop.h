/* hostile_ctor_loop: a library that never finishes loading. Its ELF constructor, which runs
 * inside dlopen before dlopen returns, spins forever on a volatile counter (a busy loop: no
 * sleep, no system call): dlopen never returns and the loading thread burns a CPU. Nothing
 * below can ever be called. */
#ifndef HOSTILE_CTOR_LOOP_H
#define HOSTILE_CTOR_LOOP_H

#ifdef __cplusplus
extern "C" {
#endif

/* a + b, wrapping on overflow. Well-behaved, but unreachable: loading never finishes. */
int ctor_loop_add(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
