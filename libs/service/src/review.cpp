#include "trialwise/service/review.hpp"

#include <boost/json/array.hpp>

#include "trialwise/review/report.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/running.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::service {

namespace {}  // namespace

Result<model::Trial> chosen_trial(store::TrialRepository& repo, const model::ProfileId& profile,
                                  std::optional<model::TrialId> id) {
  if (!id) return running_trial(repo, profile);
  return repo.get_trial(profile, *id);
}

Result<model::TrialRecord> trial_record(store::TrialRepository& repo, const model::ProfileId& profile,
                                        const model::Trial& trial) {
  model::TrialRecord record{trial, {}, {}};
  auto entries = repo.entries(profile, trial.id, std::nullopt, std::nullopt);
  if (!entries) return Unexpected{entries.error()};
  record.entries = std::move(*entries);
  auto amendments = repo.amendments(profile, trial.id);
  if (!amendments) return Unexpected{amendments.error()};
  record.amendments = std::move(*amendments);
  return record;
}

review::Review review_record(const pack::Pack& pack, const model::TrialRecord& record, std::optional<Date> as_of) {
  return review::review_trial(pack, record.trial, record.entries, as_of.value_or(record.trial.review_date));
}

boost::json::object review_json(const review::Review& r, const model::TrialRecord& record) {
  const auto& t = record.trial;
  auto json = review::to_json(r, true);
  json["trial"] = t.id;
  json["pack"] = boost::json::object{{"id", t.pack_id}, {"version", t.pack_version}};
  boost::json::array list;
  for (const auto& a : record.amendments) list.push_back(amendment_json(a));
  json["amendments"] = std::move(list);
  return json;
}

Result<std::string> record_verdict(store::TrialRepository& repo, const model::ProfileId& profile, const model::Trial& t,
                                   const review::Review& r) {
  if (t.ended_on) return Unexpected{conflict("", "trial " + std::to_string(t.id) + " has already ended")};
  const std::string verdict(review::to_string(r.verdict));
  switch (r.verdict) {
    case review::Verdict::inconclusive: return std::string("Nothing recorded: the review was inconclusive.");
    case review::Verdict::see_clinician:
    case review::Verdict::stop_side_effects:
    case review::Verdict::stop_no_clear_benefit:
    case review::Verdict::stop_take_a_break: {
      auto ended = repo.end_trial(profile, t.id, r.as_of, verdict);
      if (!ended) return Unexpected{ended.error()};
      return "Recorded: trial " + std::to_string(t.id) + " ended on " + r.as_of.to_string() + " (" + verdict + ").";
    }
    case review::Verdict::continue_trial:
    case review::Verdict::reduce_dose: break;
  }
  const std::string why = "review on " + r.as_of.to_string() + ": " + verdict;
  model::Trial next = t;
  if (r.verdict == review::Verdict::reduce_dose && !t.steps.empty()) {
    const auto& first = t.steps.front();
    std::string old_value;
    for (auto& step : next.steps) {
      if (step.number == first.number || (step.dose_g == first.dose_g && step.times_per_day == first.times_per_day))
        continue;
      old_value += (old_value.empty() ? "" : ", ") +
                   ("step " + std::to_string(step.number) + " " + json::number_text(step.dose_g) + " g x " +
                    std::to_string(step.times_per_day));
      step.dose_g = first.dose_g;
      step.times_per_day = first.times_per_day;
    }
    if (!old_value.empty()) {
      const model::Amendment dose{
          0,         "dose",
          old_value, json::number_text(first.dose_g) + " g x " + std::to_string(first.times_per_day) + " a day",
          why,       ""};
      auto saved = repo.amend(profile, t.id, dose, next);
      if (!saved) return Unexpected{saved.error()};
    }
  }
  next.review_date = *r.next_review_date;
  const model::Amendment date{0, "review_date", t.review_date.to_string(), r.next_review_date->to_string(), why, ""};
  auto saved = repo.amend(profile, t.id, date, next);
  if (!saved) return Unexpected{saved.error()};
  return "Recorded: the next review is on " + r.next_review_date->to_string() + ".";
}

}  // namespace trialwise::service
