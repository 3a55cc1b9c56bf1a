#pragma once

// Consent between a person and a coach (serve --accounts): the invitation a
// coach sends, what a person chose to share with that coach, and the record
// of every look at a person's data by someone else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/model/account.hpp"

namespace trialwise::model {

/// What a person may share with a coach, each on its own.
struct ShareScopes {
  bool status = false;  // the trial's status and logged days (the dashboard)
  bool review = false;  // the review and its verdict
  bool report = false;  // the clinician's report (export.html)

  bool any() const { return status || review || report; }
  friend bool operator==(const ShareScopes&, const ShareScopes&) = default;
};

/// The scopes' names, in a fixed order: "status", "review", "report".
std::vector<std::string> scope_names(const ShareScopes& s);
/// The scopes named; the first unknown name if there is one.
struct ParsedScopes {
  ShareScopes scopes;
  std::optional<std::string> unknown;
};
ParsedScopes scopes_from(const std::vector<std::string>& names);

/// A coach's invitation: single use, until `expires_at`. Kept under the hash
/// of its token; the token itself is only in the link the coach passes on.
struct Invitation {
  std::string token_hash;
  AccountId coach = 0;
  std::string created_at;  // UTC ISO 8601
  std::string expires_at;  // UTC ISO 8601
  std::optional<AccountId> accepted_by;
  std::string accepted_at;  // empty until accepted
};

/// What `person` shares with `coach`, since when. Revoking deletes it.
struct Share {
  AccountId person = 0;
  AccountId coach = 0;
  ShareScopes scopes;
  std::string since;  // UTC ISO 8601, when first given
};

/// One look at `person`'s data by someone else: who (none once that account
/// is deleted), as what role, what they saw and when.
struct AccessRecord {
  std::int64_t id = 0;
  AccountId person = 0;
  std::optional<AccountId> viewer;
  Role viewer_role = Role::coach;
  std::string what;  // e.g. "trial status", "review", "report"
  std::string at;    // UTC ISO 8601
};

}  // namespace trialwise::model
