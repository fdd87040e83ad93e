#include "program/mutate.h"

#include <algorithm>
#include <iterator>

#include "program/storage.h"
#include "program/values.h"

namespace ffifuzz::program {

Mutator::Mutator(const ApiPlan& plan, const model::ApiModel& api, ByteMutator bytes)
    : plan_(plan), api_(api), gen_(plan, api), bytes_(std::move(bytes)) {}

void Mutator::mutate_bytes(Random& rng, std::vector<uint8_t>& b, bool resize) const {
  size_t max = resize ? std::max(gen_.max_buffer_bytes(), b.size()) : b.size();
  if (resize && rng.one_in(4)) {  // a telling new size: grow or shrink
    b.resize(rng.one_in(2) ? b.size() / 2 : std::min(max, b.size() * 2 + 1 + rng.below(16)),
             static_cast<uint8_t>(rng.next()));
    return;
  }
  if (b.empty() && !resize) return;
  size_t old = b.size();
  b.resize(max);
  size_t n = bytes_ ? bytes_(b.data(), old, max) : old;
  if (!bytes_ && old) b[rng.below(old)] ^= static_cast<uint8_t>(1u << rng.below(8));
  b.resize(resize ? std::min(n, max) : old);
}

bool Mutator::mutate_value(Random& rng, Program& p) const {
  if (p.calls.empty()) return false;
  Call& c = p.calls[rng.below(p.calls.size())];
  const FunctionPlan& f = plan_.functions[c.fn];
  if (f.params.empty()) return false;
  size_t i = rng.below(f.params.size());
  const Slot& s = f.params[i];
  Arg& a = c.args[i];
  if (s.nullable && rng.one_in(8)) {
    a.is_null = !a.is_null;
    if (!a.is_null) a = gen_.value(rng, s), a.is_null = false;
    return true;
  }
  switch (s.kind) {
    case SlotKind::Int:
      switch (rng.below(4)) {
        case 0: a.bits = gen_.interesting_int(rng, s); break;
        case 1: a.bits += rng.below(33) - 16; break;
        case 2: a.bits ^= uint64_t{1} << rng.below(scalar_size(api_, s) * 8); break;
        default: a.bits = rng.next(); break;
      }
      return true;
    case SlotKind::Float:
      a.bits = rng.one_in(2) ? gen_.interesting_float(rng, s) : a.bits ^ (uint64_t{1} << rng.below(scalar_size(api_, s) * 8));
      return true;
    case SlotKind::Record:
    case SlotKind::Object:
      mutate_bytes(rng, a.bytes, false);
      return true;
    case SlotKind::CString:
    case SlotKind::Buffer:
    case SlotKind::File:
      if (rng.one_in(8)) a.bytes = gen_.interesting_bytes(rng, s.kind == SlotKind::CString);
      else if (!(s.kind == SlotKind::Buffer && rng.one_in(4) && gen_.splice_constant(rng, a.bytes)))
        mutate_bytes(rng, a.bytes, true);
      return true;
    case SlotKind::Strings:  // one more string, or the strings' bytes (a NUL written splits one)
      if (rng.one_in(4)) {
        std::vector<uint8_t> one = gen_.interesting_bytes(rng, true);
        if (!a.bytes.empty() && a.bytes.back() != 0) a.bytes.push_back(0);
        a.bytes.insert(a.bytes.end(), one.begin(), one.end());
        a.bytes.push_back(0);
      } else {
        mutate_bytes(rng, a.bytes, true);
      }
      return true;
    case SlotKind::Handle:  // rewire: another earlier result of the same kind
      a.bits = rng.below(4);
      return true;
    case SlotKind::Length:
    case SlotKind::Out:
    case SlotKind::Init:
    case SlotKind::OutHandle:
    case SlotKind::Callback:
    case SlotKind::Fixed:
      return false;
  }
  return false;
}

void Mutator::mutate(Random& rng, Program& p) const {
  if (plan_.functions.empty()) return;
  size_t rounds = 1 + rng.below(3);
  for (size_t r = 0; r < rounds; ++r) {
    switch (rng.below(10)) {
      case 0:  // insert a call (with the producers it needs) at a random place
      case 1: {
        if (p.calls.size() >= gen_.max_calls()) break;
        thread_local Program tail;  // its storage kept for the next insertion
        resize_calls(tail.calls, 0);
        gen_.append_call(rng, tail, static_cast<uint32_t>(rng.below(plan_.functions.size())));
        if (p.calls.size() + tail.calls.size() > gen_.max_calls()) break;  // its producers do not fit
        size_t at = rng.below(p.calls.size() + 1);
        p.calls.insert(p.calls.begin() + static_cast<long>(at), std::make_move_iterator(tail.calls.begin()),
                       std::make_move_iterator(tail.calls.end()));
        break;
      }
      case 2:  // remove a call
        if (!p.calls.empty()) erase_call(p.calls, rng.below(p.calls.size()));
        break;
      case 3:  // duplicate a call (a second free, a second use)
        if (!p.calls.empty() && p.calls.size() < gen_.max_calls()) {
          size_t i = rng.below(p.calls.size());
          size_t at = rng.below(p.calls.size() + 1);
          resize_calls(p.calls, p.calls.size() + 1);  // the copy goes last, then moves into place
          copy_into(p.calls[i], p.calls.back());
          std::rotate(p.calls.begin() + static_cast<long>(at), p.calls.end() - 1, p.calls.end());
        }
        break;
      case 4:  // swap two calls (use after release, release before use)
        if (p.calls.size() >= 2) std::swap(p.calls[rng.below(p.calls.size())], p.calls[rng.below(p.calls.size())]);
        break;
      default:
        if (!mutate_value(rng, p) && p.calls.size() < gen_.max_calls())
          gen_.append_call(rng, p, static_cast<uint32_t>(rng.below(plan_.functions.size())));
    }
  }
  if (p.calls.empty()) p = gen_.program(rng);
  normalize(plan_, api_, p);
}

void Mutator::crossover_into(Random& rng, const Program& a, const Program& b, Program& out) const {
  size_t take_a = a.calls.empty() ? 0 : rng.below(a.calls.size() + 1);
  size_t from_b = b.calls.empty() ? 0 : rng.below(b.calls.size());
  // No longer than the bound, unless a's part alone already is.
  const size_t most = std::max(gen_.max_calls(), take_a);
  size_t take_b = std::min(b.calls.size() - std::min(from_b, b.calls.size()), most - take_a);
  resize_calls(out.calls, take_a + take_b);  // copies into kept storage (program/storage.h)
  for (size_t i = 0; i < take_a; ++i) copy_into(a.calls[i], out.calls[i]);
  for (size_t i = 0; i < take_b; ++i) copy_into(b.calls[from_b + i], out.calls[take_a + i]);
  if (out.calls.empty()) out = gen_.program(rng);
  normalize(plan_, api_, out);
}

Program Mutator::crossover(Random& rng, const Program& a, const Program& b) const {
  Program out;
  crossover_into(rng, a, b, out);
  return out;
}

}  // namespace ffifuzz::program
