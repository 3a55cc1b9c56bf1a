#pragma once

// Accounts and their sessions (the clinic server). An interface of its own
// beside TrialRepository and ProductRepository: the same database holds all
// three. Passwords arrive hashed; tokens arrive as their hashes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"

namespace trialwise::store {

using model::Account;
using model::AccountId;
using model::Session;
using model::SignInFailures;

/// Accounts and sessions. Safe to use from one thread at a time; a write
/// returns only once it is durable. Errors: Errc::invalid_input (`where`
/// "account/<field>" or "session/<field>"), Errc::not_found ("account/<id>"),
/// Errc::conflict ("account/email": the email is taken, whatever its case),
/// Errc::io.
class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  /// Saves a new account (email and password hash required) and returns it
  /// with `id`, `created_at` and `password_changed_at` set.
  virtual Result<Account> create_account(const Account& account) = 0;

  virtual Result<Account> get_account(AccountId id) = 0;

  /// The account with this email, compared without regard to ASCII case; none if there is none.
  virtual Result<std::optional<Account>> find_account(const std::string& email) = 0;

  /// Every account, oldest first.
  virtual Result<std::vector<Account>> list_accounts() = 0;

  /// Disables (or enables) an account; disabling ends all its sessions.
  virtual Result<Account> set_disabled(AccountId id, bool disabled) = 0;

  /// Replaces the password hash and ends every session of the account except
  /// `keep_session` (the one that changed it, if any).
  virtual Result<Account> set_password_hash(AccountId id, const std::string& hash,
                                            const std::optional<std::string>& keep_session) = 0;

  /// Saves a session (token hash, account and times required). Errc::not_found for no such account.
  virtual Result<void> create_session(const Session& session) = 0;

  /// The session with this token hash, or none.
  virtual Result<std::optional<Session>> find_session(const std::string& token_hash) = 0;

  /// Sets a session's last_seen_at (idle expiry counts from it); none ended is fine.
  virtual Result<void> touch_session(const std::string& token_hash, const std::string& last_seen_at) = 0;

  /// Ends one session (sign-out); ending one that is gone is fine.
  virtual Result<void> end_session(const std::string& token_hash) = 0;

  /// The failed sign-ins counted under `key` (count 0 when none).
  virtual Result<SignInFailures> sign_in_failures(const std::string& key) = 0;

  /// Counts one more failed sign-in under `key` at `now` (Unix seconds), in
  /// one transaction, and returns the count: started afresh when the last
  /// failure is more than `window` seconds old. Counts whose last failure is
  /// more than `window` old are dropped meanwhile (they no longer matter).
  virtual Result<SignInFailures> count_sign_in_failure(const std::string& key, std::int64_t now,
                                                       std::int64_t window) = 0;

  /// Forgets the failures under `key` (a sign-in succeeded).
  virtual Result<void> clear_sign_in_failures(const std::string& key) = 0;

  /// Deletes the account and its sessions. Errc::not_found for no such
  /// account. What it shared and was shared with it go first
  /// (SharingRepository::forget_account), its trials and products too.
  virtual Result<void> delete_account(AccountId id) = 0;
};

/// An in-memory AccountRepository for tests (and the contract suite's baseline).
std::unique_ptr<AccountRepository> make_memory_account_repository();

/// Opens the embedded SQLite database at `path` for accounts, as
/// open_sqlite opens it for trials (created, migrated, refused if newer).
Result<std::unique_ptr<AccountRepository>> open_sqlite_accounts(const std::string& path);

}  // namespace trialwise::store
