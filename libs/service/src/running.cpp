#include "trialwise/service/running.hpp"

namespace trialwise::service {

Result<model::Trial> running_trial(store::TrialRepository& repo, const model::ProfileId& profile) {
  auto t = repo.active_trial(profile);
  if (!t) return Unexpected{t.error()};
  if (!*t) return Unexpected{not_found("", "no trial is running")};
  return std::move(**t);
}

Result<std::vector<model::DayEntry>> RepositoryLog::between(Date from, Date to) const {
  return repo_.entries(profile_, id_, from, to);
}

Result<model::EntryTotals> RepositoryLog::totals(Date from, Date to) const {
  return repo_.totals(profile_, id_, from, to);
}

}  // namespace trialwise::service
