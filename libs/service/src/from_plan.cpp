#include "trialwise/service/from_plan.hpp"

namespace trialwise::service {

model::Trial trial_from_plan(const pack::Pack& pack, const assess::TrialPlan& plan, boost::json::value plan_json) {
  model::Trial t;
  t.pack_id = pack.id;
  t.pack_version = pack.version;
  t.product_name = plan.product_name;
  t.g_per_serving = plan.g_per_serving;
  t.protocol_id = plan.protocol->id;
  t.outcome_id = plan.outcome->id;
  t.outcome_higher_is_better = plan.outcome->higher_is_better;
  t.start = plan.start;
  t.active_start = plan.active_start;
  t.review_date = plan.review_date;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& s = plan.steps[i];
    t.steps.push_back({s.number, s.date, s.dose_g, s.times_per_day, plan.protocol->steps[i].requires_tolerance});
  }
  t.blocks = plan.blocks;
  t.plan = std::move(plan_json);
  return t;
}

}  // namespace trialwise::service
