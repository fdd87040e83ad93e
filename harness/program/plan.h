// program/plan: how to call each function, derived once from the ApiModel and the contracts.
// Job: decide for every parameter what kind of value the harness may pass (an integer in a
// range, a C string, a buffer with its length, a live handle of a type, ...) and for every
// return value what it is (an owned handle and its releaser, a borrowed pointer, a scalar),
// and which functions cannot be called at all and why. Generation, mutation, the codec and
// execution all read the plan; none of them re-interprets the contracts.
// May depend on: model.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/contract.h"
#include "program/image.h"

namespace ffifuzz::program {

enum class SlotKind : uint8_t {
  Int,      // integer, bool or enum by value
  Float,    // float or double by value
  Record,   // struct by value
  CString,  // const char *: NUL-terminated
  Buffer,   // pointer to `len` units; the length travels in a Length slot
  Length,   // an integer that is the length of a Buffer slot: always derived, never fuzzed
  Handle,   // pointer to an object a previous call returned (library-owned layout)
  Object,   // pointer to one object the harness builds (a complete struct or a scalar)
  Out,      // pointer to storage the callee fills in
  Init,     // pointer to zeroed storage the callee initializes: a handle from then on (z_stream)
  OutHandle,  // T **: the callee stores a new object the caller owns there
  Callback,   // function pointer: the harness's do-nothing callback (returns zero)
  Fixed,      // the contract fixes the value (ZLIB_VERSION, sizeof(z_stream), NULL)
  File,       // FILE *: a real file in the scratch folder, opened for reading and writing,
              // holding the fuzzed bytes (what a reader reads; a writer writes after them)
  Strings,    // char **, const char *const *: an array of C strings, NULL after the last
              // (argv's convention); a partner Length slot, when it has one, counts them
};

const char* to_string(SlotKind kind);

// Slot::adopted_by of a handle the call's new object may keep (adopted_by = "return").
inline constexpr int kAdoptedByResult = -2;

struct Slot {
  SlotKind kind = SlotKind::Int;
  std::string name;                   // the parameter name, or "#N" (1-based) as contracts name it
  model::TypeId type = model::kNoType;  // the parameter's type
  // Int/Float/Record: the value's type. Buffer/Object/Out: the pointee. Handle: the pointee.
  model::TypeId value_type = model::kNoType;
  bool nullable = false;      // NULL may be passed
  int partner = -1;           // Buffer/Strings: its Length slot; Length: its Buffer/Strings slot
  uint64_t unit_size = 1;     // Buffer: bytes per length unit
  std::string handle_key;     // Handle: the kind of object (canonical pointee name)
  bool releases = false;      // Handle: this call releases the handle; Buffer/CString: it frees the memory
  bool retains = false;       // Handle: this call adds a reference (one more release owed)
  // Handle: passed by reference, the address of a pointer holding it (libcbor's
  // cbor_decref(cbor_item_t **item), which releases it and NULLs the caller's pointer).
  bool by_reference = false;
  int image = -1;             // Record/Object, Buffer of structs: index into ApiPlan::images
  std::optional<model::IntRange> range;  // Int: contract range. Length: the bound on its buffer's length
  std::optional<model::RealRange> real_range;  // Float: the contract's range
  bool path = false;  // CString: names a file; the harness passes a path in its scratch folder
  uint64_t min_bytes = 0;  // CString/Buffer: at least this many bytes are placed (the `size` contract)
  bool any_enum_value = false;           // Int (enum): out-of-range values allowed
  bool by_pointer = false;               // Length: passed as a pointer to it (in/out: uLongf *destLen)
  bool out_pointer = false;              // Out: storage for a pointer the callee stores (T **), owner not stated
  model::FixedValue fixed;               // Fixed: the value (an integer, or a string to pass)
  int adopted_by = -1;                   // Handle: the slot whose object takes this one in,
                                         // or kAdoptedByResult
  // Handle: only objects these functions made (the contract's made_by), by name and as plan
  // function indexes (those of the plan's functions; empty: any object of the kind).
  std::vector<std::string> made_by_names;
  std::vector<int> made_by;
  // A field the harness fills in before the call instead of a parameter (z_stream's next_in):
  // the slot of the object whose field it is, where the field sits and its width. Such slots
  // follow the parameters; they are not passed.
  int field_of = -1;
  uint64_t field_offset = 0;
  uint64_t field_size = 0;
  bool is_field() const { return field_of >= 0; }
};

enum class ReturnKind : uint8_t {
  Void,
  Value,        // a scalar or a struct by value: checked, then dropped
  OwnedHandle,  // the caller owns it: the ledger records it with its releaser
  CString,      // a borrowed or static C string: checked for its terminator, never freed
  Borrowed,     // a pointer the harness must not free
};

// Releasers that are not functions of the plan.
inline constexpr int kNoReleaser = -1;     // nothing to call (caller-allocated storage without one)
inline constexpr int kReleaseWithFree = -2;  // the C library's free()

struct FunctionPlan {
  uint32_t function = 0;  // index into ApiModel::functions
  std::string name;
  std::vector<Slot> params;  // one per parameter, then the field slots (Slot::is_field)
  size_t arity = 0;          // the number of parameters (params before the field slots)
  ReturnKind ret = ReturnKind::Void;
  // The kind of object a call produces for later calls: what an OwnedHandle return is, or
  // what its Init / OutHandle parameter receives (produced_by; -1: the return value).
  std::string produces;
  int produced_by = -1;
  // A Borrowed result's kind of object: the library's, later calls may take it (a result
  // whose owner nobody stated yet is borrowed until a contract, or learning, says otherwise).
  std::string returns_key;
  int releaser = kNoReleaser;  // what releases the produced object: index into ApiPlan::functions
  bool is_releaser = false;    // some Handle param has releases = true
  // Its name ends in unref or decref (exif_data_unref, cbor_decref): whatever object it is
  // given, it drops one reference, never every reference a retainer added.
  bool unrefs = false;
  // This function destroys a reference-counted object (json_delete): calling it drops one
  // reference, and the harness makes the call only when that was the last.
  bool drops_reference = false;
  uint64_t refcount_offset = 0;
  uint64_t refcount_size = 0;
  std::vector<std::string> requires_calls;  // call these first (once per program)
  // requires_calls resolved: plan functions that must have been called first, with the same
  // object when this function takes one (its first handle), else anywhere earlier.
  std::vector<int> requires_fns;
  bool once_per_object = false;  // at most once per object (its first handle)
  // A call that failed (returns.success) released what it releases or steals all the same;
  // false: nothing, the objects stay the caller's (released_on_failure = false).
  bool releases_on_failure = true;
  std::vector<std::string> excludes_calls;  // not on an object these were called with
  std::vector<int> excludes_fns;            // resolved (callable ones only)
  // The result that means success (returns.success): any other leaves the call's object
  // fit only for its releaser.
  bool returns_base = false;  // the returned type is a contract's base type (TypeContract::base)
  bool has_success = false;
  int64_t success = 0;
  // The result that means failure (returns.failure: zip_add's -1), when successes are many.
  bool has_failure = false;
  int64_t failure = 0;
};

struct SkippedFunction {
  std::string name;
  std::string reason;
};

// The longest buffer or string a program holds: the encoding's two-byte length.
inline constexpr size_t kMaxBytes = 65535;
// The most strings a Strings argument holds (each is a placement of its own).
inline constexpr size_t kMaxStrings = 64;
// How long generated buffers grow when the run sets no -max_len (libFuzzer's own default
// input size).
inline constexpr size_t kDefaultBufferBytes = 4096;

struct ApiPlan {
  std::vector<FunctionPlan> functions;  // the callable ones
  // Called once before any program (a library's global init), never in programs.
  std::vector<FunctionPlan> init_once;
  std::vector<SkippedFunction> skipped;
  // Handle keys that some function produces, with their producers (indexes into functions).
  std::vector<std::pair<std::string, std::vector<int>>> producers;
  // How to canonicalize the struct images of Record/Object slots, one per type.
  std::vector<ImageLayout> images;
  // How long generation and mutation let a buffer or string grow: the run's -max_len (an
  // input that long can hold it), at most kMaxBytes. Decoding, normalizing and replaying
  // never cut to it, so an input replays the same under any run's bound.
  size_t max_buffer_bytes = kDefaultBufferBytes;

  const FunctionPlan* find(const std::string& name) const;
  int index_of(const std::string& name) const;  // -1 when absent or skipped
  const std::vector<int>* producers_of(const std::string& handle_key) const;
};

// Builds the plan. `unavailable` names functions the harness cannot call for reasons outside
// the header and the contracts (not exported by the library, libffi cannot pass a type),
// each with its reason; they are skipped with it.
ApiPlan build_plan(const model::ApiModel& api, const model::Contracts& contracts,
                   const std::map<std::string, std::string>& unavailable = {});

// The functions a run focused on `focus` does not need: everything except the focus, the
// producers of the handles they take, the releasers of what they and those producers return
// (transitively), and the other functions that take those kinds of handle.
std::vector<std::string> functions_outside_focus(const ApiPlan& plan, const std::vector<std::string>& focus);

}  // namespace ffifuzz::program
