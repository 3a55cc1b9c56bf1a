#include "trialwise/service/series.hpp"

#include "trialwise/service/review.hpp"

namespace trialwise::service {

std::optional<Date> last_review_date(const model::TrialRecord& record, Date as_of) {
  if (record.trial.review_date <= as_of) return record.trial.review_date;
  std::optional<Date> latest;
  for (const auto& a : record.amendments) {
    if (a.field != "review_date") continue;
    auto moved_from = Date::parse(a.old_value, "amendment");
    if (moved_from && *moved_from <= as_of && (!latest || *latest < *moved_from)) latest = *moved_from;
  }
  return latest;
}

Result<series::Series> series_of_records(const TrialPacks& packs, const std::vector<LabelledRecord>& records,
                                         const SeriesQuery& query) {
  std::vector<series::ReviewedTrial> reviewed;
  for (const auto& [label, record] : records) {
    const auto& t = record.trial;
    if (t.protocol_id != query.protocol || t.outcome_id != query.outcome) continue;
    series::ReviewedTrial r{label, t.id, t.start, last_review_date(record, query.as_of), {}};
    if (r.reviewed_on) {
      auto pack = packs.for_trial(t);
      if (!pack) return Unexpected{pack.error()};
      r.review = review_record(**pack, record, *r.reviewed_on);
    }
    reviewed.push_back(std::move(r));
  }
  return series::pool(packs.builtin(), query.protocol, query.outcome, std::move(reviewed), query.as_of, query.options);
}

}  // namespace trialwise::service
