#include "program/plan.h"

#include <algorithm>

namespace ffifuzz::program {
namespace {

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

bool is_char_like(const Type& t) { return t.kind == TypeKind::Int && t.size == 1; }

bool is_record(const Type& t) { return t.kind == TypeKind::Struct || t.kind == TypeKind::Union; }

// Raised while planning one function: the function is skipped with this reason.
struct Unplannable {
  std::string reason;
};

class FunctionPlanner {
 public:
  FunctionPlanner(const ApiModel& api, const model::Function& fn, const model::FunctionContract* contract)
      : api_(api), fn_(fn), contract_(contract) {}

  FunctionPlan plan(uint32_t index) {
    FunctionPlan p;
    p.function = index;
    p.name = fn_.name;
    for (size_t i = 0; i < fn_.params.size(); ++i) p.params.push_back(plan_param(i));
    link_lengths(p);
    plan_return(p);
    if (contract_ && contract_->requires_calls) p.requires_calls = contract_->requires_calls->value;
    for (const Slot& s : p.params) p.is_releaser |= s.releases;
    return p;
  }

 private:
  const model::ParamContract* param_contract(const std::string& name) const {
    if (!contract_) return nullptr;
    auto it = contract_->params.find(name);
    return it == contract_->params.end() ? nullptr : &it->second;
  }

  static std::string param_name(const model::Param& p, size_t i) {
    return p.name.empty() ? "arg" + std::to_string(i) : p.name;
  }

