#include "exec/ledger.h"

namespace ffifuzz::exec {

void Ledger::clear() {
  for (Entry& e : entries_) e.ptr = nullptr;
  entries_.clear();
  edges_.clear();
}

bool Ledger::reaches(int from, int to) const {
  // Programs are short (a few dozen objects at most): a depth-first walk is enough, bounded
  // by the number of edges so that a cycle that got in anyway cannot loop it.
  return reaches_bounded(from, to, edges_.size());
}

bool Ledger::reaches_bounded(int from, int to, size_t budget) const {
  if (from == to) return true;
  if (budget == 0) return false;
  for (const auto& [parent, child] : edges_)
    if (parent == from && reaches_bounded(child, to, budget - 1)) return true;
  return false;
}

void Ledger::add(void* ptr, int kind, int releaser) { entries_.push_back({ptr, kind, releaser, true}); }

int Ledger::pick(int kind, uint64_t selector) const {
  int live = 0;
  for (const Entry& e : entries_) live += e.live && e.kind == kind;
  if (live == 0) return -1;
  uint64_t want = selector % static_cast<uint64_t>(live);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].live && entries_[i].kind == kind && want-- == 0) return static_cast<int>(i);
  return -1;
}

}  // namespace ffifuzz::exec
