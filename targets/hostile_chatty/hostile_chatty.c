/* hostile_chatty: debug logging left on in a release build, and a one-byte over-read behind
 * a 4-byte prefix. */
#include "hostile_chatty.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define LOG_LINES 2048 /* 2048 lines of 64 bytes: 128 KiB per call */
#define LINE_CHARS 63  /* characters before the newline */

static unsigned long calls;

int chatty_wait(uint32_t ms) {
  uint32_t wait = ms < 1500 ? ms : 1500;
  struct timespec t = {(time_t)(wait / 1000), (long)(wait % 1000) * 1000000L};
  nanosleep(&t, NULL);
  return (int)(ms & 0xff);
}

int chatty_log(uint32_t n) {
  ++calls;
  /* HOSTILE: a "debug trace" of every call, written to the caller's stdout. */
  for (int i = 0; i < LOG_LINES; ++i) {
    char line[LINE_CHARS + 2];
    int k = snprintf(line, sizeof line, "hostile_chatty: call %lu line %d n=%u ", calls, i, (unsigned)n);
    if (k < 0) k = 0;
    if (k > LINE_CHARS) k = LINE_CHARS;
    memset(line + k, '.', (size_t)(LINE_CHARS - k));
    line[LINE_CHARS] = '\n';
    fwrite(line, 1, LINE_CHARS + 1, stdout);
  }
  fflush(stdout);
  /* And a 100-byte line (99 characters and a newline) on stderr. */
  char err[100];
  int k = snprintf(err, sizeof err, "hostile_chatty: call %lu wrote %d lines to stdout ", calls, LOG_LINES);
  if (k < 0) k = 0;
  if (k > 99) k = 99;
  memset(err + k, '-', (size_t)(99 - k));
  err[99] = '\n';
  fwrite(err, 1, sizeof err, stderr);
  return (int)(n & 7u);
}

int chatty_parse(const uint8_t *buf, size_t len) {
  if (!buf) return 0;
  unsigned sum = 0;
  for (size_t i = 0; i < len; ++i) sum += buf[i];
  /* BUG: a "CHAT" record is checksummed with its trailer byte, which the caller never
   * passed. */
  if (len >= 8 && memcmp(buf, "CHAT", 4) == 0) sum += buf[len];
  return (int)(sum & 0x7fffffffu);
}
