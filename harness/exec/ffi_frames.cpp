#include "exec/ffi_frames.h"

#include <ffi.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>

namespace ffifuzz::exec {
namespace {

struct Unsupported {
  std::string reason;
};

}  // namespace

struct FfiFrames::Impl {
  const model::ApiModel& api;
  // Owned storage for composite ffi_types and their element lists (stable addresses).
  std::deque<ffi_type> composite;
  std::deque<std::vector<ffi_type*>> elements;
  std::map<model::TypeId, ffi_type*> cache;

  struct Frame {
    ffi_cif cif{};
    std::vector<ffi_type*> arg_types;
    size_t ret_size = 0;
    std::optional<std::string> unsupported;
  };
  std::vector<Frame> frames;

  // Callbacks: a libffi closure per function type, returning zero.
  struct Callback {
    ffi_cif cif{};
    std::vector<ffi_type*> arg_types;
    ffi_closure* closure = nullptr;
    void* code = nullptr;
  };
  std::deque<Callback> callbacks;
  std::map<model::TypeId, void*> callback_by_type;

  explicit Impl(const model::ApiModel& a) : api(a) {}
  ~Impl() {
    for (Callback& c : callbacks)
      if (c.closure) ffi_closure_free(c.closure);
  }

  ffi_type* scalar(const model::Type& t) {
    using K = model::TypeKind;
    switch (t.kind) {
      case K::Pointer: return &ffi_type_pointer;
      case K::Float: return t.size == 4 ? &ffi_type_float : &ffi_type_double;
      case K::Bool:
      case K::Int:
      case K::Enum:
        switch (t.size) {
          case 1: return t.is_signed ? &ffi_type_sint8 : &ffi_type_uint8;
          case 2: return t.is_signed ? &ffi_type_sint16 : &ffi_type_uint16;
          case 4: return t.is_signed ? &ffi_type_sint32 : &ffi_type_uint32;
          case 8: return t.is_signed ? &ffi_type_sint64 : &ffi_type_uint64;
          default: throw Unsupported{"an integer of " + std::to_string(t.size) + " bytes"};
        }
      default: return nullptr;
    }
  }

  // Appends the scalar members of a record (recursively through nested records and arrays)
  // in memory order.
  void flatten(model::TypeId id, std::vector<ffi_type*>& out) {
    const model::Type& t = api.type(id);
    if (ffi_type* s = scalar(t)) {
      out.push_back(s);
      return;
    }
    if (t.kind == model::TypeKind::Array) {
      for (uint64_t i = 0; i < t.count; ++i) flatten(t.element, out);
      return;
    }
    if (t.kind == model::TypeKind::Struct) {
      if (t.packed) throw Unsupported{"a packed struct by value"};
      for (const model::Field& f : t.fields) {
        if (f.bit_width) throw Unsupported{"a struct with bitfields by value"};
        flatten(f.type, out);
      }
      return;
    }
    throw Unsupported{"a " + model::describe(api, id) + " inside a struct passed by value"};
  }

