// One suite, every SharingRepository: the in-memory fake sets the behaviour
// and SQLite must match it call for call. Then what only SQLite has: the
// rows refer to real accounts, and forgetting an account lets it go.

#include <functional>

#include <gtest/gtest.h>

#include "raw_sql.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/sharing.hpp"
#include "places.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"

namespace trialwise::store {
namespace {

using model::AccountId;
using test_support::TempDir;

constexpr AccountId kCoach = 1, kOtherCoach = 2, kPerson = 3, kOtherPerson = 4;

struct SharingStoreFactory {
  std::string name;
  std::function<std::unique_ptr<SharingRepository>(testing::Places&)> make;
};

void PrintTo(const SharingStoreFactory& f, std::ostream* os) { *os << f.name; }

// Accounts 1 to 4 (the sharing tables refer to them).
void add_four_accounts(Result<std::unique_ptr<AccountRepository>> accounts) {
  ASSERT_TRUE(accounts) << to_string(accounts.error());
  for (const char* email : {"c1@example.org", "c2@example.org", "p1@example.org", "p2@example.org"}) {
    model::Account a;
    a.email = email;
    a.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    ASSERT_TRUE((*accounts)->create_account(a));
  }
}

void add_four_accounts(const std::string& sqlite_file) { add_four_accounts(open_sqlite_accounts(sqlite_file)); }

Invitation an_invitation(const std::string& token_hash, AccountId coach = kCoach) {
  return Invitation{token_hash, coach, "2026-12-01T09:00:00Z", "2026-12-08T09:00:00Z", std::nullopt, ""};
}

constexpr ShareScopes kStatusOnly{true, false, false};
constexpr ShareScopes kAll{true, true, true};
const std::string kBefore = "2026-12-02T10:00:00Z";

class SharingContractTest : public ::testing::TestWithParam<SharingStoreFactory> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(places_.dir.path().empty());
    repo_ = GetParam().make(places_);
    ASSERT_NE(repo_, nullptr);
  }

  void share(AccountId person, AccountId coach, const std::string& token, const ShareScopes& scopes = kStatusOnly) {
    ASSERT_TRUE(repo_->create_invitation(an_invitation(token, coach)));
    auto given = repo_->accept_invitation(token, person, scopes, kBefore);
    ASSERT_TRUE(given) << to_string(given.error());
  }

  AccessRecord a_look(AccountId person, AccountId viewer, const std::string& what, const std::string& at) {
    AccessRecord r;
    r.person = person;
    r.viewer = viewer;
    r.viewer_role = model::Role::coach;
    r.what = what;
    r.at = at;
    return r;
  }

  testing::Places places_;
  std::unique_ptr<SharingRepository> repo_;
};

TEST_P(SharingContractTest, AnInvitationIsKeptUnderItsHashOnce) {
  ASSERT_TRUE(repo_->create_invitation(an_invitation("h1")));
  auto found = repo_->find_invitation("h1");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->coach, kCoach);
  EXPECT_EQ((*found)->expires_at, "2026-12-08T09:00:00Z");
  EXPECT_FALSE((*found)->accepted_by);
  EXPECT_FALSE(*repo_->find_invitation("h2"));
  EXPECT_EQ(repo_->create_invitation(an_invitation("h1")).error().code, Errc::conflict);
  EXPECT_EQ(repo_->create_invitation(an_invitation("")).error().where, "invitation/token_hash");
  EXPECT_EQ(repo_->create_invitation(an_invitation("h3", 0)).error().where, "invitation/coach");
}

