#include "exec/executor.h"

#include <sanitizer/allocator_interface.h>
#include <sanitizer/common_interface_defs.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <unistd.h>
#include <map>

#include "exec/call_checks.h"
#include "exec/post_call.h"
#include "exec/process_guard.h"
#include "program/call_trace.h"
#include "program/values.h"

namespace ffifuzz::exec {

using program::ReturnKind;
using program::SlotKind;

namespace {

constexpr size_t kArenaSlots = 96;

}  // namespace

void Executor::Prepared::scrub() {
  std::fill(scalars.begin(), scalars.end(), 0);
  std::fill(argv.begin(), argv.end(), nullptr);
}

Executor::Executor(const model::ApiModel& api, const program::ApiPlan& plan, const FfiFrames& frames,
                   std::vector<void*> addresses, ExecOptions options, std::vector<void*> init_addresses)
    : api_(api), plan_(plan), frames_(frames), addresses_(std::move(addresses)), options_(options),
      arena_(kArenaSlots, program::kMaxBytes + 1), lowering_(plan) {
  size_t max_params = 0;
  for (const program::FunctionPlan& f : plan.functions) max_params = std::max(max_params, f.params.size());
  for (const program::FunctionPlan& f : plan.init_once) max_params = std::max(max_params, f.params.size());
  scratch_.resize(max_params);
  unchecked_.assign(plan.functions.size(), 0);
  run_init_once(init_addresses);
}

// The library's one-time init (ares_library_init): its parameters are fixed or plain zeros.
void Executor::run_init_once(const std::vector<void*>& addresses) {
  for (size_t i = 0; i < plan_.init_once.size() && i < addresses.size(); ++i) {
    const program::FunctionPlan& f = plan_.init_once[i];
    program::Call call;
    call.args.assign(f.params.size(), program::Arg{});
    lowering_.lower_init(f, call, lowered_);
    if (!lowered_.made() || !prepare_call(f, call, lowered_, prepared_)) continue;
    if (options_.trace) std::fprintf(stderr, "ffifuzz: init %s\n", f.name.c_str());
    alignas(16) uint8_t ret[256];
    if (frames_.return_size(f.function) <= sizeof ret) {
      set_library_call(f.name.c_str());
      frames_.call(f.function, addresses[i], prepared_.argv.data(), ret);
      set_library_call(nullptr);
    }
    prepared_.scrub();
  }
  heap_blocks_.give_back_all();
  arena_.reset();
}

const std::string& Executor::scratch_folder() {
  if (scratch_dir_.empty()) {
    std::error_code ec;
    std::filesystem::path base = options_.scratch_dir.empty() ? std::filesystem::temp_directory_path(ec)
                                                              : std::filesystem::path(options_.scratch_dir);
    scratch_dir_ = (base / ("ffifuzz-scratch-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(scratch_dir_, ec);
  }
  return scratch_dir_;
}

void Executor::enter_working_folder() {
  // Once per process; a folder it cannot enter leaves the working folder as it was (and the
  // attempt is not repeated on every program).
  if (!options_.work_in_scratch || working_folder_tried_) return;
  working_folder_tried_ = true;
  working_folder_.enter(scratch_folder());
}

const std::vector<uint8_t>& Executor::scratch_path(const std::vector<uint8_t>& name) {
  scratch_used_ = true;
  std::string path = scratch_folder() + "/" + program::path_name(name);
  path_bytes_.assign(path.begin(), path.end());
  return path_bytes_;
}

FILE* Executor::scratch_file(const std::vector<uint8_t>& content) {
  std::string name = "file-" + std::to_string(files_.size());
  const std::vector<uint8_t>& path = scratch_path(std::vector<uint8_t>(name.begin(), name.end()));
  std::string p(path.begin(), path.end());
  FILE* f = std::fopen(p.c_str(), "w+");
  if (!f) return nullptr;
  if (!content.empty()) std::fwrite(content.data(), 1, content.size(), f);
  std::rewind(f);
  struct stat st {};
  const int fd = fileno(f);
  fstat(fd, &st);
  files_.push_back({f, fd, st.st_dev, st.st_ino});
  return f;
}

void Executor::clear_scratch() {
  // A FILE * the library closed itself (libbz2's BZ2_bzclose closes the FILE BZ2_bzWriteOpen
  // was given) is gone: closing it again would be the harness's double free. Still open: its
  // descriptor is open on the same file (a descriptor number the library reused for another
  // file is not it).
  for (const ScratchFile& file : files_) {
    struct stat st {};
    if (fcntl(file.fd, F_GETFD) != -1 && fstat(file.fd, &st) == 0 && st.st_dev == file.dev && st.st_ino == file.ino)
      std::fclose(file.f);
  }
  files_.clear();
  if (!scratch_used_ && !working_folder_.changed()) return;
  scratch_used_ = false;
  std::error_code ec;
  for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(scratch_dir_, ec))
    std::filesystem::remove_all(e.path(), ec);
  working_folder_.remember();
}

uint8_t* Executor::place(const uint8_t* data, size_t have, size_t size, bool zero_terminate, bool given) {
  size_t total = size + (zero_terminate ? 1 : 0);
  uint8_t* p;
  if (given) {
    p = heap_blocks_.take_given(total);
  } else if (options_.heap_buffers) {
    p = heap_blocks_.take(total);
  } else {
    p = arena_.take(total);
    if (!p && !releasing_) return nullptr;
    if (!p) {  // a release must not fail because the program used the arena up: it would leak
      p = heap_blocks_.take(total);
    }
  }
  if (have) std::memcpy(p, data, std::min(have, size));
  if (have < size) std::memset(p + have, 0, size - have);
  if (zero_terminate) p[size] = 0;
  return p;
}

bool Executor::prepare_image(const program::Slot& slot, uint8_t* image, size_t given_bytes) {
  if (slot.image < 0) return true;
  const program::ImageLayout& layout = plan_.images[static_cast<size_t>(slot.image)];
  if (given_bytes != layout.keep.size()) program::canonicalize_image(api_, layout, image);
  static const std::vector<uint8_t> none;
  for (uint64_t at : layout.pointers) {
    void* target = place(none, 64, false);
    if (!target) return false;  // never a NULL the library would take for the harness's value
    std::memcpy(image + at, &target, sizeof target);
  }
  for (uint64_t at : layout.callbacks) {
    // The field's own function type: its pointee.
    void* stub = nullptr;
    for (const model::Field& f : api_.type(layout.type).fields)
      if (f.offset_bits / 8 == at && f.bit_width == 0 && api_.type(f.type).kind == model::TypeKind::Pointer)
        stub = frames_.callback(api_.type(f.type).pointee);
    if (!stub) continue;
    std::memcpy(image + at, &stub, sizeof stub);
  }
  return true;
}

bool Executor::prepare_slot(const program::FunctionPlan& f, size_t i, const program::Arg& a,
                            const program::LoweredCall& lowered, Prepared& out) {
  const program::Slot& s = f.params[i];
  uint64_t& value = out.scalars[i];
  static const std::vector<uint8_t> zeros;
  switch (s.kind) {
    case SlotKind::Int:
    case SlotKind::Float:
      value = a.bits;  // little-endian: the low bytes are the narrower type's value
      return true;
    case SlotKind::Length: {
      value = program::length_value(f, *out_args_, i);
      if (s.by_pointer) {  // in/out: the capacity goes in, the used length comes back
        uint64_t n = value;
        uint8_t* cell = place(zeros, api_.type(s.value_type).size, false);
        if (!cell) return false;
        std::memcpy(cell, &n, std::min<size_t>(api_.type(s.value_type).size, 8));
        value = reinterpret_cast<uint64_t>(cell);
      }
      return true;
    }
    case SlotKind::Record: {
      std::vector<uint8_t>& image = scratch_[i];
      image.assign(a.bytes.begin(), a.bytes.end());
      image.resize(api_.type(s.value_type).size, 0);
      if (!prepare_image(s, image.data(), a.bytes.size())) return false;
      out.argv[i] = image.data();
      return true;
    }
    case SlotKind::CString:
    case SlotKind::Buffer: {
      if (a.is_null) return true;
      // A path points into the scratch folder, never anywhere of the user's.
      const std::vector<uint8_t>& bytes = s.path ? scratch_path(a.bytes) : a.bytes;
      // A path's bytes are the scratch folder's path to it; any other buffer's, the argument's.
      const size_t size = s.path ? std::max<size_t>(bytes.size(), s.min_bytes) : program::placed_bytes(s, a, 0);
      uint8_t* p = place(bytes, size, s.kind == SlotKind::CString, s.releases);
      if (!p) return false;
      // An array of structs: every whole element canonicalized, its pointers given memory.
      if (s.kind == SlotKind::Buffer && s.image >= 0)
        for (size_t at = 0; at + s.unit_size <= a.bytes.size(); at += s.unit_size)
          if (!prepare_image(s, p + at, 0)) return false;
      value = reinterpret_cast<uint64_t>(p);
      return true;
    }
    case SlotKind::Strings: {
      // Each string a placement of its own (an over-read of one is caught at its end), then
      // the array of their pointers with a NULL after the last.
      if (a.is_null) return true;
      std::vector<uint8_t>& pointers = scratch_[i];
      pointers.clear();
      bool placed = true;
      program::for_each_string(a.bytes, [&](size_t at, size_t n) {
        uint8_t* p = placed ? place(a.bytes.data() + at, n, n, true) : nullptr;
        placed = p != nullptr;
        pointers.insert(pointers.end(), reinterpret_cast<uint8_t*>(&p), reinterpret_cast<uint8_t*>(&p) + sizeof p);
      });
      if (!placed) return false;
      pointers.resize(pointers.size() + sizeof(void*), 0);
      uint8_t* array = place(pointers, pointers.size(), false);
      if (!array) return false;
      value = reinterpret_cast<uint64_t>(array);
      return true;
    }
    case SlotKind::File: {
      FILE* f = scratch_file(a.bytes);
      if (!f) return false;
      value = reinterpret_cast<uint64_t>(f);
      return true;
    }
    case SlotKind::Object:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle: {
      if (a.is_null) return true;
      size_t size = s.kind == SlotKind::OutHandle ? sizeof(void*) : api_.type(s.value_type).size;
      // The `size` contract on one object: an array the library reads further (libidn2's
      // zero-terminated const uint32_t *input): the object, then zeros up to the size.
      if (s.kind == SlotKind::Object) size = program::placed_bytes(s, a, size);
      uint8_t* p = place(s.kind == SlotKind::Object ? a.bytes : zeros, size, false, s.releases);
      if (!p) return false;
      if (s.kind == SlotKind::Object && !prepare_image(s, p, a.bytes.size())) return false;
      value = reinterpret_cast<uint64_t>(p);
      return true;
    }
    case SlotKind::Callback:
      if (!a.is_null) value = reinterpret_cast<uint64_t>(frames_.callback(s.value_type));
      return true;
    case SlotKind::Fixed: {
      if (!s.fixed.is_string) {
        value = static_cast<uint64_t>(s.fixed.integer);
        return true;
      }
      std::vector<uint8_t>& text = scratch_[i];
      text.assign(s.fixed.text.begin(), s.fixed.text.end());
      uint8_t* p = place(text, text.size(), true);
      if (!p) return false;
      value = reinterpret_cast<uint64_t>(p);
      return true;
    }
    case SlotKind::Handle: {
      // The lowering picked the object (or none: NULL, or a call that is not made).
      int entry = lowered.entries[i];
      if (entry >= 0) value = reinterpret_cast<uint64_t>(lowering_.ledger().at(entry).ptr);
      if (entry >= 0 && s.by_reference) {  // the address of a pointer holding it
        const auto* bytes = reinterpret_cast<const uint8_t*>(&value);
        uint8_t* p = place(bytes, sizeof value, sizeof value, false);
        if (!p) return false;
        value = reinterpret_cast<uint64_t>(p);
      }
      return true;
    }
  }
  return true;
}

// Field slots: written into the object of their handle argument, which is passed as is.
void Executor::fill_fields(const program::FunctionPlan& f, Prepared& out) {
  for (size_t i = f.arity; i < f.params.size(); ++i) {
    const program::Slot& s = f.params[i];
    auto* object = reinterpret_cast<uint8_t*>(out.scalars[static_cast<size_t>(s.field_of)]);
    if (!object) continue;
    uint64_t v = out.scalars[i];
    std::memcpy(object + s.field_offset, &v, std::min<uint64_t>(s.field_size, 8));
  }
}

bool Executor::prepare_call(const program::FunctionPlan& f, const program::Call& call,
                            const program::LoweredCall& lowered, Prepared& out) {
  size_t n = f.params.size();
  out.scalars.assign(n, 0);
  out.argv.assign(n, nullptr);
  out_args_ = &call;
  for (size_t i = 0; i < n; ++i) {
    out.argv[i] = &out.scalars[i];
    if (!prepare_slot(f, i, call.args[i], lowered, out)) return false;
  }
  fill_fields(f, out);
  return true;
}

bool Executor::last_reference(const program::FunctionPlan& f, const Prepared& out) const {
  for (size_t i = 0; i < f.arity; ++i)
    if (f.params[i].releases)
      return ffz_last_reference(reinterpret_cast<void*>(out.scalars[i]), f.refcount_offset, f.refcount_size);
  return true;
}

void Executor::invoke(const program::LoweredCall& lowered, Prepared& prepared) {
  const program::FunctionPlan& f = plan_.functions[lowered.fn];
  const size_t call_index = lowered.index;
  const bool final_release = call_index == program::kFinalRelease;
  if (options_.trace) {
    std::string line = final_release ? program::trace_release_line(f.name) : program::trace_call_line(call_index, f.name);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }
  alignas(16) uint8_t ret[256];
  size_t ret_size = frames_.return_size(f.function);
  std::vector<uint8_t> big_ret;
  void* ret_ptr = ret;
  if (ret_size > sizeof ret) {
    big_ret.resize(ret_size);
    ret_ptr = big_ret.data();
  }
  std::memset(ret_ptr, 0, std::min(ret_size, sizeof ret));
  current_ = f.name.c_str();
  set_library_call(current_);
  if (!f.drops_reference || last_reference(f, prepared)) {
    // The final releases are marked as one step after the program's last call.
    const size_t mark = !final_release ? call_index : releases_index_;
    if (boundary_) boundary_(mark);
    frames_.call(f.function, addresses_[lowered.fn], prepared.argv.data(), ret_ptr);
    if (boundary_) boundary_(SIZE_MAX);
  }
  set_library_call(nullptr);
  current_ = nullptr;

  program::CallOutcome outcome;
  if (f.has_success || f.has_failure) {
    uint64_t result = 0;
    std::memcpy(&result, ret_ptr, sizeof result);
    const model::TypeId rt = api_.functions[f.function].ret;
    const auto value = static_cast<int64_t>(program::normalize_int(api_, program::Slot{.value_type = rt}, result));
    outcome.failed = (f.has_success && value != f.success) || (f.has_failure && value == f.failure);
  }
  if (f.produced_by >= 0) {
    const program::Slot& s = f.params[static_cast<size_t>(f.produced_by)];
    void* object = reinterpret_cast<void*>(prepared.scalars[static_cast<size_t>(f.produced_by)]);
    if (object && s.kind == SlotKind::OutHandle) std::memcpy(&object, object, sizeof object);
    outcome.produced = object;
  }

  uint64_t word = 0;
  std::memcpy(&word, ret_ptr, sizeof word);
  uint32_t result_class = 0;
  // The result as the trace line spells it: built only when tracing (a string per call is a
  // cost the fuzz loop does not pay).
  std::string traced;
  switch (f.ret) {
    case ReturnKind::Void:
      if (options_.trace) traced = "void";
      break;
    case ReturnKind::OwnedHandle:
    case ReturnKind::CString:
    case ReturnKind::Borrowed: {
      void* p = reinterpret_cast<void*>(word);
      result_class = p ? 4 : 1;
      if (options_.trace) traced = program::trace_pointer_value(p);
      outcome.result = p;
      break;
    }
    case ReturnKind::Value: {
      const model::Type& t = api_.type(api_.functions[f.function].ret);
      if (t.kind == model::TypeKind::Int || t.kind == model::TypeKind::Enum || t.kind == model::TypeKind::Bool) {
        uint64_t v = program::normalize_int(api_, program::Slot{.value_type = api_.functions[f.function].ret}, word);
        int64_t sv = static_cast<int64_t>(v);
        result_class = v == 0 ? 1 : (t.is_signed && sv < 0) ? 2 : v < 256 ? 3 : 4;
        if (options_.trace) traced = t.is_signed ? program::trace_signed_value(sv) : program::trace_unsigned_value(v);
      } else {
        result_class = 4;
        if (options_.trace) traced = "value";
      }
      break;
    }
  }
  if (options_.trace && !final_release)
    std::fputs(program::trace_result_line(call_index, traced, outcome.failed, f.produced_by >= 0 && !outcome.produced).c_str(),
               stderr);
  // After the result line, as in an emit-c program: a check that fails ends the process.
  if (outcome.result && !unchecked_[lowered.fn]) check_return(f, outcome.result);
  lowering_.record(lowered, outcome);
  if (hook_) hook_(lowered.fn, result_class);
}

void Executor::check_return(const program::FunctionPlan& f, void* result) {
  if (!result) return;
  const model::Function& fn = api_.functions[f.function];
  const model::Type& rt = api_.type(fn.ret);
  check_returned_pointer(api_, fn.name, rt.pointee, result, f.ret == ReturnKind::OwnedHandle, f.returns_base,
                         f.ret == ReturnKind::CString);
}

void Executor::release_all() {
  releasing_ = true;
  while (lowering_.next_release(lowered_)) {
    if (lowered_.free_entry >= 0) {
      if (options_.trace) std::fputs(program::trace_release_line("free").c_str(), stderr);
      std::free(lowering_.ledger().at(lowered_.free_entry).ptr);
      lowering_.record(lowered_, {});
      continue;
    }
    const program::FunctionPlan& releaser = plan_.functions[lowered_.fn];
    if (!lowered_.made()) {
      if (options_.trace)
        std::fputs(program::trace_skip_release_line(releaser.name, program::skip_reason(plan_, lowered_)).c_str(), stderr);
      continue;
    }
    if (prepare_call(releaser, lowering_.release_call(), lowered_, prepared_)) invoke(lowered_, prepared_);
    prepared_.scrub();
  }
  releasing_ = false;
}

void Executor::run(const program::Program& program) {
  enter_working_folder();
  for (size_t i = 0; i < program.calls.size(); ++i) {
    const program::Call& call = program.calls[i];
    lowering_.lower(call, i, lowered_);
    if (lowered_.made() && !prepare_call(plan_.functions[call.fn], call, lowered_, prepared_))
      lowered_.skip = program::Skip::NoStorage;
    if (lowered_.made()) invoke(lowered_, prepared_);
    else if (options_.trace && lowered_.skip != program::Skip::SetAside)
      std::fputs(program::trace_skip_line(i, plan_.functions[call.fn].name, program::skip_reason(plan_, lowered_)).c_str(),
                 stderr);
    prepared_.scrub();
  }
  releases_index_ = program.calls.size();
  release_all();
  clear_scratch();
  lowering_.reset();
  heap_blocks_.give_back_all();
  arena_.reset();
}

}  // namespace ffifuzz::exec
