#include "trialwise/service/start.hpp"

#include "trialwise/assess/report.hpp"
#include "trialwise/service/from_plan.hpp"

namespace trialwise::service {

Result<model::Trial> start_trial(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                 const Screening& screening, const assess::TrialPlan& plan) {
  auto t = trial_from_plan(pack, plan, assess::to_json(pack, screening.answers, screening.assessment, plan));
  t.pack_text = pack.text;  // the trial is judged by the pack it was planned with
  auto id = repo.create_trial(profile, t);
  if (!id) {
    // The store names the profile and the trial; the person needs the rule.
    if (id.error().code == Errc::conflict)
      return Unexpected{conflict("", "a trial is already running; one trial at a time")};
    return Unexpected{id.error()};
  }
  t.id = *id;
  return t;
}

}  // namespace trialwise::service
