#pragma once

// Signing in and out, and the session behind every later request: a
// password checked against its Argon2id hash, failures slowed down per
// account and per client address, and a session token that ends when idle
// too long or too old, at sign-out, or when the password changes.

#include <chrono>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"
#include "trialwise/store/accounts.hpp"

namespace trialwise::service {

using Clock = std::chrono::system_clock;

/// How long a session lives: `idle` since its last use, `absolute` since it
/// began, whichever ends first.
struct SessionPolicy {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

/// When sign-in failures slow down: after `free_failures` failures within
/// `window` for one key (an account's email, a client's address), each next
/// attempt must wait 1 s, then 2 s, 4 s ... up to `longest_wait`.
struct ThrottlePolicy {
  int free_failures = 5;
  std::chrono::seconds window{15 * 60};
  std::chrono::seconds longest_wait{15 * 60};
};

/// Failed sign-ins per key, counted in the account store (the database): so
/// every server behind a load balancer counts the same failures, and a
/// restart forgets none. Keys are hashed before they are stored.
class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  /// How long `key` must still wait before its next attempt (0: none).
  Result<std::chrono::seconds> wait(store::AccountRepository& repo, const std::string& key,
                                    Clock::time_point now) const;
  Result<void> failed(store::AccountRepository& repo, const std::string& key, Clock::time_point now) const;
  Result<void> succeeded(store::AccountRepository& repo, const std::string& key) const;

  /// What is stored for `key`: its hash (an email or an address is personal data).
  static std::string stored_key(const std::string& key);

 private:
  ThrottlePolicy policy_;
};

struct SignedIn {
  model::Account account;
  std::string token;  // for the cookie; only its hash is stored
  Clock::time_point expires;
};

/// Why there is no session: the same `wrong` for an unknown email, a wrong
/// password and a disabled account (one message, about the same time);
/// `throttled` with how long to wait; or the store's `error`.
struct SignInFailure {
  enum class Kind { wrong, throttled, failed } kind = Kind::wrong;
  std::chrono::seconds retry_after{0};
  Error error{};
};

class SignIn {
 public:
  SignIn(store::AccountRepository& repo, const SignInThrottle& throttle, SessionPolicy policy = {})
      : repo_(repo), throttle_(throttle), policy_(policy) {}

  /// Checks the email and password and starts a session. `client` is the
  /// client's address, throttled as the account is.
  Result<SignedIn, SignInFailure> sign_in(const std::string& email, const std::string& password,
                                          const std::string& client, Clock::time_point now);

  /// The account a session token belongs to, when the session is still
  /// alive and the account enabled; marks the session used. Errc::not_found
  /// otherwise (the session, if it had expired, is ended).
  Result<model::Account> authenticate(const std::string& token, Clock::time_point now);

  /// Asks a signed-in person for their password again (before deleting the
  /// account): a wrong one counts as a failed sign-in, throttled the same way.
  Result<void, SignInFailure> confirm_password(const model::Account& account, const std::string& password,
                                               const std::string& client, Clock::time_point now);

  /// Ends the session of `token` (sign-out); an unknown token is fine.
  Result<void> sign_out(const std::string& token);

 private:
  store::AccountRepository& repo_;
  const SignInThrottle& throttle_;
  SessionPolicy policy_;
};

}  // namespace trialwise::service
