// campaign/budget: how long a campaign may take, and the grace past it.
// Job: one place for the bounds the docs promise. A `fuzz` run given a time budget ends within
// the budget plus kGraceSeconds whatever the library does (the watchdog stops each worker at the
// budget's end and kills it kGraceSeconds later; what remains is writing reports). Inside
// `ci`, the budget is the whole run's: the fuzz phase ends early enough to leave the later
// phases their share, and the grace is kCiGraceSeconds.
// May depend on: worker_process (Clock).
#pragma once

#include <chrono>
#include <optional>

#include "campaign/worker_process.h"

namespace ffifuzz::campaign {

inline constexpr int kGraceSeconds = 30;
// `ci`'s grace (docs/ci.md, "The budget"): classifying, learning, minimizing and the regress
// replays stop at the budget's end; the merge and the coverage pass, which keep the corpus
// whole and measure it, may run past it until kCiOverrunSeconds, and a worker stopped there
// is killed kKillGraceSeconds later; then the reports are written. 10 s covers that with room
// for a loaded machine.
inline constexpr int kCiGraceSeconds = 10;
inline constexpr int kCiOverrunSeconds = kCiGraceSeconds - kKillGraceSeconds - 2;

class Budget {
 public:
  // `seconds` < 0: unbounded.
  explicit Budget(long seconds) : start_(Clock::now()), seconds_(seconds) {}
  bool bounded() const { return seconds_ >= 0; }
  long seconds() const { return seconds_; }
  // The moment the budget ends; nullopt when unbounded.
  std::optional<Clock::time_point> end() const {
    if (!bounded()) return std::nullopt;
    return start_ + std::chrono::seconds(seconds_);
  }
  // The moment by which everything must be over: the end plus the grace.
  std::optional<Clock::time_point> hard_end() const {
    if (!bounded()) return std::nullopt;
    return *end() + std::chrono::seconds(kGraceSeconds);
  }
  // Whole seconds left before the end (0 when past it); -1 when unbounded.
  long left() const {
    if (!bounded()) return -1;
    auto left = std::chrono::duration_cast<std::chrono::seconds>(*end() - Clock::now()).count();
    return left > 0 ? left : 0;
  }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  Clock::time_point start_;
  long seconds_;
};

}  // namespace ffifuzz::campaign
