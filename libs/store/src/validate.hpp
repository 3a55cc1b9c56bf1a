#pragma once

// What every repository implementation checks before it saves, and the
// errors they share, so the memory fake and SQLite fail the same way (the
// contract tests hold them to it).
//
// Error::where names the value: "trial/<field>", "entry/<field>" for
// put_entry, "entries/<index>/<field>" for put_entries (so an importer can
// map it to a line), "amendment/<field>", and "trial/<id>" for a trial that
// is missing, already active or already ended.

#include <string>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::store::detail {

/// True when `d` is a real calendar date that reads back from "YYYY-MM-DD".
bool storable(Date d);

/// Fails with Errc::invalid_input for an empty profile id.
Result<void> check_profile(const model::ProfileId& profile);

/// Dates storable, numbers finite. The domain checks the rest (order of
/// dates, doses against the pack) before it gets here.
Result<void> check_trial(const model::Trial& t);

/// Date storable; outcome and side effects on the 0-10 scale; doses and
/// grams not negative; every number finite (SQLite would store NaN as NULL).
/// `where` is the entry's prefix: "entry" or "entries/3".
Result<void> check_entry(const model::DayEntry& e, const std::string& where);

/// A field name is required.
Result<void> check_amendment(const model::Amendment& a);

std::string trial_where(model::TrialId id);
Error trial_not_found(const model::ProfileId& profile, model::TrialId id);
Error already_active(const model::ProfileId& profile, model::TrialId active);
Error already_ended(model::TrialId id, Date ended_on);
Error same_day_twice(const std::string& where, Date day);

}  // namespace trialwise::store::detail
