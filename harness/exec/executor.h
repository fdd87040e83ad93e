// exec/executor: runs one program against the loaded library.
// Job: turn each call's arguments into memory the library may use (guarded arena or, for
// ASan-instrumented libraries, the ASan heap), call through libffi, check what came back
// (layout of returned structs, terminators of returned strings), keep the ownership ledger,
// and release every live object at the end of the program in reverse order.
// May depend on: model, program, exec.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "exec/arena.h"
#include "exec/ffi_frames.h"
#include "exec/heap_blocks.h"
#include "exec/working_folder.h"
#include "program/lowering.h"
#include "program/program.h"

namespace ffifuzz::exec {

struct ExecOptions {
  // Put buffers, strings and objects in the ASan heap (exact size) instead of the guarded
  // arena: for ASan-instrumented libraries, so that an overflow is a precise ASan report.
  bool heap_buffers = false;
  // Print each call to stderr before making it: replay uses it to name the function a
  // crash came through.
  bool trace = false;
  // Where path and FILE * parameters point: a folder per process is made in it, emptied after
  // each program that used it. Empty: the system's temporary folder.
  std::string scratch_dir;
  // The process works in that folder from its first program on (exec/working_folder.h), so
  // that files the library names itself are emptied with it. Only where every path the
  // process uses is absolute: a campaign's worker, not an exported target (libFuzzer's
  // default artifact prefix is the working folder).
  bool work_in_scratch = false;
};

// Called after every call: which plan function ran and the class of its result
// (0 void, 1 zero/NULL, 2 negative, 3 small positive, 4 large/non-NULL). The fuzz loop
// turns it into an API-level coverage signal when the library has no instrumentation.
using CallHook = void (*)(uint32_t fn, uint32_t result_class);
// Called right before the library function of a program's call runs, with the call's index
// in the program, and right after it returns, with SIZE_MAX. The final releases are marked with
// the program's length (one step after its last call); init_once calls are not marked.
// Comparison hints file what the library compared under the call that compared it.
using CallBoundaryHook = void (*)(size_t call_index);

class Executor {
 public:
  // `addresses[i]` is the address of plan function i in the loaded library.
  // `init_addresses[i]` that of plan.init_once[i]: those are called once, here.
  Executor(const model::ApiModel& api, const program::ApiPlan& plan, const FfiFrames& frames,
           std::vector<void*> addresses, ExecOptions options, std::vector<void*> init_addresses = {});

  void run(const program::Program& program);
  void set_call_hook(CallHook hook) { hook_ = hook; }
  void set_call_boundary_hook(CallBoundaryHook hook) { boundary_ = hook; }
  // For the rest of the run: a program's calls of this plan function are skipped (its bug is
  // known and fires too often to find others; the final releases still call it). A function
  // set aside produces nothing, so calls that need its objects are skipped too.
  void set_aside(uint32_t plan_fn) { lowering_.set_aside(plan_fn); }
  // For the rest of the run: the harness's checks of what this function returns are off
  // (a layout mismatch that fires on every call, already reported).
  void set_unchecked(uint32_t plan_fn) { unchecked_.at(plan_fn) = 1; }

  // For diagnostics: the function being called right now (nullptr between calls).
  const char* current_function() const { return current_; }
  const GuardedArena& arena() const { return arena_; }

