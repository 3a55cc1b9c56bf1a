// The terminal chart: a mark a day, its height the day's score.

#include <array>
#include <cmath>
#include <map>

#include "segments.hpp"
#include "trialwise/review/report.hpp"
#include "words.hpp"

namespace trialwise::review {

namespace {

constexpr std::array<const char*, 8> kMarks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr int kMarksPerLine = 56;
constexpr std::size_t kLabelWidth = 14;

const char* mark(const Review& r, double score) {
  const double span = std::max(r.scale_max - r.scale_min, 1e-9);
  const long level = std::lround((std::clamp(score, r.scale_min, r.scale_max) - r.scale_min) / span * 7.0);
  return kMarks[static_cast<std::size_t>(level)];
}

}  // namespace

std::string chart_text(const Review& r, const model::Trial& t) {
  std::map<Date, double> by_day;
  for (const auto& p : r.series) by_day[p.date] = p.outcome;
  std::string out = r.outcome_label + " (" + number(r.scale_min) + "-" + number(r.scale_max) + ", " +
                    (r.higher_is_better ? "higher" : "lower") + " is better), a mark a day, · not logged:\n";
  for (const auto& s : segments(r, t)) {
    std::string label = "  " + s.label;
    label.resize(std::max(label.size() + 1, kLabelWidth), ' ');
    std::string line = label;
    int on_line = 0;
    for (Date d = s.first; d <= s.last; d = d.plus_days(1)) {
      if (on_line == kMarksPerLine) {
        out += line + "\n";
        line = std::string(kLabelWidth, ' ');
        on_line = 0;
      }
      const auto it = by_day.find(d);
      line += it == by_day.end() ? "·" : mark(r, it->second);
      ++on_line;
    }
    line += std::string(static_cast<std::size_t>(kMarksPerLine - on_line) + 1, ' ');
    line += s.logged > 0 ? "mean " + number(round1(s.mean)) : "nothing logged";
    out += line + "\n";
  }
  return out;
}

}  // namespace trialwise::review
