#include "cli/progress.h"

#include <unistd.h>

#include <regex>

namespace ffifuzz::cli {

ProgressPrinter::ProgressPrinter(FILE* out)
    : out_(out), terminal_(isatty(fileno(out)) != 0), start_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::line(const std::string& text) {
  static const std::regex status_re(
      R"(^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/\S+.*?exec/s: (\d+))");
  std::smatch m;
  if (!terminal_ || !std::regex_search(text, m, status_re)) {
    finish();
    std::fprintf(out_, "%s\n", text.c_str());
    return;
  }
  long secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(out_, "\r\033[K[%02ld:%02ld:%02ld] %s execs  %s exec/s  cov %s  features %s  corpus %s  findings %u",
               secs / 3600, secs / 60 % 60, secs % 60, m[1].str().c_str(), m[6].str().c_str(), m[3].str().c_str(),
               m[4].str().c_str(), m[5].str().c_str(), findings_);
  std::fflush(out_);
  showing_ = true;
}

void ProgressPrinter::finish() {
  if (!showing_) return;
  std::fputc('\n', out_);
  showing_ = false;
}

}  // namespace ffifuzz::cli
