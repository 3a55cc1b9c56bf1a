// A coach's read-only view of their clients: GET /api/v1/clients (one row
// per client who shares anything, the ones needing attention first) and
// each client's dashboard, days, review and clinician's report, through the
// very routes the client uses, on the client's data. Only what the client's
// share covers; anything else is not found. Every look is recorded for the
// client before it is shown.

#include <algorithm>

#include "consent_stores.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::http::routes {
namespace {

// The client's trial as their row shows it: status fields, the last day
// logged, and with the review shared the verdict once the review is due.
Result<boost::json::object, Response> client_row(const Context& ctx, const model::Account& client,
                                                 const model::ShareScopes& scopes, Date today) {
  boost::json::object row{{"client", boost::json::object{{"id", client.id}, {"email", client.email}}},
                          {"share", service::scopes_json(scopes)},
                          {"trial", nullptr}};
  if (!scopes.status) return row;
  Context theirs = ctx;
  theirs.profile = model::profile_of(client.id);
  auto served = open_service(theirs);
  if (!served) return Unexpected{std::move(served).error()};
  auto& service = served->service;
  auto trial = service.running();
  if (!trial) {
    if (trial.error().code == Errc::not_found) return row;
    return Unexpected{error_reply(trial.error())};
  }
  auto st = service.status(*trial, today);
  if (!st) return Unexpected{error_reply(st.error())};
  const auto& s = st->status;
  auto days = service.entries(*trial, std::nullopt, today);
  if (!days) return Unexpected{error_reply(days.error())};
  boost::json::array actions, red_flags;
  for (const auto& a : s.actions) actions.emplace_back(a);
  for (const auto& f : s.red_flags) red_flags.emplace_back(f);
  boost::json::value adherence = nullptr;
  if (s.adherence) adherence = *s.adherence;
  boost::json::value last_logged = nullptr;
  if (!days->empty()) last_logged = days->back().date.to_string();
  const bool due = s.review_date <= today;
  boost::json::value verdict = nullptr;
  if (scopes.review && due) {
    auto reviewed = service.review(*trial, today);
    if (!reviewed) return Unexpected{error_reply(reviewed.error())};
    verdict = std::string(review::to_string(reviewed->review.verdict));
  }
  row["trial"] = boost::json::object{{"id", trial->id},
                                     {"product", trial->product_name},
                                     {"phase", std::string(trial::to_string(s.phase))},
                                     {"day", s.day},
                                     {"adherence", std::move(adherence)},
                                     {"last_logged", std::move(last_logged)},
                                     {"actions", std::move(actions)},
                                     {"red_flags", std::move(red_flags)},
                                     {"review_date", s.review_date.to_string()},
                                     {"review_due", due},
                                     {"verdict", std::move(verdict)}};
  return row;
}

// How urgent a row is: red flags, then side-effect actions, then a review due.
int urgency(const boost::json::object& row) {
  const auto* t = row.at("trial").if_object();
  if (!t) return 3;
  if (!t->at("red_flags").as_array().empty()) return 0;
  if (!t->at("actions").as_array().empty()) return 1;
  return t->at("review_due").as_bool() ? 2 : 3;
}

// One look at one part of a client's data through the client's own route.
Response look(const Context& ctx, service::Part part, const char* what, Handler show) {
  auto client = path_account(ctx, 0, "client");
  if (!client) return std::move(client).error();
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto person = stores->consent().client_for(*ctx.account, *client, part);
  if (!person) return error_reply(person.error());
  Context theirs = ctx;
  theirs.profile = model::profile_of(person->id);
  theirs.params.clear();
  auto res = show(theirs);
  if (res.result_int() / 100 != 2) return res;
  // Recorded before it is shown: a look that cannot be recorded is not given.
  if (auto ok = stores->consent().record_look(*ctx.account, person->id, what, ctx.services.now()); !ok)
    return store_failure(ok.error());
  return res;
}

}  // namespace

Response list_clients(const Context& ctx) {
  if (ctx.account->role != model::Role::coach) return forbidden("only a coach has clients");
  auto now = today(ctx);
  if (!now) return std::move(now).error();
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto clients = stores->consent().clients(ctx.account->id);
  if (!clients) return error_reply(clients.error());
  std::vector<boost::json::object> rows;
  for (const auto& [client, scopes] : *clients) {
    auto row = client_row(ctx, client, scopes, *now);
    if (!row) return std::move(row).error();
    if (scopes.status) {
      if (auto ok =
              stores->consent().record_look(*ctx.account, client.id, "trial status (clients list)", ctx.services.now());
          !ok)
        return store_failure(ok.error());
    }
    rows.push_back(std::move(*row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return urgency(a) < urgency(b); });
  boost::json::array list;
  for (auto& r : rows) list.push_back(std::move(r));
  return json_reply(Status::ok, boost::json::object{{"clients", std::move(list)}});
}

Response client_trial(const Context& ctx) { return look(ctx, service::Part::status, "trial status", trial_status); }
Response client_days(const Context& ctx) { return look(ctx, service::Part::status, "logged days", list_days); }
Response client_review(const Context& ctx) { return look(ctx, service::Part::review, "review", review); }
Response client_report(const Context& ctx) {
  return look(ctx, service::Part::report, "clinician's report", export_html);
}

}  // namespace trialwise::http::routes
