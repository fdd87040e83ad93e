#include "exec/ledger.h"

namespace ffifuzz::exec {

void Ledger::clear() {
  for (Entry& e : entries_) e.ptr = nullptr;
  entries_.clear();
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
