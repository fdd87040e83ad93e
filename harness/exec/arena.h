// exec/arena: the guarded arena — where everything the harness hands the library lives.
// Job: give out memory that ends exactly at a page boundary followed by a PROT_NONE page, so
// that an over-read or over-write by even an uninstrumented library faults at once. Slots
// are mapped once and reused across executions (no mmap per execution); each is filled
// with a pattern when handed out, so that reading memory the harness never wrote shows a
// telling value.
// May depend on: nothing but the C library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

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

  size_t slot_bytes() const { return slot_bytes_; }
  // The whole mapping, guard pages included: a fault inside it is a guard-page hit.
  const uint8_t* begin() const { return base_; }
  const uint8_t* end() const { return base_ + mapped_; }
  static constexpr uint8_t kPattern = 0xA5;

 private:
  std::vector<uint8_t*> slot_ends_;  // per slot: the first byte of its guard page
  size_t next_ = 0;
  size_t slot_bytes_;
  uint8_t* base_ = nullptr;
  size_t mapped_ = 0;
};

}  // namespace ffifuzz::exec
