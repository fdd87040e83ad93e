#include "program/plan.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ffifuzz::program {
namespace {

// `name` ends in `word`, case aside ("cbor_decref", "g_object_unref", "FooUnref").
bool ends_with_word(const std::string& name, const std::string& word) {
  if (name.size() < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(name[name.size() - word.size() + k])) != word[k]) return false;
  return true;
}

using model::ApiModel;
using model::Type;
using model::TypeId;
using model::TypeKind;

std::string strip_qualifiers(std::string name) {
  for (const char* q : {"const ", "volatile "})
    while (name.rfind(q, 0) == 0) name.erase(0, std::string(q).size());
  return name;
}

// The identity of a kind of object behind a pointer: its canonical type name, unqualified.
std::string handle_key(const ApiModel& api, TypeId pointee) {
  return strip_qualifiers(api.type(pointee).name);
}

// The type behind a handle key: "struct z_stream_s (deflate)" is a family of z_stream_s.
std::string type_of_key(const std::string& key) {
  size_t family = key.find(" (");
  return family == std::string::npos ? key : key.substr(0, family);
}

bool is_char_like(const Type& t) { return t.kind == TypeKind::Int && t.size == 1; }

// Plain `char` (const or not), not `unsigned char` / `signed char` / `uint8_t`: text, where
// the others are bytes (a decoder's output is not NUL-terminated).
bool is_plain_char(const Type& t) {
  if (!is_char_like(t) || !t.typedef_chain.empty()) return false;
  std::string name = t.name;
  if (name.rfind("const ", 0) == 0) name = name.substr(6);
  return name == "char";
}

bool is_record(const Type& t) { return t.kind == TypeKind::Struct || t.kind == TypeKind::Union; }

// C's FILE (glibc's struct _IO_FILE), however the header spells it.
bool is_stdio_file(const Type& t) {
  if (!is_record(t)) return false;
  if (t.name == "struct _IO_FILE" || t.name == "FILE") return true;
  for (const std::string& alias : t.typedef_chain)
    if (alias == "FILE") return true;
  return false;
}

// Raised while planning one function: the function is skipped with this reason.
struct Unplannable {
  std::string reason;
};

// The type contracts by canonical type name (the handle keys'), with each type's field
// contracts resolved to offsets.
struct TypeFacts {
  const model::TypeContract* contract = nullptr;
  model::TypeId type = model::kNoType;
};

class FunctionPlanner {
 public:
  FunctionPlanner(const ApiModel& api, const model::Function& fn, const model::FunctionContract* contract,
                  const std::map<std::string, TypeFacts>& types, const std::set<std::string>& produced)
      : api_(api), fn_(fn), contract_(contract), types_(types), produced_keys_(produced) {}

  FunctionPlan plan(uint32_t index) {
    FunctionPlan p;
    p.function = index;
    p.name = fn_.name;
    for (size_t i = 0; i < fn_.params.size(); ++i) p.params.push_back(plan_param(i));
    p.arity = p.params.size();
    link_lengths(p);
    link_adoptions(p);
    take_makers(p);
    plan_produced(p);
    plan_return(p);
    link_kept_by_result(p);
    add_field_slots(p);
    check_length_ranges(p);
    if (contract_ && contract_->requires_calls) p.requires_calls = contract_->requires_calls->value;
    if (contract_ && contract_->once) p.once_per_object = contract_->once->value;
    if (contract_ && contract_->released_on_failure) p.releases_on_failure = contract_->released_on_failure->value;
    p.unrefs = ends_with_word(p.name, "unref") || ends_with_word(p.name, "decref");
    if (contract_ && contract_->excludes) p.excludes_calls = contract_->excludes->value;
    if (contract_ && contract_->ret.success) p.has_success = true, p.success = contract_->ret.success->value;
    if (contract_ && contract_->ret.failure) p.has_failure = true, p.failure = contract_->ret.failure->value;
    for (const Slot& s : p.params) p.is_releaser |= s.releases;
    return p;
  }

 private:
  const model::ParamContract* param_contract(const std::string& name) const {
    if (!contract_) return nullptr;
    auto it = contract_->params.find(name);
    return it == contract_->params.end() ? nullptr : &it->second;
  }

  // An unnamed parameter is #N (1-based), as contracts and `inspect` name it: a rule the
  // harness learns about it must read back as the same parameter.
  static std::string param_name(const model::Param& p, size_t i) {
    return p.name.empty() ? "#" + std::to_string(i + 1) : p.name;
  }

