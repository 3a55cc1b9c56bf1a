// A coach's series: GET /api/v1/clients/series (JSON) and
// /api/v1/clients/series.svg (the forest plot) pool the trials of one
// protocol and outcome over the clients who share their review with the
// coach, each labelled by the client's email as the clients list shows it.
// Clients who share less, and everyone else's clients, are not in it. Every
// client whose trials are read is recorded as looked at before the answer
// leaves; a look that cannot be recorded is not given.

#include "consent_stores.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/service/series.hpp"

namespace trialwise::http::routes {
namespace {

constexpr const char* kLook = "review (series across clients)";

Result<std::string, Response> required(const Context& ctx, const char* name, const char* what) {
  auto v = ctx.query_value(name);
  if (!v || v->empty())
    return Unexpected{error_reply(invalid_input(std::string("?") + name, std::string("is required: ") + what))};
  return *v;
}

// ?protocol, ?outcome, ?method=reml|dl, ?knha=true|false, ?as_of (default today).
Result<service::SeriesQuery, Response> series_query(const Context& ctx) {
  service::SeriesQuery q;
  auto protocol = required(ctx, "protocol", "the protocol whose trials to pool (GET /api/v1/pack lists them)");
  if (!protocol) return Unexpected{std::move(protocol).error()};
  auto outcome = required(ctx, "outcome", "the outcome to pool (GET /api/v1/pack lists them)");
  if (!outcome) return Unexpected{std::move(outcome).error()};
  q.protocol = std::move(*protocol);
  q.outcome = std::move(*outcome);
  if (auto m = ctx.query_value("method")) {
    if (*m != "reml" && *m != "dl")
      return Unexpected{error_reply(invalid_input("?method", "must be reml or dl, not \"" + *m + "\""))};
    q.options.method = *m == "dl" ? stats::Tau2Method::dl : stats::Tau2Method::reml;
  }
  if (auto k = ctx.query_value("knha")) {
    if (*k != "true" && *k != "false")
      return Unexpected{error_reply(invalid_input("?knha", "must be true or false, not \"" + *k + "\""))};
    q.options.knapp_hartung = *k == "true";
  }
  auto as_of = as_of_day(ctx);
  if (!as_of) return Unexpected{std::move(as_of).error()};
  q.as_of = *as_of;
  return q;
}

// The series over the coach's clients who share their review.
Result<series::Series, Response> coach_series(const Context& ctx) {
  if (ctx.account->role != model::Role::coach) return Unexpected{forbidden("only a coach has clients")};
  auto query = series_query(ctx);
  if (!query) return Unexpected{std::move(query).error()};
  auto stores = open_consent(ctx);
  if (!stores) return Unexpected{std::move(stores).error()};
  auto clients = stores->consent().clients(ctx.account->id);
  if (!clients) return Unexpected{error_reply(clients.error())};

  std::vector<service::LabelledRecord> records;
  std::vector<model::AccountId> looked_at;
  for (const auto& [client, scopes] : *clients) {
    if (!scopes.review) continue;
    Context theirs = ctx;
    theirs.profile = model::profile_of(client.id);
    auto served = open_service(theirs);
    if (!served) return Unexpected{std::move(served).error()};
    auto trials = served->service.trials();
    if (!trials) return Unexpected{error_reply(trials.error())};
    bool read = false;
    for (const auto& t : *trials) {
      if (t.protocol_id != query->protocol || t.outcome_id != query->outcome) continue;
      auto record = served->service.record_of(t);
      if (!record) return Unexpected{error_reply(record.error())};
      records.push_back({client.email, std::move(*record)});
      read = true;
    }
    if (read) looked_at.push_back(client.id);
  }
  auto s = service::series_of_records(ctx.services.trial_packs(), records, *query);
  if (!s) {
    auto e = s.error();
    if (e.where == "protocol" || e.where == "outcome") e.where = "?" + e.where;
    return Unexpected{error_reply(e)};
  }
  // Recorded before it is shown: a look that cannot be recorded is not given.
  for (const auto& id : looked_at)
    if (auto ok = stores->consent().record_look(*ctx.account, id, kLook, ctx.services.now()); !ok)
      return Unexpected{store_failure(ok.error())};
  return std::move(*s);
}

}  // namespace

Response client_series(const Context& ctx) {
  auto s = coach_series(ctx);
  if (!s) return std::move(s).error();
  return json_reply(Status::ok, series::to_json(*s));
}

Response client_series_svg(const Context& ctx) {
  auto s = coach_series(ctx);
  if (!s) return std::move(s).error();
  return text_reply(Status::ok, series::forest_svg(*s), "image/svg+xml");
}

}  // namespace trialwise::http::routes
