#include "campaign/run_findings.h"

#include <regex>

#include "campaign/finding_store.h"
#include "campaign/leak_origin.h"
#include "campaign/libfuzzer_output.h"
#include "campaign/minimize_input.h"
#include "campaign/stop_signals.h"
#include "campaign/triage.h"
#include "program/text_form.h"
#include "model/error.h"
#include "report/dedup.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

// How many times a saved input is run over in one process when once shows nothing.
constexpr unsigned kRepeatRuns = 1000;

// How often one contract gap is triaged through one function: its first time and, when it
// comes back in spite of what was learned, twice more (each costs a few trial replays).
constexpr int kJudgements = 3;

// "bugs_msg_free at /src/memory.c:89:3" -> the file, line and column; false when the frame
// was not symbolized to a source line ("(libfoo.so+0x1234)").
bool source_of_frame(const std::string& frame, model::SourceLoc& loc, unsigned& column) {
  static const std::regex re(R"( at (.+?):(\d+)(?::(\d+))?$)");
  std::smatch m;
  if (!std::regex_search(frame, m, re)) return false;
  loc.file = m[1];
  loc.line = static_cast<unsigned>(std::stoul(m[2]));
  column = m[3].matched ? static_cast<unsigned>(std::stoul(m[3])) : 0;
  return loc.line > 0;
}

}  // namespace

report::Finding* RunFindings::find(const std::string& key) {
  for (report::Finding& f : findings_)
    if (f.key == key) return &f;
  return nullptr;
}

model::SourceLoc RunFindings::declaration_of(const std::string& function) const {
  for (const model::Function& f : replayer_->session().target.api.functions)
    if (f.name == function) return f.decl;
  return {};
}

long RunFindings::count_new() const {
  long n = 0;
  for (const report::Finding& f : findings_) n += f.state == report::kStateNew;
  return n;
}

long RunFindings::count_new_bugs() const {
  long n = 0;
  for (const report::Finding& f : findings_) n += f.state == report::kStateNew && !f.is_contract_gap();
  return n;
}

std::string RunFindings::occurrence_culprit(const report::Finding& f, const report::Classification& c,
                                            const std::string& log, const program::Program& program) {
  try {
    if (Triage t = triage({c, log, program, replayer_->session()}); !t.culprit.empty()) return t.culprit;
  } catch (const std::exception&) {
  }
  return f.called;
}

bool RunFindings::judge(report::Finding& f, const report::Classification& c, const std::string& log,
                        const program::Program& program, const std::string& site) {
  const FuzzSession& s = replayer_->session();
  Triage t = triage({c, log, program, s});
  f.verdict = t.verdict;
  f.evidence = t.evidence;
  if (!t.culprit.empty()) f.called = culprits_[f.key] = t.culprit;  // what a finding that comes back sets aside
  if (t.verdict != kVerdictContractGap || !learner_) return false;
  // A rule is checked by replaying the input under it: one that does not show the finding on
  // its own (or only when repeated) cannot tell a rule that works from one that does not.
  if (!f.reproduces || f.repeat > 1) {
    f.evidence += "; not learned: its input does not show it on its own";
    return false;
  }
  std::optional<RuleCandidate> rule;
  try {
    rule = learner_->learn(t, program::to_text(s.plan, s.target.api, program), site, f);
  } catch (const InputError& e) {
    f.evidence += std::string("; not learned: ") + e.what();
    return false;
  }
  if (rule) {
    f.learned = describe_entries(rule->entries);
    return true;
  }
  if (learner_->out_of_time()) {
    f.evidence += "; not learned: the run's time was up before the rules that would explain it were tried";
    return false;
  }
  if (t.unlearned_is_bug && learner_->tried() > 0) {
    // The rule the evidence pointed at was tried and the finding stayed: the library's own.
    f.verdict = kVerdictBug;
    f.evidence = t.refuted;
    return false;
  }
  std::string tried;
  for (const RuleCandidate& r : t.candidates) tried += (tried.empty() ? "" : " | ") + describe_entries(r.entries);
  if (tried.empty()) f.evidence += "; no rule to learn from it: say it in a contract";
  else if (learner_->tried() == 0)
    f.evidence += "; the rules that would explain it cannot be tried in this run (a function they need is not "
                  "driven, or a stronger source says otherwise): say one in a contract: " + tried;
  else f.evidence += "; none of these rules stopped it, so none was learned: " + tried;
  return false;
}

