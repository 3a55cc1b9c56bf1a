#pragma once

// Passwords: the rules a new one must pass, and Argon2id hashes of them
// (libsodium's crypto_pwhash_str). A password is never stored, logged or
// returned; only its hash is kept.

#include <string>
#include <string_view>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::security {

/// Fewest characters (Unicode code points) a password may have.
inline constexpr std::size_t kMinPasswordChars = 12;
/// Most bytes: a longer one is refused rather than hashed (hashing cost).
inline constexpr std::size_t kMaxPasswordBytes = 1024;

/// Checks a new password: UTF-8, from kMinPasswordChars characters to
/// kMaxPasswordBytes bytes, at least 5 different characters, not a common
/// password (Openwall's list) with digits or symbols around it or repeated,
/// not built on one of `context` (e.g. the email's name, "trialwise"). Fails
/// with Errc::invalid_input at `where`, the message naming the rule broken,
/// never the password.
Result<void> check_new_password(std::string_view password, const std::vector<std::string>& context,
                                const std::string& where);

/// The Argon2id parameters hash_password uses: libsodium's INTERACTIVE
/// limits (2 passes over 64 MiB), above OWASP's minimum for Argon2id
/// (2 passes over 19 MiB, one lane).
struct HashCost {
  unsigned long long passes;
  std::size_t memory_bytes;
};
HashCost password_hash_cost();

/// An Argon2id hash in libsodium's string form (parameters and a random salt
/// inside). Errc::internal if libsodium cannot allocate the memory.
Result<std::string> hash_password(std::string_view password);

/// Whether `password` matches `hash`; false for a wrong one and for a hash
/// that is not one. Takes as long as hashing.
bool verify_password(std::string_view hash, std::string_view password);

/// Whether `hash` was made with other parameters than hash_password's now:
/// rehash at the next sign-in.
bool needs_rehash(std::string_view hash);

/// A hash to verify against when no account has the email given, so that an
/// unknown email costs as long as a wrong password.
const std::string& decoy_hash();

}  // namespace trialwise::security
