#include "trialwise/service/sign_in.hpp"

#include <gtest/gtest.h>

#include "trialwise/core/utc_time.hpp"
#include "trialwise/security/token.hpp"
#include "trialwise/service/accounts.hpp"

namespace trialwise::service {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kGoodPassword = "correct horse battery staple";

Clock::time_point at(const char* utc) { return *parse_utc_iso8601(utc); }

class SignInTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = Accounts(*repo_).add({"ada@example.org", model::Role::person, kGoodPassword});
    ASSERT_TRUE(a);
    ada_ = *a;
  }

  Result<SignedIn, SignInFailure> sign_in(const std::string& email, const std::string& password, Clock::time_point now,
                                          const std::string& client = "192.0.2.1") {
    return sign_in_.sign_in(email, password, client, now);
  }

  std::unique_ptr<store::AccountRepository> repo_ = store::make_memory_account_repository();
  SignInThrottle throttle_;
  SignIn sign_in_{*repo_, throttle_};
  model::Account ada_;
};

TEST_F(SignInTest, TheRightPasswordStartsASessionKeptOnlyAsAHash) {
  const auto now = at("2026-12-05T10:00:00Z");
  auto s = sign_in("ADA@example.org", kGoodPassword, now);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->account.id, ada_.id);
  EXPECT_EQ(s->token.size(), 43u);
  EXPECT_EQ(s->expires, now + SessionPolicy{}.absolute);
  EXPECT_FALSE(repo_->find_session(s->token)->has_value()) << "the token itself is not stored";
  auto stored = repo_->find_session(security::token_hash(s->token));
  ASSERT_TRUE(stored && stored->has_value());
  EXPECT_EQ((*stored)->expires_at, "2026-12-05T22:00:00Z");
  EXPECT_EQ(sign_in_.authenticate(s->token, now + minutes(1))->id, ada_.id);
}

TEST_F(SignInTest, WrongPasswordUnknownEmailAndDisabledAccountLookAlike) {
  const auto now = at("2026-12-05T10:00:00Z");
  auto wrong_password = sign_in("ada@example.org", "correct horse battery stapler", now);
  auto unknown = sign_in("grace@example.org", kGoodPassword, now);
  ASSERT_FALSE(wrong_password);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong_password.error().kind, SignInFailure::Kind::wrong);
  EXPECT_EQ(unknown.error().kind, SignInFailure::Kind::wrong);
  ASSERT_TRUE(Accounts(*repo_).disable("ada@example.org"));
  auto disabled = sign_in("ada@example.org", kGoodPassword, now, "192.0.2.9");
  ASSERT_FALSE(disabled);
  EXPECT_EQ(disabled.error().kind, SignInFailure::Kind::wrong);
}

TEST_F(SignInTest, SessionsEndWhenIdleOrOldOrSignedOut) {
  const auto now = at("2026-12-05T10:00:00Z");
  const SessionPolicy policy;
  auto s = sign_in("ada@example.org", kGoodPassword, now);
  ASSERT_TRUE(s);
  // Idle: used just under the limit stays; just at it ends.
  EXPECT_TRUE(sign_in_.authenticate(s->token, now + policy.idle - seconds(1)));
  const auto used = now + policy.idle - seconds(1);
  EXPECT_TRUE(sign_in_.authenticate(s->token, used + policy.idle - seconds(1))) << "each use restarts the idle clock";
  EXPECT_FALSE(sign_in_.authenticate(s->token, used + policy.idle - seconds(1) + policy.idle));
  EXPECT_FALSE(sign_in_.authenticate(s->token, now)) << "an ended session stays ended";

  // Absolute: kept busy, it still ends at its expiry.
  auto busy = sign_in("ada@example.org", kGoodPassword, now);
  ASSERT_TRUE(busy);
  auto t = now;
  while (t + minutes(20) < busy->expires) {
    t += minutes(20);
    ASSERT_TRUE(sign_in_.authenticate(busy->token, t));
  }
  EXPECT_FALSE(sign_in_.authenticate(busy->token, busy->expires));

  auto out = sign_in("ada@example.org", kGoodPassword, now);
  ASSERT_TRUE(out);
  ASSERT_TRUE(sign_in_.sign_out(out->token));
  EXPECT_FALSE(sign_in_.authenticate(out->token, now));
  EXPECT_FALSE(sign_in_.authenticate("", now));
  EXPECT_FALSE(sign_in_.authenticate("made-up", now));
}

TEST_F(SignInTest, ANewPasswordEndsTheSessions) {
  const auto now = at("2026-12-05T10:00:00Z");
  auto s = sign_in("ada@example.org", kGoodPassword, now);
  ASSERT_TRUE(s);
  ASSERT_TRUE(Accounts(*repo_).reset_password("ada@example.org", "a new and longer passphrase"));
  EXPECT_FALSE(sign_in_.authenticate(s->token, now));
}

