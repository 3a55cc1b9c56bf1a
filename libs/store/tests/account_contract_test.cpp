// One suite, every AccountRepository: the in-memory fake sets the behaviour
// and SQLite must match it call for call. Then what only SQLite has: accounts
// survive reopening and share the file with the trials.

#include <functional>
#include <regex>

#include <gtest/gtest.h>

#include "raw_sql.hpp"
#include "places.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace {

using test_support::TempDir;

struct AccountStoreFactory {
  std::string name;
  std::function<std::unique_ptr<AccountRepository>(testing::Places&)> make;
};

void PrintTo(const AccountStoreFactory& f, std::ostream* os) { *os << f.name; }

using testing::is_utc_time;

Account an_account(const std::string& email, model::Role role = model::Role::person) {
  Account a;
  a.email = email;
  a.role = role;
  a.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";  // shape only: the store does not verify
  return a;
}

Session a_session(const std::string& token_hash, AccountId account) {
  return Session{token_hash, account, "2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z", "2026-12-19T10:00:00Z"};
}

class AccountContractTest : public ::testing::TestWithParam<AccountStoreFactory> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(places_.dir.path().empty());
    repo_ = GetParam().make(places_);
    ASSERT_NE(repo_, nullptr);
  }

  AccountId create(const std::string& email, model::Role role = model::Role::person) {
    auto saved = repo_->create_account(an_account(email, role));
    EXPECT_TRUE(saved) << to_string(saved.error());
    return saved ? saved->id : 0;
  }

  bool has_session(const std::string& token_hash) {
    auto s = repo_->find_session(token_hash);
    EXPECT_TRUE(s);
    return s && s->has_value();
  }

  testing::Places places_;
  std::unique_ptr<AccountRepository> repo_;
};

TEST_P(AccountContractTest, CreatesAndFindsAccountsByEmailWhateverItsCase) {
  auto saved = repo_->create_account(an_account("Ada.Lovelace@Example.org", model::Role::coach));
  ASSERT_TRUE(saved) << to_string(saved.error());
  EXPECT_GT(saved->id, 0);
  EXPECT_TRUE(is_utc_time(saved->created_at)) << saved->created_at;
  EXPECT_EQ(saved->created_at, saved->password_changed_at);
  auto found = repo_->find_account("ada.lovelace@example.ORG");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, saved->id);
  EXPECT_EQ((*found)->email, "Ada.Lovelace@Example.org") << "kept as given";
  EXPECT_EQ((*found)->role, model::Role::coach);
  EXPECT_EQ((*found)->password_hash, an_account("x").password_hash);
  EXPECT_FALSE((*found)->disabled);
  EXPECT_FALSE(repo_->find_account("grace@example.org")->has_value());
  EXPECT_EQ(repo_->get_account(saved->id)->email, saved->email);
  EXPECT_EQ(repo_->get_account(saved->id + 100).error().code, Errc::not_found);
}

TEST_P(AccountContractTest, AnEmailTakenInAnyCaseIsAConflictAndNothingIsSaved) {
  create("ada@example.org");
  auto again = repo_->create_account(an_account("ADA@example.org"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().where, "account/email");
  EXPECT_EQ(repo_->list_accounts()->size(), 1u);
}

TEST_P(AccountContractTest, BadAccountsAndSessionsAreRefused) {
  EXPECT_EQ(repo_->create_account(an_account("")).error().where, "account/email");
  EXPECT_EQ(repo_->create_account(an_account(std::string(255, 'a'))).error().where, "account/email");
  EXPECT_TRUE(repo_->create_account(an_account(std::string(254, 'a'))));
  Account no_hash = an_account("b@example.org");
  no_hash.password_hash.clear();
  EXPECT_EQ(repo_->create_account(no_hash).error().where, "account/password_hash");
  EXPECT_EQ(repo_->create_session(a_session("h", 999)).error().code, Errc::not_found);
  EXPECT_EQ(repo_->create_session(a_session("", 1)).error().where, "session/token_hash");
  EXPECT_EQ(repo_->list_accounts()->size(), 1u);
}

TEST_P(AccountContractTest, ListsOldestFirst) {
  const AccountId a = create("a@example.org"), b = create("b@example.org", model::Role::admin);
  auto all = repo_->list_accounts();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, a);
  EXPECT_EQ((*all)[1].id, b);
  EXPECT_EQ((*all)[1].role, model::Role::admin);
}

TEST_P(AccountContractTest, SessionsAreFoundTouchedAndEnded) {
  const AccountId a = create("a@example.org");
  ASSERT_TRUE(repo_->create_session(a_session("h1", a)));
  EXPECT_EQ(repo_->create_session(a_session("h1", a)).error().code, Errc::conflict);
  auto s = repo_->find_session("h1");
  ASSERT_TRUE(s && s->has_value());
  EXPECT_EQ((*s)->account, a);
  EXPECT_EQ((*s)->expires_at, "2026-12-19T10:00:00Z");
  ASSERT_TRUE(repo_->touch_session("h1", "2026-12-05T11:00:00Z"));
  EXPECT_EQ((*repo_->find_session("h1"))->last_seen_at, "2026-12-05T11:00:00Z");
  ASSERT_TRUE(repo_->end_session("h1"));
  EXPECT_FALSE(has_session("h1"));
  EXPECT_TRUE(repo_->end_session("h1")) << "ending it again is fine";
  EXPECT_TRUE(repo_->touch_session("gone", "2026-12-05T11:00:00Z"));
}

