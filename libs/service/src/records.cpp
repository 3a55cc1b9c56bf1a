#include "trialwise/service/records.hpp"

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

boost::json::object entry_json(const model::DayEntry& e) {
  boost::json::object sides;
  for (const auto& [id, score] : e.side_effects) sides[id] = score;
  boost::json::array flags;
  for (const auto& f : e.red_flags) flags.emplace_back(f);
  return {{"date", e.date.to_string()},
          {"outcome", e.outcome},
          {"doses_taken", e.doses_taken ? boost::json::value(*e.doses_taken) : nullptr},
          {"dose_g", e.dose_g ? boost::json::value(*e.dose_g) : nullptr},
          {"side_effects", std::move(sides)},
          {"red_flags", std::move(flags)},
          {"with_food", e.with_food},
          {"note", e.note},
          {"recorded_at", e.recorded_at},
          {"version", e.version}};
}

boost::json::array entries_json(const std::vector<model::DayEntry>& entries) {
  boost::json::array out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(entry_json(e));
  return out;
}

Result<std::string> export_csv(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                               const model::Trial& trial) {
  auto entries = repo.entries(profile, trial.id, std::nullopt, std::nullopt);
  if (!entries) return Unexpected{entries.error()};
  return trial::to_csv(pack, std::move(*entries));
}

}  // namespace trialwise::service
