// The record: amendments and every trial.

#include <boost/beast/http/field.hpp>

#include "body.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/service/records.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::http::routes {

Response amend(const Context& ctx) {
  auto body = json_body(ctx);
  if (!body) return std::move(body).error();
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  service::AmendInput in;
  in.reason = f.string("reason", json::Need::required, 500).value_or("");
  in.product = f.string("product");
  in.g_per_serving = f.number("g_per_serving");
  in.dose_g = f.number("dose_g");
  in.outcome = f.string("outcome");
  in.review_date = f.date("review_date");
  f.finish();
  if (!reader.ok()) return error_reply(reader.take_problems());
  auto now = today(ctx);
  if (!now) return std::move(now).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto saved = running->service().amend(running->trial, in, *now);
  if (!saved) return error_reply(saved.error());
  boost::json::array list;
  for (const auto& a : *saved) list.push_back(service::amendment_json(a));
  return json_reply(Status::created, boost::json::object{{"amendments", std::move(list)}});
}

Response list_trials(const Context& ctx) {
  auto served = open_service(ctx);
  if (!served) return std::move(served).error();
  auto trials = served->service.trials();
  if (!trials) return error_reply(trials.error());
  return json_reply(Status::ok, boost::json::object{{"trials", service::trials_json(*trials)}});
}

}  // namespace trialwise::http::routes
