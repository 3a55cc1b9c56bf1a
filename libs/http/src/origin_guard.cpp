#include "origin_guard.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

#include "reply.hpp"

namespace trialwise::http {
namespace {

using boost::beast::http::field;
using boost::beast::http::verb;

struct Authority {
  std::string host;                   // lower case; an IPv6 address without its brackets
  std::optional<std::uint16_t> port;  // absent when not given
};

// "name", "name:port", "[v6]" or "[v6]:port"; nothing when malformed.
std::optional<Authority> parse_authority(std::string_view s) {
  Authority a;
  std::string_view rest;
  if (!s.empty() && s.front() == '[') {
    const auto close = s.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    a.host = std::string(s.substr(1, close - 1));
    rest = s.substr(close + 1);
  } else {
    const auto colon = s.find(':');
    a.host = std::string(s.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view() : s.substr(colon);
  }
  if (a.host.empty()) return std::nullopt;
  if (!rest.empty()) {
    if (rest.front() != ':' || rest.size() < 2) return std::nullopt;
    std::uint16_t port = 0;
    const auto digits = rest.substr(1);
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return std::nullopt;
    a.port = port;
  }
  std::transform(a.host.begin(), a.host.end(), a.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return a;
}

// "localhost", or a literal loopback address (127.0.0.0/8, ::1).
bool loopback_name(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

// The authority names this server: one of its public names (on any port: a
// proxy in front may publish it on its own), or a loopback name on the port
// served (a missing port means 80, or 443 over TLS).
bool served_here(const Authority& a, const HostPolicy& policy) {
  if (std::find(policy.public_names.begin(), policy.public_names.end(), a.host) != policy.public_names.end())
    return true;
  if (!loopback_name(a.host)) return false;
  if (policy.port == 0) return true;
  return a.port.value_or(policy.tls ? 443 : 80) == policy.port;
}

std::string expected(const HostPolicy& policy) {
  const std::string port = policy.port == 0 ? std::string("its port") : "port " + std::to_string(policy.port);
  std::string names = "127.0.0.1, localhost";
  for (const auto& n : policy.public_names) names += ", " + n;
  return names + " or [::1] on " + port;
}

bool changes_state(verb v) { return v == verb::post || v == verb::put || v == verb::patch || v == verb::delete_; }

Response refuse(Status status, std::string_view code, std::string where, std::string message) {
  return error_reply(status, code, invalid_input(std::move(where), std::move(message)));
}

}  // namespace

std::optional<Response> guard_host_and_origin(const Request& req, const HostPolicy& policy) {
  const auto host_field = req.find(field::host);
  // HTTP/1.0 may leave Host out; no browser does (and a rebinding page runs
  // in a browser). HTTP/1.1 requires it.
  if (host_field == req.end() && req.version() < 11 && !changes_state(req.method())) return std::nullopt;
  if (host_field == req.end())
    return refuse(Status::bad_request, "invalid_input", "Host", "a Host header is required (RFC 9112)");
  const auto host = parse_authority(host_field->value());
  if (!host)
    return refuse(Status::bad_request, "invalid_input", "Host",
                  "the Host header \"" + std::string(host_field->value()) + "\" is not a host and port");
  if (!served_here(*host, policy))
    return refuse(Status::misdirected_request, "misdirected", "Host",
                  "this server answers only to " + expected(policy) + ", not to \"" + std::string(host_field->value()) +
                      "\": a name that only points here (DNS rebinding) is refused");
  if (!changes_state(req.method()) || policy.cross_origin_allowed) return std::nullopt;

  // A write must come from this server's own pages (or from a program that
  // sends no Origin, such as curl or the command line).
  if (const auto origin = req.find(field::origin); origin != req.end()) {
    const std::string_view value = origin->value();
    const std::string_view kScheme = policy.tls ? "https://" : "http://";
    const auto authority = value.substr(0, kScheme.size()) == kScheme ? parse_authority(value.substr(kScheme.size()))
                                                                      : std::optional<Authority>();
    if (!authority || !served_here(*authority, policy))
      return refuse(Status::forbidden, "forbidden", "Origin",
                    "a change from another site (Origin \"" + std::string(value) + "\") is refused; nothing was saved");
  }
  if (const auto site = req.find("Sec-Fetch-Site"); site != req.end() && site->value() == "cross-site")
    return refuse(Status::forbidden, "forbidden", "Sec-Fetch-Site",
                  "a change from another site is refused; nothing was saved");
  return std::nullopt;
}

}  // namespace trialwise::http
