#include "trialwise/service/status.hpp"

#include <boost/json/array.hpp>

#include "trialwise/service/running.hpp"

namespace trialwise::service {

Result<TrialStatus> trial_status(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                 const model::Trial& trial, Date today) {
  const RepositoryLog log(repo, profile, trial.id);
  auto st = trial::compute_status(pack, trial, log, today);
  if (!st) return Unexpected{st.error()};
  auto amendments = repo.amendments(profile, trial.id);
  if (!amendments) return Unexpected{amendments.error()};
  return TrialStatus{std::move(*st), std::move(*amendments)};
}

void add_todo(boost::json::object& o, const std::vector<trial::Todo>& todo) {
  boost::json::array texts, items;
  for (const auto& item : todo) {
    texts.emplace_back(item.text);
    items.emplace_back(boost::json::object{{"id", item.id}, {"text", item.text}});
  }
  o["todo"] = std::move(texts);
  o["todo_items"] = std::move(items);
}

boost::json::object amendment_json(const model::Amendment& a) {
  return {{"field", a.field},
          {"old", a.old_value},
          {"new", a.new_value},
          {"reason", a.reason},
          {"recorded_at", a.recorded_at}};
}

boost::json::object status_json(const pack::Pack& pack, const model::Trial& t, const TrialStatus& status) {
  const auto& st = status.status;
  boost::json::object o{{"trial", t.id},
                        {"phase", std::string(trial::to_string(st.phase))},
                        {"today", st.today.to_string()},
                        {"day", st.day},
                        {"baseline_days_logged", st.baseline_days_logged},
                        {"baseline_days_missing", st.baseline_days_missing},
                        {"active_days_logged", st.active_days_logged},
                        {"active_days_missing", st.active_days_missing},
                        {"review_date", t.review_date.to_string()},
                        {"pack", boost::json::object{{"id", t.pack_id}, {"version", t.pack_version}}}};
  o["step"] = st.step ? boost::json::value(boost::json::object{{"number", st.step->number},
                                                               {"dose_g", st.step->dose_g},
                                                               {"times_per_day", st.step->times_per_day},
                                                               {"why", st.step->why}})
                      : boost::json::value(nullptr);
  o["adherence"] = st.adherence ? boost::json::value(*st.adherence) : boost::json::value(nullptr);
  boost::json::object burden;
  for (const auto& [id, mean] : st.side_effect_burden) burden[id] = mean;
  o["side_effect_burden"] = std::move(burden);
  boost::json::array actions, flags, amendments;
  for (const auto& a : st.actions) actions.emplace_back(a);
  for (const auto& f : st.red_flags) flags.emplace_back(f);
  for (const auto& a : status.amendments) amendments.emplace_back(amendment_json(a));
  o["actions"] = std::move(actions);
  o["red_flags"] = std::move(flags);
  add_todo(o, st.todo);
  o["amendments"] = std::move(amendments);
  if (const auto* oc = pack.find_outcome(t.outcome_id)) {
    o["outcome"] = boost::json::object{
        {"id", oc->id},
        {"label", oc->label},
        {"question", oc->question},
        {"better", oc->higher_is_better ? "higher" : "lower"},
        {"scale",
         boost::json::object{
             {"min", oc->scale_min}, {"max", oc->scale_max}, {"low", oc->scale_low}, {"high", oc->scale_high}}}};
  }
  return o;
}

}  // namespace trialwise::service
