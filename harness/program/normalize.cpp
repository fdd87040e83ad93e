#include <algorithm>

#include "program/program.h"
#include "program/image.h"
#include "program/values.h"

namespace ffifuzz::program {

static void canonicalize(const ApiPlan& plan, const model::ApiModel& api, const Slot& slot, Arg& a) {
  if (a.bytes.empty()) return;
  if (slot.image >= 0) canonicalize_image(api, plan.images[static_cast<size_t>(slot.image)], a.bytes.data());
  else canonicalize_image(api, slot.value_type, a.bytes.data());
}

static void normalize_arg(const ApiPlan& plan, const model::ApiModel& api, const Slot& slot, Arg& a) {
  if (!slot.nullable) a.is_null = false;
  switch (slot.kind) {
    case SlotKind::Int:
      a.is_null = false;
      a.bytes.clear();
      a.bits = normalize_int(api, slot, a.bits);
      break;
    case SlotKind::Float:
      a.is_null = false;
      a.bytes.clear();
      a.bits = normalize_float(api, slot, a.bits);
      break;
    case SlotKind::Record:
      a.is_null = false;
      a.bits = 0;
      a.bytes.resize(api.type(slot.value_type).size);
      canonicalize(plan, api, slot, a);
      break;
    case SlotKind::Object: {
      a.bits = 0;
      const model::Type& pointee = api.type(slot.value_type);
      if (pointee.kind == model::TypeKind::Function) a.is_null = true;  // only NULL is passable
      a.bytes.resize(a.is_null ? 0 : pointee.size);
      canonicalize(plan, api, slot, a);
      break;
    }
    case SlotKind::CString:
    case SlotKind::Buffer:
      a.bits = 0;
      if (a.is_null) a.bytes.clear();
      if (a.bytes.size() > kMaxBytes) a.bytes.resize(kMaxBytes);
      if (slot.kind == SlotKind::Buffer && slot.unit_size > 1)
        a.bytes.resize(a.bytes.size() / slot.unit_size * slot.unit_size);
      if (slot.kind == SlotKind::Buffer && !a.is_null) {
        const uint64_t units = a.bytes.size() / slot.unit_size;
        if (units > slot.max_units) a.bytes.resize(slot.max_units * slot.unit_size);
        if (units < slot.min_units) a.bytes.resize(std::min<uint64_t>(slot.min_units * slot.unit_size, kMaxBytes), 0);
      }
      break;
    case SlotKind::Length:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle:
    case SlotKind::Callback:
    case SlotKind::Fixed:
      a.bits = 0;
      a.bytes.clear();
      if (slot.kind != SlotKind::Out && slot.kind != SlotKind::Callback) a.is_null = false;
      break;
    case SlotKind::Handle:
      a.bytes.clear();
      a.bits %= 0xFF;  // 0xFF is the NULL marker in the encoding
      break;
  }
}

void normalize(const ApiPlan& plan, const model::ApiModel& api, Program& program) {
  if (plan.functions.empty()) {
    program.calls.clear();
    return;
  }
  if (program.calls.size() > kMaxCalls) program.calls.resize(kMaxCalls);
  for (Call& c : program.calls) {
    c.fn %= static_cast<uint32_t>(plan.functions.size());
    const FunctionPlan& f = plan.functions[c.fn];
    c.args.resize(f.params.size());
    for (size_t i = 0; i < f.params.size(); ++i) normalize_arg(plan, api, f.params[i], c.args[i]);
  }
}

}  // namespace ffifuzz::program
