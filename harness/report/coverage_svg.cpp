// coverage.svg: coverage (libFuzzer's "cov:", edges of the library) over the fuzz phase's
// wall-clock time, as a plain SVG line plot. People look at the shape: a curve still
// climbing at the end wants more time; a flat one since the first minute wants new seeds
// or contracts. Written by hand: it is a polyline, two axes and a few labels.
#include <algorithm>
#include <cstdio>
#include <string>

#include "report/ci_result.h"

namespace ffifuzz::report {
namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string time_label(double seconds) {
  char buf[32];
  if (seconds >= 120) std::snprintf(buf, sizeof buf, "%.0f min", seconds / 60);
  else std::snprintf(buf, sizeof buf, "%.0f s", seconds);
  return buf;
}

}  // namespace

std::string coverage_svg(const std::vector<CoverageSample>& samples) {
  const double width = 640, height = 320, left = 70, right = 20, top = 30, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  double max_t = 1, max_c = 1;
  for (const CoverageSample& s : samples) {
    max_t = std::max(max_t, s.seconds);
    max_c = std::max(max_c, static_cast<double>(s.coverage));
  }
  auto x = [&](double t) { return left + plot_w * t / max_t; };
  auto y = [&](double c) { return top + plot_h * (1 - c / max_c); };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<title>ffifuzz ci: coverage over time</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + num(left) + "\" y=\"18\" font-size=\"14\">coverage (edges) over the fuzz phase</text>\n";
  // Axes, with the extremes labelled.
  svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top) + "\" x2=\"" + num(left) + "\" y2=\"" + num(top + plot_h) +
         "\" stroke=\"black\"/>\n";
  svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + plot_h) + "\" x2=\"" + num(left + plot_w) + "\" y2=\"" +
         num(top + plot_h) + "\" stroke=\"black\"/>\n";
  svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(top + 4) + "\" text-anchor=\"end\">" +
         std::to_string(static_cast<long>(max_c)) + "</text>\n";
  svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(top + plot_h + 4) + "\" text-anchor=\"end\">0</text>\n";
  svg += "<text x=\"" + num(left) + "\" y=\"" + num(top + plot_h + 18) + "\" text-anchor=\"middle\">0</text>\n";
  svg += "<text x=\"" + num(left + plot_w) + "\" y=\"" + num(top + plot_h + 18) + "\" text-anchor=\"end\">" +
         time_label(max_t) + "</text>\n";
  svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(height - 8) +
         "\" text-anchor=\"middle\">time since the fuzz phase started</text>\n";
  if (samples.empty()) {
    svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(top + plot_h / 2) +
           "\" text-anchor=\"middle\">no coverage reported (no fuzzing, or a library without SanitizerCoverage)</text>\n";
  } else {
    // A step line: coverage holds its value until the next status line raises it.
    std::string points = num(x(0)) + "," + num(y(samples.front().coverage));
    double last = static_cast<double>(samples.front().coverage);
    for (const CoverageSample& s : samples) {
      points += " " + num(x(s.seconds)) + "," + num(y(last));
      last = static_cast<double>(s.coverage);
      points += " " + num(x(s.seconds)) + "," + num(y(last));
    }
    svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + points + "\"/>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace ffifuzz::report
