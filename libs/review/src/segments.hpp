#pragma once

// The trial's calendar cut into the runs of days a chart shows: the
// baseline, then the active period (or each block of a block design).

#include <string>
#include <vector>

#include "trialwise/review/review.hpp"

namespace trialwise::review {

struct Segment {
  std::string label;  // "baseline", "active", "block 1 on", ...
  Date first, last;
  Point::Phase phase = Point::Phase::baseline;
  double mean = 0;  // of the days logged in it
  int logged = 0;
};

/// The segments from the trial's start to the last day the review counts.
std::vector<Segment> segments(const Review& r, const model::Trial& t);

}  // namespace trialwise::review
