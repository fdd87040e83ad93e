/* exec/guarded_slots: the guard-page memory everything the harness hands the library lives in,
   as one C source.
   Job: slots that each end exactly at a PROT_NONE page, so that an over-read or over-write by
   even an uninstrumented library faults at once. The mapping is made once and its slots reused
   from one program to the next; a slot is patterned (0xA5) when handed out, the part handed out
   and one page before it, so that memory the harness never wrote reads as a telling value. C
   that compiles as C and as C++: exec/arena wraps it for the harness, and every repro.c that
   emit-c writes carries its text, so a reproducer places bytes exactly where the harness did
   (docs/ARCHITECTURE.md, "One lowering").
   May depend on: the C library. */
#ifndef FFIFUZZ_EXEC_GUARDED_SLOTS_H
#define FFIFUZZ_EXEC_GUARDED_SLOTS_H

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FFZ_SLOT_PATTERN 0xA5

struct ffz_slots {
  unsigned char *base; /* the mapping, guard pages included */
  size_t mapped;       /* its length */
  size_t page;
  size_t slot_bytes;   /* usable bytes of a slot: a whole number of pages */
  size_t count;        /* slots */
  size_t next;         /* the next slot to hand out */
};

/* Maps `count` slots of at least `slot_bytes` bytes, each followed by a guard page. 0 on
   success, -1 when the mapping or a guard cannot be made. */
__attribute__((unused)) static int ffz_slots_map(struct ffz_slots *s, size_t count, size_t slot_bytes) {
  s->page = (size_t)sysconf(_SC_PAGESIZE);
  s->slot_bytes = (slot_bytes + s->page - 1) / s->page * s->page;
  s->count = count;
  s->next = 0;
  s->mapped = (s->slot_bytes + s->page) * count;
  void *m = mmap(NULL, s->mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    s->base = NULL;
    return -1;
  }
  s->base = (unsigned char *)m;
  /* Patterned when handed out, not here: a slot is as long as the longest buffer a program
     may hold, most of it is never touched, and untouched pages cost no memory. */
  for (size_t i = 0; i < count; ++i)
    if (mprotect(s->base + i * (s->slot_bytes + s->page) + s->slot_bytes, s->page, PROT_NONE) != 0) return -1;
  return 0;
}

/* `size` bytes that end where a guard page begins, or NULL when every slot is in use for this
   program or `size` is too large. What is handed out, and one page in front of it, carries the
   pattern: the library may read or write anywhere in what it is given, and just before it (an
   under-read further than that is still caught by ASan in instrumented builds). */
__attribute__((unused)) static unsigned char *ffz_slots_take(struct ffz_slots *s, size_t size) {
  if (s->next >= s->count || size > s->slot_bytes) return NULL;
  unsigned char *end = s->base + s->next * (s->slot_bytes + s->page) + s->slot_bytes;
  ++s->next;
  size_t span = size + 4096 < s->slot_bytes ? size + 4096 : s->slot_bytes;
  memset(end - span, FFZ_SLOT_PATTERN, span);
  return end - size;
}

/* Every slot free again, for the next program. */
__attribute__((unused)) static void ffz_slots_reset(struct ffz_slots *s) { s->next = 0; }

__attribute__((unused)) static void ffz_slots_unmap(struct ffz_slots *s) {
  if (s->base) munmap(s->base, s->mapped);
  s->base = NULL;
}

#endif /* FFIFUZZ_EXEC_GUARDED_SLOTS_H */
