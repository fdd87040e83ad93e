// report/finding_classes: every class of finding ffifuzz reports, in one table.
// Job: the names every layer uses (classify's rules, check's findings, the harness's own
// reports, the exit guard), what each means, and who emits it; docs/findings.md prints the
// same table. A class not in the table is a bug of ours (tests check every emitter's names).
// May depend on: nothing.
#pragma once

#include <string_view>
#include <vector>

namespace ffifuzz::report {

struct FindingClass {
  const char* name;        // "heap-overflow"
  const char* meaning;     // one sentence
  const char* emitted_by;  // who sees it: "AddressSanitizer", "ffifuzz check", ...
};

const std::vector<FindingClass>& finding_classes();
// nullptr when `name` is not a finding class.
const FindingClass* find_finding_class(std::string_view name);

}  // namespace ffifuzz::report
