#include "cors.hpp"

#include <algorithm>

#include <boost/beast/http/field.hpp>

#include "reply.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::http {
namespace {

namespace bhttp = boost::beast::http;

// Access-Control-Request-Headers lists only headers a checker call needs.
bool simple_headers(std::string_view list) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    auto item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty() && ascii_lower(item) != "content-type") return false;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return true;
}

}  // namespace

std::optional<std::string> allowed_origin(const Request& req, std::string_view path,
                                          const std::vector<std::string>& allowed) {
  if (allowed.empty() || !cross_origin_path(path)) return std::nullopt;
  const auto origin = req.find(bhttp::field::origin);
  if (origin == req.end()) return std::nullopt;
  const std::string value = ascii_lower(origin->value());
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) return std::nullopt;
  return value;
}

std::optional<Response> preflight(const Request& req, std::string_view path, const std::vector<std::string>& allowed) {
  if (req.method() != bhttp::verb::options) return std::nullopt;
  const auto method = req.find(bhttp::field::access_control_request_method);
  if (req.find(bhttp::field::origin) == req.end() || method == req.end()) return std::nullopt;
  const auto origin = allowed_origin(req, path, allowed);
  const auto headers = req.find(bhttp::field::access_control_request_headers);
  const bool method_ok = method->value() == "GET" || method->value() == "POST";
  if (!origin || !method_ok || (headers != req.end() && !simple_headers(headers->value())))
    return error_reply(Status::forbidden, "forbidden",
                       invalid_input("Origin", "this origin, method or header may not use " + std::string(path) +
                                                   " from another site (serve --allow-origin names the sites)"));
  Response res{Status::no_content, 11};
  allow_origin(res, *origin);
  res.set(bhttp::field::access_control_allow_methods, "GET, POST");
  res.set(bhttp::field::access_control_allow_headers, "Content-Type");
  res.set(bhttp::field::access_control_max_age, "600");
  return res;
}

void allow_origin(Response& res, const std::string& origin) {
  res.set(bhttp::field::access_control_allow_origin, origin);
}

bool varies_by_origin(std::string_view path, const std::vector<std::string>& allowed) {
  return !allowed.empty() && cross_origin_path(path);
}

Result<std::string> parse_allowed_origin(std::string_view text, const std::string& where) {
  const std::string value = ascii_lower(text);
  const bool https = value.starts_with("https://"), http = value.starts_with("http://");
  const std::string_view rest = std::string_view(value).substr(https ? 8 : http ? 7 : 0);
  const bool ok =
      (https || http) && !rest.empty() && rest.find_first_of("/?#*@ ") == std::string_view::npos && rest.front() != ':';
  if (!ok)
    return Unexpected{invalid_input(where, "\"" + std::string(text) +
                                               "\" is not an origin: give scheme, host and port if any, e.g. "
                                               "https://news.example.org (no path, no wildcard)")};
  return value;
}

}  // namespace trialwise::http
