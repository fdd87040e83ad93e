#include <algorithm>

#include "program/program.h"
#include "program/image.h"
#include "program/storage.h"
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
      // A range on a pointer to one integer bounds the integer (giflib's GifAddExtensionBlock(int
      // *ExtensionBlockCount, ExtensionBlock **ExtensionBlocks, ...): a count of what the empty
      // array the harness gives holds, 0).
      if (slot.range && !a.is_null && pointee.kind == model::TypeKind::Int && pointee.size <= 8) {
        uint64_t bits = 0;
        std::copy(a.bytes.begin(), a.bytes.end(), reinterpret_cast<uint8_t*>(&bits));
        bits = normalize_int(api, slot, bits);
        std::copy(reinterpret_cast<const uint8_t*>(&bits), reinterpret_cast<const uint8_t*>(&bits) + a.bytes.size(),
                  a.bytes.begin());
      }
      break;
    }
    case SlotKind::CString:
    case SlotKind::Buffer:
    case SlotKind::File:
      a.bits = 0;
      if (a.is_null) a.bytes.clear();
      if (a.bytes.size() > kMaxBytes) a.bytes.resize(kMaxBytes);
      if (slot.kind == SlotKind::Buffer && slot.unit_size > 1)
        a.bytes.resize(a.bytes.size() / slot.unit_size * slot.unit_size);
      break;
    case SlotKind::Strings: {
      // Each string is a placement of its own: a bounded count keeps a program's storage bounded.
      a.bits = 0;
      if (a.is_null) a.bytes.clear();
      if (a.bytes.size() > kMaxBytes) a.bytes.resize(kMaxBytes);
      if (!a.bytes.empty() && a.bytes.back() != 0) {  // one spelling per list: every string ended
        if (a.bytes.size() == kMaxBytes) a.bytes.back() = 0;
        else a.bytes.push_back(0);
      }
      size_t ended = 0;
      for (size_t i = 0; i < a.bytes.size(); ++i)
        if (a.bytes[i] == 0 && ++ended == kMaxStrings) {
          a.bytes.resize(i + 1);
          break;
        }
      break;
    }
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

// A range on a buffer's length (the plan has checked that its max is not negative) bounds the
// buffer: cut to max units, zero-filled up to min (and at most kMaxBytes).
static void bound_by_length_range(const Slot& buffer, const model::IntRange& range, Arg& a) {
  if (a.is_null) return;
  const uint64_t unit = buffer.unit_size;
  const uint64_t max_units = static_cast<uint64_t>(range.max);
  const uint64_t min_units = std::min(static_cast<uint64_t>(std::max<int64_t>(range.min, 0)), kMaxBytes / unit);
  const uint64_t units = a.bytes.size() / unit;
  if (units > max_units) a.bytes.resize(max_units * unit);
  else if (units < min_units) a.bytes.resize(min_units * unit, 0);
}

void normalize(const ApiPlan& plan, const model::ApiModel& api, Program& program) {
  if (plan.functions.empty()) {
    program.calls.clear();
    return;
  }
  if (program.calls.size() > kMaxCalls) resize_calls(program.calls, kMaxCalls);
  for (Call& c : program.calls) {
    c.fn %= static_cast<uint32_t>(plan.functions.size());
    const FunctionPlan& f = plan.functions[c.fn];
    resize_args(c.args, f.params.size());
    for (size_t i = 0; i < f.params.size(); ++i) {
      const Slot& s = f.params[i];
      normalize_arg(plan, api, s, c.args[i]);
      if (s.kind == SlotKind::Buffer && s.partner >= 0 && f.params[static_cast<size_t>(s.partner)].range)
        bound_by_length_range(s, *f.params[static_cast<size_t>(s.partner)].range, c.args[i]);
    }
  }
}

}  // namespace ffifuzz::program
