#include "account_checks.hpp"

#include <algorithm>

namespace trialwise::store::detail {

std::string email_key(std::string_view email) {
  std::string key(email);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return key;
}

Result<void> check_account(const model::Account& a) {
  if (a.email.empty() || a.email.size() > 254)
    return Unexpected{invalid_input("account/email", "an email of 1 to 254 bytes is needed")};
  if (a.password_hash.empty()) return Unexpected{invalid_input("account/password_hash", "a password hash is needed")};
  return {};
}

Result<void> check_session(const model::Session& s) {
  if (s.token_hash.empty()) return Unexpected{invalid_input("session/token_hash", "a token hash is needed")};
  if (s.account <= 0) return Unexpected{invalid_input("session/account", "an account is needed")};
  if (s.created_at.empty() || s.last_seen_at.empty() || s.expires_at.empty())
    return Unexpected{invalid_input("session/expires_at", "a session needs its times")};
  return {};
}

Error account_not_found(model::AccountId id) {
  return not_found("account/" + std::to_string(id), "no account " + std::to_string(id));
}

Error email_taken() { return conflict("account/email", "an account with this email exists"); }

}  // namespace trialwise::store::detail
