#include "campaign/session.h"

#include "binary/read_binary.h"
#include "campaign/skipped_functions.h"
#include "model/error.h"

namespace ffifuzz::campaign {

std::unique_ptr<FuzzSession> FuzzSession::open(const TargetOptions& options, SessionOptions session) {
  auto s = std::make_unique<FuzzSession>();
  s->target = load_target(options);
  if (s->target.options.lib.empty()) throw InputError("no library given: pass --lib libfoo.so (or set it in --config)");
  // Read the ELF first: it says precisely what is wrong with a file that is not a library
  // for this machine, where dlopen only says "invalid ELF header".
  model::BinaryFacts facts = binary::read_binary(s->target.options.lib);

  // Calling a function whose real signature is not the header's corrupts memory through no
  // fault the harness could report honestly (a Rust `String` returned through a hidden
  // pointer, a parameter of another width): `check` finds those, and they are not called.
  s->checked_unavailable = functions_check_rules_out(s->target.api, facts);
  s->prepare(s->target.api, s->target.contracts, s->target.options.lib, s->checked_unavailable, session);
  return s;
}

}  // namespace ffifuzz::campaign
