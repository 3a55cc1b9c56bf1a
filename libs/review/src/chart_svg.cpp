// The SVG chart: self-contained (no script, no external font), so that it
// can be opened alone or inlined into a report.

#include <algorithm>
#include <cmath>

#include "segments.hpp"
#include "trialwise/core/text.hpp"
#include "trialwise/review/report.hpp"
#include "words.hpp"

namespace trialwise::review {

namespace {

constexpr double kWidth = 720, kHeight = 320;
constexpr double kLeft = 48, kRight = 16, kTop = 40, kBottom = 56;

std::string fixed(double d) { return number(std::round(d * 10) / 10); }

const char* fill_of(Point::Phase p) {
  switch (p) {
    case Point::Phase::baseline: return "#eceff1";
    case Point::Phase::active: return "#e3f2e8";
    case Point::Phase::off: return "#f3ece3";
  }
  return "#ffffff";
}

}  // namespace

std::string chart_svg(const Review& r, const model::Trial& t) {
  const auto segs = segments(r, t);
  const Date first = t.start;
  const Date last = segs.empty() ? t.start : segs.back().last;
  const double days = std::max(1, last.days_since(first) + 1);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](Date d) { return kLeft + (d.days_since(first) + 0.5) / days * plot_w; };
  auto x_edge = [&](Date d) { return kLeft + d.days_since(first) / days * plot_w; };
  const double span = std::max(r.scale_max - r.scale_min, 1e-9);
  auto y_of = [&](double score) {
    return kTop + (1.0 - (std::clamp(score, r.scale_min, r.scale_max) - r.scale_min) / span) * plot_h;
  };

  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fixed(kWidth) + " " + fixed(kHeight) +
                  "\" width=\"" + fixed(kWidth) + "\" height=\"" + fixed(kHeight) +
                  "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n";
  const std::string title = r.outcome_label + " by day (" + number(r.scale_min) + "-" + number(r.scale_max) + ", " +
                            (r.higher_is_better ? "higher" : "lower") + " is better)";
  s += "<title>" + escape_xml(title) + "</title>\n";
  s += "<text x=\"" + fixed(kLeft) + "\" y=\"20\" font-size=\"14\" font-weight=\"bold\">" + escape_xml(title) +
       "</text>\n";
  for (const auto& seg : segs) {
    const double x0 = x_edge(seg.first), x1 = x_edge(seg.last.plus_days(1));
    s += "<rect x=\"" + fixed(x0) + "\" y=\"" + fixed(kTop) + "\" width=\"" + fixed(x1 - x0) + "\" height=\"" +
         fixed(plot_h) + "\" fill=\"" + fill_of(seg.phase) + "\"/>\n";
    s += "<text x=\"" + fixed(x0 + 3) + "\" y=\"" + fixed(kTop + plot_h + 16) + "\" fill=\"#37474f\">" +
         escape_xml(seg.label) + "</text>\n";
    s += "<text x=\"" + fixed(x0 + 3) + "\" y=\"" + fixed(kTop + plot_h + 30) + "\" fill=\"#607d8b\">" +
         seg.first.to_string() + "</text>\n";
    if (seg.logged > 0)
      s += "<line x1=\"" + fixed(x0) + "\" x2=\"" + fixed(x1) + "\" y1=\"" + fixed(y_of(seg.mean)) + "\" y2=\"" +
           fixed(y_of(seg.mean)) + "\" stroke=\"#263238\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n";
  }
  for (const double score : {r.scale_min, (r.scale_min + r.scale_max) / 2, r.scale_max}) {
    const double y = y_of(score);
    s += "<line x1=\"" + fixed(kLeft) + "\" x2=\"" + fixed(kLeft + plot_w) + "\" y1=\"" + fixed(y) + "\" y2=\"" +
         fixed(y) + "\" stroke=\"#b0bec5\" stroke-width=\"0.5\"/>\n";
    s += "<text x=\"" + fixed(kLeft - 8) + "\" y=\"" + fixed(y + 4) + "\" text-anchor=\"end\">" + number(score) +
         "</text>\n";
  }
  std::string path;
  for (const auto& p : r.series) {
    path += (path.empty() ? "M" : " L") + fixed(x_of(p.date)) + " " + fixed(y_of(p.outcome));
  }
  if (!path.empty()) s += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#78909c\" stroke-width=\"1\"/>\n";
  for (const auto& p : r.series)
    s += "<circle cx=\"" + fixed(x_of(p.date)) + "\" cy=\"" + fixed(y_of(p.outcome)) + "\" r=\"3\" fill=\"" +
         (p.phase == Point::Phase::active ? "#2e7d32" : "#546e7a") + "\"><title>" + p.date.to_string() + ": " +
         number(p.outcome) + "</title></circle>\n";
  s += "<text x=\"" + fixed(kLeft) + "\" y=\"" + fixed(kHeight - 6) +
       "\" fill=\"#607d8b\">Dots: a day's score. Dashed lines: each period's mean.</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace trialwise::review
