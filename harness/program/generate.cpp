#include "program/generate.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "program/storage.h"
#include "program/values.h"

namespace ffifuzz::program {

Generator::Generator(const ApiPlan& plan, const model::ApiModel& api) : plan_(plan), api_(api) {
  for (const model::Type& t : api.types)
    if ((t.kind == model::TypeKind::Struct || t.kind == model::TypeKind::Union) && t.complete && t.size)
      struct_sizes_.push_back(t.size);
  std::sort(struct_sizes_.begin(), struct_sizes_.end());
  struct_sizes_.erase(std::unique(struct_sizes_.begin(), struct_sizes_.end()), struct_sizes_.end());
}

uint64_t Generator::interesting_int(Random& rng, const Slot& slot) const {
  const model::Type& t = api_.type(slot.value_type);
  unsigned bits = static_cast<unsigned>((t.size == 0 ? 4 : std::min<uint64_t>(t.size, 8)) * 8);
  uint64_t umax = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  uint64_t v;
  // A library constant twice as often as the other kinds: without trace-cmp (an uninstrumented
  // library) they are the only comparison operands the mutator can know.
  switch (rng.below(9)) {
    case 0: v = rng.below(3) - 1; break;                       // -1, 0, 1
    case 1: v = t.is_signed ? umax >> 1 : umax; break;          // max
    case 2: v = t.is_signed ? ~(umax >> 1) : 0; break;          // min
    case 3: {                                                   // 2^k - 1, 2^k, 2^k + 1
      uint64_t p = uint64_t{1} << rng.below(bits);
      v = p + rng.below(3) - 1;
      break;
    }
    case 4:
      v = struct_sizes_.empty() ? 16 : struct_sizes_[rng.below(struct_sizes_.size())];
      break;
    case 5: v = rng.below(256); break;                          // small
    case 6:                                                     // a constant from the library
    case 7:
      v = constants_.empty() ? rng.next() : constants_[rng.below(constants_.size())];
      break;
    default: v = rng.next(); break;                             // anything
  }
  return normalize_int(api_, slot, v);
}

uint64_t Generator::interesting_float(Random& rng, const Slot& slot) const {
  static const double specials[] = {0.0, -0.0, 1.0, -1.5, 0.5, 1e308, -1e308,
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::denorm_min(), 1e-310};
  bool is_float = api_.type(slot.value_type).size == 4;
  if (rng.below(3) == 0) return normalize_float(api_, slot, rng.next());
  double d = rng.below(3) == 0 ? static_cast<double>(static_cast<int64_t>(rng.below(2001)) - 1000)
                               : specials[rng.below(std::size(specials))];
  return float_bits(d, is_float);
}

std::vector<uint8_t> Generator::interesting_bytes(Random& rng, bool cstring) const {
  static const size_t sizes[] = {0, 1, 2, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 1000, 4096};
  // Mostly the telling sizes; now and then any size, rarely one beyond 4096 (they cost their
  // length on every execution).
  const size_t max = max_buffer_bytes();
  size_t n = !rng.one_in(4)   ? sizes[rng.below(std::size(sizes))]
             : rng.one_in(4) ? rng.below(max + 1)
                             : rng.below(std::min<size_t>(max, kDefaultBufferBytes) + 1);
  if (n > max) n = max;
  std::vector<uint8_t> b(n);
  switch (rng.below(4)) {
    case 0:  // printable text
      for (uint8_t& c : b) c = static_cast<uint8_t>(' ' + rng.below(95));
      break;
    case 1:  // one repeated byte
      std::fill(b.begin(), b.end(), static_cast<uint8_t>(rng.next()));
      break;
    default:  // anything, including invalid UTF-8
      for (uint8_t& c : b) c = static_cast<uint8_t>(rng.next());
  }
  if (cstring)  // a NUL inside would only shorten the string; keep the length meaningful
    for (uint8_t& c : b)
      if (c == 0) c = 'A';
  return b;
}

bool Generator::splice_constant(Random& rng, std::vector<uint8_t>& b) const {
  if (constants_.empty() || b.size() < 4) return false;
  uint64_t v = constants_[rng.below(constants_.size())];
  size_t width = v > 0xffffffffu && b.size() >= 8 ? 8 : 4;
  size_t slots = b.size() / width;
  size_t at = rng.one_in(2) ? 0 : rng.below(slots) * width;
  std::memcpy(b.data() + at, &v, width);
  return true;
}

Arg Generator::value(Random& rng, const Slot& slot) const {
  Arg a;
  value_into(rng, slot, a);
  return a;
}

void Generator::value_into(Random& rng, const Slot& slot, Arg& a) const {
  if (slot.nullable && rng.one_in(16)) {
    a.is_null = true;
    return;
  }
  switch (slot.kind) {
    case SlotKind::Int: a.bits = interesting_int(rng, slot); break;
    case SlotKind::Float: a.bits = interesting_float(rng, slot); break;
    case SlotKind::Record:
    case SlotKind::Object: {
      a.bytes.resize(api_.type(slot.value_type).size);
      if (!rng.one_in(4))
        for (uint8_t& c : a.bytes) c = static_cast<uint8_t>(rng.one_in(2) ? 0 : rng.next());
      break;
    }
    case SlotKind::CString: a.bytes = interesting_bytes(rng, true); break;
    case SlotKind::Strings:  // zero to three strings, each NUL-ended
      for (size_t n = rng.below(4), k = 0; k < n; ++k) {
        std::vector<uint8_t> one = interesting_bytes(rng, true);
        a.bytes.insert(a.bytes.end(), one.begin(), one.end());
        a.bytes.push_back(0);
      }
      break;
    case SlotKind::Buffer:
    case SlotKind::File:
      a.bytes = interesting_bytes(rng, false);
      if (rng.one_in(4)) splice_constant(rng, a.bytes);
      break;
    case SlotKind::Handle: a.bits = rng.below(4); break;
    case SlotKind::Length:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle:
    case SlotKind::Callback:
    case SlotKind::Fixed: break;
  }
}

void Generator::append_call(Random& rng, Program& p, uint32_t fn, int depth) const {
  const FunctionPlan& f = plan_.functions[fn];
  if (depth < 3) {
    for (const Slot& s : f.params) {
      if (s.kind != SlotKind::Handle) continue;
      // made_by: only those functions' objects will do.
      const std::vector<int>* producers = s.made_by.empty() ? plan_.producers_of(s.handle_key) : &s.made_by;
      if (!producers || producers->empty() || producers->front() < 0) continue;
      bool have = false;
      for (const Call& c : p.calls)
        have |= plan_.functions[c.fn].produces == s.handle_key &&
                (s.made_by.empty() || std::find(s.made_by.begin(), s.made_by.end(), static_cast<int>(c.fn)) != s.made_by.end());
      if (!have && p.calls.size() + 1 < max_calls())
        append_call(rng, p, static_cast<uint32_t>((*producers)[rng.below(producers->size())]), depth + 1);
    }
  }
  if (p.calls.size() >= max_calls()) return;
  resize_calls(p.calls, p.calls.size() + 1);  // a kept call's storage (program/storage.h)
  Call& c = p.calls.back();
  c.fn = fn;
  resize_args(c.args, f.params.size());
  for (size_t i = 0; i < f.params.size(); ++i) value_into(rng, f.params[i], c.args[i]);
}

// Typical values: small integers, 1.0, short text, a 16-element buffer, zeroed structs, the
// first live handle.
Call Generator::typical_call(uint32_t fn) const {
  Call c;
  c.fn = fn;
  for (const Slot& s : plan_.functions[fn].params) {
    Arg a;
    switch (s.kind) {
      case SlotKind::Int: a.bits = normalize_int(api_, s, 1); break;
      case SlotKind::Float: a.bits = api_.type(s.value_type).size == 4 ? 0x3f800000ull : 0x3ff0000000000000ull; break;
      case SlotKind::CString: a.bytes.assign({'h', 'e', 'l', 'l', 'o'}); break;
      case SlotKind::Strings: a.bytes.assign({'h', 'e', 'l', 'l', 'o', 0, 'w', 'o', 'r', 'l', 'd', 0}); break;
      case SlotKind::Buffer: a.bytes.assign(16 * s.unit_size, 'a'); break;
      case SlotKind::File: a.bytes.assign({'h', 'e', 'l', 'l', 'o', '\n'}); break;
      case SlotKind::Record:
      case SlotKind::Object: a.bytes.assign(api_.type(s.value_type).size, 0); break;
      default: break;
    }
    c.args.push_back(std::move(a));
  }
  return c;
}

std::vector<Program> Generator::seeds() const {
  std::vector<Program> out;
  for (uint32_t fn = 0; fn < plan_.functions.size(); ++fn) {
    Random rng(fn + 1);
    Program p;
    append_call(rng, p, fn);  // brings in the constructors of the handles it needs
    for (Call& c : p.calls) c = typical_call(c.fn);
    normalize(plan_, api_, p);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::pair<std::string, Program>> Generator::chains() const {
  std::vector<std::pair<std::string, Program>> out;
  for (const auto& [key, producers] : plan_.producers) {
    for (int producer : producers) {
      Program p;
      p.calls.push_back(typical_call(static_cast<uint32_t>(producer)));
      std::vector<uint32_t> releasers;
      for (uint32_t fn = 0; fn < plan_.functions.size(); ++fn) {
        bool takes = false, releases = false;
        for (const Slot& s : plan_.functions[fn].params)
          if (s.kind == SlotKind::Handle && s.handle_key == key) takes = true, releases |= s.releases;
        if (!takes) continue;
        if (releases) releasers.push_back(fn);
        else if (p.calls.size() + 1 < kMaxCalls) p.calls.push_back(typical_call(fn));
      }
      if (!releasers.empty()) p.calls.push_back(typical_call(releasers.front()));
      normalize(plan_, api_, p);
      out.push_back({plan_.functions[static_cast<size_t>(producer)].name, std::move(p)});
    }
  }
  return out;
}

Program Generator::program(Random& rng) const {
  Program p;
  if (plan_.functions.empty()) return p;
  size_t want = 1 + rng.below(std::min<size_t>(8, max_calls()));
  while (p.calls.size() < want)
    append_call(rng, p, static_cast<uint32_t>(rng.below(plan_.functions.size())));
  normalize(plan_, api_, p);
  return p;
}

}  // namespace ffifuzz::program
