// exec/heap_blocks: the ASan-heap blocks that hold a program's buffers, strings and objects
// when the library is ASan-instrumented (ExecOptions::heap_buffers).
// Job: hand out blocks of an exact size and take them all back at the end of a program, keeping
// them for the next program instead of freeing them. Under ASan every malloc and free records a
// stack trace and every free goes through the quarantine: with a few buffers per call that was
// the largest cost of an execution after the library's own work (docs/ARCHITECTURE.md,
// "Speed"). A kept block is reused only for a request of its exact size, so ASan's redzone
// still starts right after the last byte and an overflow is reported as before.
// What reuse gives up: a library that keeps a pointer to a harness buffer past the end of the
// program reads the next program's bytes there instead of faulting at once.
// May depend on: the C library, the sanitizer interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ffifuzz::exec {

class HeapBlocks {
 public:
  HeapBlocks() = default;
  ~HeapBlocks();
  HeapBlocks(const HeapBlocks&) = delete;
  HeapBlocks& operator=(const HeapBlocks&) = delete;

  // A block of exactly `size` bytes (at least 1), live until give_back_all. Contents: zeros
  // when kept from an earlier program, ASan's malloc pattern when new.
  uint8_t* take(size_t size);
  // A block for a parameter the function releases (`releases` on a buffer: expat's
  // XML_MemRealloc(parser, ptr, size) reallocates ptr): the library frees it, so the end of the
  // program frees it only if it is still the harness's, unchanged in size (the call did not
  // take it). Never kept for later programs.
  uint8_t* take_given(size_t size);
  // The end of a program: every block handed out comes back. One the library freed (or
  // reallocated) is freed once more here, so ASan reports that double free as it always did.
  void give_back_all();

 private:
  struct Block {
    void* p;
    size_t size;
    bool given = false;  // take_given's
  };
  std::vector<Block> live_;  // handed out in this program
  std::vector<Block> kept_;  // for the next programs, newest last
  size_t kept_bytes_ = 0;
};

}  // namespace ffifuzz::exec
