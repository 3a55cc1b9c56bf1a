#pragma once

// The figures a review rests on, gathered from the trial and its entries.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "trialwise/review/review.hpp"

namespace trialwise::review {

struct Figures {
  /// The worst side-effect score on an active day: score, side effect, day.
  std::optional<std::tuple<int, std::string, Date>> worst_active;
  /// Why the effect could not be estimated, when it could not.
  std::string fit_problem;
  /// Side effects that came with a step above the first, in words; empty
  /// when the higher steps were no harder to bear than the first.
  std::string higher_step_burden;
  /// The day side effects at the step-down level, repeated at the lowest
  /// dose, stopped the trial (the pack's repeated-upset rule).
  std::optional<Date> upset_stop;
};

/// Fills the review's days, adherence, side effects, red flags, series,
/// effect, trend check and randomization test. `moderate` is the pack's
/// step-down level.
Figures gather_figures(const pack::Pack& pack, const model::Trial& t, const std::vector<model::DayEntry>& entries,
                       Date as_of, double moderate, Review& r);

}  // namespace trialwise::review
