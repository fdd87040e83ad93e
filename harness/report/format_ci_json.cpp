// summary.json of `ffifuzz ci`: the whole CiResult with stable keys, for scripts and
// dashboards (the other reports are views of the same record).
#include <nlohmann/json.hpp>

#include "report/ci_result.h"

namespace ffifuzz::report {

std::string ci_json(const CiResult& r) {
  using json = nlohmann::ordered_json;
  json phases = json::array();
  for (const CiPhase& p : r.phases)
    phases.push_back({{"name", p.name}, {"status", p.status}, {"seconds", p.seconds}, {"detail", p.detail}});
  json functions = json::array();
  for (const FunctionStats& f : r.functions) {
    json j = {{"name", f.name}, {"calls", f.calls}};
    j["edges_covered"] = f.edges_covered >= 0 ? json(f.edges_covered) : json(nullptr);
    j["edges_total"] = f.edges_total >= 0 ? json(f.edges_total) : json(nullptr);
    if (!f.skipped.empty()) j["skipped"] = f.skipped;
    long new_findings = 0, known = 0;
    for (const Finding& c : r.findings)
      if (c.function == f.name && !c.is_contract_gap())
        (c.state == kStateNew ? new_findings : known) += c.state != kStateFixed;
    j["new_findings"] = new_findings;
    j["known_findings"] = known;
    functions.push_back(j);
  }
  json findings = json::array();
  for (const Finding& f : r.findings)
    findings.push_back({{"key", f.key},
                        {"class", f.klass},
                        {"function", f.function},
                        {"subject", f.subject},
                        {"state", f.state},
                        {"source", f.source},
                        {"message", f.message},
                        {"first_library_frame", f.first_library_frame},
                        {"folder", f.folder},
                        {"minimized", f.minimized},
                        {"hits", f.hits},
                        {"verdict", f.verdict},
                        {"evidence", f.evidence},
                        {"learned", f.learned},
                        {"location", {{"file", f.location.file}, {"line", f.location.line}, {"column", f.column}}}});
  json coverage = json::array();
  for (const EdgeSample& s : r.coverage_over_time)
    coverage.push_back({{"seconds", s.seconds}, {"executions", s.executions}, {"library_edges", s.library_edges}});
  json status = json::array();
  for (const CoverageSample& s : r.libfuzzer_status)
    status.push_back({{"seconds", s.seconds}, {"executions", s.executions}, {"cov", s.coverage}, {"features", s.features}});
  auto count_or_null = [](long v) { return v >= 0 ? json(v) : json(nullptr); };
  json doc = {{"tool", "ffifuzz"},
              {"version", r.tool_version},
              {"started", r.started},
              {"library", r.library},
              {"headers", r.headers},
              {"exit_code", r.exit_code},
              {"interrupted", r.interrupted},
              {"notes", r.notes},
              {"time_budget_seconds", r.time_budget_seconds},
              {"budget_split", r.budget_split},
              {"command_line", r.command_line},
              {"jobs", r.jobs},
              {"phases", phases},
              {"fuzz", {{"executions", r.executions},
                        {"seconds", r.fuzz_seconds},
                        {"execs_per_second", r.execs_per_second()},
                        {"instrumented", r.instrumented},
                        {"library_edges", {{"covered", count_or_null(r.library_edges_covered)},
                                           {"total", count_or_null(r.library_edges_total)},
                                           {"reached_while_fuzzing", r.library_edges_reached},
                                           {"not_exported_covered", count_or_null(r.other_edges_covered)},
                                           {"not_exported_total", count_or_null(r.other_edges_total)}}},
                        {"api_level", {{"libfuzzer_cov", r.libfuzzer_cov}, {"features", r.features}}}}},
              {"corpus", {{"folder", r.corpus}, {"before", r.corpus_before}, {"after", r.corpus_after},
                          {"new_inputs_merged", r.inputs_merged}}},
              {"counts", {{"new", r.count(kStateNew)}, {"known", r.count(kStateKnown)}, {"fixed", r.count(kStateFixed)},
                          {"contract_gaps", r.count_gaps()}}},
              {"learning", {{"on", r.learning}, {"file", r.learned_file}, {"rules", r.learned}}},
              {"static_checks", r.static_checks},
              {"functions", functions},
              {"findings", findings},
              {"coverage_over_time", coverage},
              {"libfuzzer_status", status}};
  return doc.dump(2) + "\n";
}

}  // namespace ffifuzz::report
