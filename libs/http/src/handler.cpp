// Dispatch: the route table, matching a target against it, and the last
// resort that turns any exception into a 500.

#include "trialwise/http/handler.hpp"

#include <algorithm>
#include <array>
#include <exception>

#include <boost/beast/http/field.hpp>
#include <boost/url/parse.hpp>

#include "cors.hpp"
#include "origin_guard.hpp"
#include "rate_limit.hpp"
#include "trialwise/http/server.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "session.hpp"
#include "static_routes.hpp"

namespace trialwise::http {
namespace {

using boost::beast::http::verb;

// Who may call a route.
enum class Access {
  open,      // anyone (what a publisher embeds; signing in itself)
  personal,  // the person's own trial: the local profile, or with accounts on only signed in
  account,   // only with accounts on, and only signed in (404 without accounts)
};

struct Route {
  verb method;
  std::string_view path;  // segments; "{name}" matches any one segment
  Handler run;
  Access access = Access::open;
  bool in_checker = false;  // served by serve --checker (stateless: nothing opened, nothing written)
};

constexpr auto kPersonal = Access::personal;
constexpr auto kAccount = Access::account;
constexpr bool kChecker = true;

// Every route; openapi.json must describe exactly these (a test checks).
constexpr std::array kRoutes = {
    Route{verb::get, "/healthz", routes::healthz, Access::open, kChecker},
    Route{verb::get, "/api/v1/openapi.json", routes::openapi},
    Route{verb::get, "/api/v1/pack", routes::pack, Access::open, kChecker},
    Route{verb::post, "/api/v1/assess", routes::assess, Access::open, kChecker},
    Route{verb::post, "/api/v1/plan", routes::plan, Access::open, kChecker},
    Route{verb::get, "/api/v1/session", routes::session_state},
    Route{verb::post, "/api/v1/session", routes::sign_in},
    Route{verb::get, "/api/v1/me", routes::whoami},
    Route{verb::delete_, "/api/v1/session", routes::sign_out},
    Route{verb::post, "/api/v1/accounts", routes::sign_up},
    Route{verb::get, "/api/v1/me/access-log", routes::access_log, kAccount},
    Route{verb::get, "/api/v1/me/export", routes::export_my_data, kAccount},
    Route{verb::delete_, "/api/v1/me", routes::delete_me, kAccount},
    Route{verb::post, "/api/v1/invitations", routes::invite, kAccount},
    Route{verb::get, "/api/v1/invitations/{token}", routes::invitation},
    Route{verb::post, "/api/v1/invitations/{token}/accept", routes::accept_invitation},
    Route{verb::get, "/api/v1/shares", routes::list_shares, kAccount},
    Route{verb::put, "/api/v1/shares/{coach}", routes::change_share, kAccount},
    Route{verb::delete_, "/api/v1/shares/{coach}", routes::revoke_share, kAccount},
    Route{verb::get, "/api/v1/clients", routes::list_clients, kAccount},
    Route{verb::get, "/api/v1/clients/series", routes::client_series, kAccount},
    Route{verb::get, "/api/v1/clients/series.svg", routes::client_series_svg, kAccount},
    Route{verb::get, "/api/v1/clients/{client}/trial", routes::client_trial, kAccount},
    Route{verb::get, "/api/v1/clients/{client}/trial/days", routes::client_days, kAccount},
    Route{verb::get, "/api/v1/clients/{client}/review", routes::client_review, kAccount},
    Route{verb::get, "/api/v1/clients/{client}/export.html", routes::client_report, kAccount},
    Route{verb::post, "/api/v1/trial", routes::start_trial, kPersonal},
    Route{verb::get, "/api/v1/trial", routes::trial_status, kPersonal},
    Route{verb::get, "/api/v1/trial/days", routes::list_days, kPersonal},
    Route{verb::put, "/api/v1/trial/days/{date}", routes::put_day, kPersonal},
    Route{verb::get, "/api/v1/trial/days/{date}/history", routes::day_history, kPersonal},
    Route{verb::post, "/api/v1/trial/amendments", routes::amend, kPersonal},
    Route{verb::get, "/api/v1/trial/export.csv", routes::export_csv, kPersonal},
    Route{verb::get, "/api/v1/trial/export.json", routes::export_json, kPersonal},
    Route{verb::get, "/api/v1/trial/export.fhir.json", routes::export_fhir, kPersonal},
    Route{verb::get, "/api/v1/trial/export.ics", routes::export_ics, kPersonal},
    Route{verb::get, "/api/v1/trial/export.html", routes::export_html, kPersonal},
    Route{verb::get, "/api/v1/trial/review", routes::review, kPersonal},
    Route{verb::post, "/api/v1/trial/review/record", routes::record_review, kPersonal},
    Route{verb::get, "/api/v1/trials", routes::list_trials, kPersonal},
};

// Whether `segments` (decoded) match `pattern`; the {parameters} go to `params`.
bool matches(std::string_view pattern, const std::vector<std::string>& segments, std::vector<std::string>& params) {
  params.clear();
  std::size_t i = 0;
  pattern.remove_prefix(1);  // the leading '/'
  while (true) {
    const auto slash = pattern.find('/');
    const auto part = pattern.substr(0, slash);
    if (i == segments.size()) return false;
    if (part.size() > 1 && part.front() == '{') {
      params.push_back(segments[i]);
    } else if (part != segments[i]) {
      return false;
    }
    ++i;
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return i == segments.size();
}

// `target` is the request's target as handle() parsed it once.
Response dispatch(const Request& req, const boost::system::result<boost::urls::url_view>& target, Services& services,
                  const Peer& peer) {
  if (req.body().size() > services.limits().body_bytes) {
    return error_reply(
        Status::payload_too_large, "limit",
        limit_reached("", "the body is larger than " + std::to_string(services.limits().body_bytes / 1024) + " KiB"));
  }
  if (!target) {
    return error_reply(Status::bad_request, "invalid_input",
                       invalid_input("", "the request target is not a path (origin-form, RFC 9112)"));
  }
  std::vector<std::string> segments;
  for (auto s : target->segments()) segments.push_back(std::move(s));
  Context ctx{req, services};
  ctx.peer = peer;
  for (auto p : target->params()) ctx.query.emplace_back(std::move(p.key), std::move(p.value));

  std::string allow;
  std::vector<std::string> params;
  const bool checker = services.checker_only();
  // HEAD is GET without the body (RFC 9110 9.3.2); handle() drops the body.
  const verb method = req.method() == verb::head ? verb::get : req.method();
  for (const auto& route : kRoutes) {
    if (checker && !route.in_checker) continue;  // as if it did not exist
    if (!matches(route.path, segments, params)) continue;
    if (route.method == method) {
      ctx.params = std::move(params);
      if (route.access == Access::account && !services.accounts_on())
        return error_reply(not_found(target->path(), "this server has no accounts (serve --accounts turns them on)"));
      if (route.access != Access::open) {
        if (auto ok = sign_in_required(ctx); !ok) return std::move(ok).error();
      }
      return route.run(ctx);
    }
    allow += (allow.empty() ? "" : ", ") + std::string(boost::beast::http::to_string(route.method));
    if (route.method == verb::get) allow += ", HEAD";
  }
  if (!allow.empty()) {
    auto res = error_reply(
        Status::method_not_allowed, "method_not_allowed",
        invalid_input(target->path(), std::string(req.method_string()) + " is not allowed here; use " + allow));
    res.set(boost::beast::http::field::allow, allow);
    return res;
  }
  // Not an API route: the web app's files (static_routes.cpp; a checker has
  // only the embed's), else 404.
  if (!checker || embed_file(target->path()))
    if (auto file = static_file(req, target->path())) return std::move(*file);
  if (checker)
    return error_reply(not_found(target->path(),
                                 "no such route on a checker; it serves /healthz, /api/v1/pack, "
                                 "/api/v1/assess and /api/v1/plan"));
  return error_reply(not_found(target->path(), "no such route; GET /api/v1/openapi.json lists them"));
}

bool is_trusted_proxy(const Services& services, const std::string& peer) {
  if (services.trusts_proxy() && check_loopback(peer)) return true;
  if (services.proxy_addresses().empty()) return false;  // the common case, without parsing the address
  const std::string key = address_key(peer);
  if (key.empty()) return false;
  for (const auto& proxy : services.proxy_addresses())
    if (address_key(proxy) == key) return true;
  return false;
}

// Who asked: the connection's peer, or from a trusted proxy (--trust-proxy:
// one on loopback; --proxy ADDRESS: one on another host) the client the
// proxy names: the last X-Forwarded-For entry (the one the proxy added) and
// X-Forwarded-Proto.
Peer effective_peer(const Request& req, const Services& services, const Peer& peer) {
  if (!is_trusted_proxy(services, peer.address)) return peer;
  Peer out = peer;
  if (const auto xff = req.find("X-Forwarded-For"); xff != req.end()) {
    std::string_view list = xff->value();
    const auto comma = list.rfind(',');
    std::string_view last = comma == std::string_view::npos ? list : list.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
    while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
    if (!last.empty()) out.address = std::string(last);
  }
  if (const auto proto = req.find("X-Forwarded-Proto"); proto != req.end())
    out.tls = peer.tls || boost::beast::iequals(proto->value(), "https");
  return out;
}

}  // namespace

namespace {

// 429 when the client has used up its API requests for now (serve --rate).
std::optional<Response> rate_limited(Services& services, std::string_view path, const Peer& peer) {
  auto* limiter = services.rate_limiter();
  if (limiter == nullptr || !path.starts_with("/api/")) return std::nullopt;
  const std::string key = address_key(peer.address);
  const auto wait = limiter->take(key.empty() ? peer.address : key, services.now());
  if (!wait) return std::nullopt;
  auto res = error_reply(Status::too_many_requests, "rate_limited",
                         limit_reached("", "more requests from this address than this server allows (" +
                                               std::to_string(static_cast<long long>(limiter->rate())) +
                                               " a second); try again in " + std::to_string(wait->count()) + " s"));
  res.set(boost::beast::http::field::retry_after, std::to_string(wait->count()));
  return res;
}

}  // namespace

bool cross_origin_path(std::string_view path) {
  if (embed_file(path)) return true;
  return std::any_of(kRoutes.begin(), kRoutes.end(), [path](const Route& r) { return r.in_checker && r.path == path; });
}

Response handle(const Request& req, Services& services, const Peer& connection) {
  const Peer peer = effective_peer(req, services, connection);
  const auto target = boost::urls::parse_origin_form(req.target());
  const std::string path = target ? target->path() : std::string();
  const auto origin = allowed_origin(req, path, services.allowed_origins());
  Response res;
  try {
    if (auto refused = guard_host_and_origin(
            req, HostPolicy{services.served_port(), peer.tls, services.public_names(), origin.has_value()}))
      res = std::move(*refused);
    else if (auto limited = rate_limited(services, path, peer))
      res = std::move(*limited);
    else if (auto answer = preflight(req, path, services.allowed_origins()))
      res = std::move(*answer);
    else
      res = dispatch(req, target, services, peer);
  } catch (const std::exception& e) {
    res = error_reply(internal_error("", std::string("unexpected failure: ") + e.what()));
  } catch (...) {
    res = error_reply(internal_error("", "unexpected failure"));
  }
  // A preflight answers for itself (its refusal carries no permission).
  const bool is_preflight =
      req.method() == verb::options && req.find(boost::beast::http::field::access_control_request_method) != req.end();
  if (origin && !is_preflight) allow_origin(res, *origin);
  if (varies_by_origin(path, services.allowed_origins())) res.set(boost::beast::http::field::vary, "Origin");
  res.version(req.version());
  res.keep_alive(req.keep_alive());
  res.set(boost::beast::http::field::server, "trialwise");
  // Over TLS, browsers are told to come back only over TLS (a year).
  if (peer.tls) res.set(boost::beast::http::field::strict_transport_security, "max-age=31536000");
  // No answer is ever read as another type than it says (a client's note in
  // JSON must never be sniffed into HTML).
  res.set("X-Content-Type-Options", "nosniff");
  // API answers are never cached; the web app's files set their own policy.
  if (res.find(boost::beast::http::field::cache_control) == res.end())
    res.set(boost::beast::http::field::cache_control, "no-store");
  // Every HTML answer (the clinician's report too) runs under the app's policy:
  // no script runs from a person's own text, whatever it holds.
  if (res[boost::beast::http::field::content_type].starts_with("text/html")) set_security_headers(res);
  res.prepare_payload();
  // A HEAD answer keeps the GET answer's Content-Length and sends no body.
  if (req.method() == verb::head) res.body().clear();
  return res;
}

std::vector<RouteInfo> route_table() {
  std::vector<RouteInfo> out;
  for (const auto& r : kRoutes) out.push_back({r.method, r.path});
  return out;
}

}  // namespace trialwise::http
