// `ffifuzz check`: the header against the binary, before any fuzzing. Reads the library's
// ELF and DWARF (binary/), the header (header/ via load_target), runs the static checks
// (check/) and prints the findings (report/). Exit 0 clean, 1 findings, 2 bad input.
#include <cstdio>
#include <memory>

#include "binary/read_binary.h"
#include "check/check.h"
#include "cli/subcommand.h"
#include "cli/target_options.h"
#include "cli/version.h"
#include "model/error.h"
#include "report/finding.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

struct CheckOptions {
  TargetOptions target;
  std::string format = "text";
  std::string output;
  bool strict = false;
};

report::Report make_report(const LoadedTarget& target, const model::BinaryFacts& facts,
                           const check::CheckResult& result, bool strict) {
  report::Report r;
  r.command = "check";
  r.library = target.options.lib;
  r.headers = target.options.headers;
  for (const check::Finding& f : result.findings)
    r.findings.push_back({f.klass, f.function, f.subject, f.message, f.hint, f.location, report::Level::Error});
  if (!result.not_checked_reason.empty()) {
    r.notes.push_back({"layouts-not-checked", result.not_checked_reason + (strict ? " (--strict: this fails the check)" : ""), {}});
    if (strict) r.complete = false;
  }
  if (!result.undeclared_exports.empty())
    r.notes.push_back({"undeclared-exports",
                       std::to_string(result.undeclared_exports.size()) +
                           " exported function(s) not declared in the header (information, not a finding)",
                       result.undeclared_exports});
  std::string summary = "checked " + std::to_string(result.functions_declared) + " declared function(s) against " +
                        std::to_string(facts.exports.size()) + " export(s)";
  if (result.layouts_checked)
    summary += "; " + std::to_string(result.records_compared) + " layout(s) and " +
               std::to_string(result.signatures_compared) + " signature(s) against the DWARF in " + facts.debug_source;
  r.notes.push_back({"checked", summary, {}});
  return r;
}

int run_check(const CheckOptions& options) {
  report::Format format = report::Format::Text;
  if (!report::parse_format(options.format, format))
    throw InputError("--format " + options.format + ": unknown format: use text, json or sarif");
  // The binary first: a missing or foreign library is the cheaper error to find.
  const model::BinaryFacts facts = binary::read_binary(options.target.lib);
  const LoadedTarget target = load_target(options.target);
  if (target.api.functions.empty()) {
    const std::string header = target.options.headers.empty() ? "the header" : target.options.headers.front();
    throw InputError(header + ": declares no function: pass the library's public header (the one with its "
                              "function prototypes) with --header");
  }
  const check::CheckResult result = check::run_checks(target.api, facts);
  const report::Report r = make_report(target, facts, result, options.strict);
  const std::string text = report::format(r, format, FFIFUZZ_VERSION);
  if (!options.output.empty()) report::write_file_atomically(options.output, text);
  else std::fputs(text.c_str(), stdout);
  return r.findings.empty() && r.complete ? kExitClean : kExitFindings;
}

}  // namespace

Subcommand add_check_command(CLI::App& root) {
  auto options = std::make_shared<CheckOptions>();
  Subcommand c;
  c.app = root.add_subcommand("check",
                              "Check the header against the library, statically: exported symbols, struct "
                              "layouts and signatures (from ELF and DWARF)");
  add_target_options(c.app, options->target, /*need_lib=*/true);
  c.app->add_option("--format", options->format, "Output format: text (default), json or sarif (SARIF 2.1.0)");
  c.app->add_option("-o,--output", options->output, "Write the report to this file instead of stdout");
  c.app->add_flag("--strict", options->strict,
                  "Fail (exit 1) when a check could not run, e.g. layouts of a library without debug info");
  c.app->footer("Exit codes: 0 no findings, 1 findings, 2 bad input, 3 internal error.");
  c.run = [options] { return run_check(*options); };
  return c;
}

}  // namespace ffifuzz::cli
