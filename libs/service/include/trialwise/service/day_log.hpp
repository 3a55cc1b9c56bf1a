#pragma once

// Logging one day of the running trial.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/trial/status.hpp"

namespace trialwise::service {

/// The longest note a day keeps, in bytes.
inline constexpr std::size_t kMaxNoteBytes = 2000;

/// One day as a person reports it. Field names are those of the HTTP API's
/// body, and errors name them as JSON pointers ("/outcome", "/doses_taken",
/// "/side_effects/bloating", "/red_flags/0").
struct DayInput {
  Date date;
  double outcome = 0;                         // on the trial's outcome scale (the pack's)
  std::optional<int> doses_taken{};           // 0..24
  std::optional<double> dose_g{};             // grams per dose, 0..100
  std::map<std::string, int> side_effects{};  // pack side-effect id -> 0..10
  std::vector<std::string> red_flags{};       // pack red-flag ids
  bool with_food = false;
  bool other_product = false;  // another product with the supplement was taken
  std::string note{};
};

/// A saved day and where the trial stands after it.
struct LoggedDay {
  model::DayEntry entry;  // as stored: version 2 or more replaced an earlier entry
  trial::Status status;   // on `today`
};

/// Checks `day` against the trial, the pack and `today`, then saves it
/// (replacing the day's entry; the earlier version stays in the history).
/// Fails with Errc::invalid_input naming the field: "/date" in the future,
/// before the trial began or after it ended; "/outcome" off the outcome's
/// scale (the pack's, named in the message);
/// "/doses_taken" off 0-24; "/dose_g" off 0-100; "/side_effects/<id>" not
/// tracked by the pack or scored off 0-10; "/red_flags/<i>" unknown to the
/// pack; "/note" too long. Or with the store's error.
Result<LoggedDay> log_day(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                          const model::Trial& trial, const DayInput& day, Date today);

/// The checks of log_day alone: the entry to save, or the first problem.
Result<model::DayEntry> check_day(const pack::Pack& pack, const model::Trial& trial, const DayInput& day, Date today);

}  // namespace trialwise::service
