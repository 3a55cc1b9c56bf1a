#pragma once

// The guard against DNS rebinding and cross-site writes, applied to every
// request before routing. A page on evil.example can point its own name at
// 127.0.0.1 and then talk to this server as "same origin": only the Host
// header tells the two apart. So the server answers only a Host that names a
// loopback address or "localhost" on the port it serves, and refuses a
// state-changing request whose Origin (or Sec-Fetch-Site) says it comes from
// another site, before anything is read or saved.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/http/handler.hpp"

namespace trialwise::http {

/// What a request's Host and Origin may name.
struct HostPolicy {
  std::uint16_t port = 0;                   ///< the port served; 0 while unknown (no socket, as in tests): any port
  bool tls = false;                         ///< served over TLS: origins are https:// and a missing port means 443
  std::vector<std::string> public_names{};  ///< names besides loopback ones (serve --public-host), lower case
  /// The request comes from an origin serve --allow-origin names, to a path
  /// it may use (cors.hpp): its writes are not refused for coming from there.
  bool cross_origin_allowed = false;
};

/// Nothing when the request may go on; otherwise the refusal: 400 for a
/// missing or malformed Host, 421 for a Host this server does not answer to,
/// 403 for a POST/PUT/PATCH/DELETE from another origin (unless allowed).
std::optional<Response> guard_host_and_origin(const Request& req, const HostPolicy& policy);

}  // namespace trialwise::http
