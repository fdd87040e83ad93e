// driver/length_control: libFuzzer's length-control rule over ffifuzz's own progress signal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "driver/length_control.h"

namespace ffifuzz::driver {
namespace {

// At 1024 bytes (log2 = 10), 1000 executions without progress are allowed; the 1001st grows
// the bound by 10 bytes, and the count starts again.
TEST(LengthControl, GrowsByItsLogAfterAHundredTimesItsLogExecutionsWithoutProgress) {
  start_length_control(1024, 16384);
  EXPECT_EQ(length_bound(), 1024u);
  for (int i = 0; i < 1000; ++i) note_execution(false);
  EXPECT_EQ(length_bound(), 1024u);
  note_execution(false);
  EXPECT_EQ(length_bound(), 1034u);
  for (int i = 0; i < 1000; ++i) note_execution(false);
  EXPECT_EQ(length_bound(), 1034u);
  note_execution(false);
  EXPECT_EQ(length_bound(), 1044u);
}

// Progress restarts the count: a run that keeps finding things at this length stays at it.
TEST(LengthControl, ProgressHoldsTheBound) {
  start_length_control(1024, 16384);
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 900; ++i) note_execution(false);
    note_execution(true);
  }
  EXPECT_EQ(length_bound(), 1024u);
}

// The bound never passes the run's own (-max_len), and starts below it.
TEST(LengthControl, NeverPassesTheRunsBound) {
  start_length_control(1024, 100);
  EXPECT_EQ(length_bound(), 100u);
  start_length_control(60, 64);
  for (int i = 0; i < 100000; ++i) note_execution(false);
  EXPECT_EQ(length_bound(), 64u);
}

// Calls: 4 at first, one more after 1000 executions per call allowed without progress, never
// past the most a program may have; progress restarts the count.
TEST(LengthControl, CallsGrowByOneAfterAThousandExecutionsPerCallWithoutProgress) {
  start_call_control(4, 6);
  EXPECT_EQ(call_bound(), 4u);
  for (int i = 0; i < 4000; ++i) note_execution(false);
  EXPECT_EQ(call_bound(), 4u);
  note_execution(false);
  EXPECT_EQ(call_bound(), 5u);
  for (int i = 0; i < 4999; ++i) note_execution(false);
  note_execution(true);
  for (int i = 0; i < 4999; ++i) note_execution(false);
  EXPECT_EQ(call_bound(), 5u);
  for (int i = 0; i < 100000; ++i) note_execution(false);
  EXPECT_EQ(call_bound(), 6u);
}

// A restart of the same campaign goes on from the bounds its last pass had grown to: the
// worker keeps them in its stats folder and the supervisor carries them to the next pass's.
TEST(LengthControl, TheNextPassStartsFromTheLastPassesBounds) {
  const std::filesystem::path root = std::filesystem::temp_directory_path() / ("ffifuzz-length-" + std::to_string(getpid()));
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "pass-1");
  std::filesystem::create_directories(root / "pass-2");
  start_length_control(1024, 16384);
  start_call_control(4, 24);
  keep_length_control((root / "pass-1").string());
  for (int i = 0; i < 20000; ++i) note_execution(false);
  const size_t bytes = length_bound(), calls = call_bound();
  ASSERT_GT(bytes, 1024u);
  ASSERT_GT(calls, 4u);

  carry_length_control((root / "pass-1").string(), (root / "pass-2").string());
  start_length_control(1024, 16384);
  start_call_control(4, 24);
  EXPECT_EQ(call_bound(), 4u) << "a start alone starts over";
  keep_length_control((root / "pass-2").string());
  EXPECT_EQ(length_bound(), bytes);
  EXPECT_EQ(call_bound(), calls);

  // A pass with no folder to carry from starts over, and so does a smaller run's bound.
  start_length_control(1024, 2000);
  start_call_control(4, 5);
  carry_length_control((root / "pass-9").string(), (root / "pass-3").string());
  std::filesystem::create_directories(root / "pass-3");
  keep_length_control((root / "pass-3").string());
  EXPECT_EQ(length_bound(), 1024u);
  EXPECT_EQ(call_bound(), 4u);
  keep_length_control((root / "pass-2").string());
  EXPECT_EQ(length_bound(), std::min<size_t>(bytes, 2000));
  EXPECT_EQ(call_bound(), 5u);
  start_length_control(1024, 16384);  // detaches the file before it goes
  std::filesystem::remove_all(root);
}

// Progress is a counter in a hit-count class it never had: libFuzzer's features of a
// counter (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), over words and a tail alike.
TEST(LengthControl, ACounterInAClassItNeverHadIsProgress) {
  EXPECT_EQ(counter_class_bit(1), 1u << 0);
  EXPECT_EQ(counter_class_bit(3), 1u << 2);
  EXPECT_EQ(counter_class_bit(7), 1u << 3);
  EXPECT_EQ(counter_class_bit(8), 1u << 4);
  EXPECT_EQ(counter_class_bit(31), 1u << 5);
  EXPECT_EQ(counter_class_bit(127), 1u << 6);
  EXPECT_EQ(counter_class_bit(255), 1u << 7);
  uint8_t counters[19] = {};
  uint8_t classes[19] = {};
  EXPECT_FALSE(note_counter_classes(counters, classes, sizeof counters));
  counters[3] = 1;
  counters[18] = 5;  // past the last whole word
  EXPECT_TRUE(note_counter_classes(counters, classes, sizeof counters));
  EXPECT_FALSE(note_counter_classes(counters, classes, sizeof counters));
  counters[3] = 6;  // 4-7: a class counter 3 never had
  EXPECT_TRUE(note_counter_classes(counters, classes, sizeof counters));
  counters[3] = 4;
  EXPECT_FALSE(note_counter_classes(counters, classes, sizeof counters));
  counters[18] = 6;
  EXPECT_FALSE(note_counter_classes(counters, classes, sizeof counters));
  counters[18] = 200;
  EXPECT_TRUE(note_counter_classes(counters, classes, sizeof counters));
  EXPECT_EQ(classes[18], (1u << 3) | (1u << 7));
}

}  // namespace
}  // namespace ffifuzz::driver
