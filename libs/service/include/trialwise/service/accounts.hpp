#pragma once

// Managing accounts (trialwise account ...): adding one with a checked
// password, listing, disabling and resetting a password. Sign-in and
// sessions build on the same repository.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"
#include "trialwise/store/accounts.hpp"

namespace trialwise::service {

struct NewAccount {
  std::string email;
  model::Role role = model::Role::person;
  std::string password;  // checked (security::check_new_password), then only its hash is kept
};

/// Errors name the field by pointer: "/email" (not an email; Errc::conflict
/// when taken; Errc::not_found for no such account) or "/password" (the rule
/// it breaks, never the password itself).
class Accounts {
 public:
  explicit Accounts(store::AccountRepository& repo) : repo_(repo) {}

  Result<model::Account> add(const NewAccount& account);
  Result<std::vector<model::Account>> list() const;
  /// A disabled account cannot sign in; its sessions end at once.
  Result<model::Account> disable(const std::string& email);
  /// Sets a new password (checked as for add) and ends every session of the account.
  Result<model::Account> reset_password(const std::string& email, const std::string& password);

 private:
  Result<model::Account> find(const std::string& email) const;

  store::AccountRepository& repo_;
};

/// Whether `email` looks like one address: 3 to 254 bytes, one "@" with text
/// on both sides, a dot in the domain, no spaces or control characters.
/// Errc::invalid_input at "/email" otherwise.
Result<void> check_email(const std::string& email);

/// An account as the command line and the API show it: never the hash.
boost::json::object account_json(const model::Account& a);

}  // namespace trialwise::service
