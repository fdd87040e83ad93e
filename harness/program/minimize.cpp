#include "program/minimize.h"

#include <algorithm>
#include <bit>

namespace ffifuzz::program {
namespace {

class Minimizer {
 public:
  Minimizer(const ApiPlan& plan, const model::ApiModel& api, const std::function<bool(const Program&)>& reproduces,
            int budget, MinimizeStats& stats)
      : plan_(plan), api_(api), reproduces_(reproduces), budget_(budget), stats_(stats) {}

  // Tries a candidate; adopts it when it still reproduces.
  bool attempt(Program& current, Program candidate) {
    normalize(plan_, api_, candidate);
    if (candidate == current) return false;
    // A candidate that failed once fails again: replays are deterministic enough to not pay twice.
    if (std::find(failed_.begin(), failed_.end(), candidate) != failed_.end()) return false;
    if (stats_.checks >= budget_) {
      stats_.out_of_budget = true;
      return false;
    }
    ++stats_.checks;
    if (!reproduces_(candidate)) {
      failed_.push_back(std::move(candidate));
      return false;
    }
    current = std::move(candidate);
    return true;
  }
  bool out_of_budget() const { return stats_.out_of_budget; }

  // Calls whose owned result no later call uses: the cheapest calls to lose.
  std::vector<size_t> unused_results(const Program& p) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < p.calls.size(); ++i) {
      const FunctionPlan& f = plan_.functions[p.calls[i].fn];
      if (f.produces.empty()) continue;
      bool used = false;
      for (size_t j = i + 1; j < p.calls.size() && !used; ++j)
        for (const Slot& s : plan_.functions[p.calls[j].fn].params)
          used = used || (s.kind == SlotKind::Handle && s.handle_key == f.produces);
      if (!used) out.push_back(i);
    }
    return out;
  }

  bool drop_calls(Program& p) {
    bool changed = false;
    for (size_t i : unused_results(p)) {
      if (i >= p.calls.size()) break;
      Program c = p;
      c.calls.erase(c.calls.begin() + static_cast<std::ptrdiff_t>(i));
      if (attempt(p, std::move(c))) return true;  // indexes moved: start over
    }
    // Blocks of calls, halving their size (most programs carry long runs of noise), the
    // last one first (a bug usually needs its last call, so what precedes it goes first).
    for (size_t block = std::max<size_t>(p.calls.size() / 2, 1); block >= 1 && !out_of_budget(); block /= 2) {
      size_t end = p.calls.size();
      while (end >= block && end > 0 && !out_of_budget()) {
        Program c = p;
        c.calls.erase(c.calls.begin() + static_cast<std::ptrdiff_t>(end - block),
                      c.calls.begin() + static_cast<std::ptrdiff_t>(end));
        if (attempt(p, std::move(c))) changed = true;
        end = std::min(end - block, p.calls.size());
      }
      if (block == 1) break;
    }
    return changed;
  }

  // The shortest prefix of a buffer that still reproduces, by bisection.
  bool shrink_bytes(Program& p, size_t call, size_t arg) {
    size_t n = p.calls[call].args[arg].bytes.size();
    if (n == 0) return false;
    size_t good = n, bad = 0;  // `good` reproduces; below `bad` ... assumed not to
    bool changed = false;
    Program c = p;
    c.calls[call].args[arg].bytes.clear();
    if (attempt(p, c)) return true;
    while (good - bad > 1 && !out_of_budget()) {
      size_t mid = bad + (good - bad) / 2;
      Program cand = p;
      cand.calls[call].args[arg].bytes.resize(mid);
      if (attempt(p, std::move(cand))) {
        good = mid;
        changed = true;
      } else {
        bad = mid;
      }
    }
    return changed;
  }

  bool simplify_arg(Program& p, size_t call, size_t arg) {
    const Slot& s = plan_.functions[p.calls[call].fn].params[arg];
    Arg& a = p.calls[call].args[arg];
    auto with = [&](auto edit) {
      Program c = p;
      edit(c.calls[call].args[arg]);
      return attempt(p, std::move(c));
    };
    switch (s.kind) {
      case SlotKind::Int:
        if (a.bits == 0 || a.bits == 1) return false;
        return with([](Arg& x) { x.bits = 0; }) || with([](Arg& x) { x.bits = 1; });
      case SlotKind::Float:
        return a.bits != 0 && with([](Arg& x) { x.bits = 0; });
      case SlotKind::Handle:
        return a.bits != 0 && with([](Arg& x) { x.bits = 0; });
      case SlotKind::CString:
      case SlotKind::Buffer:
      case SlotKind::Strings:
      case SlotKind::File: {
        bool changed = shrink_bytes(p, call, arg);
        const std::vector<uint8_t>& b = p.calls[call].args[arg].bytes;
        if (std::any_of(b.begin(), b.end(), [](uint8_t v) { return v != 0; }) && !out_of_budget())
          changed = with([](Arg& x) { std::fill(x.bytes.begin(), x.bytes.end(), 0); }) || changed;
        return changed;
      }
      case SlotKind::Record:
      case SlotKind::Object:
        if (std::all_of(a.bytes.begin(), a.bytes.end(), [](uint8_t v) { return v == 0; })) return false;
        return with([](Arg& x) { std::fill(x.bytes.begin(), x.bytes.end(), 0); });
      default:
        return false;
    }
  }

