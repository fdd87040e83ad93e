/* hostile_hog: a library that only grows. Every hog_keep call keeps another MiB for good: the
 * blocks stay reachable from a global list (so LeakSanitizer sees no leak), are never freed,
 * and are written in full (so they are resident, not just reserved). A long run of calls
 * exhausts the memory of the process that makes them. */
#ifndef HOSTILE_HOG_H
#define HOSTILE_HOG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Keeps a new 1 MiB block holding tag (malloc, filled with memset, linked into a global
 * list that is never freed). Hostile: memory grows by 1 MiB per call with no way to give it
 * back. Returns the number of blocks kept so far (saturated at INT_MAX), or -1 when malloc
 * fails. */
int hog_keep(uint32_t tag);

/* The number of blocks hog_keep has kept (saturated at INT_MAX). */
int hog_count(void);

#ifdef __cplusplus
}
#endif

#endif
