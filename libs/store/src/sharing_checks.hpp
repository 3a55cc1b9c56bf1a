#pragma once

// What every SharingRepository checks, and the errors they share, so the
// memory fake and SQLite fail alike (the contract tests hold them to it).

#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/model/sharing.hpp"

namespace trialwise::store::detail {

/// A token hash, a coach and both times.
Result<void> check_invitation(const model::Invitation& i);
/// Whether `person` may accept `i` with `scopes` at `now` (UTC ISO 8601
/// strings compare as times): unused, unexpired, not the coach's own, something shared.
Result<void> check_acceptance(const model::Invitation& i, model::AccountId person, const model::ShareScopes& scopes,
                              const std::string& now);
Result<void> check_scopes(const model::ShareScopes& scopes);
/// A person, what was seen and when.
Result<void> check_access(const model::AccessRecord& r);

Error invitation_not_found();
Error share_not_found(model::AccountId coach);

}  // namespace trialwise::store::detail
