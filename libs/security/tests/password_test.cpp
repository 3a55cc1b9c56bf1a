#include "trialwise/security/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace trialwise::security {
namespace {

const std::vector<std::string> kContext = {"ada.lovelace@example.org", "trialwise"};

// The reason a password is refused, or "" when it is accepted.
std::string refusal(std::string_view password, const std::vector<std::string>& context = kContext) {
  auto ok = check_new_password(password, context, "--password-stdin");
  if (ok) return "";
  EXPECT_EQ(ok.error().code, Errc::invalid_input);
  EXPECT_EQ(ok.error().where, "--password-stdin");
  EXPECT_EQ(ok.error().message.find(std::string(password)), std::string::npos) << "never echoes the password";
  return ok.error().message;
}

TEST(PasswordRulesTest, TwelveCharactersAtLeastCountedAsCharactersNotBytes) {
  EXPECT_NE(refusal("kq7#vLm2pZ9"), "");   // 11
  EXPECT_EQ(refusal("kq7#vLm2pZ9x"), "");  // 12
  // 11 characters in 14 bytes is still too short; 12 in 15 is enough.
  EXPECT_NE(refusal("ñandú7#vLm2"), "");
  EXPECT_EQ(refusal("ñandú7#vLm2p"), "");
  EXPECT_NE(refusal(std::string("kq7#vLm2pZ9x\xff")), "") << "not UTF-8";
}

TEST(PasswordRulesTest, AtMostTheByteLimit) {
  std::string longest;
  while (longest.size() < kMaxPasswordBytes) longest += "kq7#vLm2pZ9xW";
  longest.resize(kMaxPasswordBytes);
  EXPECT_EQ(refusal(longest), "");
  EXPECT_NE(refusal(longest + "y"), "");
}

TEST(PasswordRulesTest, FiveDifferentCharactersAtLeast) {
  EXPECT_NE(refusal("aabbccddaabbccdd"), "") << "4 different";
  EXPECT_EQ(refusal("aabbccddeeaabbcc"), "") << "5 different";
}

TEST(PasswordRulesTest, CommonPasswordsAndTheirDisguisesAreRefused) {
  for (const char* p : {"password1234", "Password123!", "iloveyou1234", "letmein12345", "!!2024sunshine",
                        "football1234", "passwordpassword", "abcabcabcabc", "abcdefghijkl", "123456789012",
                        "qwertyuiopas", "lkjhgfdsapoi", "1qaz2wsx3edc"})
    EXPECT_NE(refusal(p), "") << p;
  for (const char* p : {"correct horse battery staple", "mR7#kq2Lp9vZ", "glutamine trial at dawn"})
    EXPECT_EQ(refusal(p), "") << p;
}

TEST(PasswordRulesTest, TheEmailAndTheServiceNameAreRefused) {
  EXPECT_NE(refusal("Lovelace-2026-kq"), "");
  EXPECT_NE(refusal("ada.lovelace#99"), "");
  EXPECT_NE(refusal("my trialwise key"), "");
  EXPECT_EQ(refusal("Lovelace-2026-kq", {"grace@example.org"}), "") << "someone else's name is fine";
}

TEST(PasswordHashTest, Argon2idHashesVerifyTheRightPasswordOnly) {
  auto hash = hash_password("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(verify_password(*hash, ""));
  auto again = hash_password("correct horse battery staple");
  ASSERT_TRUE(again);
  EXPECT_NE(*hash, *again) << "a new salt each time";
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery staple"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST(PasswordHashTest, CostIsAtLeastOwaspsAndWeakerHashesAreRehashed) {
  const auto cost = password_hash_cost();
  EXPECT_GE(cost.passes, 2u);
  EXPECT_GE(cost.memory_bytes, std::size_t{19} << 20);
  auto hash = hash_password("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_FALSE(needs_rehash(*hash));
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, "x", 1, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                                  crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(needs_rehash(weak));
  EXPECT_TRUE(needs_rehash("not a hash"));
}

TEST(PasswordHashTest, TheDecoyMatchesNothing) {
  const auto& decoy = decoy_hash();
  ASSERT_FALSE(decoy.empty());
  EXPECT_FALSE(verify_password(decoy, ""));
  EXPECT_FALSE(verify_password(decoy, "correct horse battery staple"));
  EXPECT_EQ(&decoy, &decoy_hash()) << "made once";
}

}  // namespace
}  // namespace trialwise::security