TEST_P(SharingContractTest, AnInvitationIsAcceptedOnceAndOnlyBeforeItExpires) {
  ASSERT_TRUE(repo_->create_invitation(an_invitation("h1")));
  EXPECT_EQ(repo_->accept_invitation("nope", kPerson, kAll, kBefore).error().code, Errc::not_found);
  // Expiry: at the instant itself it is over; a second before, it is not.
  EXPECT_EQ(repo_->accept_invitation("h1", kPerson, kAll, "2026-12-08T09:00:00Z").error().code, Errc::conflict);
  EXPECT_EQ(repo_->accept_invitation("h1", kCoach, kAll, kBefore).error().code, Errc::invalid_input);
  EXPECT_EQ(repo_->accept_invitation("h1", kPerson, ShareScopes{}, kBefore).error().where, "share/scopes");
  auto given = repo_->accept_invitation("h1", kPerson, kAll, "2026-12-08T08:59:59Z");
  ASSERT_TRUE(given) << to_string(given.error());
  EXPECT_EQ(given->person, kPerson);
  EXPECT_EQ(given->coach, kCoach);
  EXPECT_EQ(given->scopes, kAll);
  EXPECT_EQ(given->since, "2026-12-08T08:59:59Z");
  auto used = repo_->find_invitation("h1");
  EXPECT_EQ((*used)->accepted_by, kPerson);
  EXPECT_EQ((*used)->accepted_at, "2026-12-08T08:59:59Z");
  EXPECT_EQ(repo_->accept_invitation("h1", kOtherPerson, kAll, kBefore).error().code, Errc::conflict);
  EXPECT_FALSE(*repo_->find_share(kOtherPerson, kCoach));
}

TEST_P(SharingContractTest, ASecondInvitationFromTheSameCoachReplacesWhatIsShared) {
  share(kPerson, kCoach, "h1", kAll);
  share(kPerson, kCoach, "h2", kStatusOnly);
  auto s = repo_->find_share(kPerson, kCoach);
  ASSERT_TRUE(s && *s);
  EXPECT_EQ((*s)->scopes, kStatusOnly);
  EXPECT_EQ(repo_->shares_given(kPerson)->size(), 1u);
}

TEST_P(SharingContractTest, SharesAreListedBothWaysChangedAndRevokedAtOnce) {
  share(kPerson, kCoach, "h1");
  share(kPerson, kOtherCoach, "h2");
  share(kOtherPerson, kCoach, "h3");
  auto given = repo_->shares_given(kPerson);
  ASSERT_EQ(given->size(), 2u);
  EXPECT_EQ((*given)[0].coach, kCoach);
  EXPECT_EQ((*given)[1].coach, kOtherCoach);
  auto held = repo_->shares_received(kCoach);
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].person, kPerson);
  EXPECT_EQ((*held)[1].person, kOtherPerson);

  auto changed = repo_->set_share(kPerson, kCoach, kAll);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->scopes, kAll);
  EXPECT_EQ(repo_->set_share(kPerson, kCoach, ShareScopes{}).error().code, Errc::invalid_input);
  EXPECT_EQ(repo_->set_share(kOtherPerson, kOtherCoach, kAll).error().code, Errc::not_found);

  ASSERT_TRUE(repo_->revoke_share(kPerson, kCoach));
  EXPECT_FALSE(*repo_->find_share(kPerson, kCoach));
  EXPECT_EQ(repo_->revoke_share(kPerson, kCoach).error().code, Errc::not_found);
  EXPECT_EQ(repo_->shares_received(kCoach)->size(), 1u);
}

TEST_P(SharingContractTest, TheAccessLogListsLooksNewestFirst) {
  ASSERT_TRUE(repo_->record_access(a_look(kPerson, kCoach, "trial status", "2026-12-02T10:00:00Z")));
  ASSERT_TRUE(repo_->record_access(a_look(kPerson, kOtherCoach, "review", "2026-12-02T11:00:00Z")));
  ASSERT_TRUE(repo_->record_access(a_look(kOtherPerson, kCoach, "report", "2026-12-02T12:00:00Z")));
  auto mine = repo_->access_to(kPerson);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].what, "review");
  EXPECT_EQ((*mine)[0].viewer, kOtherCoach);
  EXPECT_EQ((*mine)[1].what, "trial status");
  EXPECT_EQ((*mine)[1].at, "2026-12-02T10:00:00Z");
  auto by = repo_->access_by(kCoach);
  ASSERT_EQ(by->size(), 2u);
  EXPECT_EQ((*by)[0].person, kOtherPerson);
  EXPECT_EQ(repo_->record_access(a_look(0, kCoach, "x", kBefore)).error().where, "access/person");
  EXPECT_EQ(repo_->record_access(a_look(kPerson, kCoach, "", kBefore)).error().code, Errc::invalid_input);
}

