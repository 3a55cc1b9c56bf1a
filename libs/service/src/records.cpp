#include "trialwise/service/records.hpp"

#include "trialwise/model/trial_json.hpp"

#include "trialwise/trial/csv.hpp"

namespace trialwise::service {

boost::json::array trials_json(const std::vector<model::Trial>& trials) {
  boost::json::array list;
  for (const auto& t : trials)
    list.push_back(boost::json::object{{"id", t.id},
                                       {"product", t.product_name},
                                       {"protocol", t.protocol_id},
                                       {"outcome", t.outcome_id},
                                       {"start", t.start.to_string()},
                                       {"review_date", t.review_date.to_string()},
                                       {"ended_on", t.ended_on ? boost::json::value(t.ended_on->to_string()) : nullptr},
                                       {"end_reason", t.end_reason},
                                       {"pack", boost::json::object{{"id", t.pack_id}, {"version", t.pack_version}}}});
  return list;
}

boost::json::array entries_json(const std::vector<model::DayEntry>& entries) {
  boost::json::array out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(model::entry_json(e));
  return out;
}

Result<std::string> export_csv(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                               const model::Trial& trial) {
  auto entries = repo.entries(profile, trial.id, std::nullopt, std::nullopt);
  if (!entries) return Unexpected{entries.error()};
  return trial::to_csv(pack, std::move(*entries));
}

}  // namespace trialwise::service
