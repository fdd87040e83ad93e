// exec/ffi_frames: libffi call frames, one prepared ffi_cif per function, reused.
// Job: translate model types into libffi types (structs by value flattened to their scalar
// members, which classifies the same under the SysV x86-64 ABI) and prepare each function's
// call interface once. No libffi type leaves this folder's .cpp files.
// May depend on: model, libffi.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::exec {

class FfiFrames {
 public:
  // Prepares a frame for every function of the model (indexes are ApiModel::functions').
  explicit FfiFrames(const model::ApiModel& api);
  ~FfiFrames();
  FfiFrames(const FfiFrames&) = delete;
  FfiFrames& operator=(const FfiFrames&) = delete;

  // Why libffi cannot call function `fn` (e.g. a packed struct by value), or nullopt.
  const std::optional<std::string>& unsupported(size_t fn) const;
  // Calls function `fn` at `address` with `args` (one pointer to each argument's value);
  // the return value is written to `ret` (at least return_size(fn) bytes, 8-aligned).
  void call(size_t fn, void* address, void** args, void* ret) const;
  size_t return_size(size_t fn) const;
  // A do-nothing function of the function type `fn_type` (a Function type of the model) that
  // returns zero: what the harness passes for callbacks. Made once per type and kept.
  void* callback(model::TypeId fn_type) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ffifuzz::exec
