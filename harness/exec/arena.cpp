#include "exec/arena.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace ffifuzz::exec {

GuardedArena::GuardedArena(size_t slots, size_t slot_bytes) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  slot_bytes_ = (slot_bytes + page - 1) / page * page;
  size_t stride = slot_bytes_ + page;  // data pages, then one guard page
  mapped_ = stride * slots;
  void* m = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error("guarded arena: mmap failed");
  base_ = static_cast<uint8_t*>(m);
  // Patterned when handed out (take), not here: a slot is as long as the longest buffer a
  // program may hold, and most of it is never touched; untouched pages cost no memory.
  for (size_t i = 0; i < slots; ++i) {
    uint8_t* guard = base_ + i * stride + slot_bytes_;
    if (mprotect(guard, page, PROT_NONE) != 0) throw std::runtime_error("guarded arena: mprotect failed");
    slot_ends_.push_back(guard);
  }
}

GuardedArena::~GuardedArena() {
  if (base_) munmap(base_, mapped_);
}

uint8_t* GuardedArena::take(size_t size) {
  if (next_ >= slot_ends_.size() || size > slot_bytes_) return nullptr;
  uint8_t* end = slot_ends_[next_++];
  // The library may read or write anywhere in what it is given, and before it: what is
  // handed out and one page in front carry the pattern (a whole-slot pattern would cost more
  // than the execution itself; an under-read by more than that is still caught by ASan in
  // instrumented builds).
  size_t span = std::min(slot_bytes_, size + 4096);
  std::memset(end - span, kPattern, span);
  return end - size;
}

void GuardedArena::reset() {
  next_ = 0;
}

}  // namespace ffifuzz::exec
