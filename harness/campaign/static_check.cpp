#include "campaign/static_check.h"

#include "binary/read_binary.h"
#include "contract/config_file.h"
#include "model/error.h"

namespace ffifuzz::campaign {
namespace {

report::Report make_report(const LoadedTarget& target, const model::BinaryFacts& facts,
                           const check::CheckResult& result, bool strict) {
  report::Report r;
  r.command = "check";
  r.library = target.options.lib;
  r.headers = target.options.headers;
  for (const check::Finding& f : result.findings)
    r.findings.push_back({.klass = f.klass, .function = f.function, .subject = f.subject, .message = f.message,
                          .hint = f.hint, .location = f.location, .level = report::Level::Error});
  if (!result.not_checked_reason.empty()) {
    r.notes.push_back({"layouts-not-checked", result.not_checked_reason + (strict ? " (--strict: this fails the check)" : ""), {}});
    if (strict) r.complete = false;
  }
  if (!result.undeclared_exports.empty())
    r.notes.push_back({"undeclared-exports",
                       std::to_string(result.undeclared_exports.size()) +
                           " exported function(s) not declared in the header (information, not a finding)",
                       result.undeclared_exports});
  if (!result.header_defined.empty())
    r.notes.push_back({"header-defined",
                       std::to_string(result.header_defined.size()) +
                           " function(s) the header defines itself (static or static inline): not looked for in "
                           "the library, and not called by fuzz",
                       result.header_defined});
  if (!result.imported.empty()) {
    std::string from;
    for (const std::string& n : facts.needed) from += (from.empty() ? "" : ", ") + n;
    r.notes.push_back({"imported",
                       std::to_string(result.imported.size()) +
                           " declared function(s) the library imports from the libraries it needs" +
                           (from.empty() ? "" : " (" + from + ")") + ": theirs to export, not this library's",
                       result.imported});
  }
  std::string summary = "checked " + std::to_string(result.functions_declared) + " declared function(s) against " +
                        std::to_string(facts.exports.size()) + " export(s)";
  if (result.layouts_checked)
    summary += "; " + std::to_string(result.records_compared) + " layout(s) and " +
               std::to_string(result.signatures_compared) + " signature(s) against the DWARF in " + facts.debug_source;
  r.notes.push_back({"checked", summary, {}});
  return r;
}

}  // namespace

StaticCheck run_static_check(const TargetOptions& options, bool strict) {
  // The binary first: a missing or foreign library is the cheaper error to find.
  // (--config may name it: read only the config for that, the header comes after.)
  std::string lib = options.lib;
  if (lib.empty() && !options.config.empty()) lib = contract::read_config_file(options.config).lib;
  if (lib.empty()) throw InputError("no library given; pass --lib libfoo.so (or set target.lib in the --config file)");
  const model::BinaryFacts facts = binary::read_binary(lib);
  const LoadedTarget target = load_target(options);
  if (target.api.functions.empty()) {
    const std::string header = target.options.headers.empty() ? "the header" : target.options.headers.front();
    throw InputError(header + ": declares no function: pass the library's public header (the one with its "
                              "function prototypes) with --header");
  }
  StaticCheck out;
  out.result = check::run_checks(target.api, facts);
  out.report = make_report(target, facts, out.result, strict);
  return out;
}

std::vector<std::string> static_check_classes() {
  return {check::kMissingSymbol, check::kLayoutMismatch, check::kSignatureMismatch, check::kFfiUnsafeType};
}

}  // namespace ffifuzz::campaign
