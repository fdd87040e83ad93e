/* hostile_fork: a helper process left running behind the caller's back, and a one-byte
 * over-read behind a 4-byte prefix. */
#define _GNU_SOURCE
#include "hostile_fork.h"

#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define HELPER_SECONDS 300u

/* The process that started a helper. A pid, not a flag: a forked child of the caller is
 * another process and starts its own helper on its first call. */
static pid_t helper_owner;

int fork_helper_start(uint32_t seconds) {
  (void)seconds;
  if (helper_owner == getpid()) return 1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    /* HOSTILE: the helper keeps every inherited descriptor (the caller's stdout and stderr
     * pipes included) and outlives the call by 300 s. sleep() returns early when a signal
     * handler runs; the loop makes it really wait. */
    unsigned left = HELPER_SECONDS;
    while (left > 0) left = sleep(left);
    _exit(0);
  }
  helper_owner = getpid();
  return 0;
}

int fork_checksum(const uint8_t *buf, size_t len) {
  if (!buf) return 0;
  unsigned sum = 0;
  for (size_t i = 0; i < len; ++i) sum += buf[i];
  /* BUG: the "FORK" record format counts a trailer byte that the caller never passed. */
  if (len >= 4 && memcmp(buf, "FORK", 4) == 0) sum += buf[len];
  return (int)(sum & 0x7fffffffu);
}
