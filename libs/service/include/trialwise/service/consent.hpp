#pragma once

// Consent between a person and a coach: a coach invites, a person accepts and
// chooses what to share, changes or revokes it at any time; a coach sees a
// client's data only through a share that covers it, and every such look is
// recorded where the person can see it.

#include <chrono>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"
#include "trialwise/model/sharing.hpp"
#include "trialwise/service/sign_in.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::service {

/// How long an invitation can be accepted.
inline constexpr std::chrono::hours kInvitationLifetime{24 * 7};

/// A new invitation: the token (for the link; only its hash is kept) and its expiry.
struct NewInvitation {
  std::string token;
  Clock::time_point expires;
};

/// One share as the person sees it: the coach named.
struct GivenShare {
  model::Share share;
  model::Account coach;
};

/// One look at the person's data, the viewer named (none once deleted).
struct Look {
  model::AccessRecord record;
  std::optional<model::Account> viewer;
};

/// Which part of a client's data a look needs.
enum class Part { status, review, report };

/// Errors: Errc::not_found for an invitation that does not exist, was used
/// or has expired (all alike: a token says nothing about itself), and for
/// a client whose share does not cover what is asked (as if there were no
/// such client); Errc::invalid_input for bad choices (at "/share").
class Consent {
 public:
  Consent(store::AccountRepository& accounts, store::SharingRepository& sharing)
      : accounts_(accounts), sharing_(sharing) {}

  /// A coach's new single-use invitation, valid for kInvitationLifetime.
  /// Errc::refused when `coach` is not a coach.
  Result<NewInvitation> invite(const model::Account& coach, Clock::time_point now);

  /// The coach behind an invitation that can still be accepted.
  Result<model::Account> inviter(const std::string& token, Clock::time_point now);

  /// `person` accepts and shares `scopes` with the coach who invited.
  Result<GivenShare> accept(const std::string& token, const model::Account& person, const model::ShareScopes& scopes,
                            Clock::time_point now);

  /// What `person` shares, and with whom, oldest first.
  Result<std::vector<GivenShare>> shares_given(model::AccountId person);
  Result<GivenShare> change_share(model::AccountId person, model::AccountId coach, const model::ShareScopes& scopes);
  /// Ends a share at once; Errc::not_found when there is none.
  Result<void> revoke(model::AccountId person, model::AccountId coach);

  /// Every client who shares anything with `coach`, with what they share, oldest share first.
  Result<std::vector<std::pair<model::Account, model::ShareScopes>>> clients(model::AccountId coach);

  /// The client `client` when their share with `viewer` covers `part`;
  /// Errc::not_found otherwise (no share, revoked, not covered, no such account).
  Result<model::Account> client_for(const model::Account& viewer, model::AccountId client, Part part);

  /// Records that `viewer` saw `what` of `person`'s data at `now`.
  Result<void> record_look(const model::Account& viewer, model::AccountId person, const std::string& what,
                           Clock::time_point now);

  /// Every look at `person`'s data, newest first.
  Result<std::vector<Look>> looks_at(model::AccountId person);

 private:
  Result<std::optional<model::Account>> account_if_any(model::AccountId id);

  store::AccountRepository& accounts_;
  store::SharingRepository& sharing_;
};

/// The scopes named in `names` ("status", "review", "report"): at least one,
/// none unknown. Errc::invalid_input at `where` otherwise.
Result<model::ShareScopes> scopes_from_names(const std::vector<std::string>& names, const std::string& where);

/// The scopes as a JSON array of their names (scope_names).
boost::json::array scopes_json(const model::ShareScopes& s);

boost::json::object given_share_json(const GivenShare& s);
boost::json::object look_json(const Look& l);

}  // namespace trialwise::service
