// coverage.svg: the library's edges that the fuzz phase reached (its SanitizerCoverage counters,
// recorded by every worker: driver/library_edges.h; never libFuzzer's -fork "cov:", which
// mixes in the API-level signal) over the fuzz phase's wall-clock time, as a plain SVG line
// plot. People look at the shape: a curve still climbing at the end wants more time; a
// flat one since the first minute wants new seeds or contracts. Both axes have ticks at round
// numbers (1, 2 or 5 times a power of ten edges; seconds, minutes or hours of time) and a
// label, so a value can be read off (docs/ci.md, "Reports"). Written by hand: a polyline, two
// axes, their ticks and a few labels.
#include <algorithm>
#include <cmath>
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

// The smallest of 1, 2, 5 times a power of ten that cuts [0, max] into at most `most` steps.
double round_step(double max, int most) {
  double raw = max / most;
  double power = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

// Steps of time people count in: seconds, then minutes, then hours.
double time_step(double max, int most) {
  static const double kSteps[] = {1,   2,    5,    10,   15,   30,    60,    120,   300,
                                  600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  for (double s : kSteps)
    if (max / s <= most) return s;
  return round_step(max / 86400, most) * 86400;
}

std::string time_label(double seconds, double step) {
  char buf[32];
  if (step >= 3600) std::snprintf(buf, sizeof buf, "%g h", seconds / 3600);
  else if (step >= 60) std::snprintf(buf, sizeof buf, "%g min", seconds / 60);
  else std::snprintf(buf, sizeof buf, "%g s", seconds);
  return buf;
}

std::string edges_label(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

}  // namespace

std::string coverage_svg(const std::vector<EdgeSample>& samples, long total_edges) {
  const double width = 640, height = 320, left = 80, right = 24, top = 30, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  double max_t = 1, max_c = 1;
  for (const EdgeSample& s : samples) {
    max_t = std::max(max_t, s.seconds);
    max_c = std::max(max_c, static_cast<double>(s.library_edges));
  }
  // Each axis ends at its last tick, so the highest value sits under a labelled line.
  const double step_c = std::max(1.0, round_step(max_c, 5)), step_t = time_step(max_t, 6);
  max_c = std::ceil(max_c / step_c) * step_c;
  max_t = std::ceil(max_t / step_t) * step_t;
  auto x = [&](double t) { return left + plot_w * t / max_t; };
  auto y = [&](double c) { return top + plot_h * (1 - c / max_c); };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
                    "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<title>ffifuzz ci: library edges over time</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + num(left) + "\" y=\"18\" font-size=\"14\">library edges reached over the fuzz phase" +
         (total_edges > 0 ? " (the library has " + std::to_string(total_edges) + ")" : std::string()) + "</text>\n";
  // Ticks with a faint grid line, then the axes over them.
  for (double c = 0; c <= max_c + step_c / 2; c += step_c) {
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(y(c)) + "\" x2=\"" + num(left + plot_w) + "\" y2=\"" + num(y(c)) +
           "\" stroke=\"#e0e0e0\"/>\n";
    svg += "<line x1=\"" + num(left - 4) + "\" y1=\"" + num(y(c)) + "\" x2=\"" + num(left) + "\" y2=\"" + num(y(c)) +
           "\" stroke=\"black\"/>\n";
    svg += "<text class=\"tick-y\" x=\"" + num(left - 7) + "\" y=\"" + num(y(c) + 4) + "\" text-anchor=\"end\">" +
           edges_label(c) + "</text>\n";
  }
  for (double t = 0; t <= max_t + step_t / 2; t += step_t) {
    svg += "<line x1=\"" + num(x(t)) + "\" y1=\"" + num(top + plot_h) + "\" x2=\"" + num(x(t)) + "\" y2=\"" +
           num(top + plot_h + 4) + "\" stroke=\"black\"/>\n";
    svg += "<text class=\"tick-x\" x=\"" + num(x(t)) + "\" y=\"" + num(top + plot_h + 18) +
           "\" text-anchor=\"middle\">" + time_label(t, step_t) + "</text>\n";
  }
  svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top) + "\" x2=\"" + num(left) + "\" y2=\"" + num(top + plot_h) +
         "\" stroke=\"black\"/>\n";
  svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(top + plot_h) + "\" x2=\"" + num(left + plot_w) + "\" y2=\"" +
         num(top + plot_h) + "\" stroke=\"black\"/>\n";
  svg += "<text class=\"axis-x\" x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(height - 8) +
         "\" text-anchor=\"middle\">time since the fuzz phase started</text>\n";
  svg += "<text class=\"axis-y\" x=\"16\" y=\"" + num(top + plot_h / 2) + "\" text-anchor=\"middle\" transform=\"rotate(-90 16 " +
         num(top + plot_h / 2) + ")\">library edges</text>\n";
  if (samples.empty()) {
    svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(top + plot_h / 2) +
           "\" text-anchor=\"middle\">no library edges recorded (no fuzzing, or a library without SanitizerCoverage)</text>\n";
  } else {
    // A step line: the count holds its value until the next sample raises it.
    std::string points = num(x(0)) + "," + num(y(static_cast<double>(samples.front().library_edges)));
    double last = static_cast<double>(samples.front().library_edges);
    for (const EdgeSample& s : samples) {
      points += " " + num(x(s.seconds)) + "," + num(y(last));
      last = static_cast<double>(s.library_edges);
      points += " " + num(x(s.seconds)) + "," + num(y(last));
    }
    svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + points + "\"/>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace ffifuzz::report