TEST_P(SharingContractTest, ForgettingAnAccountRemovesItsConsentAndUnnamesItsLooks) {
  share(kPerson, kCoach, "h1");
  share(kOtherPerson, kCoach, "h2");
  ASSERT_TRUE(repo_->create_invitation(an_invitation("h3", kCoach)));
  ASSERT_TRUE(repo_->record_access(a_look(kPerson, kCoach, "trial status", kBefore)));
  ASSERT_TRUE(repo_->record_access(a_look(kCoach, kOtherCoach, "review", kBefore)));

  ASSERT_TRUE(repo_->forget_account(kCoach));
  EXPECT_TRUE(repo_->shares_received(kCoach)->empty());
  EXPECT_TRUE(repo_->shares_given(kPerson)->empty());
  EXPECT_TRUE(repo_->invitations_by(kCoach)->empty());
  EXPECT_FALSE(*repo_->find_invitation("h3"));
  EXPECT_TRUE(repo_->access_to(kCoach)->empty());
  EXPECT_TRUE(repo_->access_by(kCoach)->empty());
  // The person keeps the record that their data was seen, the viewer unnamed.
  auto kept = repo_->access_to(kPerson);
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_FALSE((*kept)[0].viewer);
  EXPECT_EQ((*kept)[0].what, "trial status");
}

TEST_P(SharingContractTest, InvitationsAreListedNewestFirst) {
  ASSERT_TRUE(repo_->create_invitation(an_invitation("b")));
  ASSERT_TRUE(repo_->create_invitation(an_invitation("a")));
  ASSERT_TRUE(repo_->create_invitation(an_invitation("c", kOtherCoach)));
  auto made = repo_->invitations_by(kCoach);
  ASSERT_EQ(made->size(), 2u);
  EXPECT_EQ((*made)[0].token_hash, "a");
  EXPECT_EQ((*made)[1].token_hash, "b");
}

INSTANTIATE_TEST_SUITE_P(
    Store, SharingContractTest,
    ::testing::Values(SharingStoreFactory{"Memory", [](testing::Places&) { return make_memory_sharing_repository(); }},
                      SharingStoreFactory{"Sqlite",
                                          [](testing::Places& places) -> std::unique_ptr<SharingRepository> {
                                            add_four_accounts(places.sqlite());
                                            auto repo = open_sqlite_sharing(places.sqlite());
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }},
                      SharingStoreFactory{"Postgres",
                                          [](testing::Places& places) -> std::unique_ptr<SharingRepository> {
                                            const std::string uri = places.postgres();
                                            add_four_accounts(open_postgres_accounts(uri));
                                            auto repo = open_postgres_sharing(uri);
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(SqliteSharingTest, AnAccountCanBeDeletedOnceForgottenAndNotBefore) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  add_four_accounts(db);
  auto sharing = open_sqlite_sharing(db);
  auto accounts = open_sqlite_accounts(db);
  ASSERT_TRUE(sharing && accounts);
  ASSERT_TRUE((*sharing)->create_invitation(an_invitation("h1")));
  ASSERT_TRUE((*sharing)->accept_invitation("h1", kPerson, kAll, kBefore));
  ASSERT_TRUE((*sharing)->record_access(AccessRecord{0, kPerson, kCoach, model::Role::coach, "review", kBefore}));
  // The shares still name the person: the database refuses to orphan them.
  EXPECT_FALSE((*accounts)->delete_account(kPerson));
  ASSERT_TRUE((*sharing)->forget_account(kPerson));
  ASSERT_TRUE((*accounts)->delete_account(kPerson));
  for (const char* table : {"shares", "access_log", "invitations"})
    EXPECT_EQ(testing::raw(db, std::string("SELECT count(*) FROM ") + table), "0") << table;
  EXPECT_EQ(testing::raw(db, "SELECT count(*) FROM accounts WHERE id = 3"), "0");
}

}  // namespace
}  // namespace trialwise::store
