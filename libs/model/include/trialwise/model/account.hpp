#pragma once

// Accounts of the clinic server (serve --accounts): a person, a coach or an
// admin, signed in with an email and a password, and their sessions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trialwise/model/trial.hpp"

namespace trialwise::model {

using AccountId = std::int64_t;

/// person: keeps their own trials; coach: also sees what clients share;
/// admin: also manages accounts.
enum class Role { person, coach, admin };

std::string_view to_string(Role r);
std::optional<Role> role_from(std::string_view text);

struct Account {
  AccountId id = 0;
  std::string email;  // as given; unique without regard to case
  Role role = Role::person;
  std::string password_hash;        // Argon2id (libs/security); never shown
  bool disabled = false;            // a disabled account cannot sign in
  std::string created_at;           // UTC ISO 8601, set by the store
  std::string password_changed_at;  // likewise
};

/// The profile an account's own data is kept under ("account-<id>").
ProfileId profile_of(AccountId id);

/// A signed-in session, stored under the hash of its token (the token itself
/// is only ever in the person's cookie).
struct Session {
  std::string token_hash;
  AccountId account = 0;
  std::string created_at;    // UTC ISO 8601
  std::string last_seen_at;  // UTC ISO 8601: idle expiry counts from here
  std::string expires_at;    // UTC ISO 8601: absolute expiry
};

/// Failed sign-ins counted under one key (an account or a client address,
/// hashed), as the throttle reads them: how many, and the first and last as
/// Unix seconds. Kept in the database so that every server counts them all.
struct SignInFailures {
  std::int64_t count = 0;
  std::int64_t first = 0;
  std::int64_t last = 0;
};

}  // namespace trialwise::model
