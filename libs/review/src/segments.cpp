#include "segments.hpp"

#include <algorithm>

namespace trialwise::review {

std::vector<Segment> segments(const Review& r, const model::Trial& t) {
  Date end = std::min(r.as_of, t.review_date.plus_days(-1));
  if (t.ended_on) end = std::min(end, *t.ended_on);
  std::vector<Segment> out;
  if (t.active_start > t.start)
    out.push_back({"baseline", t.start, std::min(end, t.active_start.plus_days(-1)), Point::Phase::baseline, 0, 0});
  if (end >= t.active_start) {
    if (t.blocks && t.blocks->block_days > 0) {
      for (std::size_t i = 0; i < t.blocks->on.size(); ++i) {
        const Date first = t.active_start.plus_days(static_cast<int>(i) * t.blocks->block_days);
        if (first > end) break;
        const bool on = t.blocks->on[i];
        out.push_back({"block " + std::to_string(i + 1) + (on ? " on" : " off"), first,
                       std::min(end, first.plus_days(t.blocks->block_days - 1)),
                       on ? Point::Phase::active : Point::Phase::off, 0, 0});
      }
    } else {
      out.push_back({"active", t.active_start, end, Point::Phase::active, 0, 0});
    }
  }
  for (auto& s : out) {
    double sum = 0;
    for (const auto& p : r.series)
      if (p.date >= s.first && p.date <= s.last) {
        sum += p.outcome;
        ++s.logged;
      }
    if (s.logged > 0) s.mean = sum / s.logged;
  }
  std::erase_if(out, [](const Segment& s) { return s.last < s.first; });
  return out;
}

}  // namespace trialwise::review