  Slot plan_param(size_t i) {
    slot_index_ = i;
    const model::Param& param = fn_.params[i];
    Slot s;
    s.name = param_name(param, i);
    s.type = param.type;
    const Type& t = api_.type(param.type);
    const model::ParamContract* pc = param_contract(s.name);
    if (pc && pc->nullable) s.nullable = pc->nullable->value;
    if (pc && pc->range) s.range = pc->range->value;
    if (pc && pc->value) {
      plan_fixed(s, t, *pc);
      return s;
    }

    switch (t.kind) {
      case TypeKind::Bool:
      case TypeKind::Int:
      case TypeKind::Enum:
        s.kind = SlotKind::Int;
        s.value_type = param.type;
        if (pc && pc->length_of && !buffer_decides_its_length(pc->length_of->value))
          lengths_.push_back({pc->length_of->value, s.name});
        return s;
      case TypeKind::Float:
        s.kind = SlotKind::Float;
        s.value_type = param.type;
        if (pc && pc->real_range) s.real_range = pc->real_range->value;
        else if (pc && pc->range)
          s.real_range = model::RealRange{static_cast<double>(pc->range->value.min), static_cast<double>(pc->range->value.max)};
        return s;
      case TypeKind::Struct:
        if (!t.complete) throw Unplannable{"parameter '" + s.name + "' is an incomplete struct by value"};
        s.kind = SlotKind::Record;
        s.value_type = param.type;
        return s;
      case TypeKind::Union:
        throw Unplannable{"parameter '" + s.name + "' is a union by value (not supported yet)"};
      case TypeKind::Pointer:
        plan_pointer(s, t, pc);
        return s;
      case TypeKind::LongDouble:
        throw Unplannable{"parameter '" + s.name + "' is long double by value"};
      default:
        throw Unplannable{"parameter '" + s.name + "' has an unsupported type (" + describe(api_, param.type) + ")"};
    }
  }

  void plan_fixed(Slot& s, const Type& t, const model::ParamContract& pc) {
    if (!pc.fixed) throw Unplannable{"the value of parameter '" + s.name + "' (" + pc.value->value + ") is unknown"};
    s.kind = SlotKind::Fixed;
    s.fixed = *pc.fixed;
    s.nullable = false;
    s.value_type = param_type(s);
    const bool pointer = t.kind == TypeKind::Pointer;
    if (s.fixed.is_string && !(pointer && is_char_like(api_.type(t.pointee))))
      throw Unplannable{"parameter '" + s.name + "' is fixed to a string (" + pc.value->value + ") but is not a char pointer"};
    if (!s.fixed.is_string && pointer && s.fixed.integer != 0)
      throw Unplannable{"pointer parameter '" + s.name + "' is fixed to " + pc.value->value + ": only 0 (NULL) can be passed"};
    if (!s.fixed.is_string && !pointer && t.kind != TypeKind::Int && t.kind != TypeKind::Enum && t.kind != TypeKind::Bool)
      throw Unplannable{"parameter '" + s.name + "' is fixed to a value but is not an integer or a pointer"};
  }

  model::TypeId param_type(const Slot& s) const { return s.type; }

  bool declared_by_library(const Type& record) const {
    if (record.decl.file.empty() || api_.headers.empty()) return true;
    return std::find(api_.headers.begin(), api_.headers.end(), record.decl.file) != api_.headers.end();
  }

  // An array of C strings, not storage for one pointer the callee fills in: a char ** with a
  // count (names, n_names; argc, argv), or one whose pointers are const (const char *const
  // *names: the callee cannot store through it). Filled with fuzzed bytes as pointers, or
  // given one NULL pointer to fill, the library reads wild or NULL strings: the harness's fault.
  // Text only: plain char (`unsigned char **buf` is where a function gives bytes back, c-ares'
  // ares_mkquery), and a count passed by value (a length pointer, `int *buflen`, receives the
  // length of what is given back).
  // char * or const char *, plain char: text (unsigned char, uint8_t and other typedefs are bytes).
  bool points_to_text(const Type& pointer) const {
    if (pointer.kind != TypeKind::Pointer || pointer.pointee == model::kNoType) return false;
    const Type& text = api_.type(pointer.pointee);
    return is_char_like(text) && text.typedef_chain.empty() && (text.name == "char" || text.name == "const char");
  }

  bool is_string_array(const Type& t, const model::ParamContract* pc) const {
    if (t.pointee == model::kNoType) return false;
    const Type& middle = api_.type(t.pointee);
    if (!points_to_text(middle)) return false;
    if (pc && pc->direction && pc->direction->value != model::Direction::In) return false;
    if (pc && pc->len) {
      if (pc->len->value.param.empty()) return false;
      for (const model::Param& p : fn_.params)
        if (p.name == pc->len->value.param && api_.type(p.type).kind == TypeKind::Pointer) return false;
      return true;
    }
    return middle.is_const;
  }

