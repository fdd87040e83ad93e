#include "driver/run_session.h"

#include <cstdio>
#include <sstream>

#include "model/error.h"

namespace ffifuzz::driver {

void add_unavailable_functions(const model::ApiModel& api, const exec::FfiFrames& frames,
                               const std::function<bool(const std::string&)>& exported,
                               std::map<std::string, std::string>& unavailable, std::vector<std::string>* not_exported) {
  for (size_t i = 0; i < api.functions.size(); ++i) {
    const model::Function& fn = api.functions[i];
    if (fn.skip_reason || fn.variadic) continue;
    if (unavailable.count(fn.name)) continue;
    if (!exported(fn.name)) {
      unavailable[fn.name] = "declared in the header but not exported by the library";
      if (not_exported) not_exported->push_back(fn.name);
    } else if (const auto& why = frames.unsupported(i)) {
      unavailable[fn.name] = *why;
    }
  }
}

void RunSession::prepare(const model::ApiModel& model, const model::Contracts& contracts, const std::string& path,
                      std::map<std::string, std::string> unavailable, const SessionOptions& options) {
  api = &model;
  lib = path;
  library = std::make_unique<exec::Library>(lib);
  frames = std::make_unique<exec::FfiFrames>(model);
  add_unavailable_functions(
      model, *frames, [this](const std::string& name) { return library->resolve(name) != nullptr; }, unavailable,
      &not_exported);
  plan = program::build_plan(model, contracts, unavailable);
  if (!options.only_functions.empty()) {
    for (const std::string& name : options.only_functions)
      if (plan.index_of(name) < 0) {
        // Declared but skipped: say why, which is what the user needs to change.
        for (const program::SkippedFunction& s : plan.skipped)
          if (s.name == name)
            throw InputError("--function " + name + ": skipped: " + s.reason +
                             " (a contract can say otherwise: docs/contracts.md)");
        throw InputError("--function " + name + ": no such callable function (run 'ffifuzz inspect' to list them)");
      }
    for (const std::string& name : program::functions_outside_focus(plan, options.only_functions))
      unavailable[name] = "not selected (--function)";
    plan = program::build_plan(model, contracts, unavailable);
  }
  if (plan.functions.empty())
    throw InputError(lib + ": nothing left to call: every function the header declares is skipped "
                     "(run 'ffifuzz inspect' to see why)");
  std::vector<void*> addresses, init_addresses;
  for (const program::FunctionPlan& f : plan.functions) addresses.push_back(library->resolve(f.name));
  for (const program::FunctionPlan& f : plan.init_once) init_addresses.push_back(library->resolve(f.name));
  executor = std::make_unique<exec::Executor>(model, plan, *frames, std::move(addresses),
                                              exec::ExecOptions{options.heap_buffers, options.trace, options.scratch_dir, options.work_in_scratch},
                                              std::move(init_addresses));
}

std::string RunSession::describe_plan() const {
  std::ostringstream out;
  out << "ffifuzz: driving " << plan.functions.size() << " function" << (plan.functions.size() == 1 ? "" : "s") << ":";
  for (const program::FunctionPlan& f : plan.functions) out << " " << f.name;
  out << "\n";
  for (const program::FunctionPlan& f : plan.init_once) out << "ffifuzz: calling " << f.name << " once, first (init_once)\n";
  for (const program::SkippedFunction& s : plan.skipped) out << "ffifuzz: skipping " << s.name << ": " << s.reason << "\n";
  if (!not_exported.empty())
    out << "ffifuzz: warning: " << not_exported.size() << " header function"
        << (not_exported.size() == 1 ? " is" : "s are") << " not exported by the library (run 'ffifuzz check')\n";
  return out.str();
}

std::string RunSession::arena_line() const {
  const exec::GuardedArena& arena = executor->arena();
  char line[96];
  std::snprintf(line, sizeof line, "ffifuzz: arena %p-%p\n", static_cast<const void*>(arena.begin()),
                static_cast<const void*>(arena.end()));
  return line;
}

}  // namespace ffifuzz::driver
