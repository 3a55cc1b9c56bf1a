#include "trialwise/model/account.hpp"

namespace trialwise::model {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::person: return "person";
    case Role::coach: return "coach";
    case Role::admin: return "admin";
  }
  return "person";
}

std::optional<Role> role_from(std::string_view text) {
  for (const Role r : {Role::person, Role::coach, Role::admin})
    if (to_string(r) == text) return r;
  return std::nullopt;
}

ProfileId profile_of(AccountId id) { return "account-" + std::to_string(id); }

}  // namespace trialwise::model
