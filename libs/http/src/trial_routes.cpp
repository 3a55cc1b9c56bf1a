// The local profile's trial: start it, see where it stands, log a day, read
// the days back.

#include <boost/beast/http/field.hpp>

#include "body.hpp"
#include "plan_request.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/service/day_log.hpp"
#include "trialwise/model/trial_json.hpp"
#include "trialwise/service/records.hpp"
#include "trialwise/service/service.hpp"
#include "trialwise/service/start.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::http::routes {
namespace {

// A day's fields from the body of PUT /trial/days/{date}.
Result<service::DayInput, std::vector<Error>> day_input(const boost::json::value& body, Date date) {
  auto reader = body_reader();
  json::Fields f(body, "", reader);
  service::DayInput in;
  in.date = date;
  // Ranges here too, so that every bad field is named at once; the use case
  // checks them again, with the pack's ids and the outcome's own scale.
  const auto outcome = f.number("outcome", json::Need::required);
  in.doses_taken = f.integer("doses_taken", json::Need::optional, 0, 24);
  in.dose_g = f.number("dose_g", json::Need::optional, 0, 100);
  in.side_effects = f.integers("side_effects", 0, 10).value_or(std::map<std::string, int>{});
  in.red_flags = f.strings("red_flags").value_or(std::vector<std::string>{});
  in.with_food = f.boolean("with_food").value_or(false);
  in.other_product = f.boolean("other_product").value_or(false);
  in.note = f.string("note", json::Need::optional, service::kMaxNoteBytes).value_or("");
  f.finish();
  if (!reader.ok()) return Unexpected{reader.take_problems()};
  in.outcome = *outcome;
  return in;
}

}  // namespace

Response start_trial(const Context& ctx) {
  auto planned = plan_from_body(ctx);
  if (!planned) return std::move(planned).error();
  auto served = open_service(ctx);
  if (!served) return std::move(served).error();
  const auto& pack = ctx.services.pack();
  const auto& s = planned->screening;
  auto t = served->service.start(*planned);
  if (!t) return error_reply(t.error());
  auto body = assess::to_json(pack, s.answers, s.assessment, planned->plan);
  body["trial"] = t->id;
  auto res = json_reply(Status::created, body);
  res.set(boost::beast::http::field::location, "/api/v1/trial");
  return res;
}

Response trial_status(const Context& ctx) {
  auto now = today(ctx);
  if (!now) return std::move(now).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto st = running->service().status(running->trial, *now);
  if (!st) return error_reply(st.error());
  return json_reply(Status::ok, service::status_json(*running->pack, running->trial, *st));
}

Response put_day(const Context& ctx) {
  auto date = path_date(ctx, 0, "date");
  if (!date) return std::move(date).error();
  auto body = json_body(ctx);
  if (!body) return std::move(body).error();
  auto in = day_input(*body, *date);
  if (!in) return error_reply(in.error());
  auto now = today(ctx);
  if (!now) return std::move(now).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto logged = running->service().log(running->trial, *in, *now);
  if (!logged) {
    Error e = logged.error();
    if (e.where == "/date") e.where = "{date}";  // the day is named by the path here
    return error_reply(e);
  }
  const bool replaced = logged->entry.version > 1;
  boost::json::object reply{{"entry", model::entry_json(logged->entry)},
                            {"replaced", replaced},
                            {"phase", std::string(trial::to_string(logged->status.phase))}};
  service::add_todo(reply, logged->status.todo);
  return json_reply(replaced ? Status::ok : Status::created, reply);
}

Response list_days(const Context& ctx) {
  std::optional<Date> bounds[2];
  const char* names[2] = {"from", "to"};
  for (std::size_t i = 0; i < 2; ++i) {
    if (auto text = ctx.query_value(names[i])) {
      auto d = Date::parse(*text, std::string("?") + names[i]);
      if (!d) return error_reply(d.error());
      bounds[i] = *d;
    }
  }
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto entries = running->service().entries(running->trial, bounds[0], bounds[1]);
  if (!entries) return error_reply(entries.error());
  return json_reply(Status::ok,
                    boost::json::object{{"trial", running->trial.id}, {"entries", service::entries_json(*entries)}});
}

Response day_history(const Context& ctx) {
  auto date = path_date(ctx, 0, "date");
  if (!date) return std::move(date).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto versions = running->service().day_versions(running->trial, *date);
  if (!versions) return error_reply(versions.error());
  return json_reply(Status::ok,
                    boost::json::object{{"date", date->to_string()}, {"versions", service::entries_json(*versions)}});
}

}  // namespace trialwise::http::routes
