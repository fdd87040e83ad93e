#include "exec/ledger.h"

namespace ffifuzz::exec {

void Ledger::clear() {
  for (Entry& e : entries_) e.ptr = nullptr;
  entries_.clear();
  edges_.clear();
}

void Ledger::descendants(int from, std::vector<bool>& seen) const {
  // Iterative, each entry visited once: terminates even if a cycle got in anyway.
  std::vector<int> todo = {from};
  while (!todo.empty()) {
    int at = todo.back();
    todo.pop_back();
    if (seen[static_cast<size_t>(at)]) continue;
    seen[static_cast<size_t>(at)] = true;
    for (const auto& [parent, child] : edges_)
      if (parent == at) todo.push_back(child);
  }
}

bool Ledger::shares_descendant(int a, int b) const {
  std::vector<bool> below_a(entries_.size(), false), below_b(entries_.size(), false);
  descendants(a, below_a);
  descendants(b, below_b);
  for (size_t i = 0; i < entries_.size(); ++i)
    if (below_a[i] && below_b[i]) return true;
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