RunFindings::Added RunFindings::add_saved_input(const fs::path& input, const std::string& source,
                                                const std::string& worker_log) {
  const FuzzSession& s = replayer_->session();
  FindingInput in;
  ReplayOutcome o;
  try {
    in = read_saved_input(s, input.string());
    o = replayer_->replay_file(fs::absolute(input).string());
    if (o.cut_short) return {.out_of_time = true};
    if (name_leaking_call(*replayer_, in.program, o.finding)) o.key = report::dedup_key(o.finding, replayer_->context());
  } catch (const InputError& e) {
    unclassified_.push_back(input.string() + ": " + e.what());
    return {};
  }
  report::Classification c = o.finding;
  report::DedupKey key = o.key;
  std::string log = o.log;
  bool reproduces = true;
  unsigned repeat = 1;
  if (!o.reproduced() && worker_log.find("ERROR") != std::string::npos) {
    // The input alone shows nothing, but the worker that saved it reported something: it
    // depended on what earlier inputs did (memory grown over many executions, state left).
    report::ClassifyContext ctx = replayer_->context();
    report::read_worker_lines(worker_log, ctx);
    c = report::classify(worker_log, ctx);
    if (c.finding_class.empty()) return {};
    key = report::dedup_key(c, ctx);
    log = worker_log;
    reproduces = false;
    // Run many times over in one process, the input may show it by itself (a library that
    // keeps memory from one program to the next): then every replay repeats it so.
    ReplayOutcome again;
    try {
      again = replayer_->replay_file(fs::absolute(input).string(), kRepeatRuns);
    } catch (const InputError&) {
    }
    if (again.cut_short) return {.out_of_time = true};
    if (again.reproduced() && again.finding.finding_class == c.finding_class) {
      c = again.finding;
      key = again.key;
      log = again.log;
      reproduces = true;
      repeat = kRepeatRuns;
    }
  }
  if (c.finding_class.empty()) {
    // libFuzzer saved it as a finding, and it shows nothing now, on its own: flaky, or it
    // depended on earlier inputs whose report is gone (a -fork job's output is not kept).
    std::string kind = saved_input_kind(input.string());
    if (source == report::kFromFuzz && kind != "input" && kind != "minimized-from")
      unclassified_.push_back(input.string() + ": saved by a worker as " + kind +
                              ", but its replay shows nothing on its own (flaky, or it depended on earlier inputs)");
    return {};
  }

  report::Finding f;
  f.klass = c.finding_class;
  f.function = c.function;
  f.called = c.called;
  f.message = c.message;
  f.first_library_frame = c.first_library_frame;
  f.key = key.hex;
  f.signature = key.signature;
  f.source = source;
  f.reproduces = reproduces;
  f.repeat = repeat;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  bool learned = false;
  if (const report::Finding* known = find(f.key); !known) {
    learned = judge(f, c, log, in.program, o.site.hex);
    judged_[f.key + " " + f.called] = 1;
  } else if (const std::string occurrence = learner_ && known->is_contract_gap()
                                                ? f.key + " " + occurrence_culprit(f, c, log, in.program)
                                                : "";
             !occurrence.empty() && judged_[occurrence] <= kJudgements) {
    // The same broken rule met through another function (the parser's missing input through
    // yaml_parser_load, not yaml_parser_parse), or again through the same one in spite of the
    // rule learned (the encoding is set by the first event too): this occurrence teaches more.
    // Only occurrences that teach nothing count against the limit: one leak site reached
    // through many functions (libidn2's idn2_lookup_u8, under each idn2_to_ascii_* and
    // idn2_lookup_*) teaches one owner per function, and a leak's `called` is the program's
    // last call, the same for all of them. Counted by the occurrence's culprit: libzip's
    // sources freed twice all crash in zip_discard, the final release, whichever call took the
    // source over (zip_add, zip_file_add, zip_file_replace): each is one to learn.
    report::Finding again = f;
    if (judge(again, c, log, in.program, o.site.hex)) {
      learned = true;
      f.learned = again.learned;
    } else {
      ++judged_[occurrence];  // one triage per occurrence: the culprit is not worked out again
    }
  }
  StoredFinding stored;
  try {
    stored = store_finding(out_, s, replayer_->target().functions, f, in, log);
  } catch (const InputError& e) {
    unclassified_.push_back(input.string() + ": " + e.what());
    return {};
  }
  Added added;
  added.learned = learned;
  if (report::Finding* known = find(f.key)) {
    known->hits = stored.hits;
    if (learned) known->learned += "; " + f.learned;
    added.finding = known;
  } else {
    f.folder = fs::relative(stored.folder, out_).string();
    f.hits = stored.hits;
    if (!source_of_frame(f.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
    findings_.push_back(f);
    inputs_.push_back(stored.folder / report::kInputFile);
    added.finding = &findings_.back();
    added.new_key = true;
  }
  if (set_aside_ && !learned) {
    // This occurrence's call: the same bug may be reached through another function.
    report::Finding occurrence = *added.finding;
    occurrence.called = f.called;
    if (auto c = culprits_.find(f.key); c != culprits_.end()) occurrence.called = c->second;
    // Or this occurrence's own culprit: one gap is met through several calls (libzip's made-up
    // fragment data freed by zip_source_free, kept by zip_source_buffer_fragment_create and by
    // zip_source_buffer_fragment alike); the first one's is set aside already.
    // (Only a better name for what to set aside: a report triage cannot read keeps the first.)
    if (added.finding->is_contract_gap()) try {
        if (Triage again = triage({c, log, in.program, s}); !again.culprit.empty()) occurrence.called = again.culprit;
      } catch (const std::exception&) {
      }
    // A culprit skipped already that still shows, through the call the harness made (libxml2's
    // xmlStrcat calls xmlStrncat, which reallocs the harness's memory): that call is next.
    if (set_aside_->skips(occurrence.called) && !f.called.empty()) occurrence.called = f.called;
    added.set_aside = set_aside_->consider(occurrence, s.plan);
  }
  return added;
}

void RunFindings::add_fixed(const report::FindingSummary& s, const fs::path& folder) {
  if (find(s.finding.key)) return;
  report::Finding f = s.finding;
  f.source = report::kFromKnown;
  f.state = report::kStateFixed;
  f.folder = folder.string();
  if (!source_of_frame(f.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
  findings_.push_back(f);
  inputs_.emplace_back();
}

void RunFindings::add_check(const report::Finding& c) {
  report::DedupKey key = report::check_finding_key(c.klass, c.function, c.subject);
  if (find(key.hex)) return;
  report::Finding f = c;
  f.key = key.hex;
  f.signature = key.signature;
  f.source = report::kFromCheck;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  findings_.push_back(f);
  inputs_.emplace_back();
}

int RunFindings::minimize_new(int budget, std::optional<Clock::time_point> deadline) {
  if (budget <= 0) return 0;
  int done = 0;
  replayer_->set_deadline(deadline);
  for (size_t i = 0; i < findings_.size(); ++i) {
    report::Finding& f = findings_[i];
    if (stop_requested() || (deadline && Clock::now() >= *deadline)) break;
    if (f.state != report::kStateNew || f.source == report::kFromCheck || inputs_[i].empty() || !f.reproduces)
      continue;
    const fs::path& input = inputs_[i];
    // Replayed as it was found: not with its own function set aside (which a finding that came
    // back is), or every candidate, the original first, would show nothing.
    const std::string run_list = replayer_->aside_file();
    if (!run_list.empty()) {
      std::vector<std::string> own = {f.function, f.called};
      if (auto c = culprits_.find(f.key); c != culprits_.end()) own.push_back(c->second);
      const fs::path list = replayer_->workspace().tmp() / "set-aside-minimize.txt";
      write_set_aside_without(run_list, own, list.string());
      replayer_->set_aside_file(list.string());
    }
    try {
      Minimized m = minimize_input(*replayer_, input.string(), budget);
      if (!m.reproduced) continue;  // flaky: the folder keeps its original input
      if (m.text.empty()) continue;  // stopped midway: nothing was written, the folder stays as found
      fs::path text = input;
      text += ".min.txt";
      f.minimized = fs::relative(text, out_).string();
      // The folder's repro.c is the minimized program's: the reproducer a person reads and sends.
      write_minimized_repro(input.parent_path(), replayer_->session(), f, m.program, m.calls_before,
                            replayer_->replay(m.program).log);
      std::fprintf(stderr, "ffifuzz:   %s in %s: %zu calls -> %zu calls (%d replays)\n", f.klass.c_str(),
                   f.function.c_str(), m.calls_before, m.program.calls.size(), m.stats.checks);
      ++done;
    } catch (const InputError& e) {
      std::fprintf(stderr, "ffifuzz:   %s in %s: not minimized: %s\n", f.klass.c_str(), f.function.c_str(), e.what());
    }
    replayer_->set_aside_file(run_list);
  }
  replayer_->set_deadline(std::nullopt);
  return done;
}

}  // namespace ffifuzz::campaign
