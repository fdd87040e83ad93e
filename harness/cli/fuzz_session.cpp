#include "cli/fuzz_session.h"

#include <map>
#include <sstream>

#include "binary/read_binary.h"
#include "check/check.h"
#include "model/error.h"

namespace ffifuzz::cli {

std::unique_ptr<FuzzSession> FuzzSession::open(const TargetOptions& options, SessionOptions session) {
  auto s = std::make_unique<FuzzSession>();
  s->target = load_target(options);
  if (s->target.options.lib.empty()) throw InputError("no library given: pass --lib libfoo.so (or set it in --config)");
  // Read the ELF first: it says precisely what is wrong with a file that is not a library
  // for this machine, where dlopen only says "invalid ELF header".
  model::BinaryFacts facts = binary::read_binary(s->target.options.lib);
  s->library = std::make_unique<exec::Library>(s->target.options.lib);
  s->frames = std::make_unique<exec::FfiFrames>(s->target.api);

  std::map<std::string, std::string> unavailable;
  // Calling a function whose real signature is not the header's corrupts memory through no
  // fault the harness could report honestly (a Rust `String` returned through a hidden
  // pointer, a parameter of another width): `check` finds those, and they are not called.
  check::CheckResult checked = check::run_checks(s->target.api, facts);
  for (const check::Finding& f : checked.findings)
    if ((f.klass == check::kFfiUnsafeType || f.klass == check::kSignatureMismatch) && !f.function.empty())
      unavailable.emplace(f.function, "ffifuzz check: " + f.klass + ": " + f.message);
  for (size_t i = 0; i < s->target.api.functions.size(); ++i) {
    const model::Function& fn = s->target.api.functions[i];
    if (fn.skip_reason || fn.variadic) continue;
    if (unavailable.count(fn.name)) continue;
    if (!s->library->resolve(fn.name)) {
      unavailable[fn.name] = "declared in the header but not exported by the library";
      s->not_exported.push_back(fn.name);
    } else if (const auto& why = s->frames->unsupported(i)) {
      unavailable[fn.name] = *why;
    }
  }
  s->plan = program::build_plan(s->target.api, s->target.contracts, unavailable);
  if (!session.only_functions.empty()) {
    for (const std::string& name : session.only_functions)
      if (s->plan.index_of(name) < 0)
        throw InputError("--function " + name + ": no such callable function (run 'ffifuzz inspect' to list them)");
    for (const std::string& name : program::functions_outside_focus(s->plan, session.only_functions))
      unavailable[name] = "not selected (--function)";
    s->plan = program::build_plan(s->target.api, s->target.contracts, unavailable);
  }
  if (s->plan.functions.empty())
    throw InputError(s->target.options.lib + ": nothing left to call: every function the header declares is skipped "
                     "(run 'ffifuzz inspect' to see why)");
  std::vector<void*> addresses, init_addresses;
  for (const program::FunctionPlan& f : s->plan.functions) addresses.push_back(s->library->resolve(f.name));
  for (const program::FunctionPlan& f : s->plan.init_once) init_addresses.push_back(s->library->resolve(f.name));
  s->executor = std::make_unique<exec::Executor>(s->target.api, s->plan, *s->frames, std::move(addresses),
                                                 exec::ExecOptions{session.heap_buffers, session.trace},
                                                 std::move(init_addresses));
  return s;
}

std::string FuzzSession::describe_plan() const {
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

}  // namespace ffifuzz::cli
