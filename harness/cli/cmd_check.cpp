// `ffifuzz check`: the header against the binary, before any fuzzing (cli/static_check.h,
// shared with ffifuzz ci), printed as text, JSON or SARIF. Exit 0 clean, 1 findings, 2 bad input.
#include <cstdio>
#include <memory>

#include "campaign/static_check.h"
#include "cli/subcommand.h"
#include "campaign/version.h"
#include "model/error.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

struct CheckOptions {
  TargetOptions target;
  std::string format = "text";
  std::string output;
  bool strict = false;
};

int run_check(const CheckOptions& options) {
  report::Format format = report::Format::Text;
  if (!report::parse_format(options.format, format))
    throw InputError("--format " + options.format + ": unknown format: use text, json or sarif");
  const report::Report r = run_static_check(options.target, options.strict).report;
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
