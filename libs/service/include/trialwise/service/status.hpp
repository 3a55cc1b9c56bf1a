#pragma once

// Where the running trial stands, with the amendments made since its start.

#include <vector>

#include <boost/json/object.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/trial/status.hpp"

namespace trialwise::service {

struct TrialStatus {
  trial::Status status;
  std::vector<model::Amendment> amendments;  // oldest first
};

/// The trial's status on `today`, replayed from its plan and log, and its
/// amendments. Fails only with the store's error.
Result<TrialStatus> trial_status(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                 const model::Trial& trial, Date today);

/// The status as `trialwise status --json` prints it: trial, phase, today,
/// day, the logged and missing days, review_date, pack, step (or null),
/// adherence (or null), side_effect_burden, actions, red_flags, todo,
/// amendments ({field, old, new, reason, recorded_at}), and the tracked
/// outcome as the trial's own pack defines it ({id, label, question, better,
/// scale: {min, max, low, high}}), so a front end logs on the right scale.
boost::json::object status_json(const pack::Pack& pack, const model::Trial& trial, const TrialStatus& status);

/// One amendment as status_json lists it.
/// Adds what to do now to a status or a logged day's JSON: `todo`, the
/// texts, and `todo_items`, each {id, text} (see trial::Todo).
void add_todo(boost::json::object& o, const std::vector<trial::Todo>& todo);

boost::json::object amendment_json(const model::Amendment& a);

}  // namespace trialwise::service
