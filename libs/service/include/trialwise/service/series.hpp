#pragma once

// A series from trial records: what `trialwise series` (records read from
// a file) and GET /api/v1/clients/series (a coach's clients' trials) share.
// Each trial is reviewed by the pack it was planned with, at the review date
// that came last, then series::pool pools the ones that can be.

#include <optional>
#include <string>
#include <vector>

#include "trialwise/model/trial_json.hpp"
#include "trialwise/series/series.hpp"
#include "trialwise/service/trial_pack.hpp"

namespace trialwise::service {

/// One trial, with the person it belongs to as the reader knows them (empty:
/// each trial is its own person).
struct LabelledRecord {
  std::string label;
  model::TrialRecord record;
};

struct SeriesQuery {
  std::string protocol, outcome;
  Date as_of;
  series::Options options;
};

/// The review date that has come, as of `as_of`: the trial's review date if
/// it has; else the latest earlier review date a review moved on from (an
/// amendment of "review_date", e.g. after "continue"); else none.
std::optional<Date> last_review_date(const model::TrialRecord& record, Date as_of);

/// The series of the records of `query.protocol` and `query.outcome` (others
/// are ignored), labelled and worded by `packs.builtin()`. Errors: the pack's
/// Errc::invalid_input for an unknown protocol or outcome ("protocol",
/// "outcome"); Errc::io when a trial's own pack no longer loads; the model's.
Result<series::Series> series_of_records(const TrialPacks& packs, const std::vector<LabelledRecord>& records,
                                         const SeriesQuery& query);

}  // namespace trialwise::service