TEST_F(SignInTest, FailuresSlowDownPerAccountAfterFive) {
  const auto now = at("2026-12-05T10:00:00Z");
  const ThrottlePolicy policy;
  // Four failures from four addresses: the next attempt is free.
  for (int i = 0; i + 1 < policy.free_failures; ++i)
    ASSERT_EQ(sign_in("ada@example.org", "wrong wrong wrong", now, "198.51.100." + std::to_string(i)).error().kind,
              SignInFailure::Kind::wrong);
  auto fifth = sign_in("ada@example.org", "wrong wrong wrong", now, "198.51.100.50");
  ASSERT_FALSE(fifth);
  EXPECT_EQ(fifth.error().kind, SignInFailure::Kind::wrong) << "the fifth is still tried";
  // After five, the next attempt waits, even with the right password, from anywhere.
  auto blocked = sign_in("ada@example.org", kGoodPassword, now, "198.51.100.100");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, SignInFailure::Kind::throttled);
  EXPECT_EQ(blocked.error().retry_after, seconds(1));
  // After the wait the right password works, and the account's count is cleared.
  ASSERT_TRUE(sign_in("ada@example.org", kGoodPassword, now + seconds(1), "198.51.100.100"));
  EXPECT_TRUE(sign_in("ada@example.org", kGoodPassword, now + seconds(1), "198.51.100.101"));
}

TEST_F(SignInTest, FailuresSlowDownPerClientAddressAcrossAccounts) {
  const auto now = at("2026-12-05T10:00:00Z");
  const ThrottlePolicy policy;
  for (int i = 0; i < policy.free_failures; ++i)
    ASSERT_EQ(sign_in("user" + std::to_string(i) + "@example.org", kGoodPassword, now, "203.0.113.7").error().kind,
              SignInFailure::Kind::wrong);
  auto blocked = sign_in("ada@example.org", kGoodPassword, now, "203.0.113.7");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, SignInFailure::Kind::throttled);
  EXPECT_TRUE(sign_in("ada@example.org", kGoodPassword, now, "203.0.113.8")) << "another address is not held back";
}

TEST(SignInThrottleTest, WaitsDoubleUpToTheLongestAndFailuresAreForgottenAfterTheWindow) {
  const ThrottlePolicy policy;
  const SignInThrottle throttle(policy);
  auto repo = store::make_memory_account_repository();
  const auto wait = [&](const char* key, Clock::time_point now) { return *throttle.wait(*repo, key, now); };
  const auto fail = [&](const char* key, Clock::time_point now) { ASSERT_TRUE(throttle.failed(*repo, key, now)); };
  auto t = *parse_utc_iso8601("2026-12-05T10:00:00Z");
  for (int i = 0; i + 1 < policy.free_failures; ++i) fail("k", t);
  EXPECT_EQ(wait("k", t), seconds(0)) << "four failures: no wait";
  fail("k", t);
  EXPECT_EQ(wait("k", t), seconds(1)) << "five: a second";
  fail("k", t);
  EXPECT_EQ(wait("k", t), seconds(2));
  fail("k", t);
  EXPECT_EQ(wait("k", t), seconds(4));
  EXPECT_EQ(wait("k", t + seconds(3)), seconds(1)) << "the wait counts down";
  for (int i = 0; i < 30; ++i) fail("k", t);
  EXPECT_EQ(wait("k", t), policy.longest_wait);
  EXPECT_EQ(wait("k", t + policy.longest_wait), seconds(0));
  EXPECT_EQ(wait("other", t), seconds(0));
  fail("k", t + policy.window + seconds(1));
  EXPECT_EQ(wait("k", t + policy.window + seconds(1)), seconds(0)) << "a new window starts the count again";
  ASSERT_TRUE(throttle.succeeded(*repo, "k"));
  EXPECT_EQ(wait("k", t), seconds(0));
}

TEST(SignInThrottleTest, KeysAreStoredHashedNeverAsTheEmailOrAddress) {
  const SignInThrottle throttle;
  auto repo = store::make_memory_account_repository();
  const auto t = *parse_utc_iso8601("2026-12-05T10:00:00Z");
  ASSERT_TRUE(throttle.failed(*repo, "account:ada@example.org", t));
  EXPECT_EQ(repo->sign_in_failures("account:ada@example.org")->count, 0);
  EXPECT_EQ(repo->sign_in_failures(SignInThrottle::stored_key("account:ada@example.org"))->count, 1);
  EXPECT_EQ(SignInThrottle::stored_key("account:ada@example.org").size(), 64u);
}

// Two servers each with its own SignIn, one store: the failures on one count on the other.
TEST_F(SignInTest, EveryServerCountsTheSameFailures) {
  const auto now = at("2026-12-05T10:00:00Z");
  const SignInThrottle other_servers_throttle;
  SignIn other_server(*repo_, other_servers_throttle);
  for (int i = 0; i < ThrottlePolicy{}.free_failures; ++i) {
    auto& server = i % 2 ? other_server : sign_in_;
    EXPECT_FALSE(server.sign_in("ada@example.org", "guess", "192.0.2.1", now));
  }
  auto blocked = other_server.sign_in("ada@example.org", kGoodPassword, "192.0.2.9", now);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, SignInFailure::Kind::throttled);
}

}  // namespace
}  // namespace trialwise::service
