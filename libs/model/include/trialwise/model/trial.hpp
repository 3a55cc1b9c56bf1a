#pragma once

// A trial as it is lived: the plan fixed at the start (pre-registered), the
// day entries a person logs, and the amendments made since. Plain data; the
// store keeps it and the status is computed from it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/model/block_design.hpp"
#include "trialwise/core/date.hpp"

namespace trialwise::model {

/// Whose data this is. Every stored row belongs to one profile and every
/// query is scoped by it; a local install has the one profile "local".
using ProfileId = std::string;
inline const ProfileId kLocalProfile = "local";

using TrialId = std::int64_t;

/// One dose step as planned.
struct PlannedStep {
  int number = 1;
  Date start;         // first day of this step as planned
  double dose_g = 0;  // per dose
  int times_per_day = 1;
  bool requires_tolerance = false;  // begins only when the pack's tolerance rule holds
};

/// A pre-registered trial: what was fixed at the start. Changing any of it
/// later is an Amendment, never a silent rewrite.
struct Trial {
  TrialId id = 0;  // assigned by the store
  std::string pack_id, pack_version;
  /// The pack the trial was planned with, as JSON text: status, the review
  /// and the exports judge the trial by it. Empty for trials started before
  /// packs were kept (they are judged by the built-in pack).
  std::string pack_text;
  std::string product_name;
  std::optional<double> g_per_serving;
  std::string protocol_id;
  std::string outcome_id;
  bool outcome_higher_is_better = false;
  Date start;         // first baseline day
  Date active_start;  // first active day (baseline is [start, active_start))
  Date review_date;
  std::vector<PlannedStep> steps;
  std::optional<BlockDesign> blocks;  // empty: the open design (baseline, then active)
  boost::json::value plan;            // the plan as made, answers and assessment included
  std::string created_at;             // UTC, ISO 8601, set by the store
  std::optional<Date> ended_on;
  std::string end_reason;  // a review outcome or "stopped" reason
};

/// The block of a block design that `day` falls in, or -1 (before the
/// active period, after the last block, or an open design).
int block_of(const Trial& t, Date day);

/// Whether the supplement is planned on `day`: an active day of the open
/// design, or a day of an on block; false in the baseline and off blocks.
bool is_on_day(const Trial& t, Date day);

/// One day's log. A day has one current entry; logging it again replaces it
/// and keeps the earlier version in the history.
struct DayEntry {
  Date date;
  double outcome = 0;                       // on the outcome's scale (the pack's; 0-10 for glutamine)
  std::optional<int> doses_taken;           // doses taken that day
  std::optional<double> dose_g;             // grams per dose actually taken
  std::map<std::string, int> side_effects;  // pack side-effect id -> 0..10
  std::vector<std::string> red_flags;       // pack red-flag ids noticed that day
  bool with_food = false;
  /// Another product with the supplement was taken that day (the plan asks
  /// to pause them): the review counts the day's doses as missed.
  bool other_product = false;
  std::string note;
  std::string recorded_at;  // UTC, ISO 8601, set by the store
  int version = 1;          // 1 for the first entry of a day, then 2, 3, ...
};

/// A change to the pre-registered plan, with its reason and time.
struct Amendment {
  std::int64_t id = 0;
  std::string field;  // "product", "dose", "outcome", "review_date"
  std::string old_value, new_value;
  std::string reason;
  std::string recorded_at;
};

/// Logged-day totals over a date range, as the store computes them.
struct EntryTotals {
  int days = 0;                        // days with an entry
  double doses_taken = 0;              // sum of doses_taken (missing counts as 0)
  std::vector<std::string> red_flags;  // distinct red-flag ids logged, sorted
};

}  // namespace trialwise::model
