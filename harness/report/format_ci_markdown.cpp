// summary.md of `ffifuzz ci`: the page a person opens first. What ran, how fast, how much
// of the library it reached, a table per exported function, the new findings first (each
// linked to its folder), then the known and the fixed ones, and the coverage plot.
#include <cstdio>

#include "report/ci_result.h"

namespace ffifuzz::report {
namespace {

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Table cells hold no '|' or newline.
std::string cell(std::string s) {
  for (char& ch : s)
    if (ch == '|' || ch == '\n') ch = ' ';
  return s;
}

std::string finding_rows(const CiResult& r, const std::string& state) {
  std::string md;
  for (const Finding& f : r.findings) {
    if (f.state != state || f.is_contract_gap()) continue;
    std::string where = f.folder.empty() ? "" : "[" + f.folder + "](" + f.folder + "/)";
    if (!f.minimized.empty()) where += " ([minimized](" + f.minimized + "))";
    if (f.folder.empty() && !f.location.file.empty())
      where = f.location.file + (f.location.line ? ":" + std::to_string(f.location.line) : "");
    md += "| " + cell(f.klass) + " | " + cell(f.function.empty() ? f.subject : f.function) + " | `" + f.key +
          "` | " + cell(f.source) + " | " + cell(f.message) + (f.evidence.empty() ? "" : " (" + cell(f.evidence) + ")") +
          " | " + where + " |\n";
  }
  return md;
}

// Findings the harness caused: what showed, why it is no bug, what was learned from it.
std::string gap_rows(const CiResult& r) {
  std::string md;
  for (const Finding& f : r.findings) {
    if (!f.is_contract_gap()) continue;
    std::string where = f.folder.empty() ? "" : "[" + f.folder + "](" + f.folder + "/)";
    md += "| " + cell(f.klass) + " | " + cell(f.function) + " | `" + f.key + "` | " + cell(f.message) + " | " +
          cell(f.evidence) + " | " + (f.learned.empty() ? "nothing" : "`" + cell(f.learned) + "`") + " | " + where +
          " |\n";
  }
  return md;
}

}  // namespace

std::string ci_markdown(const CiResult& r, const std::string& svg_file) {
  long fresh = r.count(kStateNew), known = r.count(kStateKnown), fixed = r.count(kStateFixed);
  std::string md = "# ffifuzz ci: " + r.library + "\n\n";
  md += fresh ? "**" + std::to_string(fresh) + " new finding(s)**" : std::string("**No new findings**");
  md += ", " + std::to_string(known) + " known (baseline), " + std::to_string(fixed) + " fixed";
  if (long gaps = r.count_gaps())
    md += "; " + std::to_string(gaps) + " contract gap(s) (the harness's, not failed on), " +
          std::to_string(r.learned.size()) + " rule(s) learned";
  md += ". Exit " + std::to_string(r.exit_code) + ".\n\n";
  if (r.interrupted) md += "**Interrupted by a signal: this report covers what the run had done (see Notes).**\n\n";
  md += "Started " + r.started + " with ffifuzz " + r.tool_version + "; budget " + std::to_string(r.time_budget_seconds) +
        " s for the whole run on " + std::to_string(r.jobs) + " job(s)" + (r.budget_split.empty() ? "" : ": " + r.budget_split) +
        ".\n\n";

  md += "## What ran\n\n| phase | status | seconds | what |\n|---|---|---|---|\n";
  for (const CiPhase& p : r.phases)
    md += "| " + p.name + " | " + p.status + " | " + fixed1(p.seconds) + " | " + cell(p.detail) + " |\n";
  md += "\n";
  md += "- executions: " + std::to_string(r.executions) + " in " + fixed1(r.fuzz_seconds) + " s (" +
        fixed1(r.execs_per_second()) + " exec/s)\n";
  md += "- coverage: " + r.library_edges_line() + "\n";
  md += "- API-level signal (apart from the library's edges): libFuzzer counted " + std::to_string(r.features) +
        " features, ffifuzz's 4096 extra counters of call pairs and result classes included (its -fork \"cov: " +
        std::to_string(r.libfuzzer_cov) + "\" mixes them in too: no count of edges)\n";
  md += "- corpus `" + r.corpus + "`: " + std::to_string(r.corpus_before) + " inputs before, " +
        std::to_string(r.corpus_after) + " after the merge (" + std::to_string(r.inputs_merged) +
        " new inputs from this run were offered to it)\n\n";
  md += "![coverage over time](" + svg_file + ")\n\n";

  md += "## Exported functions\n\n"
        "Calls: made during the fuzz phase, all workers. Edges: of the function's own body, covered by the final "
        "corpus (libFuzzer -print_coverage; callees not counted). The last row holds the library's functions that "
        "it does not export, so the column adds up to the headline's library edges.\n\n"
        "| function | calls | edges covered | new findings | known findings |\n|---|---|---|---|---|\n";
  for (const FunctionStats& f : r.functions) {
    long n = 0, k = 0;
    for (const Finding& c : r.findings)
      if (c.function == f.name && c.source != kFromCheck) {
        n += c.state == kStateNew && !c.is_contract_gap();
        k += c.state == kStateKnown && !c.is_contract_gap();
      }
    std::string edges = f.edges_total >= 0 ? std::to_string(f.edges_covered) + "/" + std::to_string(f.edges_total) : "n/a";
    std::string calls = f.skipped.empty() ? std::to_string(f.calls) : "skipped: " + cell(f.skipped);
    md += "| " + f.name + " | " + calls + " | " + edges + " | " + std::to_string(n) + " | " + std::to_string(k) + " |\n";
  }
  if (r.other_edges_total >= 0)
    md += "| (functions not exported) | | " + std::to_string(r.other_edges_covered) + "/" +
          std::to_string(r.other_edges_total) + " | | |\n";
  md += "\n";
  const char* header = "| class | function | key | found by | message | folder |\n|---|---|---|---|---|---|\n";
  md += "## New findings\n\n";
  md += fresh ? header + finding_rows(r, kStateNew) : "None.\n";
  md += "\n## Known findings (in the baseline)\n\n";
  md += known ? header + finding_rows(r, kStateKnown) : "None.\n";
  md += "\n## Fixed (earlier findings that no longer reproduce)\n\n";
  md += fixed ? header + finding_rows(r, kStateFixed) : "None.\n";
  if (r.learning) {
    md += "\n## Contract gaps (the harness broke a rule nobody stated; not failed on)\n\n";
    md += r.count_gaps() ? "| class | function | key | message | evidence | learned | folder |\n|---|---|---|---|---|---|---|\n" +
                               gap_rows(r)
                         : "None.\n";
    md += "\n## Learned rules\n\n";
    if (r.learned.empty()) md += "None.\n";
    else {
      md += "In `" + r.learned_file + "` (docs/contracts.md, \"Learning\"); review them and move the right ones into "
            "your contract file:\n\n";
      for (const std::string& l : r.learned) md += "- " + cell(l) + "\n";
    }
  }
  if (!r.notes.empty()) {
    md += "\n## Notes\n\n";
    for (const std::string& n : r.notes) md += "- " + cell(n) + "\n";
  }
  md += "\nTo accept the findings of this run, use `baseline.json` (beside this file) as the baseline: "
        "`ffifuzz ci ... --baseline baseline.json` (docs/ci.md).\n";
  return md;
}

}  // namespace ffifuzz::report
