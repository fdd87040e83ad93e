#include "exec/executor.h"

#include <sanitizer/allocator_interface.h>
#include <sanitizer/common_interface_defs.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <unistd.h>
#include <map>

#include "exec/post_call.h"
#include "exec/process_guard.h"
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
  released.clear();
  entries.clear();
}

Executor::Executor(const model::ApiModel& api, const program::ApiPlan& plan, const FfiFrames& frames,
                   std::vector<void*> addresses, ExecOptions options, std::vector<void*> init_addresses)
    : api_(api), plan_(plan), frames_(frames), addresses_(std::move(addresses)), options_(options),
      arena_(kArenaSlots, program::kMaxBytes + 1) {
  // Intern handle keys once, so that the per-call path compares integers.
  std::map<std::string, int> ids;
  auto intern = [&](const std::string& key) { return ids.emplace(key, static_cast<int>(ids.size())).first->second; };
  size_t max_params = 0;
  for (const program::FunctionPlan& f : plan.functions) {
    handle_kind_.push_back(f.produces.empty() ? -1 : intern(f.produces));
    std::vector<int> kinds;
    for (const program::Slot& s : f.params) kinds.push_back(s.kind == SlotKind::Handle ? intern(s.handle_key) : -1);
    slot_kind_.push_back(std::move(kinds));
    max_params = std::max(max_params, f.params.size());
  }
  for (const program::FunctionPlan& f : plan.init_once) max_params = std::max(max_params, f.params.size());
  scratch_.resize(max_params);
  set_aside_.assign(plan.functions.size(), 0);
  unchecked_.assign(plan.functions.size(), 0);
  run_init_once(init_addresses);
}

// The library's one-time init (ares_library_init): its parameters are fixed or plain zeros.
void Executor::run_init_once(const std::vector<void*>& addresses) {
  for (size_t i = 0; i < plan_.init_once.size() && i < addresses.size(); ++i) {
    const program::FunctionPlan& f = plan_.init_once[i];
    program::Call call;
    call.args.assign(f.params.size(), program::Arg{});
    if (!prepare_call(f, -1, call, prepared_)) continue;
    if (options_.trace) std::fprintf(stderr, "ffifuzz: init %s\n", f.name.c_str());
    alignas(16) uint8_t ret[256];
    if (frames_.return_size(f.function) <= sizeof ret) {
      set_library_call(f.name.c_str());
      frames_.call(f.function, addresses[i], prepared_.argv.data(), ret);
      set_library_call(nullptr);
    }
    prepared_.scrub();
  }
  for (void* p : heap_blocks_) std::free(p);
  heap_blocks_.clear();
  arena_.reset();
}

