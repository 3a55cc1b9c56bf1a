// Signing in and out, and who is signed in: POST and DELETE /api/v1/session,
// GET /api/v1/me (only with accounts on; 404 otherwise).

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

}  // namespace

Response sign_in(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  auto body = json_body(ctx);
  if (!body) return std::move(body).error();
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  const auto email = f.string("email", json::Need::required, 254);
  const auto password = f.string("password", json::Need::required, 1024);
  f.finish();
  if (!reader.ok()) return error_reply(reader.take_problems());
  auto repo = ctx.services.accounts();
  if (!repo) return error_reply(internal_error("", repo.error().message));
  service::SignIn signer(**repo, ctx.services.throttle(), ctx.services.session_policy());
  auto signed_in = signer.sign_in(*email, *password, ctx.peer.address, ctx.services.now());
  if (!signed_in) {
    const auto& why = signed_in.error();
    using Kind = service::SignInFailure::Kind;
    if (why.kind == Kind::throttled) {
      auto res = error_reply(Status::too_many_requests, "throttled",
                             limit_reached("", "too many failed sign-ins; try again in " +
                                                   std::to_string(why.retry_after.count()) + " s"));
      res.set(boost::beast::http::field::retry_after, std::to_string(why.retry_after.count()));
      return res;
    }
    if (why.kind == Kind::wrong)
      return error_reply(Status::unauthorized, "unauthorized", not_found("", "wrong email or password"));
    return error_reply(why.error);
  }
  Response res{Status::no_content, 11};
  res.set(boost::beast::http::field::set_cookie,
          session_cookie(signed_in->token, ctx.services.session_policy().absolute.count(), ctx.peer.tls));
  return res;
}

Response whoami(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  Context mine = ctx;
  if (auto ok = sign_in_required(mine); !ok) return std::move(ok).error();
  const auto& a = *mine.account;
  return json_reply(Status::ok, boost::json::object{
                                    {"id", a.id}, {"email", a.email}, {"role", std::string(model::to_string(a.role))}});
}

Response sign_out(const Context& ctx) {
  if (!ctx.services.accounts_on()) return accounts_off();
  if (const auto token = session_token(ctx.request)) {
    auto repo = ctx.services.accounts();
    if (!repo) return error_reply(internal_error("", repo.error().message));
    service::SignIn signer(**repo, ctx.services.throttle(), ctx.services.session_policy());
    if (auto ok = signer.sign_out(*token); !ok) return error_reply(ok.error());
  }
  Response res{Status::no_content, 11};
  res.set(boost::beast::http::field::set_cookie, session_cookie("", 0, ctx.peer.tls));
  return res;
}

}  // namespace trialwise::http::routes
