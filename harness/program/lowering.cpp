#include "program/lowering.h"

#include "program/values.h"

#include <algorithm>
#include <map>

namespace ffifuzz::program {

Lowering::Lowering(const ApiPlan& plan) : plan_(plan) {
  std::map<std::string, int> ids;
  auto intern = [&](const std::string& key) { return ids.emplace(key, static_cast<int>(ids.size())).first->second; };
  for (const FunctionPlan& f : plan.functions) {
    handle_kind_.push_back(f.produces.empty() ? -1 : intern(f.produces));
    std::vector<int> kinds;
    for (const Slot& s : f.params) kinds.push_back(s.kind == SlotKind::Handle ? intern(s.handle_key) : -1);
    slot_kind_.push_back(std::move(kinds));
  }
  set_aside_.assign(plan.functions.size(), 0);
}

void Lowering::reset() {
  ledger_.clear();
  history_.clear();
  failed_objects_ = 0;
  release_cursor_ = SIZE_MAX;
}

// `plan_fn` < 0: an init_once function, which has no ledger to pick from.
void Lowering::lower_slots(const FunctionPlan& f, int plan_fn, const Call& call, LoweredCall& out) const {
  const size_t n = f.params.size();
  out.entries.assign(n, -1);
  out.released.clear();
  out.object = -1;
  out.skip = Skip::None;
  out.skip_fn = -1;
  for (size_t i = 0; i < n; ++i) {
    const Slot& s = f.params[i];
    if (s.kind != SlotKind::Handle || call.args[i].is_null) continue;
    int entry = plan_fn < 0 ? -1 : ledger_.pick(slot_kind_[static_cast<size_t>(plan_fn)][i], call.args[i].bits, s.made_by);
    if (entry < 0) {
      if (s.nullable) continue;  // passed as NULL
      out.skip = Skip::NoLiveHandle;
      out.skip_slot = i;
      return;
    }
    if (s.releases) {
      for (int r : out.released)
        if (r == entry) {
          out.skip = Skip::ReleasesTwice;
          return;
        }
      out.released.push_back(entry);
    }
    out.entries[i] = entry;
  }
  for (size_t i = 0; i < f.arity; ++i)
    if (f.params[i].kind == SlotKind::Handle && out.entries[i] >= 0) {
      out.object = out.entries[i];
      break;
    }
}

bool Lowering::makes_cycle(const FunctionPlan& f, const LoweredCall& out) const {
  for (size_t i = 0; i < f.arity; ++i) {
    const Slot& s = f.params[i];
    if (s.adopted_by < 0) continue;
    int child = out.entries[i], parent = out.entries[static_cast<size_t>(s.adopted_by)];
    if (child >= 0 && parent >= 0 && (ledger_.shares_descendant(child, parent) || ledger_.lies_below(parent, child)))
      return true;
  }
  return false;
}

// requires and once (plan.h): judged on the object the call is about, its first handle.
void Lowering::judge_order(const FunctionPlan& f, uint32_t plan_fn, LoweredCall& out) const {
  if (f.requires_fns.empty() && !f.once_per_object && f.excludes_fns.empty() && failed_objects_ == 0) return;
  const int object = out.object;
  auto done = [&](uint32_t fn) {
    for (const auto& [entry, called] : history_)
      if (called == fn && (object < 0 || entry == object)) return true;
    return false;
  };
  for (int r : f.requires_fns)
    if (!done(static_cast<uint32_t>(r))) {
      out.skip = Skip::Requires, out.skip_fn = r;
      return;
    }
  for (int x : f.excludes_fns)
    if (object >= 0 && done(static_cast<uint32_t>(x))) {
      out.skip = Skip::Excludes, out.skip_fn = x;
      return;
    }
  // After a failed call its object is fit only for what releases it; a call that takes
  // something else over (yaml_emitter_emit steals its event, not its emitter) is not that.
  bool releases_object = false;
  for (size_t i = 0; i < f.arity && object >= 0; ++i)
    releases_object |= out.entries[i] == object && f.params[i].releases;
  if (object >= 0 && !releases_object && done(kFailed)) {
    out.skip = Skip::AfterFailure;
    return;
  }
  if (f.once_per_object && object >= 0 && done(plan_fn)) out.skip = Skip::OncePerObject;
}

void Lowering::lower(const Call& call, size_t index, LoweredCall& out) const {
  const FunctionPlan& f = plan_.functions[call.fn];
  out.fn = call.fn;
  out.index = index;
  out.release_slot = -1;
  out.free_entry = -1;
  if (set_aside_[call.fn]) {
    out.entries.assign(f.params.size(), -1);
    out.released.clear();
    out.object = -1;
    out.skip = Skip::SetAside;
    return;
  }
  lower_slots(f, static_cast<int>(call.fn), call, out);
  if (!out.made()) return;
  if (makes_cycle(f, out)) {
    out.skip = Skip::Cycle;
    return;
  }
  judge_order(f, call.fn, out);
}

void Lowering::lower_init(const FunctionPlan& f, const Call& call, LoweredCall& out) const {
  out.fn = 0;
  out.index = kFinalRelease;
  out.release_slot = out.free_entry = -1;
  lower_slots(f, -1, call, out);
}

void Lowering::record(const LoweredCall& call, const CallOutcome& outcome) {
  if (call.free_entry >= 0) {
    ledger_.release(call.free_entry);
    return;
  }
  const FunctionPlan& f = plan_.functions[call.fn];
  // The object's own releaser, or any unref, drops the reference it was given for; another
  // releasing function (a destroy beside an unref) ends the object and every reference to it. A call
  // that failed and keeps nothing when it fails (released_on_failure = false) released nothing.
  const bool kept = outcome.failed && !f.releases_on_failure;
  for (size_t k = 0; !kept && k < call.released.size(); ++k) {
    const int r = call.released[k];
    if (ledger_.at(r).releaser == static_cast<int>(call.fn) || f.unrefs) ledger_.release(r);
    else ledger_.release_object(r);
  }
  // A failed initializer made nothing (yaml_parser_load leaves a zeroed document): the
  // storage is not an object to pass on.
  if (!outcome.failed) {
    if (f.produced_by >= 0 && outcome.produced)
      ledger_.add(outcome.produced, call.index, handle_kind_[call.fn], f.releaser, static_cast<int>(call.fn));
    for (size_t i = 0; i < f.arity; ++i) {
      const Slot& s = f.params[i];
      if (s.adopted_by < 0) continue;
      int child = call.entries[i], parent = call.entries[static_cast<size_t>(s.adopted_by)];
      if (child >= 0 && parent >= 0) ledger_.adopt(parent, child);
    }
    // A reference added: the same object, owed one more release (exif_data_ref).
    for (size_t i = 0; i < f.arity; ++i) {
      const int entry = call.entries[i];
      if (f.params[i].retains && entry >= 0) ledger_.add_reference(entry, call.index);
    }
  }
  if (call.index != kFinalRelease) {
    history_.push_back({call.object, call.fn});
    // A failed call that keeps nothing when it fails (released_on_failure = false: a full bag
    // refusing an item) changed nothing: its object is as fit as before.
    if (outcome.failed && call.object >= 0 && f.releases_on_failure)
      history_.push_back({call.object, kFailed}), ++failed_objects_;
  }
  if (f.ret == ReturnKind::OwnedHandle && outcome.result) {
    ledger_.add(outcome.result, call.index, handle_kind_[call.fn], f.releaser, static_cast<int>(call.fn));
    // What the new object may keep (cbor_build_tag's item) lies below it for the cycle check.
    const int made = static_cast<int>(ledger_.entries().size()) - 1;
    for (size_t i = 0; i < f.arity; ++i)
      if (f.params[i].adopted_by == kAdoptedByResult && call.entries[i] >= 0) ledger_.keep(made, call.entries[i]);
  }
}

bool Lowering::next_release(LoweredCall& out) {
  const std::vector<Ledger::Entry>& entries = ledger_.entries();
  if (release_cursor_ == SIZE_MAX) release_cursor_ = entries.size();
  while (release_cursor_ > 0) {
    const size_t i = --release_cursor_;
    const Ledger::Entry& e = entries[i];
    if (!e.live || e.releaser == kNoReleaser) continue;  // caller-allocated: nothing to finalize
    out.index = kFinalRelease;
    out.released.assign(1, static_cast<int>(i));
    out.object = -1;
    out.skip = Skip::None;
    out.skip_fn = -1;
    if (e.releaser == kReleaseWithFree) {
      out.free_entry = static_cast<int>(i);
      out.release_slot = -1;
      out.entries.clear();
      return true;
    }
    out.free_entry = -1;
    const FunctionPlan& releaser = plan_.functions[static_cast<size_t>(e.releaser)];
    // The releaser's handle slot gets this object; every other slot its plainest value.
    release_call_.fn = static_cast<uint32_t>(e.releaser);
    release_call_.args.assign(releaser.params.size(), Arg{});
    int target = -1;
    for (size_t k = 0; k < releaser.arity; ++k)
      if (releaser.params[k].releases && slot_kind_[release_call_.fn][k] == e.kind) target = static_cast<int>(k);
    // A releaser named by the contract may take the object as another type (ares_free_data
    // takes void *): its first releasing slot.
    for (size_t k = 0; k < releaser.arity && target < 0; ++k)
      if (releaser.params[k].releases) target = static_cast<int>(k);
    if (target < 0) continue;
    release_call_.args[static_cast<size_t>(target)].is_null = true;  // set below: no ledger pick for it
    out.fn = release_call_.fn;
    lower_slots(releaser, static_cast<int>(release_call_.fn), release_call_, out);
    if (out.made() && makes_cycle(releaser, out)) out.skip = Skip::Cycle;
    if (out.made()) judge_order(releaser, release_call_.fn, out);
    out.release_slot = target;
    out.entries[static_cast<size_t>(target)] = static_cast<int>(i);
    out.released.assign(1, static_cast<int>(i));
    return true;
  }
  return false;
}

uint64_t length_value(const FunctionPlan& f, const Call& call, size_t slot) {
  const size_t partner = static_cast<size_t>(f.params[slot].partner);
  const Arg& b = call.args[partner];
  if (b.is_null) return 0;
  if (f.params[partner].kind == SlotKind::Strings) return count_strings(b.bytes);
  return b.bytes.size() / f.params[partner].unit_size;
}

size_t placed_bytes(const Slot& s, const Arg& a, uint64_t type_size) {
  if (s.kind == SlotKind::Object) return std::max<size_t>(type_size, s.min_bytes);
  return std::max<size_t>(a.bytes.size(), s.min_bytes);
}

std::string skip_reason(const ApiPlan& plan, const LoweredCall& call) {
  auto name = [&](int fn) { return fn >= 0 ? plan.functions[static_cast<size_t>(fn)].name : std::string("?"); };
  switch (call.skip) {
    case Skip::None: return "";
    case Skip::SetAside: return "set aside";
    case Skip::NoLiveHandle: {
      const Slot& s = plan.functions[call.fn].params[call.skip_slot];
      return "no live " + s.handle_key + " for '" + s.name + "'";
    }
    case Skip::ReleasesTwice: return "it would release one object twice";
    case Skip::Cycle: return "it would make an object its own descendant";
    case Skip::Requires: return "requires " + name(call.skip_fn) + " first";
    case Skip::Excludes: return "excluded after " + name(call.skip_fn);
    case Skip::AfterFailure: return "a call on its object failed";
    case Skip::OncePerObject: return "once per object";
    case Skip::NoStorage: return "no memory left to place an argument";
  }
  return "";
}

}  // namespace ffifuzz::program
