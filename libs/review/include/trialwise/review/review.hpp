#pragma once

// The review: an honest N-of-1 verdict on a trial at its review date.
//
// The effect is the ordinary least squares estimate of the daily outcome on
// an intercept and an indicator of the active phase (baseline days, and the
// off blocks of a block design, are the control), with Newey-West standard
// errors so that day-to-day autocorrelation does not fake certainty. It is
// reported as improvement in the outcome's better direction, with a 95%
// interval and the probability that the improvement is at least the pack's
// smallest change that matters (normal approximation; also the posterior
// under a flat prior). A second fit allows a steady drift over time: a
// benefit that a trend already under way could explain is not called clear.
//
// The verdict, most urgent first: see_clinician (a red flag was logged),
// stop_side_effects (a side effect at the pack's stop level, or one at the
// step-down level on average even at the first dose step), inconclusive (the
// review date has not come, too few days logged, or adherence below the
// pack's threshold: says what is missing), then continue or reduce_dose
// (clear benefit; reduce_dose when side effects came with a higher step) or
// stop_no_clear_benefit. A clear benefit never re-reviews past the
// protocol's longest duration (its active_days.max, counted in calendar days
// from the first active day): at that point the verdict is stop_take_a_break,
// because a supplement must not drift into a routine forever.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::review {

/// The review outcomes: contract v1's six, and stop_take_a_break.
enum class Verdict {
  continue_trial,  ///< "continue"
  stop_no_clear_benefit,
  stop_side_effects,
  reduce_dose,
  inconclusive,
  see_clinician,
  stop_take_a_break,  ///< a clear benefit, but the protocol's longest duration is reached
};

/// The contract name ("continue", "stop_no_clear_benefit", ...).
std::string_view to_string(Verdict v) noexcept;

/// The phase effect, as improvement in the outcome's better direction.
struct Effect {
  double estimate = 0;                       ///< mean improvement on active days over control days
  double se = 0;                             ///< Newey-West standard error
  double ci_low = 0, ci_high = 0;            ///< 95% interval
  double p_meaningful = 0;                   ///< P(improvement >= the smallest change that matters)
  double control_mean = 0, active_mean = 0;  ///< raw outcome means
  int n = 0;                                 ///< days in the fit
  int lag = 0;                               ///< Newey-West lag used
};

/// The same effect estimated alongside a linear time trend.
struct TrendCheck {
  double estimate = 0, se = 0;
  double trend_per_week = 0;      ///< the drift, as improvement per week
  bool explains_benefit = false;  ///< estimate below the smallest change that matters
};

/// The exact randomization test of a block design.
struct Randomization {
  double observed = 0;  ///< improvement, on-block mean over off-block mean
  double p_value = 1;
  int orders = 0;  ///< admissible orders
};

/// One side effect's burden on active days.
struct SideEffectSummary {
  std::string id, label;
  double mean = 0;  ///< mean score over active days logged
  int days_at_or_above_moderate = 0;
  int worst = 0;
  std::vector<double> mean_by_step;  ///< mean score per dose step reached (step 1 first)
  bool rose_with_dose = false;       ///< higher steps scored at least a point worse than step 1
};

/// Days logged against days planned, per phase.
struct DaysLogged {
  int baseline = 0, baseline_planned = 0;
  int active = 0, active_planned = 0;
  int off = 0, off_planned = 0;  ///< off blocks (block design only)
  /// Days another product with the supplement was taken: on active days their
  /// doses count as missed; days without the trial's supplement are left out
  /// of the comparison (they are no control).
  int other_product_active = 0, other_product_control = 0;
};

/// One day of the outcome, for charts.
struct Point {
  Date date;
  double outcome = 0;
  enum class Phase { baseline, active, off } phase = Phase::baseline;
  int step = 0;  ///< dose step in force (active days), from 1
};

struct Review {
  Verdict verdict = Verdict::inconclusive;
  Date as_of;
  Date review_date;
  bool review_date_reached = false;
  std::optional<Effect> effect;  ///< absent when it cannot be estimated
  std::optional<TrendCheck> trend;
  std::optional<Randomization> randomization;  ///< block designs
  std::optional<double> adherence;             ///< doses taken / doses planned on active days
  DaysLogged days;
  std::vector<SideEffectSummary> side_effects;
  std::vector<std::string> red_flags;    ///< ids logged
  std::optional<Date> next_review_date;  ///< continue and reduce_dose
  std::vector<std::string> reasons;      ///< why this verdict, in plain words
  std::vector<std::string> missing;      ///< inconclusive: what would make a verdict possible
  std::vector<std::string> caveats;      ///< what the design cannot rule out
  std::vector<Point> series;             ///< the outcome by day, phases marked
  // What the figures mean, for words and charts.
  std::string outcome_label;
  double scale_min = 0, scale_max = 10;  ///< the outcome's scale, from the trial's pack
  bool higher_is_better = false;
  double smallest_meaningful_change = 1;
  double certainty = 0.8;
};

/// Reviews `trial` on `as_of` from its current day entries (any order). Pure:
/// the same trial and entries give the same review.
Review review_trial(const pack::Pack& pack, const model::Trial& trial, const std::vector<model::DayEntry>& entries,
                    Date as_of);

}  // namespace trialwise::review
