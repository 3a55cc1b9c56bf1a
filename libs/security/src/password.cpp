#include "trialwise/security/password.hpp"

#include "sodium.hpp"

namespace trialwise::security {

namespace {

constexpr unsigned long long kPasses = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemoryBytes = crypto_pwhash_MEMLIMIT_INTERACTIVE;

}  // namespace

HashCost password_hash_cost() { return {kPasses, kMemoryBytes}; }

Result<std::string> hash_password(std::string_view password) {
  if (!detail::sodium_ready()) return Unexpected{internal_error("", "libsodium could not start")};
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasses, kMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Unexpected{internal_error("", "hashing the password ran out of memory")};
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (!detail::sodium_ready() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash) {
  if (!detail::sodium_ready() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  return crypto_pwhash_str_needs_rehash(stored, kPasses, kMemoryBytes) != 0;
}

const std::string& decoy_hash() {
  // Made once per process from a password nobody can type (random bytes).
  static const std::string hash = [] {
    unsigned char secret[32];
    if (detail::sodium_ready()) randombytes_buf(secret, sizeof secret);
    auto h = hash_password(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace trialwise::security
