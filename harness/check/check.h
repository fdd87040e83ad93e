// check: header against binary, before any fuzzing.
// Job: find the boundary mistakes the compiler cannot see, from the ApiModel (the header)
// and the BinaryFacts (ELF and DWARF): functions not exported (missing-symbol), records
// whose layout differs (layout-mismatch), prototypes that differ from the definition
// (signature-mismatch), Rust types with no C layout at the boundary (ffi-unsafe-type).
// Each finding carries the fix. May depend on: model.
#pragma once

#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/binary_facts.h"

namespace ffifuzz::check {

// The finding classes this layer reports (DESIGN.md).
inline constexpr const char* kMissingSymbol = "missing-symbol";
inline constexpr const char* kLayoutMismatch = "layout-mismatch";
inline constexpr const char* kSignatureMismatch = "signature-mismatch";
inline constexpr const char* kFfiUnsafeType = "ffi-unsafe-type";

struct Finding {
  std::string klass;
  std::string function;  // the exported function it concerns (for a layout: the first one using the type)
  std::string subject;   // for layouts: "struct config"
  std::string message;
  std::string hint;
  model::SourceLoc location;  // the header declaration
};

struct CheckResult {
  std::vector<Finding> findings;
  // Layouts and signatures need DWARF; without it they are not checked, and this says why.
  bool layouts_checked = false;
  bool signatures_checked = false;
  std::string not_checked_reason;
  std::vector<std::string> undeclared_exports;  // exported functions the header does not declare
  // `static` / `static inline` functions: the header defines them, the library need not
  // export them, so they are not looked for (and fuzz does not call them).
  std::vector<std::string> header_defined;
  // Declared functions the library imports from a library it needs (md4c-html.h includes
  // md4c.h, whose md_parse is libmd4c's): found through that library, not this one's to export.
  std::vector<std::string> imported;
  // What was compared, for the summary line.
  size_t functions_declared = 0;  // those the library should export (header_defined not counted)
  size_t records_compared = 0;
  size_t signatures_compared = 0;
};

CheckResult run_checks(const model::ApiModel& api, const model::BinaryFacts& facts);

// The individual checks (run_checks calls all of them); each appends to `out`.
void check_symbols(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out);
void check_layouts(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out);
void check_signatures(const model::ApiModel& api, const model::BinaryFacts& facts, CheckResult& out);

}  // namespace ffifuzz::check