  void plan_pointer(Slot& s, const Type& t, const model::ParamContract* pc) {
    s.min_bytes = pc && pc->size ? pc->size->value : 0;
    s.value_type = t.pointee;
    const Type& pointee = api_.type(t.pointee);
    bool releases = pc && pc->releases && pc->releases->value;
    const bool retains = pc && pc->retains && pc->retains->value;
    if (pc && pc->initializes && pc->initializes->value) {
      if (!is_record(pointee) || pointee.size == 0)
        throw Unplannable{"parameter '" + s.name + "' initializes " + describe(api_, t.pointee) + ", whose size is unknown"};
      s.kind = SlotKind::Init;
      s.nullable = false;
      s.handle_key = pc->handle ? pc->handle->value : handle_key(api_, t.pointee);
      produced_.push_back({static_cast<int>(slot_index_), pc->out_owned_by ? pc->out_owned_by->value : ""});
    } else if (pc && pc->out_owned_by && pointee.kind == TypeKind::Pointer && pointee.pointee != model::kNoType) {
      s.kind = SlotKind::OutHandle;
      s.nullable = false;
      s.handle_key = handle_key(api_, pointee.pointee);
      produced_.push_back({static_cast<int>(slot_index_), pc->out_owned_by->value});
    } else if ((pc && pc->handle) || releases || retains) {
      s.kind = SlotKind::Handle;
      // T ** released (or retained): the object is *p, passed by reference.
      s.by_reference = !(pc && pc->handle) && pointee.kind == TypeKind::Pointer && pointee.pointee != model::kNoType &&
                       is_record(api_.type(pointee.pointee));
      s.handle_key = pc && pc->handle ? pc->handle->value
                                      : handle_key(api_, s.by_reference ? pointee.pointee : t.pointee);
      s.releases = releases;
      s.retains = retains && !releases;
    } else if (is_string_array(t, pc)) {
      s.kind = SlotKind::Strings;
      s.value_type = t.pointee;
      if (pc && pc->len && !pc->len->value.param.empty()) lengths_.push_back({s.name, pc->len->value.param});
    } else if (pc && pc->len && !pc->len->value.param.empty()) {
      s.kind = SlotKind::Buffer;
      s.unit_size = pc->len->value.unit == model::LenUnit::Bytes || pointee.size == 0 ? 1 : pointee.size;
      lengths_.push_back({s.name, pc->len->value.param});
    } else if (pc && pc->cstring && pc->cstring->value) {
      s.kind = SlotKind::CString;
      s.path = pc->path && pc->path->value;
    } else if (pc && pc->direction && pc->direction->value != model::Direction::In) {
      if (pointee.size == 0) throw Unplannable{"out parameter '" + s.name + "' points to a type of unknown size"};
      s.kind = SlotKind::Out;
      s.out_pointer = pointee.kind == TypeKind::Pointer;
    } else if (is_record(pointee) && !pointee.complete) {
      s.kind = SlotKind::Handle;
      s.handle_key = handle_key(api_, t.pointee);
    } else if (is_char_like(pointee)) {
      s.kind = SlotKind::CString;
      s.path = pc && pc->path && pc->path->value;
    } else if (pointee.kind == TypeKind::Function) {
      s.kind = SlotKind::Callback;
    } else if (pointee.kind == TypeKind::Pointer && pointee.is_const) {
      // T *const *: pointers the function reads (libgcrypt's gcry_sexp_alist(const gcry_sexp_t
      // *array), a NULL-ended array of objects), never storage it fills: given one empty slot,
      // libgcrypt aborted on its own "this is a bug" check.
      throw Unplannable{"parameter '" + s.name + "' is " + describe(api_, s.type) +
                        ", pointers the function reads: an array the harness cannot make yet"};
    } else if (pointee.kind == TypeKind::Pointer) {
      s.kind = SlotKind::Out;  // T **: storage for one pointer, zeroed
      s.out_pointer = true;
    } else if (pointee.kind == TypeKind::Void || pointee.size == 0) {
      throw Unplannable{"parameter '" + s.name + "' is " + describe(api_, s.type) +
                        " without a len contract: its size is unknown"};
    } else {
      // A pointer to one complete object; a handle when some function produces objects of
      // that type (the library's objects, not ours).
      s.handle_key = handle_key(api_, t.pointee);
      s.kind = produced_keys_.count(s.handle_key) ? SlotKind::Handle : SlotKind::Object;
      // A stdio stream: a real one, on a file in the scratch folder.
      if (s.kind == SlotKind::Object && is_stdio_file(pointee)) {
        s.kind = SlotKind::File;
        s.nullable = false;
        return;
      }
      // Any other struct of the system's is not something the harness can make up: its
      // fields are another library's invariants.
      if (s.kind == SlotKind::Object && is_record(pointee) && !declared_by_library(pointee))
        throw Unplannable{"parameter '" + s.name + "' points to " + describe(api_, t.pointee) + ", a struct from " +
                          pointee.decl.file + ", which the harness cannot build"};
    }
  }

