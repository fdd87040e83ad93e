// driver/length_control: libFuzzer's length-control rule over ffifuzz's own progress signal.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace ffifuzz::driver
