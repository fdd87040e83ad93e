#include "program/traced_objects.h"

#include "program/lowering.h"

namespace ffifuzz::program {

std::vector<std::vector<int>> traced_objects(const ApiPlan& plan, const Program& program,
                                             const std::vector<TracedCall>& traced) {
  std::vector<std::vector<int>> out(program.calls.size());
  Lowering lowering(plan);
  LoweredCall lowered;
  for (size_t i = 0; i < program.calls.size(); ++i) {
    const Call& c = program.calls[i];
    if (c.fn >= plan.functions.size()) continue;
    const FunctionPlan& f = plan.functions[c.fn];
    out[i].assign(f.params.size(), -1);
    // The trace says whether it was made (a function the run set aside is lowered as made
    // here): only what ran changed the ledger.
    if (i >= traced.size() || !traced[i].made) continue;
    lowering.lower(c, i, lowered);
    for (size_t k = 0; k < f.params.size() && k < lowered.entries.size(); ++k)
      if (f.params[k].kind == SlotKind::Handle && lowered.entries[k] >= 0)
        out[i][k] = static_cast<int>(lowering.ledger().at(lowered.entries[k]).call);
    if (!lowered.made()) continue;
    CallOutcome o;
    o.result = traced[i].returned && !traced[i].null_result ? kSomeObject : nullptr;
    if (f.produced_by >= 0 && !c.args[static_cast<size_t>(f.produced_by)].is_null && !traced[i].no_object)
      o.produced = kSomeObject;
    o.failed = traced[i].failed;
    lowering.record(lowered, o);
  }
  return out;
}

}  // namespace ffifuzz::program