  void link_lengths(FunctionPlan& p) {
    for (const auto& [buffer, length] : lengths_) {
      int b = index_of(p, buffer), l = index_of(p, length);
      if (b < 0 || l < 0)
        throw Unplannable{"len contract pairs '" + buffer + "' with '" + length + "', and one of them does not exist"};
      if (p.params[l].kind == SlotKind::Length) continue;  // stated on both sides
      if (p.params[b].kind == SlotKind::Fixed || p.params[l].kind == SlotKind::Fixed) continue;  // the value rules
      Slot& len = p.params[l];
      const Type& lt = api_.type(len.type);
      const bool by_pointer = lt.kind == TypeKind::Pointer && lt.pointee != model::kNoType &&
                              api_.type(lt.pointee).kind == TypeKind::Int;
      if (len.kind != SlotKind::Int && !by_pointer)
        throw Unplannable{"len contract names '" + length + "', which is not an integer or a pointer to one"};
      if (by_pointer) {
        len.by_pointer = true;
        len.value_type = lt.pointee;
        len.nullable = false;
      }
      if (p.params[b].kind != SlotKind::Buffer && p.params[b].kind != SlotKind::Strings) {  // length_of given on the integer side
        const Type& pointee = api_.type(p.params[b].value_type);
        const bool strings = !by_pointer && points_to_text(pointee);
        p.params[b].kind = strings ? SlotKind::Strings : SlotKind::Buffer;
        p.params[b].out_pointer = false;
        p.params[b].unit_size = strings || pointee.size == 0 ? 1 : pointee.size;
      }
      len.kind = SlotKind::Length;
      len.partner = b;
      p.params[b].partner = l;
    }
  }

  // A range on a length parameter bounds its buffer (normalize cuts or zero-fills the buffer
  // to it): a library whose cost grows faster than its input (libyaml's scanner is quadratic
  // in flow nesting) states how long an input it is fuzzed with. A range below 0 allows none.
  // adopted_by = "return": handles the call's new object may keep. Only an owned result of the
  // same kind is in the ledger; anything else has nothing to link.
  void link_kept_by_result(FunctionPlan& p) {
    if (p.ret != ReturnKind::OwnedHandle) return;
    for (size_t i = 0; i < p.arity; ++i) {
      const model::ParamContract* pc = param_contract(p.params[i].name);
      if (pc && pc->adopted_by && pc->adopted_by->value == "return" && p.params[i].kind == SlotKind::Handle &&
          p.params[i].handle_key == p.produces)
        p.params[i].adopted_by = kAdoptedByResult;
    }
  }

  void check_length_ranges(const FunctionPlan& p) {
    for (const Slot& len : p.params)
      if (len.kind == SlotKind::Length && len.range && len.range->max < 0)
        throw Unplannable{"the range of length '" + len.name + "' allows no length"};
  }

  // adopted_by: the container slot of a handle a call adds to another object.
  void link_adoptions(FunctionPlan& p) {
    for (size_t i = 0; i < p.params.size(); ++i) {
      const model::ParamContract* pc = param_contract(p.params[i].name);
      if (!pc || !pc->adopted_by) continue;
      if (pc->adopted_by->value == "return") continue;  // link_kept_by_result, once the result is planned
      int c = index_of(p, pc->adopted_by->value);
      const bool handles =
          c >= 0 && p.params[i].kind == SlotKind::Handle && p.params[static_cast<size_t>(c)].kind == SlotKind::Handle;
      // Naming's guess about pointers the plan did not take for handles: nothing to keep apart.
      if (!handles && pc->adopted_by->origin.source == model::ContractSource::Naming) continue;
      if (!handles)
        throw Unplannable{"adopted_by pairs '" + p.params[i].name + "' with '" + pc->adopted_by->value +
                          "': both must be handles"};
      p.params[i].adopted_by = c;
    }
  }

  // made_by: a handle only some functions' objects are fit for (resolved to plan indexes once
  // every function is planned).
  void take_makers(FunctionPlan& p) {
    for (size_t i = 0; i < p.params.size(); ++i) {
      const model::ParamContract* pc = param_contract(p.params[i].name);
      if (!pc || !pc->made_by) continue;
      if (p.params[i].kind != SlotKind::Handle)
        throw Unplannable{"made_by on '" + p.params[i].name + "', which is no handle"};
      p.params[i].made_by_names = pc->made_by->value;
    }
  }

  // At most one object per call: the return value or one Init / OutHandle parameter.
  void plan_produced(FunctionPlan& p) {
    if (produced_.empty()) return;
    if (produced_.size() > 1) throw Unplannable{"more than one parameter receives a new object (not supported yet)"};
    p.produced_by = produced_[0].first;
    p.produces = p.params[static_cast<size_t>(p.produced_by)].handle_key;
    owned_by_ = produced_[0].second;
  }

