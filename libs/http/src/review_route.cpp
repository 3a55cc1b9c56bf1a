// The review of the running trial on a day: GET /api/v1/trial/review reads;
// POST /api/v1/trial/review/record saves the verdict, as `review --record`.

#include "body.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/service/review.hpp"
#include "trialwise/service/service.hpp"

namespace trialwise::http::routes {

Response review(const Context& ctx) {
  auto as_of = as_of_day(ctx);
  if (!as_of) return std::move(as_of).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto reviewed = running->service().review(running->trial, *as_of);
  if (!reviewed) return error_reply(reviewed.error());
  return json_reply(Status::ok, service::review_json(reviewed->review, reviewed->record));
}

Response record_review(const Context& ctx) {
  std::optional<std::string> as_of_text;
  if (!ctx.request.body().empty()) {
    auto body = json_body(ctx);
    if (!body) return std::move(body).error();
    auto reader = body_reader();
    json::Fields f(*body, "", reader);
    as_of_text = f.string("as_of");
    f.finish();
    if (!reader.ok()) return error_reply(reader.take_problems());
  }
  auto as_of = as_of_day(ctx, as_of_text);
  if (!as_of) return std::move(as_of).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  auto& service = running->service();
  auto reviewed = service.review(running->trial, *as_of);
  if (!reviewed) return error_reply(reviewed.error());
  auto done = service.record(*reviewed);
  if (!done) return error_reply(done.error());
  auto json = service::review_json(reviewed->review, reviewed->record);
  json["recorded"] = *done;
  return json_reply(Status::ok, json);
}

}  // namespace trialwise::http::routes
