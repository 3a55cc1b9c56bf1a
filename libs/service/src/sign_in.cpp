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

std::chrono::seconds SignInThrottle::wait(const std::string& key, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  const auto it = failures_.find(key);
  if (it == failures_.end()) return std::chrono::seconds(0);
  Failures& f = it->second;
  if (now - f.first > policy_.window && now - f.last > policy_.window) {  // forgotten
    failures_.erase(it);
    return std::chrono::seconds(0);
  }
  const int over = f.count - policy_.free_failures;
  if (over < 0) return std::chrono::seconds(0);
  const auto backoff =
      std::min<std::chrono::seconds>(std::chrono::seconds(1LL << std::min(over, 20)), policy_.longest_wait);
  const auto until = f.last + backoff;
  if (until <= now) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

void SignInThrottle::failed(const std::string& key, Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  if (failures_.size() >= policy_.max_keys)  // forget what no longer counts
    std::erase_if(failures_, [&](const auto& kv) { return now - kv.second.last > policy_.window; });
  auto& f = failures_[key];
  if (f.count == 0 || now - f.last > policy_.window) f = Failures{0, now, now};
  ++f.count;
  f.last = now;
}

void SignInThrottle::succeeded(const std::string& key) {
  const std::lock_guard lock(mutex_);
  failures_.erase(key);
}

std::size_t SignInThrottle::size() {
  const std::lock_guard lock(mutex_);
  return failures_.size();
}

Result<SignedIn, SignInFailure> SignIn::sign_in(const std::string& email, const std::string& password,
                                                const std::string& client, Clock::time_point now) {
  const std::string by_account = account_key(email), by_client = client_key(client);
  const auto wait = std::max(throttle_.wait(by_account, now), throttle_.wait(by_client, now));
  if (wait.count() > 0) return Unexpected{SignInFailure{SignInFailure::Kind::throttled, wait, {}}};

  auto found = repo_.find_account(email);
  if (!found) return Unexpected{SignInFailure{SignInFailure::Kind::failed, {}, found.error()}};
  // An unknown email costs a verification too, against a hash nobody has.
  const bool known = found->has_value();
  const bool matches = security::verify_password(known ? (*found)->password_hash : security::decoy_hash(), password);
  if (!known || !matches || (*found)->disabled) {
    throttle_.failed(by_account, now);
    throttle_.failed(by_client, now);
    return wrong();
  }
  model::Account account = std::move(**found);
  throttle_.succeeded(by_account);
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
  const auto wait = std::max(throttle_.wait(by_account, now), throttle_.wait(by_client, now));
  if (wait.count() > 0) return Unexpected{SignInFailure{SignInFailure::Kind::throttled, wait, {}}};
  if (!security::verify_password(account.password_hash, password)) {
    throttle_.failed(by_account, now);
    throttle_.failed(by_client, now);
    return wrong();
  }
  throttle_.succeeded(by_account);
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
