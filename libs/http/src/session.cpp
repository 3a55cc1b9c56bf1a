#include "session.hpp"

#include <boost/beast/http/field.hpp>

#include "reply.hpp"
#include "trialwise/service/sign_in.hpp"

namespace trialwise::http {

std::optional<std::string> session_token(const Request& req) {
  const auto [first, last] = req.equal_range(boost::beast::http::field::cookie);
  for (auto it = first; it != last; ++it) {
    std::string_view rest = it->value();
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie) return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

Result<void, Response> sign_in_required(Context& ctx) {
  if (!ctx.services.accounts_on()) return {};
  const auto unauthorized = [] {
    auto res = error_reply(Status::unauthorized, "unauthorized",
                           not_found("session", "sign in first: POST /api/v1/session with your email and password"));
    res.set(boost::beast::http::field::www_authenticate, "Cookie realm=\"trialwise\"");
    return Unexpected{std::move(res)};
  };
  const auto token = session_token(ctx.request);
  if (!token) return unauthorized();
  auto repo = ctx.services.accounts();
  if (!repo) return Unexpected{store_failure(repo.error())};
  service::SignIn sign_in(**repo, ctx.services.throttle(), ctx.services.session_policy());
  auto account = sign_in.authenticate(*token, ctx.services.now());
  if (!account) {
    if (account.error().code == Errc::not_found) return unauthorized();
    return Unexpected{error_reply(account.error())};
  }
  ctx.profile = model::profile_of(account->id);
  ctx.account = std::move(*account);
  return {};
}

std::string session_cookie(const std::string& token, long long max_age_seconds, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age_seconds) + (secure ? "; Secure" : "");
}

Credentials read_credentials(json::Fields& f) {
  Credentials c;
  c.email = f.string("email", json::Need::required, 254).value_or("");
  c.password = f.string("password", json::Need::required, 1024).value_or("");
  return c;
}

Response password_refused(const service::SignInFailure& why, Response wrong) {
  using Kind = service::SignInFailure::Kind;
  if (why.kind == Kind::throttled) {
    auto res = error_reply(
        Status::too_many_requests, "throttled",
        limit_reached("", "too many failed sign-ins; try again in " + std::to_string(why.retry_after.count()) + " s"));
    res.set(boost::beast::http::field::retry_after, std::to_string(why.retry_after.count()));
    return res;
  }
  if (why.kind == Kind::wrong) return wrong;
  return error_reply(why.error);
}

Result<service::SignedIn, Response> begin_session(const Context& ctx, store::AccountRepository& repo,
                                                  const std::string& email, const std::string& password) {
  service::SignIn signer(repo, ctx.services.throttle(), ctx.services.session_policy());
  auto signed_in = signer.sign_in(email, password, ctx.peer.address, ctx.services.now());
  if (signed_in) return std::move(*signed_in);
  return Unexpected{password_refused(
      signed_in.error(), error_reply(Status::unauthorized, "unauthorized", not_found("", "wrong email or password")))};
}

void set_session_cookie(Response& res, const Context& ctx, const std::string& token) {
  res.set(boost::beast::http::field::set_cookie,
          session_cookie(token, ctx.services.session_policy().absolute.count(), ctx.peer.tls));
}

}  // namespace trialwise::http
