#pragma once

// The running trial of a profile, and its log as status reads it.

#include "trialwise/core/result.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/trial/status.hpp"

namespace trialwise::service {

/// The profile's running (not ended) trial. Fails with Errc::not_found
/// ("no trial is running", `where` empty) when there is none, or with the
/// store's error.
Result<model::Trial> running_trial(store::TrialRepository& repo, const model::ProfileId& profile);

/// A trial's log as status reads it: range queries on the store, so status
/// costs the same however many days are logged. Borrows `repo`.
class RepositoryLog final : public trial::Log {
 public:
  RepositoryLog(store::TrialRepository& repo, model::ProfileId profile, model::TrialId id)
      : repo_(repo), profile_(std::move(profile)), id_(id) {}
  Result<std::vector<model::DayEntry>> between(Date from, Date to) const override;
  Result<model::EntryTotals> totals(Date from, Date to) const override;

 private:
  store::TrialRepository& repo_;
  model::ProfileId profile_;
  model::TrialId id_;
};

}  // namespace trialwise::service
