#pragma once

// Reviewing a stored trial, and recording the verdict: what `trialwise
// review` and GET /api/v1/trial/review share.

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::service {

/// The trial `id` names (running or past), or the running one when `id` is
/// empty. Errc::not_found when there is no such trial, or none running.
Result<model::Trial> chosen_trial(store::TrialRepository& repo, const model::ProfileId& profile,
                                  std::optional<model::TrialId> id);

/// The trial with its current day entries and its amendments.
Result<model::TrialRecord> trial_record(store::TrialRepository& repo, const model::ProfileId& profile,
                                        const model::Trial& trial);

/// Reviews a trial record read from elsewhere (a batch file: trial and
/// entries) by `pack`, as of `as_of` or its review date.
review::Review review_record(const pack::Pack& pack, const model::TrialRecord& record, std::optional<Date> as_of);

/// The review JSON of a stored trial: review::to_json with the series, plus
/// `trial`, `pack` and `amendments` ("in every later report").
boost::json::object review_json(const review::Review& r, const model::TrialRecord& record);

/// Saves a verdict: a stop (or see_clinician) ends the trial on the review
/// day; continue and reduce_dose move the review date to the next one, and
/// reduce_dose also sets every later step to the first step's dose, each as
/// an amendment with the reason "review on D: verdict"; inconclusive saves
/// nothing. Returns what was done, in words. Errc::conflict if the trial has
/// ended.
Result<std::string> record_verdict(store::TrialRepository& repo, const model::ProfileId& profile,
                                   const model::Trial& trial, const review::Review& r);

}  // namespace trialwise::service
