// program/traced_objects: which object each handle argument of a traced run was.
// Job: replay a program's lowering with the outcomes its trace reported (NULL results, failed
// calls, calls not made), so that triage can name the call that made the object a call was
// given (cbor_tag_set_item's tag: made by cbor_build_tag, not by the cbor_new_tag of another
// object), the way the executor picked it (docs/ARCHITECTURE.md, "One lowering").
// May depend on: program/lowering, program/call_trace.
#pragma once

#include <vector>

#include "program/call_trace.h"
#include "program/plan.h"
#include "program/program.h"

namespace ffifuzz::program {

// Per program call, per parameter: the program call that made the object a Handle slot was
// given, or -1 (not a handle, NULL, the call not made, no live object).
std::vector<std::vector<int>> traced_objects(const ApiPlan& plan, const Program& program,
                                             const std::vector<TracedCall>& traced);

}  // namespace ffifuzz::program
