// C layout rules applied to the library's own record: is the layout the debug info shows
// the one a C compiler gives those members, in the order they are declared? For a Rust
// struct that tells `#[repr(C)]` (C rules hold: a header that disagrees is stale) from its
// absence (rustc reordered the fields) or `#[repr(packed)]` (a member off its alignment).
// docs/check.md, "Rust layouts".
#pragma once

#include <string>

#include "model/binary_facts.h"

namespace ffifuzz::check {

enum class LayoutShape {
  CRules,     // every member where C puts it, and C's size: repr(C) (or the same by chance)
  Reordered,  // members' offsets do not increase in declaration order: rustc's reordering
  Packed,     // a member off its natural alignment: #[repr(packed)]
  OtherThanC, // in order and aligned, yet not C's offsets or size
  Unknown,    // a bitfield or a member whose alignment the debug info does not give
};

struct LayoutVerdict {
  LayoutShape shape = LayoutShape::Unknown;
  // What shows it, for a hint: "value, tag, flags" (memory order) for Reordered;
  // "field `len` at offset 1 is not aligned to its 4 bytes" for Packed; "field `x` at offset 8
  // where C rules put it at 4" or "size 16 where C rules give 12" for OtherThanC.
  std::string detail;
};

LayoutVerdict judge_layout(const model::BinaryRecord& record);

}  // namespace ffifuzz::check
