// program/lowering: what each call of a program means, decided once.
// Job: for every call of a program, in order, decide which live object each handle slot gets
// (the ledger), what the call releases, and whether the harness may make it at all (no live
// object for a slot that may not be NULL, one object released twice, an adoption that would
// close a cycle, the contract's requires / excludes / once, a call on an object a failed call
// left); then, told what the call gave (NULL results, failed calls), record what it made. The
// final releases come from the same ledger. The executor runs these decisions through libffi,
// emit-c prints them as C (fed what a traced replay said the calls gave), and the text form
// names handles by them: one ledger, one set of rules (docs/ARCHITECTURE.md, "One lowering").
// May depend on: model, program (plan, ledger).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "program/ledger.h"
#include "program/plan.h"
#include "program/program.h"

namespace ffifuzz::program {

// The index a final release has where a program call has its place in the program.
inline constexpr size_t kFinalRelease = SIZE_MAX;

// Why a call is not made.
enum class Skip : uint8_t {
  None,
  SetAside,        // its function is set aside for the run
  NoLiveHandle,    // a handle slot that may not be NULL has no live object of its kind
  ReleasesTwice,   // it would release one object twice
  Cycle,           // it would make an object its own descendant
  Requires,        // the contract's requires: another function first
  Excludes,        // the contract's excludes: not after another function
  AfterFailure,    // a call on the same object failed (returns.success)
  OncePerObject,   // the contract's once
  NoStorage,       // the executor had no memory left to place an argument (only it knows)
};

struct LoweredCall {
  uint32_t fn = 0;
  size_t index = 0;           // the program call's index; kFinalRelease for a final release
  std::vector<int> entries;   // per slot: the ledger entry a Handle slot passes, or -1
  std::vector<int> released;  // ledger entries this call releases
  int object = -1;            // the entry of its first handle: what the order rules judge
  int release_slot = -1;      // a final release: the slot that gets the object released
  int free_entry = -1;        // a final release by the C library's free(): the entry (fn unused)
  Skip skip = Skip::None;
  int skip_fn = -1;           // Requires / Excludes: the plan function the rule names
  size_t skip_slot = 0;       // NoLiveHandle: the slot
  bool made() const { return skip == Skip::None; }
};

// What a made call gave. Where a pointer is not known (emit-c, the text form), kSomeObject
// stands for "an object came back".
struct CallOutcome {
  void* result = nullptr;    // the pointer result (an OwnedHandle is an object when not NULL)
  void* produced = nullptr;  // what an Init / OutHandle parameter received (produced_by)
  bool failed = false;       // returns.success says it failed: it made nothing
};

inline void* const kSomeObject = reinterpret_cast<void*>(uintptr_t{1});

class Lowering {
 public:
  explicit Lowering(const ApiPlan& plan);

  // Starts a program: no objects, no history.
  void reset();
  // Decides program call `index` (or, for an init_once function, `init` with no ledger).
  void lower(const Call& call, size_t index, LoweredCall& out) const;
  void lower_init(const FunctionPlan& f, const Call& call, LoweredCall& out) const;
  // Records what a made call did (for a final release by free(): that the object is gone).
  void record(const LoweredCall& call, const CallOutcome& outcome);
  // The next final release, newest live object first (objects made by the releases themselves
  // are not released); false when none is left. A release that is not made says why in
  // `out.skip`; `release_call()` holds its arguments (plainest values, the released slot NULL).
  bool next_release(LoweredCall& out);
  const Call& release_call() const { return release_call_; }

  void set_aside(uint32_t fn) { set_aside_.at(fn) = 1; }
  const Ledger& ledger() const { return ledger_; }
  // The interned kind a Handle slot takes, or -1.
  int slot_kind(uint32_t fn, size_t slot) const { return slot_kind_[fn][slot]; }

 private:
  void lower_slots(const FunctionPlan& f, int plan_fn, const Call& call, LoweredCall& out) const;
  void judge_order(const FunctionPlan& f, uint32_t plan_fn, LoweredCall& out) const;
  bool makes_cycle(const FunctionPlan& f, const LoweredCall& out) const;

  const ApiPlan& plan_;
  Ledger ledger_;
  std::vector<int> handle_kind_;             // per plan function: interned key of what it produces
  std::vector<std::vector<int>> slot_kind_;  // per plan function, per slot: interned key or -1
  std::vector<uint8_t> set_aside_;           // per plan function
  // This program's made calls: (first object's entry or -1, plan function); kFailed marks a
  // failed call on the object.
  std::vector<std::pair<int, uint32_t>> history_;
  static constexpr uint32_t kFailed = UINT32_MAX;
  int failed_objects_ = 0;
  size_t release_cursor_ = SIZE_MAX;  // next_release: entries below it are still to be visited
  Call release_call_;
};

// The argument values every reader computes the same way: a Length slot's value (its
// buffer's size in the buffer's units; 0 for a NULL buffer), and how many bytes a Buffer,
// CString or Object slot places (its bytes, then zeros up to the contract's `size`; an Object
// at least its type's size).
uint64_t length_value(const FunctionPlan& f, const Call& call, size_t slot);
size_t placed_bytes(const Slot& s, const Arg& a, uint64_t type_size);

// One line for a call not made ("requires foo first"): the trace's and emit-c's words.
std::string skip_reason(const ApiPlan& plan, const LoweredCall& call);

}  // namespace ffifuzz::program