  ffi_type* type_of(model::TypeId id) {
    if (auto it = cache.find(id); it != cache.end()) return it->second;
    const model::Type& t = api.type(id);
    ffi_type* result = nullptr;
    if (t.kind == model::TypeKind::Void) {
      result = &ffi_type_void;
    } else if (ffi_type* s = scalar(t)) {
      result = s;
    } else if (t.kind == model::TypeKind::Struct && t.complete) {
      std::vector<ffi_type*>& elems = elements.emplace_back();
      flatten(id, elems);
      elems.push_back(nullptr);
      ffi_type& st = composite.emplace_back();
      st.size = 0;
      st.alignment = 0;
      st.type = FFI_TYPE_STRUCT;
      st.elements = elems.data();
      result = &st;
    } else {
      throw Unsupported{model::describe(api, id) + " by value"};
    }
    cache[id] = result;
    return result;
  }
};

FfiFrames::FfiFrames(const model::ApiModel& api) : impl_(std::make_unique<Impl>(api)) {
  impl_->frames.resize(api.functions.size());
  for (size_t i = 0; i < api.functions.size(); ++i) {
    Impl::Frame& fr = impl_->frames[i];
    const model::Function& fn = api.functions[i];
    if (fn.skip_reason || fn.variadic) continue;  // never called; the plan says why
    try {
      for (const model::Param& p : fn.params) fr.arg_types.push_back(impl_->type_of(p.type));
      ffi_type* ret = impl_->type_of(fn.ret);
      if (ffi_prep_cif(&fr.cif, FFI_DEFAULT_ABI, static_cast<unsigned>(fr.arg_types.size()), ret,
                       fr.arg_types.data()) != FFI_OK)
        throw Unsupported{"libffi cannot prepare this signature"};
      // libffi widens small integer returns to a full register (ffi_arg).
      fr.ret_size = std::max<size_t>(ret->size, sizeof(ffi_arg));
      // The layout libffi computed must be the header's, or by-value structs would be garbled.
      if (ret->type == FFI_TYPE_STRUCT && ret->size != api.type(fn.ret).size)
        throw Unsupported{"libffi lays out the returned struct differently from the header"};
      for (size_t k = 0; k < fn.params.size(); ++k)
        if (fr.arg_types[k]->type == FFI_TYPE_STRUCT && fr.arg_types[k]->size != api.type(fn.params[k].type).size)
          throw Unsupported{"libffi lays out parameter '" + fn.params[k].name + "' differently from the header"};
    } catch (const Unsupported& u) {
      fr.unsupported = "cannot call through libffi: " + u.reason;
    }
  }
}

FfiFrames::~FfiFrames() = default;

namespace {

// The callback's body: a zero result (libffi hands a register-wide buffer for small ones).
void return_zero(ffi_cif* cif, void* ret, void**, void*) {
  if (cif->rtype->type == FFI_TYPE_VOID) return;
  std::memset(ret, 0, std::max<size_t>(cif->rtype->size, sizeof(ffi_arg)));
}

// For a callback type libffi cannot describe (variadic, unsupported types): returns 0 in
// the integer register, which is what those C callers read.
extern "C" long ffifuzz_callback_fallback() { return 0; }

}  // namespace

void* FfiFrames::callback(model::TypeId fn_type) const {
  Impl& impl = *impl_;
  if (auto it = impl.callback_by_type.find(fn_type); it != impl.callback_by_type.end()) return it->second;
  void* code = reinterpret_cast<void*>(&ffifuzz_callback_fallback);
  const model::Type& t = impl.api.type(fn_type);
  if (t.kind == model::TypeKind::Function && !t.variadic) {
    try {
      Impl::Callback& c = impl.callbacks.emplace_back();
      for (model::TypeId p : t.params) c.arg_types.push_back(impl.type_of(p));
      ffi_type* ret = impl.type_of(t.ret);
      c.closure = static_cast<ffi_closure*>(ffi_closure_alloc(sizeof(ffi_closure), &c.code));
      if (c.closure && ffi_prep_cif(&c.cif, FFI_DEFAULT_ABI, static_cast<unsigned>(c.arg_types.size()), ret,
                                    c.arg_types.data()) == FFI_OK &&
          ffi_prep_closure_loc(c.closure, &c.cif, return_zero, nullptr, c.code) == FFI_OK)
        code = c.code;
    } catch (const Unsupported&) {
    }
  }
  impl.callback_by_type[fn_type] = code;
  return code;
}

const std::optional<std::string>& FfiFrames::unsupported(size_t fn) const { return impl_->frames.at(fn).unsupported; }

size_t FfiFrames::return_size(size_t fn) const { return impl_->frames.at(fn).ret_size; }

void FfiFrames::call(size_t fn, void* address, void** args, void* ret) const {
  ffi_call(const_cast<ffi_cif*>(&impl_->frames[fn].cif), reinterpret_cast<void (*)()>(address), ret, args);
}

}  // namespace ffifuzz::exec
