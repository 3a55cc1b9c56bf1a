#pragma once

// Starting a trial: the plan saved as the profile's pre-registered trial.

#include "trialwise/assess/plan.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/service/screening.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::service {

/// Saves `plan` (made from `screening` with assess::make_plan, which refuses
/// for safety before anything is saved) as the profile's trial, the plan's
/// JSON and the answers kept whole. Returns the trial with its id. Fails with
/// Errc::conflict when a trial is already running (one at a time), or with
/// the store's error.
Result<model::Trial> start_trial(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                 const Screening& screening, const assess::TrialPlan& plan);

}  // namespace trialwise::service
