#pragma once

// Who is asking, with accounts on: the session cookie, the account behind
// it, and the cookie a sign-in sets.

#include <optional>
#include <string>

#include "context.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/json/fields.hpp"
#include "trialwise/service/sign_in.hpp"

namespace trialwise::http {

/// The session cookie's name.
inline constexpr const char* kSessionCookie = "tw_session";

/// The session token the request's Cookie header carries, if any.
std::optional<std::string> session_token(const Request& req);

/// With accounts on, sets ctx.account and ctx.profile from the session, or
/// fails with the 401 to send (no session, or one that has ended). With
/// accounts off, leaves the local profile and passes.
Result<void, Response> sign_in_required(Context& ctx);

/// "tw_session=TOKEN; HttpOnly; SameSite=Strict; Path=/; Max-Age=N", plus
/// "; Secure" over TLS; an empty token and 0 clear it.
std::string session_cookie(const std::string& token, long long max_age_seconds, bool secure);

/// What sign-in and sign-up bodies carry.
struct Credentials {
  std::string email;
  std::string password;
};

/// Reads "email" (at most 254 bytes) and "password" (at most 1024), both
/// required; problems go to the fields' reader (the caller finishes).
Credentials read_credentials(json::Fields& f);

/// Checks the email and password and begins a session (service::SignIn),
/// or fails with the response to send: 401 for a wrong email or password
/// (one answer for both), 429 with Retry-After while throttled.
Result<service::SignedIn, Response> begin_session(const Context& ctx, store::AccountRepository& repo,
                                                  const std::string& email, const std::string& password);

/// The answer to a password that was not accepted: 429 with Retry-After
/// while throttled, `wrong` for a wrong one, else the store's error.
Response password_refused(const service::SignInFailure& why, Response wrong);

/// Sets the cookie of a session just begun (sign-in, sign-up, joining by invitation).
void set_session_cookie(Response& res, const Context& ctx, const std::string& token);

}  // namespace trialwise::http
