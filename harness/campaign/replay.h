// campaign/replay: run an input again, in a worker process, and say what it reproduces.
// Job: the one way every command replays an input (repro, minimize, regress, and the fuzz
// and ci campaigns classifying what their workers saved): the fuzz worker (this binary,
// worker_args.h) with call tracing runs it exactly as fuzzing did, contained and supervised
// like any worker (worker_process.h: a deadline, its whole process group ended), and what it
// printed is classified and keyed. A replay may crash, hang, leak or end the process quietly:
// it is always a separate process, and a replay that did not get to the end of its input
// without a report is a finding too (the library ended the process: class `exit`). Also:
// where the target of an input comes from (the command line, or the finding.json of the
// folder the input sits in).
// May depend on: session, input_file, worker_process, worker_args, workspace, load_probe, report.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <optional>

#include "campaign/input_file.h"
#include "campaign/session.h"
#include "campaign/worker_process.h"
#include "campaign/workspace.h"
#include "report/classify.h"
#include "report/dedup.h"
#include "report/finding_folder.h"

namespace ffifuzz::campaign {

// The library and options an input is replayed against: its program only means something
// against the plan it was found with (same header, contracts and --function focus).
struct ReplayTarget {
  TargetOptions options;
  std::vector<std::string> functions;  // --function focus
};

// `given` (from the command line) when it names a library or a config; else the target in
// the finding.json beside `input`, under the folder's copies of its contract files
// (folder_contracts.h: what changed since is said on stderr), with `given`'s --contract, if
// any, in place of the folder's copy. Throws InputError when neither says.
ReplayTarget resolve_replay_target(const TargetOptions& given, const std::vector<std::string>& given_functions,
                                   const std::string& input);

// The target as finding.json records it (the copies of its contract files are not made here:
// folder_contracts.h).
report::FindingTarget to_finding_target(const ReplayTarget& t);

struct ReplayOutcome {
  WorkerEnd end;
  std::string log;
  bool ran_to_end = false;  // the worker said it executed the whole input
  // The campaign's deadline (set_deadline), not the replay's own bound, ended it: it says
  // nothing about the input, which waits for a later classification.
  bool cut_short = false;
  report::Classification finding;  // finding_class empty: it ran clean
  report::DedupKey key;            // set when a finding reproduced
  // What replays of the same finding share (report::leak_site_key): the key to compare
  // replays by, since a leak's function may be attributed after its first replay.
  report::DedupKey site;
  bool reproduced() const { return !finding.finding_class.empty(); }
};

class Replayer {
 public:
  // Opens the target in this process (a load probe first, then header, contracts, library,
  // plan) to read inputs. Replays run in `workspace` (a campaign's), or in a temporary one.
  // `probe`: false when the campaign has probed the library already.
  explicit Replayer(ReplayTarget target, const Workspace* workspace = nullptr, bool probe = true);
  ~Replayer();
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  const FuzzSession& session() const { return *session_; }
  const ReplayTarget& target() const { return target_; }
  bool heap_buffers() const { return heap_buffers_; }
  // The session as a file in the workspace (session_file.h): its replays plan from it, and so
  // do the campaign's workers under the same target; removed with the Replayer.
  const std::string& session_file() const { return session_file_; }
  // Every function of the header: a frame naming one is an entry point, not the bug.
  report::ClassifyContext context() const;

  InputFile read(const std::string& path) const { return read_input_file(*session_, path); }
  InputFile read_as_target(const std::string& path) const { return read_input_as_target(*session_, path); }
  // Runs the file's bytes as they are (a binary input), or its program (a text input).
  ReplayOutcome replay(const InputFile& input);
  // Runs a program (encoded into a temporary file).
  ReplayOutcome replay(const program::Program& program);
  // Runs a file's bytes as they are, whatever they are (a saved input that may be empty or
  // not an input at all: the worker decodes every byte string), `runs` times in one process
  // (0: as set_repeat says).
  ReplayOutcome replay_file(const std::string& path, unsigned runs = 0);
  // Classifies and keys a log the worker printed.
  void classify(ReplayOutcome& outcome) const;

  int replays() const { return replays_; }
  // Seconds a replay may run before it is a timeout finding (libFuzzer -timeout).
  void set_timeout(int seconds) { timeout_ = seconds; }
  // Every replay runs its input this many times in one process (a finding that shows only so:
  // report::Finding::repeat); 1 by default.
  void set_repeat(unsigned runs) { repeat_ = runs ? runs : 1; }
  // No replay runs past this moment (a campaign phase's end); none: only the replay's own bound.
  void set_deadline(std::optional<Clock::time_point> deadline) { deadline_ = deadline; }
  // True once that moment has passed: a replay now would only be cut short.
  bool past_deadline() const { return deadline_ && Clock::now() >= *deadline_; }
  // The run's set-aside list (workspace.h): replays skip what its workers skip, or an input
  // would show the set-aside finding again instead of what the worker met after it.
  void set_aside_file(std::string path) { set_aside_file_ = std::move(path); }
  const std::string& aside_file() const { return set_aside_file_; }
  const Workspace& workspace() const { return *workspace_; }

 private:
  ReplayTarget target_;
  std::unique_ptr<Workspace> own_workspace_;
  const Workspace* workspace_ = nullptr;
  std::optional<Clock::time_point> deadline_;
  unsigned repeat_ = 1;
  std::string set_aside_file_;
  std::unique_ptr<FuzzSession> session_;
  std::string session_file_;
  bool heap_buffers_ = false;
  int replays_ = 0;
  int timeout_ = 10;
};

// The repeat an input inside a finding folder is replayed with (its finding.json); 1 otherwise.
unsigned folder_repeat(const std::string& input);

// The classification of a finding found by fuzzing, keyed like a replay's.
report::DedupKey finding_key(const FuzzSession& session, const report::Classification& finding);

}  // namespace ffifuzz::campaign
