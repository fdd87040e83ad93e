/* hostile_fork: a library that leaves a process behind. Its first call in a process forks a
 * helper that sleeps for 300 seconds with the caller's stdin, stdout and stderr still open
 * (no setsid, no closing of inherited descriptors): whoever waits for the end of the
 * caller's output waits for the helper too. Plus a planted one-byte heap over-read. */
#ifndef HOSTILE_FORK_H
#define HOSTILE_FORK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Starts the background helper. Hostile: the first call in a process forks a child that
 * keeps the inherited stdio open, sleeps 300 s and then _exit(0)s; the caller is never told
 * its pid. Returns 0 when it started the helper now, 1 when this process already started
 * one, -1 when fork failed. `seconds` is ignored (reserved for a helper lifetime). */
int fork_helper_start(uint32_t seconds);

/* The sum of the len bytes at buf, or 0 when buf is NULL. Bug: when len >= 4
 * and buf starts with "FORK", it also adds buf[len], one byte past the end (a heap
 * over-read under ASan). */
int fork_checksum(const uint8_t *_Nullable buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
