#pragma once

// Where a trial stands on a given day, computed from the plan and the log:
// the phase, today's dose (step-ups only when the pack's tolerance rule
// holds), adherence, the week's side-effect burden, the pack's actions that
// the logged side effects trigger, and what to do now.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::trial {

enum class Phase {
  not_started,  ///< before the first baseline day
  baseline,     ///< tracking the outcome, no supplement yet
  active,       ///< taking the supplement as the current step says
  review_due,   ///< the review date has come
  stopped,      ///< a red flag or a stop-level side effect: stop now
  ended,        ///< the trial was ended
};

std::string_view to_string(Phase p) noexcept;

/// The dose step in force on a day.
struct StepNow {
  int number = 0;  // the planned step's number
  double dose_g = 0;
  int times_per_day = 0;
  std::string why;  // e.g. "held at step 1: not yet tolerated"
};

/// One thing to do now. `text` says it in neutral words (the pack's where it
/// can); `id` says what it is, so that each front end can add its own way to
/// do it (a command, a link): "ended", "red_flag", "stop", "see_review",
/// "not_started", "baseline", "off_block", "dose", "dose_reason",
/// "review_due", "action" (a side-effect action of the pack), "log_today".
struct Todo {
  std::string id;
  std::string text;

  friend bool operator==(const Todo&, const Todo&) = default;
};

struct Status {
  Phase phase = Phase::not_started;
  Date today;
  int day = 0;                  // day of the current phase, from 1
  std::optional<StepNow> step;  // while active
  int baseline_days_logged = 0, baseline_days_missing = 0;
  int active_days_logged = 0, active_days_missing = 0;
  std::optional<double> adherence;                   // doses taken / doses planned on active days so far
  std::map<std::string, double> side_effect_burden;  // mean score over the last 7 days, per side effect
  std::vector<std::string> actions;    // ids of the pack's side-effect actions triggered by the last logged day
  std::vector<std::string> red_flags;  // ids of red flags ever logged
  Date review_date;
  std::vector<Todo> todo;  // what to do now, most urgent first
};

/// What status reads from the trial's log: ranges of current entries and
/// range totals. A store answers both with indexed range queries, so status
/// costs the same with ten years of entries as with a month.
class Log {
 public:
  virtual ~Log() = default;
  /// Current entries with from <= date <= to, by date.
  virtual Result<std::vector<model::DayEntry>> between(Date from, Date to) const = 0;
  /// Totals over the current entries with from <= date <= to.
  virtual Result<model::EntryTotals> totals(Date from, Date to) const = 0;
};

/// A log over entries held in memory (any order; one entry per day).
class MemoryLog final : public Log {
 public:
  explicit MemoryLog(const std::vector<model::DayEntry>& entries);
  Result<std::vector<model::DayEntry>> between(Date from, Date to) const override;
  Result<model::EntryTotals> totals(Date from, Date to) const override;

 private:
  std::map<Date, const model::DayEntry*> by_day_;
};

/// Computes the status on `today`. Reads only what it needs: totals for the
/// counts, adherence and red flags, and the days around each step's start and
/// the last week. Fails only if the log cannot be read.
Result<Status> compute_status(const pack::Pack& pack, const model::Trial& trial, const Log& log, Date today);

/// The same over entries in memory (any order).
Status compute_status(const pack::Pack& pack, const model::Trial& trial, const std::vector<model::DayEntry>& entries,
                      Date today);

/// The worst side-effect score of an entry (0 when none logged).
int worst_side_effect(const model::DayEntry& e);

}  // namespace trialwise::trial