  Slot plan_param(size_t i) {
    const model::Param& param = fn_.params[i];
    Slot s;
    s.name = param_name(param, i);
    s.type = param.type;
    const Type& t = api_.type(param.type);
    const model::ParamContract* pc = param_contract(s.name);
    if (pc && pc->nullable) s.nullable = pc->nullable->value;
    if (pc && pc->range) s.range = pc->range->value;

    switch (t.kind) {
      case TypeKind::Bool:
      case TypeKind::Int:
      case TypeKind::Enum:
        s.kind = SlotKind::Int;
        s.value_type = param.type;
        if (pc && pc->length_of) lengths_.push_back({pc->length_of->value, s.name});
        return s;
      case TypeKind::Float:
        s.kind = SlotKind::Float;
        s.value_type = param.type;
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

  void plan_pointer(Slot& s, const Type& t, const model::ParamContract* pc) {
    s.value_type = t.pointee;
    const Type& pointee = api_.type(t.pointee);
    bool releases = pc && pc->releases && pc->releases->value;
    if ((pc && pc->handle) || releases) {
      s.kind = SlotKind::Handle;
      s.handle_key = pc && pc->handle ? pc->handle->value : handle_key(api_, t.pointee);
      s.releases = releases;
    } else if (pc && pc->len) {
      s.kind = SlotKind::Buffer;
      s.unit_size = pc->len->value.unit == model::LenUnit::Bytes || pointee.size == 0 ? 1 : pointee.size;
      lengths_.push_back({s.name, pc->len->value.param});
    } else if (pc && pc->cstring && pc->cstring->value) {
      s.kind = SlotKind::CString;
    } else if (pc && pc->direction && pc->direction->value != model::Direction::In) {
      if (pointee.size == 0) throw Unplannable{"out parameter '" + s.name + "' points to a type of unknown size"};
      s.kind = SlotKind::Out;
    } else if (is_record(pointee) && !pointee.complete) {
      s.kind = SlotKind::Handle;
      s.handle_key = handle_key(api_, t.pointee);
    } else if (is_char_like(pointee)) {
      s.kind = SlotKind::CString;
    } else if (pointee.kind == TypeKind::Function) {
      if (!s.nullable) throw Unplannable{"function-pointer parameter '" + s.name + "' (only NULL could be passed, and the contract does not allow it)"};
      s.kind = SlotKind::Object;  // always passed as NULL
    } else if (pointee.kind == TypeKind::Pointer) {
      s.kind = SlotKind::Out;  // T **: storage for one pointer, zeroed
    } else if (pointee.kind == TypeKind::Void || pointee.size == 0) {
      throw Unplannable{"parameter '" + s.name + "' is " + describe(api_, s.type) +
                        " without a len contract: its size is unknown"};
    } else {
      // A pointer to one complete object. Turned into a Handle later when some function
      // returns objects of that type (the library's objects, not ours).
      s.kind = SlotKind::Object;
      s.handle_key = handle_key(api_, t.pointee);
    }
  }

  void link_lengths(FunctionPlan& p) {
    for (const auto& [buffer, length] : lengths_) {
      int b = index_of(p, buffer), l = index_of(p, length);
      if (b < 0 || l < 0)
        throw Unplannable{"len contract pairs '" + buffer + "' with '" + length + "', and one of them does not exist"};
      if (p.params[l].kind == SlotKind::Length) continue;  // stated on both sides
      Slot& len = p.params[l];
      if (len.kind != SlotKind::Int)
        throw Unplannable{"len contract names '" + length + "', which is not an integer"};
      if (p.params[b].kind != SlotKind::Buffer) {  // length_of given on the integer side
        p.params[b].kind = SlotKind::Buffer;
        const Type& pointee = api_.type(p.params[b].value_type);
        p.params[b].unit_size = pointee.size == 0 ? 1 : pointee.size;
      }
      len.kind = SlotKind::Length;
      len.partner = b;
      p.params[b].partner = l;
    }
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
      if (rc && rc->owned_by) {
        p.ret = ReturnKind::OwnedHandle;
        p.ret_handle_key = handle_key(api_, t.pointee);
        owned_by_ = rc->owned_by->value;
      } else if (is_char_like(pointee)) {
        p.ret = ReturnKind::CString;
      } else {
        p.ret = ReturnKind::Borrowed;
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

ApiPlan build_plan(const model::ApiModel& api, const model::Contracts& contracts,
                   const std::map<std::string, std::string>& unavailable) {
  ApiPlan plan;
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
      FunctionPlanner planner(api, fn, contract);
      plan.functions.push_back(planner.plan(i));
      owned_by.push_back(planner.owned_by_);
    } catch (const Unplannable& u) {
      skip(u.reason);
    }
  }
  // Owned returns need a callable releaser, or the harness would leak them itself.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < plan.functions.size(); ++i) {
      FunctionPlan& f = plan.functions[i];
      if (f.ret != ReturnKind::OwnedHandle) continue;
      f.releaser = plan.index_of(owned_by[i]);
      if (f.releaser < 0) {
        plan.skipped.push_back({f.name, "its result is owned by '" + owned_by[i] + "', which cannot be called"});
        plan.functions.erase(plan.functions.begin() + static_cast<long>(i));
        owned_by.erase(owned_by.begin() + static_cast<long>(i));
        changed = true;
        break;
      }
    }
  }
  for (size_t i = 0; i < plan.functions.size(); ++i) {
    const FunctionPlan& f = plan.functions[i];
    if (f.ret != ReturnKind::OwnedHandle) continue;
    auto it = std::find_if(plan.producers.begin(), plan.producers.end(),
                           [&](const auto& kv) { return kv.first == f.ret_handle_key; });
    if (it == plan.producers.end()) plan.producers.push_back({f.ret_handle_key, {}}), it = plan.producers.end() - 1;
    it->second.push_back(static_cast<int>(i));
  }
  // A pointer to a complete struct that the library itself produces is one of its objects.
  for (FunctionPlan& f : plan.functions)
    for (Slot& s : f.params)
      if (s.kind == SlotKind::Object && !s.handle_key.empty() && plan.producers_of(s.handle_key))
        s.kind = SlotKind::Handle;
  // Image layouts, computed once per type: normalizing runs for every input.
  for (FunctionPlan& f : plan.functions)
    for (Slot& s : f.params) {
      if (s.kind != SlotKind::Record && s.kind != SlotKind::Object) continue;
      if (api.type(s.value_type).size == 0) continue;
      auto it = std::find_if(plan.images.begin(), plan.images.end(),
                             [&](const ImageLayout& l) { return l.type == s.value_type; });
      if (it == plan.images.end()) {
        plan.images.push_back(image_layout(api, s.value_type));
        it = plan.images.end() - 1;
      }
      s.image = static_cast<int>(it - plan.images.begin());
    }
  return plan;
}

std::vector<std::string> functions_outside_focus(const ApiPlan& plan, const std::vector<std::string>& focus) {
  // A fixpoint over three rules: a kept function keeps the producers of the handles it
  // takes, the releaser of what it returns, and, for each kind of handle it returns, every
  // function that takes that kind (a bug in a releaser often needs a call that changed the
  // object's state first, and that call may need handles of other kinds).
  std::vector<bool> keep(plan.functions.size(), false);
  std::vector<int> work;
  for (const std::string& name : focus)
    if (int i = plan.index_of(name); i >= 0) work.push_back(i);
  while (!work.empty()) {
    size_t i = static_cast<size_t>(work.back());
    work.pop_back();
    if (keep[i]) continue;
    keep[i] = true;
    const FunctionPlan& f = plan.functions[i];
    if (f.releaser >= 0) work.push_back(f.releaser);
    for (const Slot& s : f.params)
      if (s.kind == SlotKind::Handle)
        if (const std::vector<int>* producers = plan.producers_of(s.handle_key))
          for (int p : *producers) work.push_back(p);
    if (f.ret == ReturnKind::OwnedHandle)
      for (size_t u = 0; u < plan.functions.size(); ++u)
        for (const Slot& s : plan.functions[u].params)
          if (s.kind == SlotKind::Handle && s.handle_key == f.ret_handle_key) work.push_back(static_cast<int>(u));
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < plan.functions.size(); ++i)
    if (!keep[i]) out.push_back(plan.functions[i].name);
  return out;
}

}  // namespace ffifuzz::program
