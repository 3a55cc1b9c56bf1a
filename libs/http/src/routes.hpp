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
