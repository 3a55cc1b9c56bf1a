#include "sharing_checks.hpp"

namespace trialwise::store::detail {

Result<void> check_invitation(const model::Invitation& i) {
  if (i.token_hash.empty()) return Unexpected{invalid_input("invitation/token_hash", "a token hash is needed")};
  if (i.coach <= 0) return Unexpected{invalid_input("invitation/coach", "a coach is needed")};
  if (i.created_at.empty() || i.expires_at.empty())
    return Unexpected{invalid_input("invitation/expires_at", "an invitation needs its times")};
  return {};
}

Result<void> check_scopes(const model::ShareScopes& scopes) {
  if (!scopes.any()) return Unexpected{invalid_input("share/scopes", "share at least one of status, review, report")};
  return {};
}

Result<void> check_acceptance(const model::Invitation& i, model::AccountId person, const model::ShareScopes& scopes,
                              const std::string& now) {
  if (i.accepted_by) return Unexpected{conflict("invitation", "this invitation has been used")};
  // Both are UTC ISO 8601 with the same shape, so text order is time order.
  if (now >= i.expires_at) return Unexpected{conflict("invitation", "this invitation has expired")};
  if (person == i.coach) return Unexpected{invalid_input("invitation", "a coach cannot accept their own invitation")};
  return check_scopes(scopes);
}

Result<void> check_access(const model::AccessRecord& r) {
  if (r.person <= 0) return Unexpected{invalid_input("access/person", "whose data was seen is needed")};
  if (r.what.empty() || r.at.empty()) return Unexpected{invalid_input("access/what", "what was seen, and when")};
  return {};
}

Error invitation_not_found() { return not_found("invitation", "no such invitation"); }

Error share_not_found(model::AccountId coach) {
  return not_found("share/" + std::to_string(coach), "nothing is shared with coach " + std::to_string(coach));
}

}  // namespace trialwise::store::detail
