#include "exec/arena.h"

#include <stdexcept>

namespace ffifuzz::exec {

GuardedArena::GuardedArena(size_t slots, size_t slot_bytes) {
  if (ffz_slots_map(&slots_, slots, slot_bytes) != 0) {
    ffz_slots_unmap(&slots_);
    throw std::runtime_error("guarded arena: mmap or mprotect failed");
  }
}

GuardedArena::~GuardedArena() { ffz_slots_unmap(&slots_); }

uint8_t* GuardedArena::take(size_t size) { return ffz_slots_take(&slots_, size); }

void GuardedArena::reset() { ffz_slots_reset(&slots_); }

}  // namespace ffifuzz::exec
