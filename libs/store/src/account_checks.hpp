#pragma once

// What every AccountRepository checks before it saves, and the errors they
// share, so the memory fake and SQLite fail alike (the contract tests hold
// them to it).

#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"

namespace trialwise::store::detail {

/// The email as accounts are told apart: ASCII letters lowered.
std::string email_key(std::string_view email);

/// An email (1 to 254 bytes) and a password hash.
Result<void> check_account(const model::Account& a);
/// A token hash, an account and the three times.
Result<void> check_session(const model::Session& s);

Error account_not_found(model::AccountId id);
Error email_taken();

}  // namespace trialwise::store::detail
