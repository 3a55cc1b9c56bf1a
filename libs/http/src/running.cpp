#include "running.hpp"

#include "reply.hpp"

namespace trialwise::http {

Result<Served, Response> open_service(const Context& ctx) {
  auto store = ctx.services.store();
  if (!store) return Unexpected{store_failure(store.error())};
  // The lease owns the repository; moving the lease does not move it.
  service::Service service(ctx.services.trial_packs(), ctx.services.shared_pack(), &**store, nullptr,
                           request_profile(ctx));
  return Served{std::move(*store), std::move(service)};
}

Result<RunningTrial, Response> open_running(const Context& ctx) {
  auto served = open_service(ctx);
  if (!served) return Unexpected{std::move(served).error()};
  auto t = served->service.running();
  if (!t) {
    Error e = t.error();
    if (e.code == Errc::not_found) e.message += "; start one with POST /api/v1/trial";
    return Unexpected{error_reply(e)};
  }
  auto pack = served->service.pack_for(*t);
  if (!pack) return Unexpected{error_reply(pack.error())};
  return RunningTrial{std::move(*served), std::move(*t), std::move(*pack)};
}

Result<Date, Response> today(const Context& ctx) {
  auto d = ctx.services.today();
  if (!d) return Unexpected{error_reply(Status::internal_server_error, "internal", d.error())};
  return *d;
}

Result<Date, Response> as_of_day(const Context& ctx, std::optional<std::string> text) {
  if (!text) text = ctx.query_value("as_of");
  if (!text) return today(ctx);
  auto d = Date::parse(*text, "?as_of");
  if (!d) return Unexpected{error_reply(d.error())};
  return *d;
}

Result<Date, Response> path_date(const Context& ctx, std::size_t index, std::string_view name) {
  auto d = Date::parse(ctx.params.at(index), "{" + std::string(name) + "}");
  if (!d) return Unexpected{error_reply(d.error())};
  return *d;
}

}  // namespace trialwise::http