 private:
  // Per-call argument storage, reused across calls and programs (members, not locals: an
  // allocation per execution costs a recorded stack under ASan). Scrubbed after each call.
  struct Prepared {
    std::vector<uint64_t> scalars;  // Int/Float values and pointer arguments
    std::vector<void*> argv;        // what libffi reads: a pointer to each argument's value
    void scrub();
  };
  // Puts a lowered call's arguments into memory; false when the arena is used up.
  bool prepare_call(const program::FunctionPlan& f, const program::Call& call, const program::LoweredCall& lowered,
                    Prepared& out);
  bool prepare_slot(const program::FunctionPlan& f, size_t i, const program::Arg& a, const program::LoweredCall& lowered,
                    Prepared& out);
  void fill_fields(const program::FunctionPlan& f, Prepared& out);
  // A reference-counted object's destroy function: drops the reference; true when that was
  // the last one and the function must really be called.
  bool last_reference(const program::FunctionPlan& f, const Prepared& out) const;
  // Makes the call, checks what it returned, and tells the lowering what it made.
  void invoke(const program::LoweredCall& lowered, Prepared& prepared);
  void run_init_once(const std::vector<void*>& addresses);
  void check_return(const program::FunctionPlan& f, void* result);
  void release_all();
  uint8_t* place(const std::vector<uint8_t>& bytes, size_t size, bool zero_terminate, bool given = false) {
    return place(bytes.data(), bytes.size(), size, zero_terminate, given);
  }
  // `given`: the memory of a parameter the function releases (a `releases` rule on a buffer,
  // string or object): on the heap whatever the mode, since the library frees it
  // (HeapBlocks::take_given).
  uint8_t* place(const uint8_t* data, size_t have, size_t size, bool zero_terminate, bool given = false);
  // The path a path slot's bytes name, in this process's scratch folder (made on first use).
  const std::vector<uint8_t>& scratch_path(const std::vector<uint8_t>& name);
  // This process's scratch folder, made on first use.
  const std::string& scratch_folder();
  // A FILE * open for reading and writing on a scratch file holding `content`, at its start;
  // closed at the end of the program. nullptr when it cannot be made.
  FILE* scratch_file(const std::vector<uint8_t>& content);
  // After a program: closes its files and empties the scratch folder, if it used them.
  void clear_scratch();
  // When work_in_scratch: before the first program, the scratch folder becomes the process's
  // working folder.
  void enter_working_folder();
  // Makes `image` (the value of a Record/Object slot) ready to pass: canonical for its type
  // (programs arrive canonical; the plainest-value calls of release_all do not), with every
  // pointer field pointing at zeroed memory (a NULL the contract may forbid would be ours).
  // False when the arena has no room left for the memory its pointer fields point at.
  bool prepare_image(const program::Slot& slot, uint8_t* image, size_t given_bytes);

  const model::ApiModel& api_;
  const program::ApiPlan& plan_;
  const FfiFrames& frames_;
  std::vector<void*> addresses_;
  ExecOptions options_;
  GuardedArena arena_;
  // Which object each handle gets, which calls are made, what is released at the end: the
  // decisions emit-c and the text form share (program/lowering.h).
  program::Lowering lowering_;
  program::LoweredCall lowered_;
  HeapBlocks heap_blocks_;  // heap_buffers mode (and the arena's overflow): given back after each program
  std::vector<std::vector<uint8_t>> scratch_;  // by-value struct images, reused
  Prepared prepared_;
  const program::Call* out_args_ = nullptr;  // the call being prepared (Length slots read their buffer's)
  CallHook hook_ = nullptr;
  CallBoundaryHook boundary_ = nullptr;
  bool releasing_ = false;  // in release_all: memory comes from the heap when the arena is used up
  size_t releases_index_ = 0;  // the boundary mark of the final releases: the program's length
  const char* current_ = nullptr;
  std::string scratch_dir_;          // this process's scratch folder ("" until first used)
  WorkingFolder working_folder_;     // when work_in_scratch: the scratch folder, watched
  bool working_folder_tried_ = false;
  bool scratch_used_ = false;        // this program put something there
  struct ScratchFile {
    FILE* f;
    int fd;  // its descriptor, and the file it is open on: was it closed by the library?
    dev_t dev;
    ino_t ino;
  };
  std::vector<ScratchFile> files_;   // this program's FILE * arguments
  std::vector<uint8_t> path_bytes_;  // scratch_path's result, reused
  std::vector<uint8_t> unchecked_;  // per plan function
};

}  // namespace ffifuzz::exec