TEST_P(AccountContractTest, ANewPasswordEndsEveryOtherSessionOfThatAccountOnly) {
  const AccountId a = create("a@example.org"), b = create("b@example.org");
  for (const char* h : {"a1", "a2", "a3"}) ASSERT_TRUE(repo_->create_session(a_session(h, a)));
  ASSERT_TRUE(repo_->create_session(a_session("b1", b)));
  auto changed = repo_->set_password_hash(a, "$argon2id$new", std::string("a2"));
  ASSERT_TRUE(changed) << to_string(changed.error());
  EXPECT_EQ(changed->password_hash, "$argon2id$new");
  EXPECT_FALSE(has_session("a1"));
  EXPECT_TRUE(has_session("a2")) << "the session that changed it stays";
  EXPECT_FALSE(has_session("a3"));
  EXPECT_TRUE(has_session("b1")) << "another account's sessions stay";
  ASSERT_TRUE(repo_->set_password_hash(a, "$argon2id$newer", std::nullopt));
  EXPECT_FALSE(has_session("a2")) << "a reset by an admin ends them all";
  EXPECT_EQ(repo_->set_password_hash(999, "$x", std::nullopt).error().code, Errc::not_found);
}

TEST_P(AccountContractTest, DisablingEndsTheSessionsAndEnablingDoesNotBringThemBack) {
  const AccountId a = create("a@example.org");
  ASSERT_TRUE(repo_->create_session(a_session("a1", a)));
  auto off = repo_->set_disabled(a, true);
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->disabled);
  EXPECT_FALSE(has_session("a1"));
  auto on = repo_->set_disabled(a, false);
  ASSERT_TRUE(on);
  EXPECT_FALSE(on->disabled);
  EXPECT_FALSE(has_session("a1"));
  EXPECT_EQ(repo_->set_disabled(999, true).error().code, Errc::not_found);
}

TEST_P(AccountContractTest, ADeletedAccountAndItsSessionsAreGone) {
  const AccountId a = create("a@example.org");
  const AccountId b = create("b@example.org");
  ASSERT_TRUE(repo_->create_session(a_session("a1", a)));
  ASSERT_TRUE(repo_->create_session(a_session("b1", b)));
  ASSERT_TRUE(repo_->delete_account(a));
  EXPECT_EQ(repo_->get_account(a).error().code, Errc::not_found);
  EXPECT_FALSE(*repo_->find_account("a@example.org"));
  EXPECT_FALSE(has_session("a1"));
  EXPECT_TRUE(has_session("b1"));
  EXPECT_EQ(repo_->delete_account(a).error().code, Errc::not_found);
  EXPECT_EQ(repo_->list_accounts()->size(), 1u);
}

TEST_P(AccountContractTest, SignInFailuresCountWithinTheWindowAndOldOnesAreDropped) {
  constexpr std::int64_t t = 1'800'000'000, window = 900;
  EXPECT_EQ(repo_->sign_in_failures("k")->count, 0);
  for (int i = 1; i <= 3; ++i) {
    auto f = repo_->count_sign_in_failure("k", t + i, window);
    ASSERT_TRUE(f) << to_string(f.error());
    EXPECT_EQ(f->count, i);
    EXPECT_EQ(f->first, t + 1);
    EXPECT_EQ(f->last, t + i);
  }
  auto read = repo_->sign_in_failures("k");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->count, 3);
  EXPECT_EQ(read->last, t + 3);
  ASSERT_TRUE(repo_->count_sign_in_failure("other", t + 3, window));
  // Exactly a window after the last failure it still counts; a second later it starts again.
  EXPECT_EQ(repo_->count_sign_in_failure("k", t + 3 + window, window)->count, 4);
  auto fresh = repo_->count_sign_in_failure("k", t + 3 + 2 * window + 1, window);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->count, 1);
  EXPECT_EQ(fresh->first, t + 3 + 2 * window + 1);
  EXPECT_EQ(repo_->sign_in_failures("other")->count, 0) << "a count older than the window is dropped";
  ASSERT_TRUE(repo_->clear_sign_in_failures("k"));
  EXPECT_EQ(repo_->sign_in_failures("k")->count, 0);
  EXPECT_TRUE(repo_->clear_sign_in_failures("never counted"));
}

INSTANTIATE_TEST_SUITE_P(
    Store, AccountContractTest,
    ::testing::Values(AccountStoreFactory{"Memory", [](testing::Places&) { return make_memory_account_repository(); }},
                      AccountStoreFactory{"Sqlite",
                                          [](testing::Places& places) -> std::unique_ptr<AccountRepository> {
                                            auto repo = open_sqlite_accounts(places.sqlite());
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }},
                      AccountStoreFactory{"Postgres",
                                          [](testing::Places& places) -> std::unique_ptr<AccountRepository> {
                                            const std::string uri = places.postgres();
                                            auto repo = open_postgres_accounts(uri);
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(SqliteAccountsTest, AccountsSurviveReopeningBesideTheTrials) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  {
    auto trials = open_sqlite(db);
    ASSERT_TRUE(trials);
    auto accounts = open_sqlite_accounts(db);
    ASSERT_TRUE(accounts);
    ASSERT_TRUE((*accounts)->create_account(an_account("a@example.org")));
  }
  auto again = open_sqlite_accounts(db);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->list_accounts()->size(), 1u);
  EXPECT_EQ(testing::raw(db, "SELECT count(*) FROM sessions"), "0");
  EXPECT_EQ(testing::raw(db, "SELECT email_key FROM accounts"), "a@example.org");
}

}  // namespace
}  // namespace trialwise::store
