// The web app's files: GET / and GET /<file>, from the table built into the
// binary (web/). Headers are strict because the app handles health data:
// a CSP with no inline script, no sniffing, no framing, no referrer.

#include "static_routes.hpp"

#include <boost/beast/http/field.hpp>

#include "etag.hpp"
#include "reply.hpp"
#include "trialwise/web/assets.hpp"

namespace trialwise::http {
namespace {

namespace bhttp = boost::beast::http;

}  // namespace

void set_security_headers(Response& res) {
  res.set("Content-Security-Policy", kWebAppPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set(bhttp::field::x_frame_options, "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
}

std::optional<Response> static_file(const Request& request, std::string_view path) {
  const auto* asset = web::find_asset(path);
  if (asset == nullptr) return std::nullopt;
  if (request.method() != bhttp::verb::get) {
    auto res = error_reply(
        Status::method_not_allowed, "method_not_allowed",
        invalid_input(std::string(path), std::string(request.method_string()) + " is not allowed here; use GET"));
    res.set(bhttp::field::allow, "GET");
    return res;
  }
  Response res;
  const auto if_none_match = request.find(bhttp::field::if_none_match);
  if (if_none_match != request.end() && etag_matches(if_none_match->value(), asset->etag)) {
    res = Response{Status::not_modified, 11};
  } else {
    res = text_reply(Status::ok, std::string(asset->body), asset->content_type);
  }
  res.set(bhttp::field::etag, asset->etag);
  res.set(bhttp::field::cache_control, "no-cache");
  set_security_headers(res);
  return res;
}

}  // namespace trialwise::http
