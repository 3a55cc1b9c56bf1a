// AccountRepository on SQL (the accounts and sessions tables of migration 8;
// SQLite or PostgreSQL, sql.hpp). Behaves as the memory repository does (the
// contract tests run all three); every write is one transaction, durable
// before it returns.

#include "sql_repositories.hpp"
#include "account_checks.hpp"
#include "trialwise/store/accounts.hpp"
#include "utc_time.hpp"

namespace trialwise::store {
namespace detail {
namespace {

const std::string kAccountColumns = "id, email, role, password_hash, disabled, created_at, password_changed_at";

class SqlAccountRepository final : public AccountRepository {
 public:
  explicit SqlAccountRepository(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Result<Account> create_account(const Account& account) override {
    if (auto ok = check_account(account); !ok) return Unexpected{ok.error()};
    return in_write_transaction(*db_, [&]() -> Result<Account> {
      auto taken = find_account(account.email);
      if (!taken) return Unexpected{taken.error()};
      if (*taken) return Unexpected{email_taken()};
      Account saved = account;
      saved.created_at = saved.password_changed_at = utc_now();
      auto q = db_->query(
          "INSERT INTO accounts (email, email_key, role, password_hash, disabled, created_at, password_changed_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
      if (!q) return Unexpected{q.error()};
      q->bind(1, saved.email).bind(2, email_key(saved.email)).bind(3, model::to_string(saved.role));
      q->bind(4, saved.password_hash).bind_bool(5, saved.disabled).bind(6, saved.created_at);
      q->bind(7, saved.password_changed_at);
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      saved.id = q->int64(0);
      if (auto done = q->run(); !done) return Unexpected{done.error()};
      return saved;
    });
  }

  Result<Account> get_account(AccountId id) override {
    auto q = db_->query("SELECT " + kAccountColumns + " FROM accounts WHERE id = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{account_not_found(id)};
    return read_account(*q);
  }

  Result<std::optional<Account>> find_account(const std::string& email) override {
    auto q = db_->query("SELECT " + kAccountColumns + " FROM accounts WHERE email_key = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, email_key(email));
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<Account>();
    auto a = read_account(*q);
    if (!a) return Unexpected{a.error()};
    return std::optional<Account>(std::move(*a));
  }

  Result<std::vector<Account>> list_accounts() override {
    auto q = db_->query("SELECT " + kAccountColumns + " FROM accounts ORDER BY id");
    if (!q) return Unexpected{q.error()};
    std::vector<Account> out;
    for (;;) {
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      auto a = read_account(*q);
      if (!a) return Unexpected{a.error()};
      out.push_back(std::move(*a));
    }
  }

  Result<Account> set_disabled(AccountId id, bool disabled) override {
    auto done = in_write_transaction(*db_, [&]() -> Result<void> {
      if (auto ok = require_account(id); !ok) return ok;
      auto q = db_->query("UPDATE accounts SET disabled = ?2 WHERE id = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, id).bind_bool(2, disabled);
      if (auto ok = q->run(); !ok) return ok;
      return disabled ? end_sessions_of(id, std::nullopt) : Result<void>{};
    });
    if (!done) return Unexpected{done.error()};
    return get_account(id);
  }

  Result<Account> set_password_hash(AccountId id, const std::string& hash,
                                    const std::optional<std::string>& keep_session) override {
    auto done = in_write_transaction(*db_, [&]() -> Result<void> {
      if (auto ok = require_account(id); !ok) return ok;
      if (hash.empty()) return Unexpected{invalid_input("account/password_hash", "a password hash is needed")};
      auto q = db_->query("UPDATE accounts SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, id).bind(2, hash).bind(3, utc_now());
      if (auto ok = q->run(); !ok) return ok;
      return end_sessions_of(id, keep_session);
    });
    if (!done) return Unexpected{done.error()};
    return get_account(id);
  }

  Result<void> create_session(const Session& session) override {
    if (auto ok = check_session(session); !ok) return Unexpected{ok.error()};
    return in_write_transaction(*db_, [&]() -> Result<void> {
      if (auto ok = require_account(session.account); !ok) return ok;
      auto existing = find_session(session.token_hash);
      if (!existing) return Unexpected{existing.error()};
      if (*existing) return Unexpected{conflict("session/token_hash", "a session with this token exists")};
      auto q = db_->query(
          "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!q) return Unexpected{q.error()};
      q->bind(1, session.token_hash).bind(2, session.account).bind(3, session.created_at);
      q->bind(4, session.last_seen_at).bind(5, session.expires_at);
      return q->run();
    });
  }

  Result<std::optional<Session>> find_session(const std::string& token_hash) override {
    auto q = db_->query(
        "SELECT token_hash, account_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, token_hash);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<Session>();
    return std::optional<Session>(Session{q->text(0), q->int64(1), q->text(2), q->text(3), q->text(4)});
  }

  Result<void> touch_session(const std::string& token_hash, const std::string& last_seen_at) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto q = db_->query("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, token_hash).bind(2, last_seen_at);
      return q->run();
    });
  }

  Result<void> end_session(const std::string& token_hash) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto q = db_->query("DELETE FROM sessions WHERE token_hash = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, token_hash);
      return q->run();
    });
  }

  Result<SignInFailures> sign_in_failures(const std::string& key) override {
    auto q = db_->query("SELECT failures, first_at, last_at FROM sign_in_failures WHERE key = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, key);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return SignInFailures{};
    return SignInFailures{q->int64(0), q->int64(1), q->int64(2)};
  }

  Result<SignInFailures> count_sign_in_failure(const std::string& key, std::int64_t now, std::int64_t window) override {
    return in_write_transaction(*db_, [&]() -> Result<SignInFailures> {
      auto drop = db_->query("DELETE FROM sign_in_failures WHERE last_at < ?1 AND key <> ?2");
      if (!drop) return Unexpected{drop.error()};
      drop->bind(1, now - window).bind(2, key);
      if (auto ok = drop->run(); !ok) return Unexpected{ok.error()};
      // One statement: a count whose window has passed starts again at 1.
      auto q = db_->query(
          "INSERT INTO sign_in_failures (key, failures, first_at, last_at) VALUES (?1, 1, ?2, ?2) "
          "ON CONFLICT (key) DO UPDATE SET "
          "failures = CASE WHEN ?2 - sign_in_failures.last_at > ?3 THEN 1 ELSE sign_in_failures.failures + 1 END, "
          "first_at = CASE WHEN ?2 - sign_in_failures.last_at > ?3 THEN ?2 ELSE sign_in_failures.first_at END, "
          "last_at = ?2 "
          "RETURNING failures, first_at, last_at");
      if (!q) return Unexpected{q.error()};
      q->bind(1, key).bind(2, now).bind(3, window);
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      SignInFailures f{q->int64(0), q->int64(1), q->int64(2)};
      if (auto done = q->run(); !done) return Unexpected{done.error()};
      return f;
    });
  }

  Result<void> clear_sign_in_failures(const std::string& key) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto q = db_->query("DELETE FROM sign_in_failures WHERE key = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, key);
      return q->run();
    });
  }

  Result<void> delete_account(AccountId id) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      if (auto ok = require_account(id); !ok) return ok;
      if (auto ok = end_sessions_of(id, std::nullopt); !ok) return ok;
      auto q = db_->query("DELETE FROM accounts WHERE id = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, id);
      return q->run();
    });
  }

 private:
  Result<void> require_account(AccountId id) {
    auto q = db_->query("SELECT 1 FROM accounts WHERE id = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{account_not_found(id)};
    return {};
  }

  // Inside a write transaction.
  Result<void> end_sessions_of(AccountId id, const std::optional<std::string>& keep) {
    auto q = db_->query("DELETE FROM sessions WHERE account_id = ?1 AND token_hash IS DISTINCT FROM ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, id).bind(2, keep);
    return q->run();
  }

  static Result<Account> read_account(const Query& q) {
    Account a;
    a.id = q.int64(0);
    a.email = q.text(1);
    const auto role = model::role_from(q.text(2));
    if (!role)
      return Unexpected{io_error("account/" + std::to_string(a.id),
                                 "the stored account is damaged; restore a backup with `trialwise restore FILE`")};
    a.role = *role;
    a.password_hash = q.text(3);
    a.disabled = q.int64(4) != 0;
    a.created_at = q.text(5);
    a.password_changed_at = q.text(6);
    return a;
  }

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace

std::unique_ptr<AccountRepository> make_sql_accounts(std::unique_ptr<SqlConnection> db) {
  return std::make_unique<SqlAccountRepository>(std::move(db));
}

}  // namespace detail
}  // namespace trialwise::store
