/* sample: a tiny growable byte buffer, the library the CMake-module test fuzzes. */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <stddef.h>

typedef struct sample_buf sample_buf;

/** A new, empty buffer; release it with sample_buf_free. NULL when out of memory. */
sample_buf *sample_buf_new(void);

/** Appends len bytes of data; returns 0, or -1 when buf or data is NULL or memory runs out. */
int sample_buf_append(sample_buf *buf, const char *data, size_t len);

/** The number of bytes appended so far (0 for NULL). */
size_t sample_buf_len(const sample_buf *buf);

/** Releases the buffer; NULL is ignored. */
void sample_buf_free(sample_buf *buf);

/** Adds two integers, wrapping on overflow. */
int sample_add(int a, int b);

#endif
