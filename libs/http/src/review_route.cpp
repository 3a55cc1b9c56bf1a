// The review of the running trial on a day: GET /api/v1/trial/review.
// Read-only: recording the verdict stays with `trialwise review --record`.

#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/service/review.hpp"

namespace trialwise::http::routes {

Response review(const Context& ctx) {
  std::optional<Date> as_of;
  if (auto text = ctx.query_value("as_of")) {
    auto d = Date::parse(*text, "?as_of");
    if (!d) return error_reply(d.error());
    as_of = *d;
  } else {
    auto now = today(ctx);
    if (!now) return std::move(now).error();
    as_of = *now;
  }
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto record = service::trial_record(*running->store, request_profile(ctx), running->trial);
  if (!record) return error_reply(record.error());
  const auto r = review::review_trial(ctx.services.pack(), record->trial, record->entries, *as_of);
  const auto json = service::review_json(r, *record);
  return json_reply(Status::ok, json);
}

}  // namespace trialwise::http::routes
