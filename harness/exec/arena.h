// exec/arena: the guarded arena — where everything the harness hands the library lives.
// Job: give out memory that ends exactly at a page boundary followed by a PROT_NONE page, so
// that an over-read or over-write by even an uninstrumented library faults at once. Slots
// are mapped once and reused across executions (no mmap per execution); each is filled
// with a pattern when handed out, so that reading memory the harness never wrote shows a
// telling value. The slots themselves are exec/guarded_slots.h, C that every repro.c carries.
// May depend on: nothing but the C library.
#pragma once

#include <cstddef>
#include <cstdint>

#include "exec/guarded_slots.h"

namespace ffifuzz::exec {

class GuardedArena {
 public:
  // `slots` pieces of up to `slot_bytes` bytes each.
  GuardedArena(size_t slots, size_t slot_bytes);
  ~GuardedArena();
  GuardedArena(const GuardedArena&) = delete;
  GuardedArena& operator=(const GuardedArena&) = delete;

  // Memory for `size` bytes that ends at a guard page, or nullptr when the arena is used up
  // for this execution or size is too large. Contents: the pattern.
  uint8_t* take(size_t size);
  // Frees every slot for the next execution (take patterns a slot again).
  void reset();

  size_t slot_bytes() const { return slots_.slot_bytes; }
  // The whole mapping, guard pages included: a fault inside it is a guard-page hit.
  const uint8_t* begin() const { return slots_.base; }
  const uint8_t* end() const { return slots_.base + slots_.mapped; }
  static constexpr uint8_t kPattern = FFZ_SLOT_PATTERN;

 private:
  ffz_slots slots_{};  // the one C source repro.c carries too (exec/guarded_slots.h)
};

}  // namespace ffifuzz::exec
