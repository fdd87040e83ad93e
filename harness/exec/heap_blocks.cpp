#include "exec/heap_blocks.h"

#include <cstdlib>
#include <cstring>

extern "C" {
int __sanitizer_get_ownership(const volatile void* p) __attribute__((weak));
size_t __sanitizer_get_allocated_size(const volatile void* p) __attribute__((weak));
}

namespace ffifuzz::exec {
namespace {

// Bounds on what is kept between programs: enough for the buffers of a long program, small
// beside the library's own memory. Larger blocks are rare and cost their page faults anyway.
constexpr size_t kMaxKeptBlocks = 256;
constexpr size_t kMaxKeptBytes = size_t{4} << 20;
constexpr size_t kMaxKeptBlockSize = size_t{64} << 10;

// Still the block the harness allocated: not freed (or reallocated) by the library. Without
// the sanitizer interface nothing can be asked, and nothing is kept (see give_back_all).
bool still_ours(void* p, size_t size) {
  return __sanitizer_get_ownership && __sanitizer_get_ownership(p) && __sanitizer_get_allocated_size(p) == size;
}

}  // namespace

HeapBlocks::~HeapBlocks() {
  give_back_all();
  for (const Block& b : kept_) std::free(b.p);
}

uint8_t* HeapBlocks::take(size_t size) {
  if (size == 0) size = 1;
  // Newest first: a program's buffers come back in the order it took them, and the next
  // program mostly asks for the same sizes again.
  for (size_t i = kept_.size(); i-- > 0;) {
    if (kept_[i].size != size) continue;
    Block b = kept_[i];
    kept_[i] = kept_.back();
    kept_.pop_back();
    kept_bytes_ -= b.size;
    live_.push_back(b);
    return static_cast<uint8_t*>(b.p);
  }
  void* p = std::malloc(size);
  live_.push_back({p, size});
  return static_cast<uint8_t*>(p);
}

uint8_t* HeapBlocks::take_given(size_t size) {
  if (size == 0) size = 1;
  void* p = std::malloc(size);
  live_.push_back({p, size, true});
  return static_cast<uint8_t*>(p);
}

void HeapBlocks::give_back_all() {
  for (const Block& b : live_) {
    if (b.given) {
      // Freed or reallocated by the library: not the harness's to free (that would be the
      // double free the `releases` rule is there to prevent). Without the sanitizer interface
      // nothing can be asked: a leak is the lesser harm.
      if (still_ours(b.p, b.size)) std::free(b.p);
      continue;
    }
    const bool keep = b.size <= kMaxKeptBlockSize && kept_.size() < kMaxKeptBlocks &&
                      kept_bytes_ + b.size <= kMaxKeptBytes && still_ours(b.p, b.size);
    if (!keep) {
      std::free(b.p);  // the library's free of it before this one is ASan's double-free report
      continue;
    }
    // Scrubbed: a pointer the library wrote into it (an out-parameter's object) would make
    // LeakSanitizer see that object as referenced if it leaks later.
    std::memset(b.p, 0, b.size);
    kept_.push_back(b);
    kept_bytes_ += b.size;
  }
  live_.clear();
}

}  // namespace ffifuzz::exec
