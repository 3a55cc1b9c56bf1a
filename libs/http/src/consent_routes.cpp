// Consent: a coach's invitation (POST /api/v1/invitations), what a link's
// holder sees of it (GET /api/v1/invitations/{token}), accepting it signed in
// or by creating an account through it, and the person's shares (GET,
// PUT and DELETE /api/v1/shares/{coach}).

#include <boost/beast/http/field.hpp>

#include "body.hpp"
#include "consent_stores.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "session.hpp"
#include "trialwise/core/utc_time.hpp"
#include "trialwise/service/accounts.hpp"

namespace trialwise::http::routes {
namespace {

// Where the person opens the invitation: the web app's join page, on the
// name and scheme this request came by (the Host guard checked the name).
std::string invitation_url(const Context& ctx, const std::string& token) {
  const std::string host(ctx.request[boost::beast::http::field::host]);
  return std::string(ctx.peer.tls ? "https" : "http") + "://" + host + "/#/join/" + token;
}

// Joining by invitation without an account: a person account from the
// body's email and password, signed in. Undone if the invitation cannot be
// accepted after all, so that nobody gains an account without one.
Response join_with_new_account(const Context& ctx, ConsentStores& stores, const std::string& token) {
  auto body = json_body(ctx);
  if (!body) return std::move(body).error();
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  const auto [email, password] = read_credentials(f);
  auto scopes = share_choice(f, reader);
  if (!scopes) return std::move(scopes).error();
  auto& consent = stores.consent();
  const auto now = ctx.services.now();
  if (auto coach = consent.inviter(token, now); !coach) return error_reply(coach.error());
  auto added = service::Accounts(stores.accounts()).add({email, model::Role::person, password});
  if (!added) return error_reply(added.error());
  auto given = consent.accept(token, *added, *scopes, now);
  if (!given) {
    (void)stores.accounts().delete_account(added->id);
    return error_reply(given.error());
  }
  auto signed_in = begin_session(ctx, stores.accounts(), email, password);
  if (!signed_in) return std::move(signed_in).error();
  auto reply = service::given_share_json(*given);
  reply["account"] = service::account_json(*added);
  auto res = json_reply(Status::created, reply);
  set_session_cookie(res, ctx, signed_in->token);
  return res;
}

}  // namespace

Response invite(const Context& ctx) {
  if (ctx.account->role != model::Role::coach) return forbidden("only a coach can invite");
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto made = stores->consent().invite(*ctx.account, ctx.services.now());
  if (!made) return error_reply(made.error());
  return json_reply(Status::created, boost::json::object{{"token", made->token},
                                                         {"url", invitation_url(ctx, made->token)},
                                                         {"expires", utc_iso8601(made->expires)}});
}

Response invitation(const Context& ctx) {
  if (!ctx.services.accounts_on())
    return error_reply(not_found("invitation", "this server has no accounts (serve --accounts turns them on)"));
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto coach = stores->consent().inviter(ctx.params.at(0), ctx.services.now());
  if (!coach) return error_reply(coach.error());
  return json_reply(Status::ok, boost::json::object{{"coach", boost::json::object{{"email", coach->email}}},
                                                    {"share", boost::json::array{"status", "review", "report"}},
                                                    {"open_signup", ctx.services.signup_open()}});
}

Response accept_invitation(const Context& ctx) {
  if (!ctx.services.accounts_on())
    return error_reply(not_found("invitation", "this server has no accounts (serve --accounts turns them on)"));
  const std::string& token = ctx.params.at(0);
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  if (!session_token(ctx.request)) return join_with_new_account(ctx, *stores, token);
  Context signed_in = ctx;
  if (auto ok = sign_in_required(signed_in); !ok) return std::move(ok).error();
  auto scopes = share_body(ctx);
  if (!scopes) return std::move(scopes).error();
  auto given = stores->consent().accept(token, *signed_in.account, *scopes, ctx.services.now());
  if (!given) return error_reply(given.error());
  return json_reply(Status::created, service::given_share_json(*given));
}

Response list_shares(const Context& ctx) {
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto given = stores->consent().shares_given(ctx.account->id);
  if (!given) return error_reply(given.error());
  boost::json::array list;
  for (const auto& s : *given) list.push_back(service::given_share_json(s));
  return json_reply(Status::ok, boost::json::object{{"shares", std::move(list)}});
}

Response change_share(const Context& ctx) {
  auto coach = path_account(ctx, 0, "coach");
  if (!coach) return std::move(coach).error();
  auto scopes = share_body(ctx);
  if (!scopes) return std::move(scopes).error();
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto changed = stores->consent().change_share(ctx.account->id, *coach, *scopes);
  if (!changed) return error_reply(changed.error());
  return json_reply(Status::ok, service::given_share_json(*changed));
}

Response revoke_share(const Context& ctx) {
  auto coach = path_account(ctx, 0, "coach");
  if (!coach) return std::move(coach).error();
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  if (auto ok = stores->consent().revoke(ctx.account->id, *coach); !ok) return error_reply(ok.error());
  return Response{Status::no_content, 11};
}

}  // namespace trialwise::http::routes
