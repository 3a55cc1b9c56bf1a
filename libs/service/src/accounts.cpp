#include "trialwise/service/accounts.hpp"

#include <boost/json/object.hpp>

#include "trialwise/security/password.hpp"

namespace trialwise::service {

namespace {

// Words a password must not be built on: the person's email and the service's name.
std::vector<std::string> password_context(const std::string& email) { return {email, "trialwise"}; }

Result<std::string> checked_hash(const std::string& email, const std::string& password) {
  if (auto ok = security::check_new_password(password, password_context(email), "/password"); !ok)
    return Unexpected{ok.error()};
  return security::hash_password(password);
}

}  // namespace

Result<void> check_email(const std::string& email) {
  const auto bad = [] {
    return Unexpected{invalid_input("/email", "an email address is needed, as name@example.org")};
  };
  if (email.size() < 3 || email.size() > 254) return bad();
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size() || email.find('@', at + 1) != std::string::npos)
    return bad();
  if (email.find('.', at) == std::string::npos) return bad();
  for (const char c : email)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return bad();
  return {};
}

Result<model::Account> Accounts::add(const NewAccount& account) {
  if (auto ok = check_email(account.email); !ok) return Unexpected{ok.error()};
  auto hash = checked_hash(account.email, account.password);
  if (!hash) return Unexpected{hash.error()};
  model::Account a;
  a.email = account.email;
  a.role = account.role;
  a.password_hash = std::move(*hash);
  auto saved = repo_.create_account(a);
  if (!saved && saved.error().code == Errc::conflict)
    return Unexpected{conflict("/email", "an account with this email exists")};
  return saved;
}

Result<std::vector<model::Account>> Accounts::list() const { return repo_.list_accounts(); }

Result<model::Account> Accounts::find(const std::string& email) const {
  auto found = repo_.find_account(email);
  if (!found) return Unexpected{found.error()};
  if (!*found) return Unexpected{not_found("/email", "no account has this email")};
  return std::move(**found);
}

Result<model::Account> Accounts::disable(const std::string& email) {
  auto a = find(email);
  if (!a) return a;
  return repo_.set_disabled(a->id, true);
}

Result<model::Account> Accounts::reset_password(const std::string& email, const std::string& password) {
  auto a = find(email);
  if (!a) return a;
  auto hash = checked_hash(a->email, password);
  if (!hash) return Unexpected{hash.error()};
  return repo_.set_password_hash(a->id, *hash, std::nullopt);
}

boost::json::object account_json(const model::Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"role", std::string(model::to_string(a.role))},
          {"disabled", a.disabled},
          {"created_at", a.created_at},
          {"password_changed_at", a.password_changed_at}};
}

}  // namespace trialwise::service
