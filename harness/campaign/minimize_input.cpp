#include "campaign/minimize_input.h"

#include "campaign/stop_signals.h"
#include "program/codec.h"
#include "program/text_form.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {

Minimized minimize_input(Replayer& r, const std::string& file, int budget) {
  Minimized m;
  InputFile input = r.read(file);
  const FuzzSession& s = r.session();
  // A finding that shows only when its input is repeated: every candidate is repeated so.
  r.set_repeat(folder_repeat(file));
  m.first = r.replay(input);
  m.calls_before = input.program.calls.size();
  m.bytes_before = input.bytes.size();
  if (!m.first.reproduced()) return m;
  m.reproduced = true;
  const std::string key = m.first.site.hex;
  // A hang costs the whole timeout per replay: give the ones that hang a shorter one.
  if (m.first.finding.finding_class == "timeout") r.set_timeout(3);
  auto same_finding = [&](const program::Program& candidate) {
    if (stop_requested()) return false;  // wind down: nothing more is kept
    if (r.past_deadline()) return false;  // the campaign's time is up: keep what is smaller so far
    ReplayOutcome out = r.replay(candidate);
    return out.reproduced() && out.site.hex == key;
  };
  m.program = program::minimize(s.plan, s.target.api, input.program, same_finding, budget, m.stats);
  r.set_timeout(10);
  r.set_repeat(1);
  if (stop_requested()) return m;  // nothing written: FILE.min would be a half-done minimization
  std::vector<uint8_t> bytes = program::encode(s.plan, s.target.api, m.program);
  m.bytes_after = bytes.size();
  m.text = program::to_text(s.plan, s.target.api, m.program);
  report::write_file_atomically(file + ".min", std::string(bytes.begin(), bytes.end()));
  report::write_file_atomically(file + ".min.txt", m.text);
  return m;
}

}  // namespace ffifuzz::campaign
