#include "trialwise/service/sign_in.hpp"

#include <algorithm>

#include "trialwise/core/utc_time.hpp"
#include "trialwise/security/password.hpp"
#include "trialwise/security/token.hpp"

namespace trialwise::service {

namespace {

std::string account_key(const std::string& email) {
  std::string key = "account:" + email;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return key;
}

std::string client_key(const std::string& client) { return "client:" + client; }

Unexpected<SignInFailure> wrong() { return Unexpected{SignInFailure{SignInFailure::Kind::wrong, {}, {}}}; }

}  // namespace

std::string SignInThrottle::stored_key(const std::string& key) { return security::token_hash(key); }

Result<std::chrono::seconds> SignInThrottle::wait(store::AccountRepository& repo, const std::string& key,
                                                  Clock::time_point now) const {
  auto f = repo.sign_in_failures(stored_key(key));
  if (!f) return Unexpected{f.error()};
  const auto at = [](std::int64_t s) { return Clock::time_point(std::chrono::seconds(s)); };
  if (f->count == 0) return std::chrono::seconds(0);
  if (now - at(f->first) > policy_.window && now - at(f->last) > policy_.window) return std::chrono::seconds(0);
  const auto over = f->count - policy_.free_failures;
  if (over < 0) return std::chrono::seconds(0);
  const auto backoff = std::min<std::chrono::seconds>(std::chrono::seconds(1LL << std::min<std::int64_t>(over, 20)),
                                                      policy_.longest_wait);
  const auto until = at(f->last) + backoff;
  if (until <= now) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

Result<void> SignInThrottle::failed(store::AccountRepository& repo, const std::string& key,
                                    Clock::time_point now) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto counted = repo.count_sign_in_failure(stored_key(key), seconds, policy_.window.count());
  if (!counted) return Unexpected{counted.error()};
  return {};
}

Result<void> SignInThrottle::succeeded(store::AccountRepository& repo, const std::string& key) const {
  return repo.clear_sign_in_failures(stored_key(key));
}

namespace {

// The longer of the two waits (the account's, the client's), or the store's error.
Result<std::chrono::seconds, SignInFailure> longest_wait(const SignInThrottle& throttle, store::AccountRepository& repo,
                                                         const std::string& by_account, const std::string& by_client,
                                                         Clock::time_point now) {
  auto account = throttle.wait(repo, by_account, now);
  if (!account) return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, account.error()}};
  auto client = throttle.wait(repo, by_client, now);
  if (!client) return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, client.error()}};
  return std::max(*account, *client);
}

// Counts a failure against both keys; a wrong password, or the store's error.
Unexpected<SignInFailure> count_failure(const SignInThrottle& throttle, store::AccountRepository& repo,
                                        const std::string& by_account, const std::string& by_client,
                                        Clock::time_point now) {
  for (const auto* key : {&by_account, &by_client}) {
    if (auto ok = throttle.failed(repo, *key, now); !ok)
      return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, ok.error()}};
  }
  return wrong();
}

}  // namespace

Result<SignedIn, SignInFailure> SignIn::sign_in(const std::string& email, const std::string& password,
                                                const std::string& client, Clock::time_point now) {
  const std::string by_account = account_key(email), by_client = client_key(client);
  const auto wait = longest_wait(throttle_, repo_, by_account, by_client, now);
  if (!wait) return Unexpected{wait.error()};
  if (wait->count() > 0) return Unexpected{SignInFailure{SignInFailure::Kind::throttled, *wait, {}}};

  auto found = repo_.find_account(email);
  if (!found) return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, found.error()}};
  // An unknown email costs a verification too, against a hash nobody has.
  const bool known = found->has_value();
  const bool matches = security::verify_password(known ? (*found)->password_hash : security::decoy_hash(), password);
  if (!known || !matches || (*found)->disabled) return count_failure(throttle_, repo_, by_account, by_client, now);
  model::Account account = std::move(**found);
  if (auto ok = throttle_.succeeded(repo_, by_account); !ok)
    return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, ok.error()}};
  if (security::needs_rehash(account.password_hash)) {  // parameters raised since: keep the stronger hash
    if (auto hash = security::hash_password(password)) {
      if (auto saved = repo_.set_password_hash(account.id, *hash, std::nullopt)) account = std::move(*saved);
    }
  }
  SignedIn out{account, security::new_token(), now + policy_.absolute};
  const model::Session session{security::token_hash(out.token), account.id, utc_iso8601(now), utc_iso8601(now),
                               utc_iso8601(out.expires)};
  if (auto ok = repo_.create_session(session); !ok)
    return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, ok.error()}};
  return out;
}

Result<void, SignInFailure> SignIn::confirm_password(const model::Account& account, const std::string& password,
                                                     const std::string& client, Clock::time_point now) {
  const std::string by_account = account_key(account.email), by_client = client_key(client);
  const auto wait = longest_wait(throttle_, repo_, by_account, by_client, now);
  if (!wait) return Unexpected{wait.error()};
  if (wait->count() > 0) return Unexpected{SignInFailure{SignInFailure::Kind::throttled, *wait, {}}};
  if (!security::verify_password(account.password_hash, password))
    return count_failure(throttle_, repo_, by_account, by_client, now);
  if (auto ok = throttle_.succeeded(repo_, by_account); !ok)
    return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, ok.error()}};
  return {};
}

Result<model::Account> SignIn::authenticate(const std::string& token, Clock::time_point now) {
  const auto none = [] { return Unexpected{not_found("session", "not signed in, or the session has ended")}; };
  if (token.empty()) return none();
  const std::string hash = security::token_hash(token);
  auto found = repo_.find_session(hash);
  if (!found) return Unexpected{found.error()};
  if (!*found) return none();
  const model::Session& s = **found;
  const auto last = parse_utc_iso8601(s.last_seen_at), expires = parse_utc_iso8601(s.expires_at);
  if (!last || !expires || now >= *expires || now - *last >= policy_.idle) {
    (void)repo_.end_session(hash);
    return none();
  }
  auto account = repo_.get_account(s.account);
  if (!account) return account.error().code == Errc::not_found ? none() : Unexpected{account.error()};
  if (account->disabled) return none();
  // Times are kept to the second: touching more often would only add writes.
  if (now - *last >= std::chrono::seconds(1))
    if (auto ok = repo_.touch_session(hash, utc_iso8601(now)); !ok) return Unexpected{ok.error()};
  return account;
}

Result<void> SignIn::sign_out(const std::string& token) {
  if (token.empty()) return {};
  return repo_.end_session(security::token_hash(token));
}

}  // namespace trialwise::service
