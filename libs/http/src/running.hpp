#pragma once

// What the trial routes share: the service over this request's store, the
// running trial, and today's date, each failing as the response to send.

#include <optional>
#include <string>

#include "context.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"
#include "trialwise/service/service.hpp"

namespace trialwise::http {

/// The profile a request acts on: the local one, or with accounts on the
/// signed-in person's own.
inline const model::ProfileId& request_profile(const Context& ctx) { return ctx.profile; }

/// The service over a store lent for this request, acting for the request's
/// profile.
struct Served {
  StoreLease store;  // what `service` works on: kept alive beside it
  service::Service service;
};

/// The service (500 if the store cannot be opened).
Result<Served, Response> open_service(const Context& ctx);

struct RunningTrial {
  Served served;
  model::Trial trial;
  std::shared_ptr<const pack::Pack> pack;  // the pack the trial was planned with

  service::Service& service() { return served.service; }
};

/// The service and the running trial (404 when none is running).
Result<RunningTrial, Response> open_running(const Context& ctx);

/// Today (500 if the clock, e.g. a malformed TRIALWISE_TODAY, fails).
Result<Date, Response> today(const Context& ctx);

/// The day a route answers as of: `text` (e.g. a body's "as_of") or the
/// query's ?as_of=, else today; 400 at "?as_of" when it is not a date.
Result<Date, Response> as_of_day(const Context& ctx, std::optional<std::string> text = std::nullopt);

/// The path parameter `index` as a date (400 naming "{name}").
Result<Date, Response> path_date(const Context& ctx, std::size_t index, std::string_view name);

}  // namespace trialwise::http
