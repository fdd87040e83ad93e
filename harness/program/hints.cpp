#include "program/hints.h"

#include <cstring>

#include "program/values.h"

namespace ffifuzz::program {
namespace {

uint64_t low_mask(uint64_t bytes) { return bytes >= 8 ? ~uint64_t{0} : (uint64_t{1} << (bytes * 8)) - 1; }

// Whether a value `width` bytes wide equals the comparison operand `operand` of `size`
// bytes: the low min(width, size) bytes agree and the operand has no significant bits above
// the value's width (beyond a sign extension).
bool same_value(uint64_t value, uint64_t width, uint64_t operand, uint64_t size) {
  uint64_t common = low_mask(std::min(width, size));
  if ((value & common) != (operand & common)) return false;
  if (size <= width) return true;
  uint64_t above = operand & low_mask(size) & ~low_mask(width);
  return above == 0 || above == (low_mask(size) & ~low_mask(width));
}

// How far into a buffer its bytes are searched for an operand.
constexpr size_t kBufferHead = 256;

// A value unlikely to match an argument by chance: outside [-256, 256] at its width.
bool distinctive(uint64_t operand, uint64_t size);

// The operand as a 64-bit value: sign-extended from its width when its top bit is set, so
// that a narrow negative comparand stays negative in a wider slot (normalize clips it).
uint64_t widen(uint64_t operand, uint64_t size) {
  if (size >= 8) return operand;
  uint64_t sign = uint64_t{1} << (size * 8 - 1);
  operand &= low_mask(size);
  return (operand & sign) ? operand | ~low_mask(size) : operand;
}

bool distinctive(uint64_t operand, uint64_t size) {
  const int64_t v = static_cast<int64_t>(widen(operand, size));
  return v > 256 || v < -256;
}

// Hints for the integer fields of a struct image (nested structs included) that held `from`.
void field_hints(const model::ApiModel& api, model::TypeId type, uint64_t base, const std::vector<uint8_t>& bytes,
                 uint32_t call_index, uint32_t slot, uint64_t from, uint64_t to, uint64_t size, int depth,
                 std::vector<Hint>& out) {
  const model::Type& t = api.type(type);
  if (depth > 3 || t.kind != model::TypeKind::Struct) return;
  for (const model::Field& f : t.fields) {
    if (f.bit_width != 0 || f.offset_bits % 8 != 0) continue;
    const model::Type& ft = api.type(f.type);
    const uint64_t at = base + f.offset_bits / 8;
    if (ft.kind == model::TypeKind::Struct) {
      field_hints(api, f.type, at, bytes, call_index, slot, from, to, size, depth + 1, out);
      continue;
    }
    if ((ft.kind != model::TypeKind::Int && ft.kind != model::TypeKind::Enum) || ft.size == 0 || ft.size > 8 ||
        at + ft.size > bytes.size())
      continue;
    uint64_t v = 0;
    std::memcpy(&v, bytes.data() + at, ft.size);
    if (same_value(v, ft.size, from, size))
      out.push_back({.call = call_index, .slot = slot, .value = widen(to, size), .offset = static_cast<uint32_t>(at),
                     .width = static_cast<uint8_t>(ft.size)});
  }
}

// Hints for one slot from one comparison, where `from` is the operand the slot's value
// matched and `to` the other.
void slot_hints(const ApiPlan& plan, const model::ApiModel& api, const Call& call, uint32_t call_index, uint32_t slot,
                uint64_t from, uint64_t to, uint64_t size, size_t max_bytes, bool same_call, std::vector<Hint>& out) {
  const FunctionPlan& f = plan.functions[call.fn];
  const Slot& s = f.params[slot];
  const Arg& a = call.args[slot];
  // An earlier call's value matches only when it is distinctive: small numbers are everywhere.
  if (!same_call && !distinctive(from, size)) return;
  switch (s.kind) {
    case SlotKind::Int:
      if (same_value(a.bits, scalar_size(api, s), from, size))
        out.push_back({.call = call_index, .slot = slot, .value = widen(to, size)});
      return;
    case SlotKind::Length: {
      if (!same_call) return;  // another call's buffer sizes say nothing of this one's
      const Slot& buffer = f.params[static_cast<size_t>(s.partner)];
      const Arg& b = call.args[static_cast<size_t>(s.partner)];
      if (b.is_null) return;
      const bool strings = buffer.kind == SlotKind::Strings;
      uint64_t units = strings ? split_strings(b.bytes).size() : b.bytes.size() / buffer.unit_size;
      uint64_t wanted = widen(to, size);
      const uint64_t most = strings ? kMaxStrings : max_bytes / buffer.unit_size;
      // The length is the buffer's size: the buffer must fit the other operand's units.
      if (same_value(units, 8, from, size) && wanted != units && wanted <= most)
        out.push_back({.call = call_index, .slot = slot, .value = wanted});
      return;
    }
    case SlotKind::Record:
    case SlotKind::Object:
      if (!a.is_null) field_hints(api, s.value_type, 0, a.bytes, call_index, slot, from, to, size, 0, out);
      return;
    case SlotKind::Buffer:
    case SlotKind::CString:
    case SlotKind::Strings: {
      // A magic number read from the data (`if (read_u32(data) != MAGIC)`): wherever its bytes
      // sit in the buffer's head. One-byte comparisons would match everywhere.
      if (a.is_null || size < 2 || (from & low_mask(size)) == 0) return;
      const size_t end = std::min<size_t>(a.bytes.size(), kBufferHead);
      for (size_t at = 0; at + size <= end; ++at) {
        uint64_t v = 0;
        std::memcpy(&v, a.bytes.data() + at, size);
        if (v == (from & low_mask(size)))
          out.push_back({.call = call_index, .slot = slot, .value = to, .offset = static_cast<uint32_t>(at),
                         .width = static_cast<uint8_t>(size)});
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace

std::vector<Hint> find_hints(const ApiPlan& plan, const model::ApiModel& api, std::span<const Comparison> comparisons,
                             const Program& p, size_t max_bytes) {
  std::vector<Hint> hints;
  for (const Comparison& c : comparisons) {
    // c.call == the program's length: the final releases, which compare what earlier calls gave.
    if (c.call > p.calls.size() || p.calls.empty() || c.size == 0 || c.size > 8) continue;
    uint64_t mask = low_mask(c.size);
    if ((c.a & mask) == (c.b & mask)) continue;  // the comparison already held
    // The call that compared, and the calls before it: a destructor checks a flag its
    // constructor stored, a call checks what an earlier one set.
    const uint32_t last = std::min<uint32_t>(c.call, static_cast<uint32_t>(p.calls.size() - 1));
    for (uint32_t j = 0; j <= last; ++j) {
      const Call& call = p.calls[j];
      const bool same_call = j == c.call;
      for (uint32_t slot = 0; slot < call.args.size(); ++slot) {
        slot_hints(plan, api, call, j, slot, c.a, c.b, c.size, max_bytes, same_call, hints);
        slot_hints(plan, api, call, j, slot, c.b, c.a, c.size, max_bytes, same_call, hints);
      }
    }
  }
  return hints;
}

void apply_hint(const ApiPlan& plan, const Hint& hint, Program& p) {
  Call& call = p.calls[hint.call];
  const Slot& s = plan.functions[call.fn].params[hint.slot];
  Arg& a = call.args[hint.slot];
  switch (s.kind) {
    case SlotKind::Int:
      a.bits = hint.value;
      return;
    case SlotKind::Length: {
      const Slot& buffer = plan.functions[call.fn].params[static_cast<size_t>(s.partner)];
      std::vector<uint8_t>& bytes = call.args[static_cast<size_t>(s.partner)].bytes;
      if (buffer.kind == SlotKind::Strings) {  // as many strings: the ones there, repeated, or the first few
        std::vector<std::vector<uint8_t>> strings = split_strings(bytes);
        const size_t had = strings.size();
        bytes.clear();
        for (size_t k = 0; k < hint.value; ++k) {
          if (had) bytes.insert(bytes.end(), strings[k % had].begin(), strings[k % had].end());
          else bytes.push_back('a');
          bytes.push_back(0);
        }
        return;
      }
      // Grown with copies of what is there, so that a record-shaped buffer stays one.
      size_t old = bytes.size();
      bytes.resize(hint.value * buffer.unit_size);
      for (size_t i = old; old > 0 && i < bytes.size(); ++i) bytes[i] = bytes[i % old];
      return;
    }
    case SlotKind::Record:
    case SlotKind::Object:
    case SlotKind::Buffer:
    case SlotKind::CString:
    case SlotKind::Strings:
      if (hint.offset + hint.width <= a.bytes.size()) std::memcpy(a.bytes.data() + hint.offset, &hint.value, hint.width);
      return;
    default:
      return;
  }
}

bool apply_random_hint(const ApiPlan& plan, const model::ApiModel& api, Random& rng,
                       std::span<const Comparison> comparisons, Program& p, size_t max_bytes) {
  // A comparison at a time, picked at random: a library comparing on every byte logs
  // thousands, and matching them all against every slot of every call would cost more than
  // running the program. Most match nothing; a few tries find one that does.
  constexpr int kTries = 32;
  for (int i = 0; i < kTries && !comparisons.empty(); ++i) {
    const Comparison& c = comparisons[rng.below(comparisons.size())];
    std::vector<Hint> hints = find_hints(plan, api, {&c, 1}, p, max_bytes);
    if (hints.empty()) continue;
    apply_hint(plan, hints[rng.below(hints.size())], p);
    return true;
  }
  return false;
}

}  // namespace ffifuzz::program
