#include "trialwise/security/token.hpp"

#include <gtest/gtest.h>

#include <set>

namespace trialwise::security {
namespace {

TEST(TokenTest, TokensAre256RandomBitsInUrlSafeText) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string t = new_token();
    ASSERT_EQ(t.size(), 43u) << t;
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenTest, StoredHashIsStableAndDiffersPerToken) {
  const std::string a = new_token(), b = new_token();
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_EQ(token_hash(a).find(a), std::string::npos);
  // BLAKE2b-256 of "" (RFC 7693's parameters, 32-byte output), as libsodium computes it.
  EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(TokenTest, ComparisonInConstantTime) {
  EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abcd"));
  EXPECT_TRUE(equal_in_constant_time("", ""));
}

}  // namespace
}  // namespace trialwise::security
