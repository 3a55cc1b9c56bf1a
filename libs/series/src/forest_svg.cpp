// The forest plot: self-contained SVG (no script, no external font), so it
// can be opened alone, shown with <img>, or inlined in a page.

#include <algorithm>
#include <cmath>

#include "trialwise/core/text.hpp"
#include "trialwise/series/series.hpp"
#include "words.hpp"

namespace trialwise::series {
namespace {

constexpr double kWidth = 780, kRow = 22, kTop = 64, kBottomAxis = 44;
constexpr double kPlotLeft = 250, kPlotRight = 555;
constexpr std::size_t kMaxLabel = 32;

// A label cut to fit its column (by code points, never inside one).
std::string fitted(const std::string& label) {
  std::size_t chars = 0, at = 0;
  for (; at < label.size(); ++at) {
    if ((static_cast<unsigned char>(label[at]) & 0xC0) == 0x80) continue;
    if (chars++ == kMaxLabel) return label.substr(0, at) + "…";
  }
  return label;
}

// A step of 1, 2 or 5 times a power of ten giving about six ticks.
double tick_step(double span) {
  const double raw = span / 6, power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

}  // namespace

std::string forest_svg(const Series& s) {
  double lo = std::min(0.0, s.smallest_meaningful_change), hi = std::max(0.0, s.smallest_meaningful_change);
  for (const auto& p : s.people) {
    lo = std::min(lo, p.ci_low);
    hi = std::max(hi, p.ci_high);
  }
  if (s.pooled) {
    lo = std::min(lo, s.pooled->prediction.pi_low);
    hi = std::max(hi, s.pooled->prediction.pi_high);
  }
  const double step = tick_step(std::max(hi - lo, 1e-9));
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  const auto x_of = [&](double v) { return kPlotLeft + (v - lo) / (hi - lo) * (kPlotRight - kPlotLeft); };

  const std::size_t rows = s.people.size() + (s.pooled ? 3 : 0);
  const double plot_bottom = kTop + kRow * static_cast<double>(std::max<std::size_t>(rows, 1));
  const double height = plot_bottom + kBottomAxis + 24;
  const std::string title = "Improvement in " + s.outcome_label + " by client: " + s.protocol_label;

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + one_decimal(kWidth) + " " +
                    one_decimal(height) + "\" width=\"" + one_decimal(kWidth) + "\" height=\"" + one_decimal(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n";
  svg += "<title>" + escape_xml(title) + "</title>\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += "<text x=\"12\" y=\"22\" font-size=\"14\" font-weight=\"bold\">" + escape_xml(title) + "</text>\n";
  svg += "<text x=\"12\" y=\"" + one_decimal(kTop - 12) + "\" fill=\"#37474f\">Client</text>\n";
  svg += "<text x=\"" + one_decimal(kPlotRight + 12) + "\" y=\"" + one_decimal(kTop - 12) +
         "\" fill=\"#37474f\">Improvement [95% CI]</text>\n";
  svg += "<text x=\"" + one_decimal(kWidth - 12) + "\" y=\"" + one_decimal(kTop - 12) +
         "\" text-anchor=\"end\" fill=\"#37474f\">Weight</text>\n";

  // Axis, ticks, no change and the smallest change that matters.
  for (double t = lo; t <= hi + step / 2; t += step) {
    const double x = x_of(t);
    svg += "<line x1=\"" + one_decimal(x) + "\" y1=\"" + one_decimal(plot_bottom) + "\" x2=\"" + one_decimal(x) +
           "\" y2=\"" + one_decimal(plot_bottom + 5) + "\" stroke=\"#37474f\"/>\n";
    svg += "<text x=\"" + one_decimal(x) + "\" y=\"" + one_decimal(plot_bottom + 18) + "\" text-anchor=\"middle\">" +
           one_decimal(t) + "</text>\n";
  }
  svg += "<line x1=\"" + one_decimal(kPlotLeft) + "\" y1=\"" + one_decimal(plot_bottom) + "\" x2=\"" +
         one_decimal(kPlotRight) + "\" y2=\"" + one_decimal(plot_bottom) + "\" stroke=\"#37474f\"/>\n";
  svg += "<text x=\"" + one_decimal((kPlotLeft + kPlotRight) / 2) + "\" y=\"" + one_decimal(plot_bottom + 36) +
         "\" text-anchor=\"middle\" fill=\"#37474f\">" +
         escape_xml("← worse    improvement in " + s.outcome_label + " (points)    better →") + "</text>\n";
  svg += "<line x1=\"" + one_decimal(x_of(0)) + "\" y1=\"" + one_decimal(kTop - 4) + "\" x2=\"" + one_decimal(x_of(0)) +
         "\" y2=\"" + one_decimal(plot_bottom) + "\" stroke=\"#90a4ae\"/>\n";
  const double smc = x_of(s.smallest_meaningful_change);
  svg += "<line x1=\"" + one_decimal(smc) + "\" y1=\"" + one_decimal(kTop - 4) + "\" x2=\"" + one_decimal(smc) +
         "\" y2=\"" + one_decimal(plot_bottom) +
         "\" stroke=\"#2e7d32\" stroke-dasharray=\"4 3\"><title>smallest change that matters (" +
         one_decimal(s.smallest_meaningful_change) + ")</title></line>\n";

  double y = kTop + kRow / 2;
  for (const auto& p : s.people) {
    const double size = s.pooled ? 4 + 8 * std::sqrt(p.weight / 100) : 6;
    svg += "<g>\n<title>" +
           escape_xml(p.label + ": " + one_decimal(p.estimate) + " [" + one_decimal(p.ci_low) + " to " +
                      one_decimal(p.ci_high) + "]") +
           "</title>\n";
    svg += "<text x=\"12\" y=\"" + one_decimal(y + 4) + "\">" + escape_xml(fitted(p.label)) + "</text>\n";
    svg += "<line x1=\"" + one_decimal(x_of(p.ci_low)) + "\" y1=\"" + one_decimal(y) + "\" x2=\"" +
           one_decimal(x_of(p.ci_high)) + "\" y2=\"" + one_decimal(y) + "\" stroke=\"#263238\"/>\n";
    svg += "<rect x=\"" + one_decimal(x_of(p.estimate) - size / 2) + "\" y=\"" + one_decimal(y - size / 2) +
           "\" width=\"" + one_decimal(size) + "\" height=\"" + one_decimal(size) + "\" fill=\"#1565c0\"/>\n";
    if (p.shrunken)
      svg += "<circle cx=\"" + one_decimal(x_of(p.shrunken->estimate)) + "\" cy=\"" + one_decimal(y) +
             "\" r=\"3\" fill=\"none\" stroke=\"#ef6c00\"/>\n";
    svg += "<text x=\"" + one_decimal(kPlotRight + 12) + "\" y=\"" + one_decimal(y + 4) + "\">" +
           one_decimal(p.estimate) + " [" + one_decimal(p.ci_low) + ", " + one_decimal(p.ci_high) + "]</text>\n";
    if (s.pooled)
      svg += "<text x=\"" + one_decimal(kWidth - 12) + "\" y=\"" + one_decimal(y + 4) + "\" text-anchor=\"end\">" +
             whole_percent(p.weight) + "</text>\n";
    svg += "</g>\n";
    y += kRow;
  }
  if (s.people.empty())
    svg +=
        "<text x=\"12\" y=\"" + one_decimal(y + 4) + "\">No trial has reached a review with an estimate yet.</text>\n";

  if (s.pooled) {
    const auto& fit = s.pooled->fit;
    const auto& pred = s.pooled->prediction;
    y += kRow;
    const double top = y - 7, bottom = y + 7;
    svg += "<text x=\"12\" y=\"" + one_decimal(y + 4) + "\" font-weight=\"bold\">Average (random effects)</text>\n";
    svg += "<polygon points=\"" + one_decimal(x_of(fit.ci_low[0])) + "," + one_decimal(y) + " " +
           one_decimal(x_of(fit.coef[0])) + "," + one_decimal(top) + " " + one_decimal(x_of(fit.ci_high[0])) + "," +
           one_decimal(y) + " " + one_decimal(x_of(fit.coef[0])) + "," + one_decimal(bottom) +
           "\" fill=\"#0d47a1\"/>\n";
    svg += "<text x=\"" + one_decimal(kPlotRight + 12) + "\" y=\"" + one_decimal(y + 4) + "\" font-weight=\"bold\">" +
           one_decimal(fit.coef[0]) + " [" + one_decimal(fit.ci_low[0]) + ", " + one_decimal(fit.ci_high[0]) +
           "]</text>\n";
    y += kRow;
    svg += "<text x=\"12\" y=\"" + one_decimal(y + 4) + "\">Likely range for a new client</text>\n";
    svg += "<line x1=\"" + one_decimal(x_of(pred.pi_low)) + "\" y1=\"" + one_decimal(y) + "\" x2=\"" +
           one_decimal(x_of(pred.pi_high)) + "\" y2=\"" + one_decimal(y) +
           "\" stroke=\"#0d47a1\" stroke-width=\"3\"/>\n";
    for (double end : {pred.pi_low, pred.pi_high})
      svg += "<line x1=\"" + one_decimal(x_of(end)) + "\" y1=\"" + one_decimal(y - 5) + "\" x2=\"" +
             one_decimal(x_of(end)) + "\" y2=\"" + one_decimal(y + 5) + "\" stroke=\"#0d47a1\" stroke-width=\"2\"/>\n";
    svg += "<text x=\"" + one_decimal(kPlotRight + 12) + "\" y=\"" + one_decimal(y + 4) + "\">" +
           one_decimal(pred.pi_low) + " to " + one_decimal(pred.pi_high) + "</text>\n";
    svg += "<text x=\"12\" y=\"" + one_decimal(height - 8) + "\" fill=\"#607d8b\">I² " + whole_percent(fit.i2) +
           "; squares sized by weight; ○ each client's shrunken estimate; dashed: the smallest change that "
           "matters</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace trialwise::series
