// program/ledger: the ownership ledger of one program run.
// Job: remember every object the library handed over (the call that made it, its kind, the
// function that releases it, and where it is when it really exists) and whether it is still
// live, so that the harness passes only live handles, never releases one twice, and releases
// what is left at the end of a program in reverse order. A report the harness caused is a
// harness bug: this is what prevents them. The executor's ledger and the one emit-c and the
// text form keep are this one, driven by program/lowering (docs/ARCHITECTURE.md, "One lowering").
// May depend on: nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ffifuzz::program {

class Ledger {
 public:
  struct Entry {
    void* ptr;     // the object's address when the program really runs; nullptr when only emitted
    size_t call;   // the program call that made it (SIZE_MAX: a final release)
    int kind;      // interned handle key
    int releaser;  // plan function index that releases it (or kNoReleaser, kReleaseWithFree)
    bool live;
    int object;    // the first entry of the same object: itself, or the one a reference was added to
    int maker;     // plan function index of the call that made it
  };

  // Forgets every entry, overwriting the addresses first: the storage is reused, and a stale
  // address left in it would make LeakSanitizer see a leaked object as still referenced.
  void clear();
  // Records a new live object. Every owned return is one release obligation, even when the
  // address is one already live: a reference-counted clone returns its argument with one
  // more reference, to be released once more.
  void add(void* ptr, size_t call, int kind, int releaser, int maker);
  // One more reference to entry `of`'s object (a retainer's call): an entry of its own, owed
  // its own release.
  void add_reference(int of, size_t call);
  // Every live entry of entry `index`'s object: a function other than the object's own
  // releaser destroys it whatever references were added (exif_data_free after exif_data_ref).
  void release_object(int index);
  // The `selector`-th live object of `kind` (modulo their number), or -1 when none; with
  // `makers`, only among those one of these functions made (a slot's made_by).
  int pick(int kind, uint64_t selector, const std::vector<int>& makers = {}) const;
  // The selector that picks entry `index` among the live objects of its kind (and makers), or -1.
  int selector_of(int index, const std::vector<int>& makers = {}) const;
  void release(int index) { entries_[static_cast<size_t>(index)].live = false; }
  // Containment (json_object_set(parent, key, child)): the harness must never make an object
  // its own descendant, a cycle the library's refcounting cannot free.
  void adopt(int parent, int child) { edges_.push_back({parent, child, false}); }
  // A new object that may keep one it was made from (cbor_build_tag(value, item)): below it for
  // lies_below, but not an adoption shares_descendant counts (re-setting the item it keeps
  // is no cycle).
  void keep(int parent, int child) { edges_.push_back({parent, child, true}); }
  // Whether entry `a`'s object lies below entry `b`'s (or is it), by adoptions and keeps:
  // adding `b` below `a` then closes a cycle.
  bool lies_below(int a, int b) const;
  // Whether `a` and `b` (each counted as its own descendant) have a descendant in common, by
  // the adoptions recorded so far.
  // The test before an adoption: the library may merge `child`'s contents into any object
  // below `parent` (jansson's json_object_update_recursive), so sharing anything can close
  // a cycle, not only `parent` lying below `child`.
  bool shares_descendant(int a, int b) const;
  const Entry& at(int index) const { return entries_[static_cast<size_t>(index)]; }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  void descendants(int from, std::vector<bool>& seen, bool with_keeps) const;
  struct Edge {
    int parent, child;  // entries
    bool kept;          // keep(), not adopt()
  };
  std::vector<Edge> edges_;
  // Scratch for shares_descendant, kept so that a check allocates nothing per execution.
  mutable std::vector<bool> below_a_, below_b_;
  mutable std::vector<int> todo_;
};

}  // namespace ffifuzz::program