  // Byte level, for the contents program-level steps could not shrink or clear as a whole
  // (a length that must stay ≡ 13 mod 16, a magic number at the start): remove blocks of
  // bytes, halving the block size, from the end then from the start; then zero chunks.
  bool bytes_level(Program& p, size_t call, size_t arg) {
    const Slot& s = plan_.functions[p.calls[call].fn].params[arg];
    bool resizable = s.kind == SlotKind::Buffer || s.kind == SlotKind::CString || s.kind == SlotKind::Strings ||
                     s.kind == SlotKind::File;
    if (!resizable && s.kind != SlotKind::Record && s.kind != SlotKind::Object) return false;
    bool changed = false;
    auto bytes = [&]() -> const std::vector<uint8_t>& { return p.calls[call].args[arg].bytes; };
    if (resizable) {
      for (size_t block = std::bit_floor(std::max<size_t>(bytes().size() / 2, 1)); block >= 1 && !out_of_budget();
           block /= 2) {
        for (bool from_end : {true, false}) {
          while (bytes().size() >= block && !out_of_budget()) {
            Program c = p;
            std::vector<uint8_t>& b = c.calls[call].args[arg].bytes;
            if (from_end) b.resize(b.size() - block);
            else b.erase(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(block));
            if (!attempt(p, std::move(c))) break;
            changed = true;
          }
        }
        if (block == 1) break;
      }
    }
    for (size_t chunk = std::bit_floor(std::max<size_t>(bytes().size() / 2, 1)); chunk >= 1 && !out_of_budget();
         chunk /= 2) {
      for (size_t at = 0; at < bytes().size() && !out_of_budget(); at += chunk) {
        size_t end = std::min(at + chunk, bytes().size());
        if (std::all_of(bytes().begin() + static_cast<std::ptrdiff_t>(at),
                        bytes().begin() + static_cast<std::ptrdiff_t>(end), [](uint8_t v) { return v == 0; }))
          continue;
        Program c = p;
        std::vector<uint8_t>& b = c.calls[call].args[arg].bytes;
        std::fill(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(end), 0);
        changed = attempt(p, std::move(c)) || changed;
      }
      if (chunk == 1 || chunk <= bytes().size() / 64) break;  // finer than 1/64th costs more than it tells
    }
    return changed;
  }

  bool bytes_level(Program& p) {
    bool changed = false;
    for (size_t i = 0; i < p.calls.size() && !out_of_budget(); ++i)
      for (size_t k = 0; k < p.calls[i].args.size() && !out_of_budget(); ++k) changed = bytes_level(p, i, k) || changed;
    return changed;
  }

  bool simplify_values(Program& p) {
    bool changed = false;
    for (size_t i = 0; i < p.calls.size() && !out_of_budget(); ++i)
      for (size_t k = 0; k < p.calls[i].args.size() && !out_of_budget(); ++k) changed = simplify_arg(p, i, k) || changed;
    return changed;
  }

 private:
  const ApiPlan& plan_;
  const model::ApiModel& api_;
  const std::function<bool(const Program&)>& reproduces_;
  int budget_;
  MinimizeStats& stats_;
  std::vector<Program> failed_;
};

}  // namespace

Program minimize(const ApiPlan& plan, const model::ApiModel& api, Program program,
                 const std::function<bool(const Program&)>& reproduces, int budget, MinimizeStats& stats) {
  normalize(plan, api, program);
  Minimizer m(plan, api, reproduces, budget, stats);
  // Until a whole round changes nothing: a dropped call can make a value unneeded and a
  // plainer value can make a call unneeded.
  for (bool changed = true; changed && !m.out_of_budget();) {
    changed = false;
    while (m.drop_calls(program)) changed = true;
    changed = m.simplify_values(program) || changed;
  }
  // Then byte level, where the program-level steps left contents that matter only in part.
  if (!m.out_of_budget() && m.bytes_level(program)) {
    while (!m.out_of_budget() && m.drop_calls(program)) {
    }
  }
  return program;
}

}  // namespace ffifuzz::program
