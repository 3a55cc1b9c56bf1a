#pragma once

// The route handlers, by job. Each returns the response for every outcome.

#include "context.hpp"

namespace trialwise::http::routes {

// Stateless: nothing stored (what a publisher embeds beside an article).
Response healthz(const Context& ctx);
Response pack(const Context& ctx);
Response openapi(const Context& ctx);
Response assess(const Context& ctx);
Response plan(const Context& ctx);

// Accounts (serve --accounts): sign in, sign out, who is signed in (/api/v1/me).
Response sign_in(const Context& ctx);
Response whoami(const Context& ctx);
Response sign_out(const Context& ctx);
/// GET /api/v1/session: whether the server has accounts and who is signed in
/// (null when nobody), always 200, so a page can ask before it asks for more.
Response session_state(const Context& ctx);
/// POST /api/v1/accounts: a person account, signed in at once (serve --open-signup only).
Response sign_up(const Context& ctx);

// The signed-in person's own record: who has seen their data, all of it as
// one file, and deleting the account.
Response access_log(const Context& ctx);
Response export_my_data(const Context& ctx);
Response delete_me(const Context& ctx);

// Consent: a coach invites; a person accepts, sees, changes and revokes what
// they share.
Response invite(const Context& ctx);
Response invitation(const Context& ctx);
Response accept_invitation(const Context& ctx);
Response list_shares(const Context& ctx);
Response change_share(const Context& ctx);
Response revoke_share(const Context& ctx);

// A coach's read-only view of the clients who share with them; every look
// is recorded for the client. A client who does not share the part asked
// for is not found.
Response list_clients(const Context& ctx);
Response client_trial(const Context& ctx);
Response client_days(const Context& ctx);
Response client_review(const Context& ctx);
Response client_report(const Context& ctx);
/// The series across the coach's clients who share their review: one
/// protocol and outcome pooled (?protocol, ?outcome, ?method, ?knha, ?as_of),
/// as JSON or as the forest plot (SVG).
Response client_series(const Context& ctx);
Response client_series_svg(const Context& ctx);

// The profile's trial: the local one, or with accounts on the signed-in person's.
Response start_trial(const Context& ctx);
Response trial_status(const Context& ctx);
Response put_day(const Context& ctx);
Response list_days(const Context& ctx);
Response day_history(const Context& ctx);
Response amend(const Context& ctx);
Response list_trials(const Context& ctx);
Response export_csv(const Context& ctx);
Response export_json(const Context& ctx);
Response export_fhir(const Context& ctx);
Response export_ics(const Context& ctx);
Response export_html(const Context& ctx);
/// The review on ?as_of=YYYY-MM-DD (default today), as `trialwise review --json`
/// prints it; nothing is recorded.
Response review(const Context& ctx);
Response record_review(const Context& ctx);

}  // namespace trialwise::http::routes
