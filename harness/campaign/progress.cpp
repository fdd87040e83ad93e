#include "campaign/progress.h"

#include <unistd.h>

#include "campaign/libfuzzer_output.h"

namespace ffifuzz::campaign {
namespace {

using namespace std::chrono_literals;

// Bytes of non-status output shown per second; the rest is counted.
constexpr size_t kBytesPerSecond = 16 << 10;
// Off a terminal: a status line at most this often (the first and the last always show).
constexpr auto kStatusEvery = 10s;

// libFuzzer's, the sanitizers' and ffifuzz's own lines always show; the rate budget is for
// what the library prints.
bool tool_line(std::string_view t) {
  static const std::string_view kPrefixes[] = {"INFO:", "stat::", "Done ", "==", "ffifuzz", "MS:", "SUMMARY:",
                                               "artifact_prefix", "Test unit", "Base64:", "ERROR:", "WARNING:",
                                               "Running:", "Executed ", "***", "DEDUP_TOKEN", "NOTE:", "MERGE-",
                                               "thread '", "panicked at", "    #", "HINT:", "Shadow", "  "};
  for (std::string_view p : kPrefixes)
    if (t.substr(0, p.size()) == p) return true;
  return t.find("runtime error:") != std::string_view::npos;
}

}  // namespace

ProgressPrinter::ProgressPrinter(FILE* out)
    : out_(out), terminal_(isatty(fileno(out)) != 0), start_(std::chrono::steady_clock::now()),
      window_start_(start_), last_status_(start_ - kStatusEvery) {}

void ProgressPrinter::say_dropped() {
  if (!dropped_lines_) return;
  std::fprintf(out_, "ffifuzz: (%llu lines, %llu bytes of output not shown here: see the log)\n",
               static_cast<unsigned long long>(dropped_lines_), static_cast<unsigned long long>(dropped_bytes_));
  dropped_lines_ = dropped_bytes_ = 0;
}

void ProgressPrinter::line(std::string_view text) {
  auto now = std::chrono::steady_clock::now();
  std::optional<StatusLine> st;
  if (!text.empty() && text[0] == '#') st = parse_status_line(text);
  if (st && terminal_) {
    long secs = std::chrono::duration_cast<std::chrono::seconds>(now - start_).count();
    std::fprintf(out_, "\r\033[K[%02ld:%02ld:%02ld] %llu execs  %llu exec/s  cov %llu  features %llu  corpus %llu  findings %u",
                 secs / 3600, secs / 60 % 60, secs % 60, static_cast<unsigned long long>(st->executions),
                 static_cast<unsigned long long>(st->execs_per_second), static_cast<unsigned long long>(st->coverage),
                 static_cast<unsigned long long>(st->features), static_cast<unsigned long long>(st->corpus), findings_);
    std::fflush(out_);
    showing_ = true;
    return;
  }
  if (st) {
    bool milestone = text.find("INITED") != std::string_view::npos || text.find("DONE") != std::string_view::npos;
    if (!milestone && now - last_status_ < kStatusEvery) return;
    last_status_ = now;
  } else if (text.find("NEW_FUNC: ") != std::string_view::npos) {
    return;  // libFuzzer's list of newly covered functions: the log keeps it
  } else if (!tool_line(text)) {
    if (now - window_start_ >= 1s) {
      window_start_ = now;
      window_bytes_ = 0;
    }
    window_bytes_ += text.size() + 1;
    if (window_bytes_ > kBytesPerSecond) {
      ++dropped_lines_;
      dropped_bytes_ += text.size() + 1;
      return;
    }
  }
  if (showing_) {
    std::fputc('\n', out_);
    showing_ = false;
  }
  say_dropped();
  std::fprintf(out_, "%.*s\n", static_cast<int>(text.size()), text.data());
}

void ProgressPrinter::finish() {
  if (showing_) std::fputc('\n', out_);
  showing_ = false;
  say_dropped();
}

}  // namespace ffifuzz::campaign
