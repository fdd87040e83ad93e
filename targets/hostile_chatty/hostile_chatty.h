/* hostile_chatty: a library that floods its caller's output. Every chatty_log call writes
 * 128 KiB to stdout and a line to stderr; a caller that keeps its children's output, or a
 * pipe nobody drains, fills up fast. Plus a planted one-byte heap over-read. */
#ifndef HOSTILE_CHATTY_H
#define HOSTILE_CHATTY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns n & 7. Hostile: every call writes 131072 bytes to stdout (2048 lines of 63
 * characters and a newline, flushed) and one 100-byte line to stderr. */
int chatty_log(uint32_t n);

/* Returns ms & 0xff after sleeping min(ms, 1500) milliseconds: an input that is slow without
 * being a hang (libFuzzer saves such inputs as slow units; they are no finding). */
int chatty_wait(uint32_t ms);

/* The sum of the len bytes at buf, or 0 when buf is NULL. Bug: when len >= 8 and buf starts
 * with "CHAT", it also reads buf[len], one byte past the end (a heap over-read under ASan). */
int chatty_parse(const uint8_t *_Nullable buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
