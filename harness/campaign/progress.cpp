#include "campaign/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "campaign/libfuzzer_output.h"

namespace ffifuzz::campaign {
namespace {

using namespace std::chrono_literals;

// Off a terminal: a progress line at most this often (the first and the last always show).
// CI logs are read after the fact; a line every 30 s keeps an hour's run to 120 lines.
constexpr auto kStatusEvery = 30s;

// The lines of ffifuzz's own that the user sees; everything else a worker prints stays in
// the log. "ffifuzz: arena" is for the classifier (where the harness's memory was), not for
// people.
bool shown_to_user(std::string_view t) {
  if (t.substr(0, 8) != "ffifuzz:") return false;
  return t.substr(0, 15) != "ffifuzz: arena ";
}

// "INFO: Loaded 1 modules   (67 inline 8-bit counters): 67 [0x..., 0x...)," -> 67.
// These are the instrumented modules: the library and any instrumented library it loads.
// ffifuzz's own API-level counters come as "INFO: 4096 Extra Counters" and are not edges.
std::optional<uint64_t> module_counters(std::string_view t) {
  if (t.substr(0, 13) != "INFO: Loaded ") return std::nullopt;
  size_t open = t.find('(');
  if (open == std::string_view::npos || t.find("inline 8-bit counters", open) == std::string_view::npos)
    return std::nullopt;
  size_t i = open + 1;
  while (i < t.size() && t[i] == ' ') ++i;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(t.data() + i, t.data() + t.size(), n);
  if (ec != std::errc()) return std::nullopt;
  return n;
}

int terminal_columns(FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string clock_text(std::chrono::steady_clock::duration d) {
  long s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

}  // namespace

ProgressPrinter::ProgressPrinter(FILE* out) : ProgressPrinter(out, isatty(fileno(out)) != 0) {}

ProgressPrinter::ProgressPrinter(FILE* out, bool terminal)
    : out_(out), terminal_(terminal), start_(std::chrono::steady_clock::now()), last_status_(start_ - kStatusEvery) {}

void ProgressPrinter::begin_pass(uint64_t executions_before) {
  executions_before_ = executions_before;
  library_counters_ = 0;  // each worker says again which modules it loaded
  executions_ = 0;
}

void ProgressPrinter::tick(uint64_t live_executions) {
  if (!terminal_ || !have_status_) return;
  executions_ = std::max(executions_, live_executions);
  show_status();
}

void ProgressPrinter::show_status() {
  const uint64_t executions = executions_, per_second = per_second_, edges = edges_, corpus = corpus_;
  std::string edges_text = std::to_string(edges);
  if (library_counters_) edges_text += " of " + std::to_string(library_counters_);
  const std::string elapsed = clock_text(std::chrono::steady_clock::now() - start_);
  const std::string total = std::to_string(executions_before_ + executions);
  std::string text;
  if (terminal_) {
    text = "[" + elapsed + "] " + total + " execs  " + std::to_string(per_second) + "/s  edges " + edges_text +
           "  corpus " + std::to_string(corpus) + "  findings " + std::to_string(findings_);
    if (learned_) text += "  learned " + std::to_string(learned_);
    // A line longer than the terminal wraps, and "\r" goes back only to its last row.
    const size_t width = static_cast<size_t>(terminal_columns(out_)) - 1;
    if (text.size() > width) text.resize(width);
    std::fprintf(out_, "\r\033[K%s", text.c_str());
    std::fflush(out_);
    showing_ = true;
    return;
  }
  text = "ffifuzz: [" + elapsed + "] " + total + " execs, " + std::to_string(per_second) + " exec/s, library edges " +
         edges_text + ", corpus " + std::to_string(corpus) + ", " + std::to_string(findings_) + " finding(s)";
  if (learned_) text += ", " + std::to_string(learned_) + " rule(s) learned";
  last_line_ = text;
}

void ProgressPrinter::line(std::string_view text) {
  if (std::optional<uint64_t> n = module_counters(text)) {
    library_counters_ += *n;
    return;
  }
  if (!text.empty() && text[0] == '#') {
    std::optional<StatusLine> st = parse_status_line(text);
    if (!st) return;
    executions_ = std::max(executions_, st->executions);
    per_second_ = st->execs_per_second;
    edges_ = st->coverage;
    corpus_ = st->corpus;
    have_status_ = true;
    show_status();
    if (terminal_) return;
    const auto now = std::chrono::steady_clock::now();
    const bool milestone =
        text.find("INITED") != std::string_view::npos || text.find("DONE") != std::string_view::npos;
    if (!milestone && now - last_status_ < kStatusEvery) return;
    last_status_ = now;
    std::fprintf(out_, "%s\n", last_line_.c_str());
    last_line_.clear();  // shown: finish() need not show it again
    return;
  }
  if (!shown_to_user(text)) return;
  clear();
  std::fprintf(out_, "%.*s\n", static_cast<int>(text.size()), text.data());
}

void ProgressPrinter::clear() {
  // Off a terminal: what the campaign says next (a finding, a restart) makes the last
  // unshown progress line stale; finish() must not print it after that.
  last_line_.clear();
  if (!showing_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  showing_ = false;
}

void ProgressPrinter::finish() {
  if (showing_) {
    std::fputc('\n', out_);  // the last progress line stays on the screen
    showing_ = false;
  }
  if (!last_line_.empty()) std::fprintf(out_, "%s\n", last_line_.c_str());
  last_line_.clear();
  std::fflush(out_);
}

}  // namespace ffifuzz::campaign
