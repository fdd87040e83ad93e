#include "program/ledger.h"

namespace ffifuzz::program {

void Ledger::clear() {
  for (Entry& e : entries_) e.ptr = nullptr;
  entries_.clear();
  edges_.clear();
}

void Ledger::descendants(int from, std::vector<bool>& seen, bool with_keeps) const {
  // By object, not entry: a reference a retainer added (r2 = cbor_incref(r1)) is the same
  // object, and pushing r1 into r2 makes it its own descendant all the same. Iterative, each
  // object visited once: terminates even if a cycle got in anyway.
  todo_.assign(1, at(from).object);
  while (!todo_.empty()) {
    int object = todo_.back();
    todo_.pop_back();
    if (seen[static_cast<size_t>(object)]) continue;
    seen[static_cast<size_t>(object)] = true;
    for (const Edge& e : edges_)
      if ((with_keeps || !e.kept) && at(e.parent).object == object) todo_.push_back(at(e.child).object);
  }
}

bool Ledger::shares_descendant(int a, int b) const {
  below_a_.assign(entries_.size(), false);
  below_b_.assign(entries_.size(), false);
  descendants(a, below_a_, false);
  descendants(b, below_b_, false);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (below_a_[i] && below_b_[i]) return true;
  return false;
}

bool Ledger::lies_below(int a, int b) const {
  below_b_.assign(entries_.size(), false);
  descendants(b, below_b_, true);
  return below_b_[static_cast<size_t>(at(a).object)];
}

void Ledger::add(void* ptr, size_t call, int kind, int releaser, int maker) {
  entries_.push_back({ptr, call, kind, releaser, true, static_cast<int>(entries_.size()), maker});
}

void Ledger::add_reference(int of, size_t call) {
  const Entry e = at(of);
  entries_.push_back({e.ptr, call, e.kind, e.releaser, true, e.object, e.maker});
}

void Ledger::release_object(int index) {
  const int object = at(index).object;
  for (Entry& e : entries_)
    if (e.object == object) e.live = false;
}

namespace {
bool made_by_one_of(const Ledger::Entry& e, const std::vector<int>& makers) {
  if (makers.empty()) return true;
  for (int m : makers)
    if (m == e.maker) return true;
  return false;
}
}  // namespace

int Ledger::selector_of(int index, const std::vector<int>& makers) const {
  const Entry& target = at(index);
  if (!target.live || !made_by_one_of(target, makers)) return -1;
  int selector = 0;
  for (int i = 0; i < index; ++i) {
    const Entry& e = entries_[static_cast<size_t>(i)];
    selector += e.live && e.kind == target.kind && made_by_one_of(e, makers);
  }
  return selector;
}

int Ledger::pick(int kind, uint64_t selector, const std::vector<int>& makers) const {
  int live = 0;
  for (const Entry& e : entries_) live += e.live && e.kind == kind && made_by_one_of(e, makers);
  if (live == 0) return -1;
  uint64_t want = selector % static_cast<uint64_t>(live);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].live && entries_[i].kind == kind && made_by_one_of(entries_[i], makers) && want-- == 0)
      return static_cast<int>(i);
  return -1;
}

}  // namespace ffifuzz::program
