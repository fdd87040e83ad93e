/* hostile_intern: a correct string table that only grows. intern_keep copies every text it is
 * given into a table the library keeps for good (reachable from a global: no leak, and small
 * enough to stay far under any memory limit for millions of calls). Hostile to leak checking:
 * every input that calls intern_keep makes more allocations than frees, so libFuzzer, which
 * checks such inputs for leaks, gives up checking after 1,000 of them. */
#ifndef HOSTILE_INTERN_H
#define HOSTILE_INTERN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Keeps a copy of text (at most 64 bytes of it) and returns it; the copy is the table's,
 * never to be freed by the caller. NULL when text is NULL or memory runs out. */
const char *intern_keep(const char *text);

/* How many texts the table keeps. */
size_t intern_count(void);

#ifdef __cplusplus
}
#endif

#endif