  // Fields the harness fills in before the call ([types.T.fields]): of handle arguments, and
  // of the structs it builds and passes by pointer (zstd's ZSTD_outBuffer {dst, size, pos}:
  // dst a buffer of size bytes), written over the struct's image.
  void add_field_slots(FunctionPlan& p) {
    std::vector<bool> done_type;
    for (size_t k = 0; k < p.arity; ++k) {
      const Slot h = p.params[k];  // a copy: field slots are appended to p.params below
      if (h.kind != SlotKind::Handle && h.kind != SlotKind::Object) continue;
      const std::string key =
          h.kind == SlotKind::Handle ? type_of_key(h.handle_key) : handle_key(api_, h.value_type);
      auto it = types_.find(key);
      if (it == types_.end() || !it->second.contract || it->second.contract->fields.empty()) continue;
      bool seen = false;  // one object per type: deflateCopy(dest, source) fills dest's
      for (size_t j = 0; j < k && h.kind == SlotKind::Handle; ++j)
        seen |= p.params[j].kind == SlotKind::Handle && p.params[j].handle_key == h.handle_key;
      if (seen) continue;
      const Type& record = api_.type(it->second.type);
      auto field_named = [&](const std::string& name) -> const model::Field& {
        for (const model::Field& f : record.fields)
          if (f.name == name) return f;
        throw Unplannable{record.name + " has no field '" + name + "'"};
      };
      for (const auto& [fname, fc] : it->second.contract->fields) {
        const model::Field& field = field_named(fname);
        const Type& ft = api_.type(field.type);
        Slot s;
        s.name = h.name + "->" + fname;
        s.type = field.type;
        s.field_of = static_cast<int>(k);
        s.field_offset = field.offset_bits / 8;
        s.field_size = ft.size;
        if (fc.value) {
          if (!fc.fixed) throw Unplannable{"the value of field " + s.name + " (" + fc.value->value + ") is unknown"};
          s.kind = SlotKind::Fixed;
          s.fixed = *fc.fixed;
          s.value_type = field.type;
          p.params.push_back(s);
          continue;
        }
        if (ft.kind != TypeKind::Pointer) throw Unplannable{"field " + s.name + " has a len contract but is not a pointer"};
        const model::Field& len_field = field_named(fc.len->value);
        const Type& lt = api_.type(len_field.type);
        if (lt.kind != TypeKind::Int) throw Unplannable{"field " + fc.len->value + " is the length of " + s.name + " but is not an integer"};
        const Type& pointee = api_.type(ft.pointee);
        s.kind = SlotKind::Buffer;
        s.value_type = ft.pointee;
        const bool bytes = (fc.len_unit && fc.len_unit->value == model::LenUnit::Bytes) || pointee.size == 0;
        s.unit_size = bytes ? 1 : pointee.size;
        Slot len;
        len.kind = SlotKind::Length;
        len.name = h.name + "->" + fc.len->value;
        len.type = len_field.type;
        len.value_type = len_field.type;
        len.field_of = static_cast<int>(k);
        len.field_offset = len_field.offset_bits / 8;
        len.field_size = lt.size;
        s.partner = static_cast<int>(p.params.size() + 1);
        len.partner = static_cast<int>(p.params.size());
        p.params.push_back(s);
        p.params.push_back(len);
      }
    }
  }

  // A buffer's own `len` (a pairing, or `len = false`) outranks the length_of that naming put
  // on its neighbour: a contract that re-pairs or unpairs it must not be paired back.
  bool buffer_decides_its_length(const std::string& buffer) const {
    const model::ParamContract* pc = param_contract(buffer);
    return pc && pc->len && (pc->len->value.param.empty() || pc->len->origin.source != model::ContractSource::Naming);
  }

  static int index_of(const FunctionPlan& p, const std::string& name) {
    for (size_t i = 0; i < p.params.size(); ++i)
      if (p.params[i].name == name) return static_cast<int>(i);
    return -1;
  }

  void plan_return(FunctionPlan& p) {
    const Type& t = api_.type(fn_.ret);
    const model::ReturnContract* rc = contract_ ? &contract_->ret : nullptr;
    if (t.kind == TypeKind::Void) {
      p.ret = ReturnKind::Void;
    } else if (t.kind == TypeKind::Pointer) {
      const Type& pointee = api_.type(t.pointee);
      const bool borrowed = rc && (rc->borrowed_from || (rc->is_static && rc->is_static->value));
      auto counted = types_.find(handle_key(api_, t.pointee));
      const bool refcounted = counted != types_.end() && counted->second.contract && counted->second.contract->destroy;
      if ((rc && rc->owned_by) || (refcounted && !borrowed)) {
        // A reference-counted type's functions return a new reference unless the contract
        // says borrowed: dropped with the type's destroy function (drops_reference).
        if (p.produced_by >= 0) throw Unplannable{"both its result and a parameter are new objects (not supported yet)"};
        p.ret = ReturnKind::OwnedHandle;
        p.produces = handle_key(api_, t.pointee);
        p.returns_base = counted != types_.end() && counted->second.contract && counted->second.contract->base &&
                         counted->second.contract->base->value;
        owned_by_ = rc && rc->owned_by ? rc->owned_by->value : counted->second.contract->destroy->value;
      } else if (rc && rc->cstring ? rc->cstring->value && is_char_like(pointee) : is_plain_char(pointee)) {
        p.ret = ReturnKind::CString;
      } else {
        p.ret = ReturnKind::Borrowed;
        p.returns_key = handle_key(api_, t.pointee);
      }
    } else if (t.kind == TypeKind::LongDouble || t.kind == TypeKind::Unsupported) {
      throw Unplannable{"returns " + describe(api_, fn_.ret) + ", which libffi cannot receive here"};
    } else if (t.kind == TypeKind::Union) {
      throw Unplannable{"returns a union by value (not supported yet)"};
    } else {
      p.ret = ReturnKind::Value;
    }
  }

 public:
  std::string owned_by_;

