#include "trialwise/service/accounts.hpp"

#include <gtest/gtest.h>

#include "trialwise/security/password.hpp"

namespace trialwise::service {
namespace {

constexpr const char* kGood = "correct horse battery staple";

class AccountsTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::AccountRepository> repo_ = store::make_memory_account_repository();
  Accounts accounts_{*repo_};
};

TEST_F(AccountsTest, AddsAnAccountKeepingOnlyTheHash) {
  auto a = accounts_.add({"ada@example.org", model::Role::admin, kGood});
  ASSERT_TRUE(a) << to_string(a.error());
  EXPECT_EQ(a->role, model::Role::admin);
  EXPECT_EQ(a->password_hash.find(kGood), std::string::npos);
  EXPECT_TRUE(security::verify_password(a->password_hash, kGood));
  const auto json = account_json(*a);
  EXPECT_FALSE(json.contains("password_hash"));
  EXPECT_EQ(json.at("role"), "admin");
}

TEST_F(AccountsTest, RefusesABadEmailOrPasswordAndSavesNothing) {
  for (const char* email : {"", "ada", "ada@", "@example.org", "ada@example", "ada @example.org", "a@b@example.org"}) {
    auto a = accounts_.add({email, model::Role::person, kGood});
    ASSERT_FALSE(a) << email;
    EXPECT_EQ(a.error().where, "/email") << email;
  }
  auto weak = accounts_.add({"ada@example.org", model::Role::person, "password1234"});
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().where, "/password");
  auto own_name = accounts_.add({"lovelace@example.org", model::Role::person, "Lovelace-kq7#vLm"});
  ASSERT_FALSE(own_name);
  EXPECT_EQ(own_name.error().where, "/password");
  EXPECT_TRUE(accounts_.list()->empty());
}

TEST_F(AccountsTest, OneAccountPerEmailWhateverItsCase) {
  ASSERT_TRUE(accounts_.add({"ada@example.org", model::Role::person, kGood}));
  auto again = accounts_.add({"ADA@example.org", model::Role::coach, kGood});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().where, "/email");
}

TEST_F(AccountsTest, DisablingAndResettingEndSessions) {
  auto a = accounts_.add({"ada@example.org", model::Role::person, kGood});
  ASSERT_TRUE(a);
  const model::Session s{"hash", a->id, "2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z", "2026-12-19T10:00:00Z"};
  ASSERT_TRUE(repo_->create_session(s));
  auto reset = accounts_.reset_password("Ada@Example.org", "a new and longer passphrase");
  ASSERT_TRUE(reset) << to_string(reset.error());
  EXPECT_TRUE(security::verify_password(reset->password_hash, "a new and longer passphrase"));
  EXPECT_FALSE(security::verify_password(reset->password_hash, kGood));
  EXPECT_FALSE(repo_->find_session("hash")->has_value());
  EXPECT_EQ(accounts_.reset_password("ada@example.org", "password1234").error().where, "/password");
  ASSERT_TRUE(repo_->create_session(s));
  auto off = accounts_.disable("ada@example.org");
  ASSERT_TRUE(off);
  EXPECT_TRUE(off->disabled);
  EXPECT_FALSE(repo_->find_session("hash")->has_value());
  EXPECT_EQ(accounts_.disable("grace@example.org").error().code, Errc::not_found);
  EXPECT_EQ(accounts_.reset_password("grace@example.org", kGood).error().where, "/email");
}

}  // namespace
}  // namespace trialwise::service
