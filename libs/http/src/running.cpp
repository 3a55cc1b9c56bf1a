#include "running.hpp"

#include "reply.hpp"
#include "trialwise/service/running.hpp"

namespace trialwise::http {

Result<StoreLease, Response> open_store(const Context& ctx) {
  auto store = ctx.services.store();
  if (!store) {
    Error e = store.error();
    if (e.code != Errc::io) e.code = Errc::internal;  // the server's own database: never the client's fault
    return Unexpected{error_reply(e)};
  }
  return std::move(*store);
}

Result<RunningTrial, Response> open_running(const Context& ctx) {
  auto store = open_store(ctx);
  if (!store) return Unexpected{std::move(store).error()};
  auto t = service::running_trial(**store, request_profile(ctx));
  if (!t) {
    Error e = t.error();
    if (e.code == Errc::not_found) e.message += "; start one with POST /api/v1/trial";
    return Unexpected{error_reply(e)};
  }
  auto pack = ctx.services.trial_packs().for_trial(*t);
  if (!pack) return Unexpected{error_reply(pack.error())};
  return RunningTrial{std::move(*store), std::move(*t), std::move(*pack)};
}

Result<Date, Response> today(const Context& ctx) {
  auto d = ctx.services.today();
  if (!d) return Unexpected{error_reply(Status::internal_server_error, "internal", d.error())};
  return *d;
}

Result<Date, Response> path_date(const Context& ctx, std::size_t index, std::string_view name) {
  auto d = Date::parse(ctx.params.at(index), "{" + std::string(name) + "}");
  if (!d) return Unexpected{error_reply(d.error())};
  return *d;
}

}  // namespace trialwise::http