 private:
  const ApiModel& api_;
  const model::Function& fn_;
  const model::FunctionContract* contract_;
  const std::map<std::string, TypeFacts>& types_;
  const std::set<std::string>& produced_keys_;  // kinds of object some function produces
  size_t slot_index_ = 0;
  std::vector<std::pair<int, std::string>> produced_;  // (slot, its releaser's name)
  // (buffer parameter, length parameter) pairs from either side's contract.
  std::vector<std::pair<std::string, std::string>> lengths_;
};

}  // namespace

const char* to_string(SlotKind kind) {
  switch (kind) {
    case SlotKind::Int: return "int";
    case SlotKind::Float: return "float";
    case SlotKind::Record: return "record";
    case SlotKind::CString: return "cstring";
    case SlotKind::Buffer: return "buffer";
    case SlotKind::Length: return "length";
    case SlotKind::Handle: return "handle";
    case SlotKind::Object: return "object";
    case SlotKind::Out: return "out";
    case SlotKind::Init: return "init";
    case SlotKind::OutHandle: return "out-handle";
    case SlotKind::Callback: return "callback";
    case SlotKind::Fixed: return "fixed";
    case SlotKind::File: return "file";
    case SlotKind::Strings: return "strings";
  }
  return "?";
}

const FunctionPlan* ApiPlan::find(const std::string& name) const {
  int i = index_of(name);
  return i < 0 ? nullptr : &functions[static_cast<size_t>(i)];
}

