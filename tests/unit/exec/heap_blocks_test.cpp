// exec/heap_blocks: blocks of an exact size, kept between programs; a block the library freed
// is freed again at the end of the program, so ASan still reports that double free.
#include <gtest/gtest.h>
#include <sanitizer/allocator_interface.h>

#include <cstdlib>

#include "exec/heap_blocks.h"

namespace ffifuzz::exec {
namespace {

TEST(HeapBlocks, ABlockIsExactlyTheSizeAskedAndComesBackForThatSizeOnly) {
  HeapBlocks blocks;
  uint8_t* a = blocks.take(16);
  uint8_t* b = blocks.take(24);
  EXPECT_EQ(__sanitizer_get_allocated_size(a), 16u);  // ASan's redzone starts right after it
  EXPECT_EQ(__sanitizer_get_allocated_size(b), 24u);
  blocks.give_back_all();
  EXPECT_EQ(blocks.take(24), b);
  EXPECT_EQ(blocks.take(16), a);
  uint8_t* c = blocks.take(17);
  EXPECT_NE(c, a);
  EXPECT_EQ(__sanitizer_get_allocated_size(c), 17u);
  uint8_t* empty = blocks.take(0);  // a zero-size request still gets a block of its own
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(__sanitizer_get_allocated_size(empty), 1u);
}

TEST(HeapBlocks, AKeptBlockHoldsNoPointerTheLibraryWroteIntoIt) {
  HeapBlocks blocks;
  void** out = reinterpret_cast<void**>(blocks.take(sizeof(void*)));
  static int object;
  *out = &object;  // an out-parameter the library filled
  blocks.give_back_all();
  void** again = reinterpret_cast<void**>(blocks.take(sizeof(void*)));
  ASSERT_EQ(again, out);
  EXPECT_EQ(*again, nullptr);  // LeakSanitizer must not see the object as referenced from here
}

TEST(HeapBlocks, ABlockTheLibraryFreedIsNotKeptAndItsDoubleFreeIsReported) {
  EXPECT_DEATH(
      {
        HeapBlocks blocks;
        uint8_t* p = blocks.take(32);
        std::free(p);  // what a library that frees a harness buffer does
        blocks.give_back_all();
      },
      "attempting double-free");
}

}  // namespace
}  // namespace ffifuzz::exec
