#pragma once

// SHA-1 (FIPS 180-4), only for name-based UUIDs (RFC 4122 version 5). It is
// not used for anything that needs collision resistance against an attacker.

#include <array>
#include <cstdint>
#include <string_view>

namespace trialwise::interop::detail {

using Sha1Digest = std::array<std::uint8_t, 20>;

/// The SHA-1 digest of `data`.
Sha1Digest sha1(std::string_view data);

}  // namespace trialwise::interop::detail
