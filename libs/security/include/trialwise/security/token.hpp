#pragma once

// Random tokens (sessions, invitations) from libsodium, and the hash they are
// stored under: a copy of the database holds no token that works.

#include <string>
#include <string_view>

namespace trialwise::security {

/// 256 random bits (randombytes_buf), base64url without padding: 43 characters.
std::string new_token();

/// What is stored for a token: its BLAKE2b-256 hash (crypto_generichash), in hex.
std::string token_hash(std::string_view token);

/// Whether `a` and `b` are equal, in a time that does not depend on where they differ.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace trialwise::security
