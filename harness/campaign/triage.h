// campaign/triage: whose fault is a finding — the library's, or the harness's for breaking a
// rule nobody stated?
// Job: give every runtime finding a verdict with its evidence (docs/findings.md, "Triage"):
//   bug           the library broke a contract a header, a contract file or a doc comment
//                 states, or one the evidence supports (the library released what it owned
//                 and still leaked, it overflowed its own buffer, ...);
//   contract-gap  the harness most likely broke an unstated rule, shown by the report itself:
//                 the library's own assert about a parameter (its stated precondition), a
//                 leak of a result whose owner nobody stated, an object freed by a function
//                 not known to take it, a read past a buffer whose length came from naming
//                 alone, a NULL passed on naming alone.
// For a contract gap, the rules that would have prevented it, most specific first, in the
// contract file's own terms (a table, a key, a value): learning.h tries them one by one.
// Never against a stronger source: a rule the header or a contract file already decides
// otherwise is no candidate, and the finding stays a bug.
// May depend on: session (plan, contracts), report (classification), program.
#pragma once

#include <string>
#include <vector>

#include "campaign/session.h"
#include "program/program.h"
#include "report/classify.h"

namespace ffifuzz::campaign {

inline constexpr const char* kVerdictBug = "bug";
inline constexpr const char* kVerdictContractGap = "contract-gap";

// One entry of a contract file: [table] key = value.
struct ContractEntry {
  std::string table;  // "functions.yaml_parser_set_input_string", "functions.f.params.p", "functions.f.returns"
  std::string key;    // "once", "nonnull", "owned_by", ...
  std::string value;  // a TOML value: true, "free", ["yaml_parser_parse"]
  bool operator==(const ContractEntry&) const = default;
};

// A rule that would have prevented the finding: one or more entries that go together.
struct RuleCandidate {
  std::vector<ContractEntry> entries;
  std::string says;  // one line: what the rule means ("yaml_emitter_close releases nothing ...")
  // The rule may leave the function uncallable for now (a releaser of what nothing the harness
  // makes yet: it becomes callable when a producer is learned). Other rules must not.
  bool may_disable = false;
};

struct Triage {
  std::string verdict = kVerdictBug;
  std::string evidence;  // one line: what the verdict rests on
  std::vector<RuleCandidate> candidates;
  // The evidence is a rule's absence that the candidates would supply: when none of them stops
  // the finding, it is the library's after all (a leak that stays when the caller releases
  // the result as the library's releaser would), with `refuted` as its evidence.
  bool unlearned_is_bug = false;
  std::string refuted;
  // The function whose calls cause it, when that is not the one the report ends in (the
  // library freed the harness's memory in XML_MemRealloc; the double free comes at the end):
  // what the run sets aside when the finding keeps coming back. "" when it is the reported one.
  std::string culprit;
};

struct TriageInput {
  const report::Classification& finding;
  const std::string& log;           // the replay's output: the call trace and the report
  const program::Program& program;  // the input, as the worker ran it
  const FuzzSession& session;
};

Triage triage(const TriageInput& input);

}  // namespace ffifuzz::campaign
