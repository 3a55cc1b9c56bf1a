// The web app's files: GET / and GET /<file>, from the table built into the
// binary (web/). Headers are strict because the app handles health data:
// a CSP with no inline script, no sniffing, no framing, no referrer.

#include "static_routes.hpp"

#include <algorithm>
#include <array>

#include <boost/beast/http/field.hpp>

#include "etag.hpp"
#include "reply.hpp"
#include "trialwise/web/assets.hpp"

namespace trialwise::http {
namespace {

namespace bhttp = boost::beast::http;

// The web app's files the embed imports (embed.js and check_form.js name
// them); HandlerTest follows the imports, so a new one cannot be missed.
constexpr std::array<std::string_view, 10> kSharedWithEmbed = {
    "/css/check.css",   "/js/api.js",        "/js/check_form.js",    "/js/dom.js",          "/js/format.js",
    "/js/jsonlogic.js", "/js/list_field.js", "/js/questionnaire.js", "/js/result_parts.js", "/js/validate.js"};

}  // namespace

bool embed_file(std::string_view path) {
  if (path == "/embed.js" || path.starts_with("/embed/")) return true;
  return std::find(kSharedWithEmbed.begin(), kSharedWithEmbed.end(), path) != kSharedWithEmbed.end();
}

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
  if (request.method() != bhttp::verb::get && request.method() != bhttp::verb::head) {
    auto res = error_reply(
        Status::method_not_allowed, "method_not_allowed",
        invalid_input(std::string(path), std::string(request.method_string()) + " is not allowed here; use GET"));
    res.set(bhttp::field::allow, "GET, HEAD");
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
