#pragma once

// Signing in and out, and the session behind every later request: a
// password checked against its Argon2id hash, failures slowed down per
// account and per client address, and a session token that ends when idle
// too long or too old, at sign-out, or when the password changes.

#include <chrono>
#include <map>
#include <mutex>
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
  /// Keys kept before the ones whose window has passed are dropped (many
  /// distinct failing emails or addresses must not grow memory without end).
  std::size_t max_keys = 100'000;
};

/// Failed sign-ins per key, in this process's memory: safe to lose (a
/// restart forgets them, and every server counts its own).
class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  /// How long `key` must still wait before its next attempt (0: none).
  std::chrono::seconds wait(const std::string& key, Clock::time_point now);
  void failed(const std::string& key, Clock::time_point now);
  void succeeded(const std::string& key);
  /// Keys counted now (for tests).
  std::size_t size();

 private:
  struct Failures {
    int count = 0;
    Clock::time_point first, last;
  };
  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::map<std::string, Failures> failures_;
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
  SignIn(store::AccountRepository& repo, SignInThrottle& throttle, SessionPolicy policy = {})
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
  SignInThrottle& throttle_;
  SessionPolicy policy_;
};

}  // namespace trialwise::service
