// The reference behaviour of AccountRepository: maps, no I/O. The SQLite
// repository must behave the same way (the contract tests run both).

#include <map>

#include "account_checks.hpp"
#include "trialwise/store/accounts.hpp"
#include "utc_time.hpp"

namespace trialwise::store {
namespace {

class MemoryAccountRepository final : public AccountRepository {
 public:
  Result<Account> create_account(const Account& account) override {
    if (auto ok = detail::check_account(account); !ok) return Unexpected{ok.error()};
    for (const auto& [id, a] : accounts_)
      if (detail::email_key(a.email) == detail::email_key(account.email)) return Unexpected{detail::email_taken()};
    Account saved = account;
    saved.id = next_id_++;
    saved.created_at = saved.password_changed_at = detail::utc_now();
    accounts_.emplace(saved.id, saved);
    return saved;
  }

  Result<Account> get_account(AccountId id) override {
    const auto it = accounts_.find(id);
    if (it == accounts_.end()) return Unexpected{detail::account_not_found(id)};
    return it->second;
  }

  Result<std::optional<Account>> find_account(const std::string& email) override {
    for (const auto& [id, a] : accounts_)
      if (detail::email_key(a.email) == detail::email_key(email)) return std::optional<Account>(a);
    return std::optional<Account>();
  }

  Result<std::vector<Account>> list_accounts() override {
    std::vector<Account> out;
    for (const auto& [id, a] : accounts_) out.push_back(a);
    return out;
  }

  Result<Account> set_disabled(AccountId id, bool disabled) override {
    const auto it = accounts_.find(id);
    if (it == accounts_.end()) return Unexpected{detail::account_not_found(id)};
    it->second.disabled = disabled;
    if (disabled) end_sessions_of(id, std::nullopt);
    return it->second;
  }

  Result<Account> set_password_hash(AccountId id, const std::string& hash,
                                    const std::optional<std::string>& keep_session) override {
    const auto it = accounts_.find(id);
    if (it == accounts_.end()) return Unexpected{detail::account_not_found(id)};
    if (hash.empty()) return Unexpected{invalid_input("account/password_hash", "a password hash is needed")};
    it->second.password_hash = hash;
    it->second.password_changed_at = detail::utc_now();
    end_sessions_of(id, keep_session);
    return it->second;
  }

  Result<void> create_session(const Session& session) override {
    if (auto ok = detail::check_session(session); !ok) return Unexpected{ok.error()};
    if (!accounts_.count(session.account)) return Unexpected{detail::account_not_found(session.account)};
    if (sessions_.count(session.token_hash))
      return Unexpected{conflict("session/token_hash", "a session with this token exists")};
    sessions_.emplace(session.token_hash, session);
    return {};
  }

  Result<std::optional<Session>> find_session(const std::string& token_hash) override {
    const auto it = sessions_.find(token_hash);
    if (it == sessions_.end()) return std::optional<Session>();
    return std::optional<Session>(it->second);
  }

  Result<void> touch_session(const std::string& token_hash, const std::string& last_seen_at) override {
    if (const auto it = sessions_.find(token_hash); it != sessions_.end()) it->second.last_seen_at = last_seen_at;
    return {};
  }

  Result<void> end_session(const std::string& token_hash) override {
    sessions_.erase(token_hash);
    return {};
  }

  Result<SignInFailures> sign_in_failures(const std::string& key) override {
    const auto it = failures_.find(key);
    return it == failures_.end() ? SignInFailures{} : it->second;
  }

  Result<SignInFailures> count_sign_in_failure(const std::string& key, std::int64_t now, std::int64_t window) override {
    std::erase_if(failures_, [&](const auto& kv) { return kv.first != key && now - kv.second.last > window; });
    auto& f = failures_[key];
    if (f.count == 0 || now - f.last > window) f = SignInFailures{0, now, now};
    ++f.count;
    f.last = now;
    return f;
  }

  Result<void> clear_sign_in_failures(const std::string& key) override {
    failures_.erase(key);
    return {};
  }

  Result<void> delete_account(AccountId id) override {
    if (!accounts_.erase(id)) return Unexpected{detail::account_not_found(id)};
    end_sessions_of(id, std::nullopt);
    return {};
  }

 private:
  void end_sessions_of(AccountId id, const std::optional<std::string>& keep) {
    std::erase_if(sessions_, [&](const auto& kv) { return kv.second.account == id && kv.first != keep; });
  }

  std::map<AccountId, Account> accounts_;
  std::map<std::string, Session> sessions_;
  std::map<std::string, SignInFailures> failures_;
  AccountId next_id_ = 1;
};

}  // namespace

std::unique_ptr<AccountRepository> make_memory_account_repository() {
  return std::make_unique<MemoryAccountRepository>();
}

}  // namespace trialwise::store
