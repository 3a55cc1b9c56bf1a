#include "trialwise/service/consent.hpp"

#include "trialwise/core/utc_time.hpp"
#include "trialwise/security/token.hpp"
#include "trialwise/service/accounts.hpp"

namespace trialwise::service {
namespace {

Error no_invitation() {
  return not_found("invitation", "no such invitation, or it was used or has expired; ask your coach for a new one");
}

Error no_client(model::AccountId id) { return not_found("client/" + std::to_string(id), "no such client"); }

bool covers(const model::ShareScopes& s, Part part) {
  switch (part) {
    case Part::status: return s.status;
    case Part::review: return s.review;
    case Part::report: return s.report;
  }
  return false;
}

}  // namespace

Result<model::ShareScopes> scopes_from_names(const std::vector<std::string>& names, const std::string& where) {
  const auto parsed = model::scopes_from(names);
  if (parsed.unknown)
    return Unexpected{invalid_input(where, "\"" + *parsed.unknown +
                                               "\" is not something to share; choose from status, "
                                               "review, report")};
  if (!parsed.scopes.any())
    return Unexpected{invalid_input(where, "choose at least one of status, review, report to share")};
  return parsed.scopes;
}

Result<NewInvitation> Consent::invite(const model::Account& coach, Clock::time_point now) {
  if (coach.role != model::Role::coach) return Unexpected{refused("", "only a coach can invite")};
  NewInvitation made{security::new_token(), now + kInvitationLifetime};
  model::Invitation i;
  i.token_hash = security::token_hash(made.token);
  i.coach = coach.id;
  i.created_at = utc_iso8601(now);
  i.expires_at = utc_iso8601(made.expires);
  if (auto ok = sharing_.create_invitation(i); !ok) return Unexpected{ok.error()};
  return made;
}

Result<model::Account> Consent::inviter(const std::string& token, Clock::time_point now) {
  auto found = sharing_.find_invitation(security::token_hash(token));
  if (!found) return Unexpected{found.error()};
  if (!*found || (*found)->accepted_by || utc_iso8601(now) >= (*found)->expires_at) return Unexpected{no_invitation()};
  auto coach = account_if_any((*found)->coach);
  if (!coach) return Unexpected{coach.error()};
  if (!*coach || (*coach)->disabled) return Unexpected{no_invitation()};
  return std::move(**coach);
}

Result<GivenShare> Consent::accept(const std::string& token, const model::Account& person,
                                   const model::ShareScopes& scopes, Clock::time_point now) {
  auto coach = inviter(token, now);
  if (!coach) return Unexpected{coach.error()};
  if (coach->id == person.id) return Unexpected{invalid_input("", "this is your own invitation")};
  auto share = sharing_.accept_invitation(security::token_hash(token), person.id, scopes, utc_iso8601(now));
  if (!share) {
    // Used or expired in the meantime: said as for any token that cannot be used.
    if (share.error().code == Errc::conflict || share.error().code == Errc::not_found)
      return Unexpected{no_invitation()};
    if (share.error().code == Errc::invalid_input) return Unexpected{invalid_input("/share", share.error().message)};
    return Unexpected{share.error()};
  }
  return GivenShare{std::move(*share), std::move(*coach)};
}

Result<std::vector<GivenShare>> Consent::shares_given(model::AccountId person) {
  auto shares = sharing_.shares_given(person);
  if (!shares) return Unexpected{shares.error()};
  std::vector<GivenShare> out;
  for (auto& s : *shares) {
    auto coach = account_if_any(s.coach);
    if (!coach) return Unexpected{coach.error()};
    if (*coach) out.push_back({std::move(s), std::move(**coach)});
  }
  return out;
}

Result<GivenShare> Consent::change_share(model::AccountId person, model::AccountId coach,
                                         const model::ShareScopes& scopes) {
  auto share = sharing_.set_share(person, coach, scopes);
  if (!share) return Unexpected{share.error()};
  auto account = accounts_.get_account(coach);
  if (!account) return Unexpected{account.error()};
  return GivenShare{std::move(*share), std::move(*account)};
}

Result<void> Consent::revoke(model::AccountId person, model::AccountId coach) {
  return sharing_.revoke_share(person, coach);
}

Result<std::vector<std::pair<model::Account, model::ShareScopes>>> Consent::clients(model::AccountId coach) {
  auto shares = sharing_.shares_received(coach);
  if (!shares) return Unexpected{shares.error()};
  std::vector<std::pair<model::Account, model::ShareScopes>> out;
  for (const auto& s : *shares) {
    auto person = account_if_any(s.person);
    if (!person) return Unexpected{person.error()};
    if (*person && !(*person)->disabled) out.emplace_back(std::move(**person), s.scopes);
  }
  return out;
}

Result<model::Account> Consent::client_for(const model::Account& viewer, model::AccountId client, Part part) {
  auto share = sharing_.find_share(client, viewer.id);
  if (!share) return Unexpected{share.error()};
  if (!*share || !covers((*share)->scopes, part)) return Unexpected{no_client(client)};
  auto person = account_if_any(client);
  if (!person) return Unexpected{person.error()};
  if (!*person || (*person)->disabled) return Unexpected{no_client(client)};
  return std::move(**person);
}

Result<void> Consent::record_look(const model::Account& viewer, model::AccountId person, const std::string& what,
                                  Clock::time_point now) {
  model::AccessRecord r;
  r.person = person;
  r.viewer = viewer.id;
  r.viewer_role = viewer.role;
  r.what = what;
  r.at = utc_iso8601(now);
  return sharing_.record_access(r);
}

Result<std::vector<Look>> Consent::looks_at(model::AccountId person) {
  auto records = sharing_.access_to(person);
  if (!records) return Unexpected{records.error()};
  std::vector<Look> out;
  for (auto& r : *records) {
    Look look{std::move(r), std::nullopt};
    if (look.record.viewer) {
      auto viewer = account_if_any(*look.record.viewer);
      if (!viewer) return Unexpected{viewer.error()};
      look.viewer = std::move(*viewer);
    }
    out.push_back(std::move(look));
  }
  return out;
}

Result<std::optional<model::Account>> Consent::account_if_any(model::AccountId id) {
  auto a = accounts_.get_account(id);
  if (a) return std::optional<model::Account>(std::move(*a));
  if (a.error().code == Errc::not_found) return std::optional<model::Account>();
  return Unexpected{a.error()};
}

boost::json::array scopes_json(const model::ShareScopes& s) {
  boost::json::array out;
  for (const auto& n : model::scope_names(s)) out.emplace_back(n);
  return out;
}

boost::json::object given_share_json(const GivenShare& s) {
  return {{"coach", boost::json::object{{"id", s.coach.id}, {"email", s.coach.email}}},
          {"share", scopes_json(s.share.scopes)},
          {"since", s.share.since}};
}

boost::json::object look_json(const Look& l) {
  boost::json::value viewer = nullptr;
  if (l.viewer) viewer = boost::json::object{{"id", l.viewer->id}, {"email", l.viewer->email}};
  return {{"at", l.record.at},
          {"viewer", std::move(viewer)},
          {"role", std::string(model::to_string(l.record.viewer_role))},
          {"what", l.record.what}};
}

}  // namespace trialwise::service
