#pragma once

// The dose as it really went, replayed day by day from the plan and the log,
// so that "if tolerated" means what the article says:
//   - a step that requires tolerance begins only after the pack's window of
//     days at the current dose, every one of them logged, on which the pack's
//     tolerance rule holds (days not logged are not evidence);
//   - a side effect at the step-down level sends the next day's dose back one
//     step, and it stays there until a new full window at the lower dose has
//     been tolerated; a second step-down from the same step holds the dose at
//     the lower step for the rest of the trial (no daily back-and-forth);
//   - side effects at the step-down level on the pack's number of days within
//     its window, at the lowest dose, stop the trial (repeated upset).

#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::trial {

class Log;

/// A change of the step in force.
struct StepChange {
  enum class Kind { up, down } kind = Kind::up;
  Date date;             ///< the first day at the new step
  std::size_t step = 0;  ///< index into Trial::steps
};

/// Why the next step has not begun, on the last day replayed.
struct NextStepWait {
  std::size_t step = 0;       ///< the step waited for
  Date planned;               ///< its planned start
  int window_days = 0;        ///< days of evidence needed at the current dose
  int logged = 0;             ///< of those, days logged
  int worst = 0;              ///< the worst side-effect score among them
  bool side_effects = false;  ///< the pack's tolerance rule fails on the days logged
};

struct DoseHistory {
  Date first;                           ///< the first active day
  std::vector<std::size_t> step;        ///< step in force on first + i, for each day replayed
  std::vector<StepChange> changes;      ///< step-ups and step-downs, in order
  std::optional<std::size_t> held_at;   ///< held here for the rest of the trial (a second step-down)
  std::optional<Date> upset_stop;       ///< the day repeated upset at the lowest dose stopped the trial
  std::optional<NextStepWait> waiting;  ///< on the last day replayed, when a later step is due but not begun

  /// The step in force on `day` (step 0 before the first active day; the
  /// last replayed step after the last day replayed).
  std::size_t step_on(Date day) const;

  /// The runs of days at one step from the first active day to `last`: each
  /// {first day, last day, step}. As many as the changes, however long the log.
  struct Run {
    Date from, to;
    std::size_t step = 0;
  };
  std::vector<Run> runs(Date last) const;
};

/// Replays the trial's dose from its first active day to `until` (inclusive;
/// not past the day before the review date, the day it ended, or the
/// protocol's longest run, after which the last step holds). Reads only the
/// days it needs, so its cost does not grow with years of entries. Fails only
/// if the log cannot be read.
Result<DoseHistory> replay_doses(const pack::Pack& pack, const model::Trial& trial, const Log& log, Date until);

}  // namespace trialwise::trial
