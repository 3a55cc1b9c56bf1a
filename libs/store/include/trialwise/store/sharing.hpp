#pragma once

// Consent, kept (the clinic server): coaches' invitations, what each person
// shares with each coach, and the log of every look at a person's data by
// someone else. Beside AccountRepository in the same database.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/model/sharing.hpp"

namespace trialwise::store {

using model::AccessRecord;
using model::Invitation;
using model::Share;
using model::ShareScopes;

/// Invitations, shares and the access log. Safe to use from one thread at a
/// time; a write returns only once it is durable. Errors:
/// Errc::invalid_input (`where` "invitation/<field>", "share/<field>",
/// "access/<field>"), Errc::not_found ("invitation", "share/<coach>"),
/// Errc::conflict ("invitation": used or expired), Errc::io.
class SharingRepository {
 public:
  virtual ~SharingRepository() = default;

  /// Saves a new invitation (token hash, coach and both times required).
  virtual Result<void> create_invitation(const Invitation& invitation) = 0;

  /// The invitation with this token hash, used or not; none if there is none.
  virtual Result<std::optional<Invitation>> find_invitation(const std::string& token_hash) = 0;

  /// In one step: marks the invitation used by `person` at `now` and gives
  /// its coach `scopes` (replacing what `person` shared with that coach
  /// before). Errc::not_found if there is no such invitation, Errc::conflict
  /// if it was used or `now` is not before its expiry, Errc::invalid_input if
  /// `person` is the coach or `scopes` is empty. Only one of two racing
  /// acceptances succeeds.
  virtual Result<Share> accept_invitation(const std::string& token_hash, model::AccountId person,
                                          const ShareScopes& scopes, const std::string& now) = 0;

  /// The invitations `coach` made, newest first.
  virtual Result<std::vector<Invitation>> invitations_by(model::AccountId coach) = 0;

  /// What `person` shares with `coach`, or none.
  virtual Result<std::optional<Share>> find_share(model::AccountId person, model::AccountId coach) = 0;
  /// Every share `person` gave, oldest first.
  virtual Result<std::vector<Share>> shares_given(model::AccountId person) = 0;
  /// Every share `coach` holds, oldest first.
  virtual Result<std::vector<Share>> shares_received(model::AccountId coach) = 0;
  /// Changes what an existing share covers (non-empty). Errc::not_found if there is none.
  virtual Result<Share> set_share(model::AccountId person, model::AccountId coach, const ShareScopes& scopes) = 0;
  /// Ends a share at once. Errc::not_found if there is none.
  virtual Result<void> revoke_share(model::AccountId person, model::AccountId coach) = 0;

  /// Records one look (person, what and time required); the id is assigned.
  virtual Result<void> record_access(const AccessRecord& record) = 0;
  /// Every look at `person`'s data, newest first.
  virtual Result<std::vector<AccessRecord>> access_to(model::AccountId person) = 0;
  /// Every look `viewer` took at others' data, newest first.
  virtual Result<std::vector<AccessRecord>> access_by(model::AccountId viewer) = 0;

  /// Forgets an account: the invitations it made or accepted, the shares it
  /// gave or held, the looks at its data; in the looks it took at others'
  /// data (kept for those people) it is no longer named.
  virtual Result<void> forget_account(model::AccountId id) = 0;
};

/// An in-memory SharingRepository for tests (and the contract suite's baseline).
std::unique_ptr<SharingRepository> make_memory_sharing_repository();

/// Opens the embedded SQLite database at `path` for consent, as open_sqlite
/// opens it for trials (created, migrated, refused if newer).
Result<std::unique_ptr<SharingRepository>> open_sqlite_sharing(const std::string& path);

}  // namespace trialwise::store
