#pragma once

#include <boost/json/value.hpp>

#include "trialwise/assess/plan.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::service {

/// The trial to pre-register from a plan: its dates, steps, product and
/// outcome, with `plan_json` (the plan as shown, answers included) kept whole.
model::Trial trial_from_plan(const pack::Pack& pack, const assess::TrialPlan& plan, boost::json::value plan_json);

}  // namespace trialwise::service
