#pragma once

// Request handling as a pure function of the request and the services: no
// socket, so every route and every error can be tested directly.

#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/verb.hpp>

#include "trialwise/http/message.hpp"
#include "trialwise/http/services.hpp"

namespace trialwise::http {

/// Where a request came from: the client's address (sign-in throttling).
struct Peer {
  std::string address;
  bool tls = false;  ///< over TLS: cookies are Secure and HSTS is sent
};

/// Answers one request. Never throws: an unexpected exception becomes a 500.
/// Every error is JSON, {"error": {"code", "message", "where"}} (plus
/// "problems", a list of the same, when several fields are wrong), with the
/// status from one table: 400 bad JSON or fields, 404 unknown route or no
/// running trial, 405 wrong method (with Allow), 409 conflict, 413 over a
/// limit, 415 a JSON route sent something else, 422 a plan refused for
/// safety (with the reasons), 500 otherwise. The response carries the
/// request's HTTP version and keep-alive, and its Content-Length is set.
Response handle(const Request& request, Services& services, const Peer& peer = {});

/// One route the handler dispatches: its method and its path, with
/// parameters written as in OpenAPI ("/api/v1/trial/days/{date}").
struct RouteInfo {
  boost::beast::http::verb method;
  std::string_view path;
};

/// Every route handle() dispatches, in table order.
std::vector<RouteInfo> route_table();

/// The OpenAPI 3.1 document describing every route (libs/http/openapi.json,
/// built in).
std::string_view openapi_document();

}  // namespace trialwise::http
