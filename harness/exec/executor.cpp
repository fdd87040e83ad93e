#include "exec/executor.h"

#include <sanitizer/allocator_interface.h>
#include <sanitizer/common_interface_defs.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <map>

#include "exec/post_call.h"
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
}

Executor::Executor(const model::ApiModel& api, const program::ApiPlan& plan, const FfiFrames& frames,
                   std::vector<void*> addresses, ExecOptions options)
    : api_(api), plan_(plan), frames_(frames), addresses_(std::move(addresses)), options_(options),
      arena_(kArenaSlots, program::kMaxBytes + 1) {
  // Intern handle keys once, so that the per-call path compares integers.
  std::map<std::string, int> ids;
  auto intern = [&](const std::string& key) { return ids.emplace(key, static_cast<int>(ids.size())).first->second; };
  size_t max_params = 0;
  for (const program::FunctionPlan& f : plan.functions) {
    handle_kind_.push_back(f.ret == ReturnKind::OwnedHandle ? intern(f.ret_handle_key) : -1);
    std::vector<int> kinds;
    for (const program::Slot& s : f.params) kinds.push_back(s.kind == SlotKind::Handle ? intern(s.handle_key) : -1);
    slot_kind_.push_back(std::move(kinds));
    max_params = std::max(max_params, f.params.size());
  }
  scratch_.resize(max_params);
}

uint8_t* Executor::place(const std::vector<uint8_t>& bytes, size_t size, bool zero_terminate) {
  size_t total = size + (zero_terminate ? 1 : 0);
  uint8_t* p;
  if (options_.heap_buffers) {
    p = static_cast<uint8_t*>(std::malloc(total ? total : 1));
    heap_blocks_.push_back(p);
  } else {
    p = arena_.take(total);
    if (!p) return nullptr;
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
}

bool Executor::prepare_call(const program::Call& call, Prepared& out) {
  const program::FunctionPlan& f = plan_.functions[call.fn];
  size_t n = f.params.size();
  out.scalars.assign(n, 0);
  out.argv.assign(n, nullptr);
  out.released.clear();
  for (size_t i = 0; i < n; ++i) {
    const program::Slot& s = f.params[i];
    const program::Arg& a = call.args[i];
    uint64_t& value = out.scalars[i];
    out.argv[i] = &value;
    switch (s.kind) {
      case SlotKind::Int:
      case SlotKind::Float:
        value = a.bits;  // little-endian: the low bytes are the narrower type's value
        break;
      case SlotKind::Length: {
        const program::Slot& buffer = f.params[static_cast<size_t>(s.partner)];
        const program::Arg& b = call.args[static_cast<size_t>(s.partner)];
        value = b.is_null ? 0 : b.bytes.size() / buffer.unit_size;
        break;
      }
      case SlotKind::Record: {
        std::vector<uint8_t>& image = scratch_[i];
        image.assign(a.bytes.begin(), a.bytes.end());
        image.resize(api_.type(s.value_type).size, 0);
        prepare_image(s, image.data(), a.bytes.size());
        out.argv[i] = image.data();
        break;
      }
      case SlotKind::CString:
      case SlotKind::Buffer: {
        if (a.is_null) break;
        uint8_t* p = place(a.bytes, a.bytes.size(), s.kind == SlotKind::CString);
        if (!p) return false;
        value = reinterpret_cast<uint64_t>(p);
        break;
      }
      case SlotKind::Object:
      case SlotKind::Out: {
        if (a.is_null) break;
        size_t size = api_.type(s.value_type).size;
        static const std::vector<uint8_t> zeros;
        uint8_t* p = place(s.kind == SlotKind::Out ? zeros : a.bytes, size, false);
        if (!p) return false;
        if (s.kind == SlotKind::Object) prepare_image(s, p, a.bytes.size());
        value = reinterpret_cast<uint64_t>(p);
        break;
      }
      case SlotKind::Handle: {
        if (a.is_null) break;
        int entry = ledger_.pick(slot_kind_[call.fn][i], a.bits);
        if (entry < 0) {
          if (!s.nullable) return false;  // no live object of that kind: the call cannot be made
          break;
        }
        if (s.releases) {
          for (int r : out.released)
            if (r == entry) return false;  // one object released twice in one call
          out.released.push_back(entry);
        }
        value = reinterpret_cast<uint64_t>(ledger_.at(entry).ptr);
        break;
      }
    }
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
  current_ = f.name.c_str();
  frames_.call(f.function, addresses_[plan_fn], prepared.argv.data(), ret_ptr);
  current_ = nullptr;
  for (int r : prepared.released) ledger_.release(r);

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
      check_return(f, p);
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

void Executor::check_return(const program::FunctionPlan& f, void* result) {
  if (!result) return;
  const model::Function& fn = api_.functions[f.function];
  const model::Type& rt = api_.type(fn.ret);
  check_returned_pointer(api_, fn.name, rt.pointee, result, f.ret == ReturnKind::OwnedHandle);
}

void Executor::release_all() {
  const std::vector<Ledger::Entry>& entries = ledger_.entries();
  for (size_t i = entries.size(); i-- > 0;) {
    if (!entries[i].live) continue;
    const program::FunctionPlan& releaser = plan_.functions[static_cast<size_t>(entries[i].releaser)];
    // The releaser's handle slot gets this object; every other slot its plainest value.
    program::Call& call = release_call_;
    call.fn = static_cast<uint32_t>(entries[i].releaser);
    call.args.assign(releaser.params.size(), program::Arg{});
    int target_slot = -1;
    for (size_t k = 0; k < releaser.params.size(); ++k)
      if (releaser.params[k].releases && slot_kind_[call.fn][k] == entries[i].kind) target_slot = static_cast<int>(k);
    if (target_slot < 0) continue;
    if (!prepare_call(call, prepared_)) continue;
    prepared_.scalars[static_cast<size_t>(target_slot)] = reinterpret_cast<uint64_t>(entries[i].ptr);
    prepared_.released.assign(1, static_cast<int>(i));
    invoke(call.fn, prepared_, SIZE_MAX);
    prepared_.scrub();
  }
}

void Executor::run(const program::Program& program) {
  for (size_t i = 0; i < program.calls.size(); ++i) {
    const program::Call& call = program.calls[i];
    if (prepare_call(call, prepared_)) invoke(call.fn, prepared_, i);
    prepared_.scrub();
  }
  release_all();
  ledger_.clear();
  for (void* p : heap_blocks_) std::free(p);
  heap_blocks_.clear();
  arena_.reset();
}

}  // namespace ffifuzz::exec
