// Signing in and out, and who is signed in: POST and DELETE /api/v1/session,
// GET /api/v1/me, and POST /api/v1/accounts with open sign-up (only with
// accounts on; 404 otherwise).

#include <boost/beast/http/field.hpp>

#include "body.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "session.hpp"
#include "trialwise/service/accounts.hpp"
#include "trialwise/service/sign_in.hpp"

namespace trialwise::http::routes {

namespace {

Response accounts_off() {
  return error_reply(not_found("/api/v1/session", "this server has no accounts (serve --accounts turns them on)"));
}

boost::json::object me_json(const model::Account& a) {
  return {{"id", a.id}, {"email", a.email}, {"role", std::string(model::to_string(a.role))}};
}

// A body of only {"email", "password"} (every problem as one 400).
Result<Credentials, Response> credentials_body(const Context& ctx) {
  auto body = json_body(ctx);
  if (!body) return Unexpected{std::move(body).error()};
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  auto credentials = read_credentials(f);
  f.finish();
  if (!reader.ok()) return Unexpected{error_reply(reader.take_problems())};
  return credentials;
}

}  // namespace

Response sign_in(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  auto credentials = credentials_body(ctx);
  if (!credentials) return std::move(credentials).error();
  const auto& [email, password] = *credentials;
  auto repo = ctx.services.accounts();
  if (!repo) return store_failure(repo.error());
  auto signed_in = begin_session(ctx, **repo, email, password);
  if (!signed_in) return std::move(signed_in).error();
  Response res{Status::no_content, 11};
  set_session_cookie(res, ctx, signed_in->token);
  return res;
}

Response sign_up(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  if (!ctx.services.signup_open())
    return error_reply(Status::forbidden, "forbidden",
                       refused("", "sign-up is closed here: join through your coach's invitation"));
  auto credentials = credentials_body(ctx);
  if (!credentials) return std::move(credentials).error();
  const auto& [email, password] = *credentials;
  auto repo = ctx.services.accounts();
  if (!repo) return store_failure(repo.error());
  auto added = service::Accounts(**repo).add({email, model::Role::person, password});
  if (!added) return error_reply(added.error());
  auto signed_in = begin_session(ctx, **repo, email, password);
  if (!signed_in) return std::move(signed_in).error();
  auto res = json_reply(Status::created, service::account_json(*added));
  set_session_cookie(res, ctx, signed_in->token);
  return res;
}

Response whoami(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  Context mine = ctx;
  if (auto ok = sign_in_required(mine); !ok) return std::move(ok).error();
  return json_reply(Status::ok, me_json(*mine.account));
}

Response session_state(const Context& ctx) {
  if (!ctx.services.accounts_on()) return json_reply(Status::ok, boost::json::object{{"accounts", false}});
  boost::json::value account = nullptr;
  if (session_token(ctx.request)) {
    Context mine = ctx;
    auto ok = sign_in_required(mine);
    if (ok)
      account = me_json(*mine.account);
    else if (ok.error().result() != Status::unauthorized)
      return std::move(ok).error();
  }
  return json_reply(Status::ok, boost::json::object{{"accounts", true},
                                                    {"open_signup", ctx.services.signup_open()},
                                                    {"account", std::move(account)}});
}

Response sign_out(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  if (const auto token = session_token(ctx.request)) {
    auto repo = ctx.services.accounts();
    if (!repo) return store_failure(repo.error());
    service::SignIn signer(**repo, ctx.services.throttle(), ctx.services.session_policy());
    if (auto ok = signer.sign_out(*token); !ok) return error_reply(ok.error());
  }
  Response res{Status::no_content, 11};
  res.set(boost::beast::http::field::set_cookie, session_cookie("", 0, ctx.peer.tls));
  return res;
}

}  // namespace trialwise::http::routes
