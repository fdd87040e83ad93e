// report/finding_classes: every class of finding ffifuzz reports, in one table.
// Job: the names every layer uses (classify's rules, check's findings, the harness's own
// reports, the exit guard), what each means, who emits it, the sanitizers' own words that
// name it, and which fault it is for dedup keys; docs/findings.md prints the same table. A
// class not in the table is a bug of ours (tests check every emitter's names).
// May depend on: nothing.
#pragma once

#include <string_view>
#include <vector>

namespace ffifuzz::report {

struct FindingClass {
  const char* name;        // "heap-overflow"
  const char* meaning;     // one sentence
  const char* emitted_by;  // who sees it: "AddressSanitizer", "ffifuzz check", ...
  // The fault it is, for dedup keys (report/dedup.h): classes that are one fault seen by
  // different tools share it, so the same bug keeps one key whichever tool caught it in a
  // run (UBSan's index check, ASan's stack, global or heap overflow, the guard page: all
  // "out-of-bounds"). Most classes are their own fault.
  const char* fault;
  // What AddressSanitizer calls it, the words after "AddressSanitizer: " in its report
  // ("heap-buffer-overflow", "attempting double-free"). A name in capitals is a signal
  // (SEGV, BUS, FPE, ABRT): classify reads those after UBSan's report, which comes first.
  std::vector<std::string_view> asan_kinds;
  // UBSan checks that are this class, words of its "runtime error:" line.
  std::vector<std::string_view> ubsan_checks;
};

const std::vector<FindingClass>& finding_classes();
// nullptr when `name` is not a finding class.
const FindingClass* find_finding_class(std::string_view name);
// The class's fault (see FindingClass::fault); `name` itself when it is no class.
std::string_view fault_of(std::string_view name);

}  // namespace ffifuzz::report