int ApiPlan::index_of(const std::string& name) const {
  for (size_t i = 0; i < functions.size(); ++i)
    if (functions[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::vector<int>* ApiPlan::producers_of(const std::string& key) const {
  for (const auto& [k, v] : producers)
    if (k == key) return &v;
  return nullptr;
}

namespace {

std::map<std::string, TypeFacts> type_facts(const ApiModel& api, const model::Contracts& contracts) {
  std::map<std::string, TypeFacts> out;
  for (const auto& [name, tc] : contracts.types) {
    std::optional<model::TypeId> id = api.find_type(name);
    if (!id) continue;
    out[strip_qualifiers(api.type(*id).name)] = TypeFacts{&tc, *id};
  }
  return out;
}

// The releaser a produced object needs: a plan function, free(), or nothing (caller-allocated
// storage nothing finalizes). -3: named, but not callable.
int resolve_releaser(const ApiPlan& plan, const FunctionPlan& f, const std::string& name) {
  if (name == "free") return kReleaseWithFree;
  if (name.empty()) {
    // Unnamed (a contract's initializes = "dest"): the one function releasing that kind.
    // Several (yaml_document_delete, and yaml_emitter_dump, which takes it over): the one
    // whose only parameter is the object.
    int found = -1, count = 0, alone = -1, alone_count = 0;
    for (size_t i = 0; i < plan.functions.size(); ++i)
      for (const Slot& s : plan.functions[i].params)
        if (s.kind == SlotKind::Handle && s.releases && s.handle_key == f.produces && found != static_cast<int>(i)) {
          found = static_cast<int>(i), ++count;
          if (plan.functions[i].arity == 1) alone = static_cast<int>(i), ++alone_count;
        }
    if (count == 1) return found;
    if (alone_count == 1) return alone;
    return f.produced_by >= 0 && f.params[static_cast<size_t>(f.produced_by)].kind == SlotKind::Init ? kNoReleaser : -3;
  }
  int i = plan.index_of(name);
  return i >= 0 ? i : -3;
}

void plan_images(const ApiModel& api, const std::map<std::string, TypeFacts>& types, ApiPlan& plan,
                 std::vector<FunctionPlan>& functions) {
  for (FunctionPlan& f : functions)
    for (Slot& s : f.params) {
      // An array of structs (nghttp2_nv *nva, size_t nvlen): each element an image of its own,
      // its pointer fields pointed at memory of the harness's, never fuzzed bytes.
      const bool struct_array = s.kind == SlotKind::Buffer && is_record(api.type(s.value_type)) &&
                                api.type(s.value_type).complete && s.unit_size == api.type(s.value_type).size;
      if (s.kind != SlotKind::Record && s.kind != SlotKind::Object && !struct_array) continue;
      if (api.type(s.value_type).size == 0) continue;
      auto it = std::find_if(plan.images.begin(), plan.images.end(),
                             [&](const ImageLayout& l) { return l.type == s.value_type; });
      if (it == plan.images.end()) {
        ImageLayout layout = image_layout(api, s.value_type);
        auto t = types.find(strip_qualifiers(api.type(s.value_type).name));
        if (t != types.end() && t->second.contract) {
          std::vector<ImageLayout::FixedAt> fixed;
          for (const model::Field& field : api.type(s.value_type).fields) {
            auto fc = t->second.contract->fields.find(field.name);
            if (fc == t->second.contract->fields.end() || !fc->second.fixed || fc->second.fixed->is_string) continue;
            fixed.push_back({field.offset_bits / 8, api.type(field.type).size, static_cast<uint64_t>(fc->second.fixed->integer)});
          }
          fix_fields(layout, std::move(fixed));
        }
        plan.images.push_back(std::move(layout));
        it = plan.images.end() - 1;
      }
      s.image = static_cast<int>(it - plan.images.begin());
    }
}

ApiPlan plan_once(const ApiModel& api, const model::Contracts& contracts,
                  const std::map<std::string, std::string>& unavailable, const std::set<std::string>& produced) {
  ApiPlan plan;
  const std::map<std::string, TypeFacts> types = type_facts(api, contracts);
  std::set<std::string> destroyers;  // refcounted types' destroy functions
  for (const auto& [key, t] : types)
    if (t.contract->destroy) destroyers.insert(t.contract->destroy->value);
  std::vector<std::string> owned_by;  // parallel to plan.functions
  for (uint32_t i = 0; i < api.functions.size(); ++i) {
    const model::Function& fn = api.functions[i];
    const model::FunctionContract* contract = contracts.find(fn.name);
    auto skip = [&](const std::string& why) { plan.skipped.push_back({fn.name, why}); };
    if (fn.skip_reason) { skip(*fn.skip_reason); continue; }
    if (contract && contract->skip) { skip("contract: " + contract->skip->value); continue; }
    if (fn.variadic) { skip("variadic: the contract does not fix its extra arguments"); continue; }
    if (auto it = unavailable.find(fn.name); it != unavailable.end()) { skip(it->second); continue; }
    try {
      FunctionPlanner planner(api, fn, contract, types, produced);
      FunctionPlan f = planner.plan(i);
      if (contract && contract->init_once && contract->init_once->value) {
        for (const Slot& s : f.params)
          if (s.kind != SlotKind::Fixed && s.kind != SlotKind::Int)
            throw Unplannable{"init_once, but parameter '" + s.name + "' has no fixed value"};
        plan.init_once.push_back(std::move(f));
        continue;
      }
      plan.functions.push_back(std::move(f));
      owned_by.push_back(planner.owned_by_);
    } catch (const Unplannable& u) {
      skip(u.reason);
    }
  }
  // Produced objects need a callable releaser, or the harness would leak them itself; a
  // function whose prerequisite (requires) cannot be called cannot be called correctly. Both
  // remove functions, so they run to a common fixpoint before any index is kept.
  auto callable_or_once = [&](const std::string& name) {
    return plan.index_of(name) >= 0 ||
           std::any_of(plan.init_once.begin(), plan.init_once.end(), [&](const FunctionPlan& g) { return g.name == name; });
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < plan.functions.size() && !changed; ++i)
      for (const std::string& r : plan.functions[i].requires_calls)
        if (!callable_or_once(r)) {
          plan.skipped.push_back({plan.functions[i].name, "requires " + r + ", which cannot be called"});
          plan.functions.erase(plan.functions.begin() + static_cast<long>(i));
          owned_by.erase(owned_by.begin() + static_cast<long>(i));
          changed = true;
          break;
        }
    for (size_t i = 0; i < plan.functions.size() && !changed; ++i) {
      FunctionPlan& f = plan.functions[i];
      if (f.produces.empty()) continue;
      f.releaser = resolve_releaser(plan, f, owned_by[i]);
      if (f.releaser == -3) {
        plan.skipped.push_back({f.name, owned_by[i].empty() ? "nothing releases the " + f.produces + " it makes (say owned_by in a contract)"
                                                            : "what it makes is owned by '" + owned_by[i] + "', which cannot be called"});
        plan.functions.erase(plan.functions.begin() + static_cast<long>(i));
        owned_by.erase(owned_by.begin() + static_cast<long>(i));
        changed = true;
        break;
      }
    }
  }
  for (size_t i = 0; i < plan.functions.size(); ++i) {
    const FunctionPlan& f = plan.functions[i];
    if (f.produces.empty()) continue;
    auto it = std::find_if(plan.producers.begin(), plan.producers.end(),
                           [&](const auto& kv) { return kv.first == f.produces; });
    if (it == plan.producers.end()) plan.producers.push_back({f.produces, {}}), it = plan.producers.end() - 1;
    it->second.push_back(static_cast<int>(i));
  }
  // A reference-counted type's destroy function drops a reference (json_delete stands in
  // for the header-inline json_decref).
  for (FunctionPlan& f : plan.functions) {
    if (!destroyers.count(f.name)) continue;
    for (const auto& [key, t] : types) {
      if (!t.contract->destroy || t.contract->destroy->value != f.name) continue;
      for (const model::Field& field : api.type(t.type).fields)
        if (field.name == t.contract->refcount_field->value) {
          f.drops_reference = true;
          f.refcount_offset = field.offset_bits / 8;
          f.refcount_size = api.type(field.type).size;
        }
    }
  }
  for (FunctionPlan& f : plan.functions)
    for (const std::string& r : f.requires_calls)
      if (int at = plan.index_of(r); at >= 0) f.requires_fns.push_back(at);  // init_once ones: always done
  for (FunctionPlan& f : plan.functions)
    for (const std::string& x : f.excludes_calls)
      if (int at = plan.index_of(x); at >= 0) f.excludes_fns.push_back(at);
  // A made_by naming no planned function keeps the slot's restriction: one index nothing
  // matches (-1), so the call waits for an object none of the others made.
  for (FunctionPlan& f : plan.functions)
    for (Slot& s : f.params) {
      for (const std::string& m : s.made_by_names)
        if (int at = plan.index_of(m); at >= 0) s.made_by.push_back(at);
      if (!s.made_by_names.empty() && s.made_by.empty()) s.made_by.push_back(-1);
    }
  plan_images(api, types, plan, plan.functions);
  plan_images(api, types, plan, plan.init_once);
  return plan;
}

}  // namespace

ApiPlan build_plan(const model::ApiModel& api, const model::Contracts& contracts,
                   const std::map<std::string, std::string>& unavailable) {
  // Twice: a pointer to a complete struct is a handle when some function produces or
  // releases objects of that type, which is known only once every function is planned.
  ApiPlan first = plan_once(api, contracts, unavailable, {});
  std::set<std::string> produced;  // and released: gzclose makes gzFile the library's, even with gzopen skipped
  for (const auto& [key, fns] : first.producers) produced.insert(key);
  for (const FunctionPlan& f : first.functions)
    for (const Slot& s : f.params)
      if (s.kind == SlotKind::Handle && s.releases) produced.insert(s.handle_key);
  if (produced.empty()) return first;
  return plan_once(api, contracts, unavailable, produced);
}

std::vector<std::string> functions_outside_focus(const ApiPlan& plan, const std::vector<std::string>& focus) {
  // A fixpoint: a kept function keeps the producers of the handles it takes (and the
  // functions returning such objects with no owner stated: a header that says nothing about
  // ownership still has constructors), the releaser of what it returns, and the functions it
  // `requires`. A focus function also keeps every other function that takes a kind of handle
  // it takes or returns (a bug often needs a call that changed the object's state first); a
  // function kept only for that does not pull in the users of its own handles in turn, or a
  // handle-based API would come back whole.
  std::vector<bool> keep(plan.functions.size(), false);
  std::vector<int> work;
  auto users_of = [&](const std::string& key) {
    for (size_t u = 0; u < plan.functions.size(); ++u)
      for (const Slot& s : plan.functions[u].params)
        if (s.kind == SlotKind::Handle && s.handle_key == key) work.push_back(static_cast<int>(u));
  };
  for (const std::string& name : focus) {
    const int i = plan.index_of(name);
    if (i < 0) continue;
    work.push_back(i);
    const FunctionPlan& f = plan.functions[static_cast<size_t>(i)];
    for (const Slot& s : f.params)
      if (s.kind == SlotKind::Handle) users_of(s.handle_key);
    if (!f.produces.empty()) users_of(f.produces);
    if (!f.returns_key.empty()) users_of(f.returns_key);
  }
  while (!work.empty()) {
    const size_t i = static_cast<size_t>(work.back());
    work.pop_back();
    if (keep[i]) continue;
    keep[i] = true;
    const FunctionPlan& f = plan.functions[i];
    if (f.releaser >= 0) work.push_back(f.releaser);
    for (int r : f.requires_fns) work.push_back(r);
    // A result nobody stated an owner for: the functions that could release it (void f(T *)),
    // so that the owner can be learned within the focus.
    if (!f.returns_key.empty())
      for (size_t r = 0; r < plan.functions.size(); ++r) {
        const FunctionPlan& g = plan.functions[r];
        if (g.ret == ReturnKind::Void && g.arity == 1 && g.params[0].kind == SlotKind::Handle &&
            g.params[0].handle_key == f.returns_key)
          work.push_back(static_cast<int>(r));
      }
    // A pointer given back through an out-parameter with no owner stated (libidn2's
    // char **output): the functions that could free it (void f(T *), idn2_free(void *)).
    bool out_pointer = false;
    for (size_t p = 0; p < f.arity; ++p) out_pointer |= f.params[p].kind == SlotKind::Out && f.params[p].out_pointer;
    if (out_pointer)
      for (size_t r = 0; r < plan.functions.size(); ++r) {
        const FunctionPlan& g = plan.functions[r];
        if (g.ret == ReturnKind::Void && g.arity == 1 &&
            (g.params[0].kind == SlotKind::Handle || g.params[0].kind == SlotKind::Buffer ||
             g.params[0].kind == SlotKind::Object || g.params[0].kind == SlotKind::CString))
          work.push_back(static_cast<int>(r));
      }
    for (const Slot& s : f.params)
      if (s.kind == SlotKind::Handle) {
        if (const std::vector<int>* producers = plan.producers_of(s.handle_key))
          for (int p : *producers) work.push_back(p);
        for (size_t r = 0; r < plan.functions.size(); ++r)
          if (plan.functions[r].returns_key == s.handle_key) work.push_back(static_cast<int>(r));
      }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < plan.functions.size(); ++i)
    if (!keep[i]) out.push_back(plan.functions[i].name);
  return out;
}

}  // namespace ffifuzz::program