const std::vector<uint8_t>& Executor::scratch_path(const std::vector<uint8_t>& name) {
  if (scratch_dir_.empty()) {
    std::error_code ec;
    std::filesystem::path base = options_.scratch_dir.empty() ? std::filesystem::temp_directory_path(ec)
                                                              : std::filesystem::path(options_.scratch_dir);
    scratch_dir_ = (base / ("ffifuzz-scratch-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(scratch_dir_, ec);
  }
  scratch_used_ = true;
  std::string path = scratch_dir_ + "/" + program::path_name(name);
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
  files_.push_back(f);
  return f;
}

void Executor::clear_scratch() {
  for (FILE* f : files_) std::fclose(f);
  files_.clear();
  if (!scratch_used_) return;
  scratch_used_ = false;
  std::error_code ec;
  for (const std::filesystem::directory_entry& e : std::filesystem::directory_iterator(scratch_dir_, ec))
    std::filesystem::remove_all(e.path(), ec);
}

uint8_t* Executor::place(const std::vector<uint8_t>& bytes, size_t size, bool zero_terminate) {
  size_t total = size + (zero_terminate ? 1 : 0);
  uint8_t* p;
  if (options_.heap_buffers) {
    p = static_cast<uint8_t*>(std::malloc(total ? total : 1));
    heap_blocks_.push_back(p);
  } else {
    p = arena_.take(total);
    if (!p && !releasing_) return nullptr;
    if (!p) {  // a release must not fail because the program used the arena up: it would leak
      p = static_cast<uint8_t*>(std::malloc(total ? total : 1));
      heap_blocks_.push_back(p);
    }
  }
  if (!bytes.empty()) std::memcpy(p, bytes.data(), std::min(bytes.size(), size));
  if (bytes.size() < size) std::memset(p + bytes.size(), 0, size - bytes.size());
  if (zero_terminate) p[size] = 0;
  return p;
}

void Executor::prepare_image(const program::Slot& slot, uint8_t* image, size_t given_bytes) {
  if (slot.image < 0) return;
  const program::ImageLayout& layout = plan_.images[static_cast<size_t>(slot.image)];
  if (given_bytes != layout.keep.size()) program::canonicalize_image(api_, layout, image);
  static const std::vector<uint8_t> none;
  for (uint64_t at : layout.pointers) {
    void* target = place(none, 64, false);
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
}

bool Executor::prepare_slot(const program::FunctionPlan& f, int plan_fn, size_t i, const program::Arg& a, Prepared& out) {
  const program::Slot& s = f.params[i];
  uint64_t& value = out.scalars[i];
  static const std::vector<uint8_t> zeros;
  switch (s.kind) {
    case SlotKind::Int:
    case SlotKind::Float:
      value = a.bits;  // little-endian: the low bytes are the narrower type's value
      return true;
    case SlotKind::Length: {
      const program::Slot& buffer = f.params[static_cast<size_t>(s.partner)];
      const program::Arg& b = out_args_->args[static_cast<size_t>(s.partner)];
      value = b.is_null ? 0 : b.bytes.size() / buffer.unit_size;
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
      prepare_image(s, image.data(), a.bytes.size());
      out.argv[i] = image.data();
      return true;
    }
    case SlotKind::CString:
    case SlotKind::Buffer: {
      if (a.is_null) return true;
      // A path points into the scratch folder, never anywhere of the user's.
      const std::vector<uint8_t>& bytes = s.path ? scratch_path(a.bytes) : a.bytes;
      uint8_t* p = place(bytes, std::max<size_t>(bytes.size(), s.min_bytes), s.kind == SlotKind::CString);
      if (!p) return false;
      value = reinterpret_cast<uint64_t>(p);
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
      if (s.kind == SlotKind::Object) size = std::max<size_t>(size, s.min_bytes);
      uint8_t* p = place(s.kind == SlotKind::Object ? a.bytes : zeros, size, false);
      if (!p) return false;
      if (s.kind == SlotKind::Object) prepare_image(s, p, a.bytes.size());
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
      if (a.is_null) return true;
      int entry = plan_fn < 0 ? -1 : ledger_.pick(slot_kind_[static_cast<size_t>(plan_fn)][i], a.bits);
      if (entry < 0) return s.nullable;  // no live object of that kind: the call cannot be made
      if (s.releases) {
        for (int r : out.released)
          if (r == entry) return false;  // one object released twice in one call
        out.released.push_back(entry);
      }
      out.entries[i] = entry;
      value = reinterpret_cast<uint64_t>(ledger_.at(entry).ptr);
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

bool Executor::makes_cycle(const program::FunctionPlan& f, const Prepared& out) const {
  for (size_t i = 0; i < f.arity; ++i) {
    const program::Slot& s = f.params[i];
    if (s.adopted_by < 0) continue;
    int child = out.entries[i], parent = out.entries[static_cast<size_t>(s.adopted_by)];
    if (child >= 0 && parent >= 0 && ledger_.shares_descendant(child, parent)) return true;
  }
  return false;
}

bool Executor::prepare_call(const program::FunctionPlan& f, int plan_fn, const program::Call& call, Prepared& out) {
  size_t n = f.params.size();
  out.scalars.assign(n, 0);
  out.argv.assign(n, nullptr);
  out.entries.assign(n, -1);
  out.released.clear();
  out_args_ = &call;
  for (size_t i = 0; i < n; ++i) {
    out.argv[i] = &out.scalars[i];
    if (!prepare_slot(f, plan_fn, i, call.args[i], out)) return false;
  }
  if (makes_cycle(f, out)) return false;
  if (plan_fn >= 0 && !order_allows(f, static_cast<uint32_t>(plan_fn), out)) return false;
  fill_fields(f, out);
  return true;
}

int Executor::first_object(const program::FunctionPlan& f, const Prepared& out) {
  for (size_t i = 0; i < f.arity; ++i)
    if (f.params[i].kind == SlotKind::Handle && out.entries[i] >= 0) return out.entries[i];
  return -1;
}

// requires and once (plan.h): judged on the object the call is about, its first handle.
bool Executor::order_allows(const program::FunctionPlan& f, uint32_t plan_fn, const Prepared& out) const {
  if (f.requires_fns.empty() && !f.once_per_object && f.excludes_fns.empty() && failed_objects_ == 0) return true;
  const int object = first_object(f, out);
  auto done = [&](uint32_t fn) {
    for (const auto& [entry, called] : history_)
      if (called == fn && (object < 0 || entry == object)) return true;
    return false;
  };
  for (int r : f.requires_fns)
    if (!done(static_cast<uint32_t>(r))) return false;
  for (int x : f.excludes_fns)
    if (object >= 0 && done(static_cast<uint32_t>(x))) return false;
  if (object >= 0 && !f.is_releaser && done(kFailed)) return false;
  return !(f.once_per_object && object >= 0 && done(plan_fn));
}

bool Executor::last_reference(const program::FunctionPlan& f, const Prepared& out) const {
  for (size_t i = 0; i < f.arity; ++i) {
    if (!f.params[i].releases) continue;
    auto* object = reinterpret_cast<uint8_t*>(out.scalars[i]);
    if (!object) return true;
    uint64_t count = 0;
    size_t width = std::min<size_t>(f.refcount_size, 8);
    std::memcpy(&count, object + f.refcount_offset, width);
    const uint64_t immortal = width == 8 ? ~uint64_t{0} : (uint64_t{1} << (width * 8)) - 1;
    if (count == immortal) return false;  // a static object (json_true()): never destroyed
    if (count == 0) return true;
    --count;
    std::memcpy(object + f.refcount_offset, &count, width);
    return count == 0;
  }
  return true;
}

void Executor::invoke(uint32_t plan_fn, Prepared& prepared, size_t call_index) {
  const program::FunctionPlan& f = plan_.functions[plan_fn];
  if (options_.trace) {
    std::fprintf(stderr, "ffifuzz: call #%zu %s\n", call_index, f.name.c_str());
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
    const size_t mark = call_index != SIZE_MAX ? call_index : releasing_ ? releases_index_ : SIZE_MAX;
    if (boundary_ && mark != SIZE_MAX) boundary_(mark);
    frames_.call(f.function, addresses_[plan_fn], prepared.argv.data(), ret_ptr);
    if (boundary_ && mark != SIZE_MAX) boundary_(SIZE_MAX);
  }
  set_library_call(nullptr);
  current_ = nullptr;
  for (int r : prepared.released) ledger_.release(r);
  bool failed = false;
  if (f.has_success) {
    uint64_t result = 0;
    std::memcpy(&result, ret_ptr, sizeof result);
    const model::TypeId rt = api_.functions[f.function].ret;
    failed = static_cast<int64_t>(program::normalize_int(api_, program::Slot{.value_type = rt}, result)) != f.success;
  }
  // A failed initializer made nothing (yaml_parser_load leaves a zeroed document): the
  // storage is not an object to pass on.
  if (!failed) record_results(f, plan_fn, prepared);
  if (call_index != SIZE_MAX) {
    int object = first_object(f, prepared);
    history_.push_back({object, plan_fn});
    if (failed && object >= 0) history_.push_back({object, kFailed}), ++failed_objects_;
  }

  uint64_t word = 0;
  std::memcpy(&word, ret_ptr, sizeof word);
  uint32_t result_class = 0;
  switch (f.ret) {
    case ReturnKind::Void:
      break;
    case ReturnKind::OwnedHandle:
    case ReturnKind::CString:
    case ReturnKind::Borrowed: {
      void* p = reinterpret_cast<void*>(word);
      result_class = p ? 4 : 1;
      if (!unchecked_[plan_fn]) check_return(f, p);
      if (p && f.ret == ReturnKind::OwnedHandle) ledger_.add(p, handle_kind_[plan_fn], f.releaser);
      break;
    }
    case ReturnKind::Value: {
      const model::Type& t = api_.type(api_.functions[f.function].ret);
      if (t.kind == model::TypeKind::Int || t.kind == model::TypeKind::Enum || t.kind == model::TypeKind::Bool) {
        uint64_t v = program::normalize_int(api_, program::Slot{.value_type = api_.functions[f.function].ret}, word);
        int64_t sv = static_cast<int64_t>(v);
        result_class = v == 0 ? 1 : (t.is_signed && sv < 0) ? 2 : v < 256 ? 3 : 4;
      } else {
        result_class = 4;
      }
      break;
    }
  }
  if (hook_) hook_(plan_fn, result_class);
}

// What the call made through a parameter (an initialized struct, a T ** result) and which
// objects it took into others.
void Executor::record_results(const program::FunctionPlan& f, uint32_t plan_fn, Prepared& prepared) {
  if (f.produced_by >= 0) {
    const program::Slot& s = f.params[static_cast<size_t>(f.produced_by)];
    void* object = reinterpret_cast<void*>(prepared.scalars[static_cast<size_t>(f.produced_by)]);
    if (object && s.kind == SlotKind::OutHandle) std::memcpy(&object, object, sizeof object);
    if (object) ledger_.add(object, handle_kind_[plan_fn], f.releaser);
  }
  for (size_t i = 0; i < f.arity; ++i) {
    const program::Slot& s = f.params[i];
    if (s.adopted_by < 0) continue;
    int child = prepared.entries[i], parent = prepared.entries[static_cast<size_t>(s.adopted_by)];
    if (child >= 0 && parent >= 0) ledger_.adopt(parent, child);
  }
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
  release_entries();
  releasing_ = false;
}

void Executor::release_entries() {
  const std::vector<Ledger::Entry>& entries = ledger_.entries();
  for (size_t i = entries.size(); i-- > 0;) {
    if (!entries[i].live) continue;
    if (entries[i].releaser == program::kNoReleaser) continue;  // caller-allocated: nothing to finalize
    if (entries[i].releaser == program::kReleaseWithFree) {
      if (options_.trace) std::fprintf(stderr, "ffifuzz: call free\n");
      std::free(entries[i].ptr);
      ledger_.release(static_cast<int>(i));
      continue;
    }
    const program::FunctionPlan& releaser = plan_.functions[static_cast<size_t>(entries[i].releaser)];
    // The releaser's handle slot gets this object; every other slot its plainest value.
    program::Call& call = release_call_;
    call.fn = static_cast<uint32_t>(entries[i].releaser);
    call.args.assign(releaser.params.size(), program::Arg{});
    int target_slot = -1;
    for (size_t k = 0; k < releaser.arity; ++k)
      if (releaser.params[k].releases && slot_kind_[call.fn][k] == entries[i].kind) target_slot = static_cast<int>(k);
    // A releaser named by the contract may take the object as another type (ares_free_data
    // takes void *): its first releasing slot.
    for (size_t k = 0; k < releaser.arity && target_slot < 0; ++k)
      if (releaser.params[k].releases) target_slot = static_cast<int>(k);
    if (target_slot < 0) continue;
    call.args[static_cast<size_t>(target_slot)].is_null = true;  // set below: no ledger pick for it
    if (!prepare_call(releaser, static_cast<int>(call.fn), call, prepared_)) continue;
    prepared_.scalars[static_cast<size_t>(target_slot)] = reinterpret_cast<uint64_t>(entries[i].ptr);
    prepared_.released.assign(1, static_cast<int>(i));
    fill_fields(releaser, prepared_);
    invoke(call.fn, prepared_, SIZE_MAX);
    prepared_.scrub();
  }
}

void Executor::run(const program::Program& program) {
  for (size_t i = 0; i < program.calls.size(); ++i) {
    const program::Call& call = program.calls[i];
    if (set_aside_[call.fn]) continue;
    if (prepare_call(plan_.functions[call.fn], static_cast<int>(call.fn), call, prepared_)) invoke(call.fn, prepared_, i);
    prepared_.scrub();
  }
  releases_index_ = program.calls.size();
  release_all();
  clear_scratch();
  ledger_.clear();
  history_.clear();
  failed_objects_ = 0;
  for (void* p : heap_blocks_) std::free(p);
  heap_blocks_.clear();
  arena_.reset();
}

}  // namespace ffifuzz::exec
