#pragma once

// The record of a profile's trials: every trial, a trial's day entries and
// every version of one day, the entries as CSV; and their JSON.

#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::service {

/// Every trial as `trialwise trials --json` prints it: {id, product,
/// protocol, outcome, start, review_date, ended_on (or null), end_reason,
/// pack {id, version}}, oldest first.
boost::json::array trials_json(const std::vector<model::Trial>& trials);

/// Entries as an array of model::entry_json (other_product only when true).
boost::json::array entries_json(const std::vector<model::DayEntry>& entries);

/// The trial's current day entries as CSV (trial::to_csv's columns), ready to
/// import into another database. Fails only with the store's error.
Result<std::string> export_csv(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                               const model::Trial& trial);

}  // namespace trialwise::service
